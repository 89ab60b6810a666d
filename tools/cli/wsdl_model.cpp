// wsdl_model.cpp: reads a WSDL 1.1 file into the model of wsdl_model.hpp.
#include "wsdl_model.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_cli {
namespace wsdl {

const char kXsdNamespace[] = "http://www.w3.org/2001/XMLSchema";

namespace {

const char kWsdlNamespace[] = "http://schemas.xmlsoap.org/wsdl/";
const char kWsdl20Namespace[] = "http://www.w3.org/ns/wsdl";
const char kSoap11Namespace[] = "http://schemas.xmlsoap.org/wsdl/soap/";

bool is(const xmlNode *n, const char *ns, const char *local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         std::strcmp(reinterpret_cast<const char *>(n->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char *>(n->name), local) == 0;
}

bool in_ns(const xmlNode *n, const char *ns) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         std::strcmp(reinterpret_cast<const char *>(n->ns->href), ns) == 0;
}

std::string local_name(const xmlNode *n) { return reinterpret_cast<const char *>(n->name); }

std::vector<xmlNode *> children(xmlNode *parent, const char *ns, const char *local) {
  std::vector<xmlNode *> out;
  for (xmlNode *c = parent ? parent->children : nullptr; c; c = c->next)
    if (is(c, ns, local)) out.push_back(c);
  return out;
}

xmlNode *child(xmlNode *parent, const char *ns, const char *local) {
  for (xmlNode *c = parent ? parent->children : nullptr; c; c = c->next)
    if (is(c, ns, local)) return c;
  return nullptr;
}

bool has_attr(xmlNode *n, const char *name) { return xmlHasNsProp(n, BAD_CAST name, nullptr) != nullptr; }

// An unqualified attribute's value (every WSDL and schema attribute read here
// is unqualified). The document has no DTD (refused below), so a value holds
// no entity reference to expand.
std::string attr(xmlNode *n, const char *name) {
  xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
  if (!v) return std::string();
  std::string s(reinterpret_cast<const char *>(v));
  xmlFree(v);
  return s;
}

std::string trim(const std::string &s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::string();
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_words(const std::string &s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t b = s.find_first_not_of(" \t\r\n", i);
    if (b == std::string::npos) break;
    std::size_t e = s.find_first_of(" \t\r\n", b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
    i = e;
  }
  return out;
}

bool truthy(const std::string &v) { return v == "true" || v == "1"; }

struct Part {
  std::string name;
  Name element;  // or, for an rpc part, its type
};

class Reader {
 public:
  Reader(xmlDoc *doc, Definitions &d) : doc_(doc), d_(d) {}

  void read(xmlNode *root) {
    d_.target_namespace = attr(root, "targetNamespace");
    for (xmlNode *imp : children(root, kWsdlNamespace, "import"))
      d_.notes.push_back("wsdl:import of " + attr(imp, "location") + " is not followed");
    for (xmlNode *types : children(root, kWsdlNamespace, "types"))
      for (xmlNode *schema : children(types, kXsdNamespace, "schema")) read_schema(schema);
    read_messages(root);
    read_operations(root);
  }

 private:
  // The model's name for a component `local` of a schema whose target
  // namespace is `ns`.
  Name own(const std::string &ns, const std::string &local) const {
    return Name{ns == d_.target_namespace ? std::string() : ns, local};
  }

  // Resolves a QName attribute value in the scope of `context`. An unprefixed
  // name takes the default namespace, as XML Schema says; with none declared
  // it has no namespace, which the model does not tell from the target
  // namespace (no mktows WSDL has no-namespace components).
  Name resolve(xmlNode *context, const std::string &raw) {
    std::string q = trim(raw);
    std::size_t colon = q.find(':');
    std::string prefix = colon == std::string::npos ? std::string() : q.substr(0, colon);
    std::string local = colon == std::string::npos ? q : q.substr(colon + 1);
    xmlNs *ns = xmlSearchNs(doc_, context, prefix.empty() ? nullptr : BAD_CAST prefix.c_str());
    if (!ns) {
      if (prefix.empty()) return own(std::string(), local);
      d_.notes.push_back("the prefix '" + prefix + "' of '" + q + "' is not declared");
      return Name{"undeclared:" + prefix, local};
    }
    return own(reinterpret_cast<const char *>(ns->href), local);
  }

  void read_schema(xmlNode *schema) {
    std::string tns = attr(schema, "targetNamespace");
    if (tns == d_.target_namespace && !schema_seen_) {
      schema_seen_ = true;
      if (has_attr(schema, "elementFormDefault")) d_.element_form_default = attr(schema, "elementFormDefault");
    }
    for (xmlNode *c = schema->children; c; c = c->next) {
      if (!in_ns(c, kXsdNamespace)) continue;
      std::string kind = local_name(c);
      if (kind == "complexType" || kind == "simpleType") {
        Type t = kind == "complexType" ? read_complex(c, display(own(tns, attr(c, "name"))), tns)
                                       : read_simple(c, display(own(tns, attr(c, "name"))));
        add_type(std::move(t));
      } else if (kind == "element") {
        Element e;
        e.name = display(own(tns, attr(c, "name")));
        e.type = member_type(c, "(element " + e.name + ")", tns);
        if (!d_.elements.emplace(e.name, e).second)
          d_.notes.push_back("element " + e.name + " is declared twice; the first is compared");
      } else if (kind == "import" || kind == "include" || kind == "redefine") {
        if (has_attr(c, "schemaLocation"))
          d_.notes.push_back("xs:" + kind + " of " + attr(c, "schemaLocation") + " is not followed");
      } else if (kind == "group" || kind == "attributeGroup" || kind == "attribute") {
        d_.notes.push_back("global xs:" + kind + " " + attr(c, "name") + " is not compared");
      }
    }
  }

  void add_type(Type t) {
    std::string name = t.name;
    if (!d_.types.emplace(name, std::move(t)).second)
      d_.notes.push_back("type " + name + " is defined twice; the first is compared");
  }

  // The type of an element or attribute declaration: its type attribute, an
  // inline type (registered under `anonymous_name`), or xs:anyType.
  Name member_type(xmlNode *decl, const std::string &anonymous_name, const std::string &tns) {
    if (has_attr(decl, "type")) return resolve(decl, attr(decl, "type"));
    if (xmlNode *ct = child(decl, kXsdNamespace, "complexType")) {
      add_type(read_complex(ct, anonymous_name, tns));
      return own(tns, anonymous_name);
    }
    if (xmlNode *st = child(decl, kXsdNamespace, "simpleType")) {
      add_type(read_simple(st, anonymous_name));
      return own(tns, anonymous_name);
    }
    return Name{kXsdNamespace, is(decl, kXsdNamespace, "attribute") ? "anySimpleType" : "anyType"};
  }

  Type read_simple(xmlNode *st, const std::string &name) {
    Type t;
    t.name = name;
    t.simple = true;
    if (xmlNode *r = child(st, kXsdNamespace, "restriction")) {
      t.derivation = "restriction";
      if (has_attr(r, "base")) t.base = resolve(r, attr(r, "base"));
      for (xmlNode *f = r->children; f; f = f->next) {
        if (!in_ns(f, kXsdNamespace) || is(f, kXsdNamespace, "annotation") || is(f, kXsdNamespace, "simpleType"))
          continue;
        std::string facet = local_name(f);
        t.values.push_back(facet == "enumeration" ? attr(f, "value") : facet + "=" + attr(f, "value"));
      }
    } else if (xmlNode *l = child(st, kXsdNamespace, "list")) {
      t.derivation = "list";
      if (has_attr(l, "itemType")) t.base = resolve(l, attr(l, "itemType"));
    } else if (xmlNode *u = child(st, kXsdNamespace, "union")) {
      t.derivation = "union";
      for (const std::string &m : split_words(attr(u, "memberTypes"))) t.values.push_back(display(resolve(u, m)));
    }
    return t;
  }

  Type read_complex(xmlNode *ct, const std::string &name, const std::string &tns) {
    Type t;
    t.name = name;
    t.abstract = truthy(attr(ct, "abstract"));
    read_content(ct, t, tns);
    return t;
  }

  void add_member(Type &t, Member m) {
    std::string key = m.key;
    for (int n = 2; std::any_of(t.members.begin(), t.members.end(), [&](const Member &o) { return o.key == key; });
         ++n)
      key = m.key + " #" + std::to_string(n);
    m.key = key;
    t.members.push_back(std::move(m));
  }

  static std::string occurs(xmlNode *n, const char *name) {
    std::string v = trim(attr(n, name));
    return v.empty() ? "1" : v;
  }

  // The members of a complex type's content, in document order; nested
  // groups (sequence in choice, ...) are flattened.
  void read_content(xmlNode *parent, Type &t, const std::string &tns, const std::string &group = "") {
    for (xmlNode *c = parent->children; c; c = c->next) {
      if (!in_ns(c, kXsdNamespace)) continue;
      std::string kind = local_name(c);
      if (kind == "sequence" || kind == "choice" || kind == "all") {
        read_content(c, t, tns, kind);
      } else if (kind == "complexContent" || kind == "simpleContent") {
        for (xmlNode *d = c->children; d; d = d->next) {
          if (!is(d, kXsdNamespace, "extension") && !is(d, kXsdNamespace, "restriction")) continue;
          t.derivation = local_name(d);
          if (has_attr(d, "base")) t.base = resolve(d, attr(d, "base"));
          read_content(d, t, tns, group);
        }
      } else if (kind == "element") {
        Member m;
        if (has_attr(c, "ref")) {
          m.type = resolve(c, attr(c, "ref"));
          m.key = "ref " + display(m.type);
          m.ref = true;
        } else {
          m.key = attr(c, "name");
          m.type = member_type(c, t.name + "/" + m.key, tns);
        }
        m.min_occurs = occurs(c, "minOccurs");
        m.max_occurs = occurs(c, "maxOccurs");
        m.nillable = truthy(attr(c, "nillable"));
        m.group = group;
        add_member(t, std::move(m));
      } else if (kind == "any") {
        Member m;
        m.key = "(any)";
        m.type = Name{kXsdNamespace, "any"};
        m.group = group;
        m.min_occurs = occurs(c, "minOccurs");
        m.max_occurs = occurs(c, "maxOccurs");
        add_member(t, std::move(m));
      } else if (kind == "attribute") {
        Member m;
        if (has_attr(c, "ref")) {
          m.type = resolve(c, attr(c, "ref"));
          m.key = "@ref " + display(m.type);
          m.ref = true;
        } else {
          m.key = "@" + attr(c, "name");
          m.type = member_type(c, t.name + "/" + m.key, tns);
        }
        m.min_occurs = attr(c, "use") == "required" ? "1" : "0";
        add_member(t, std::move(m));
      } else if (kind == "group" || kind == "attributeGroup") {
        Member m;
        m.type = resolve(c, attr(c, "ref"));
        m.key = kind + " " + display(m.type);
        m.ref = true;
        add_member(t, std::move(m));
      } else if (kind == "anyAttribute") {
        Member m;
        m.key = "@(any)";
        m.type = Name{kXsdNamespace, "anyAttribute"};
        m.min_occurs = "0";
        add_member(t, std::move(m));
      }
    }
  }

  void read_messages(xmlNode *root) {
    for (xmlNode *m : children(root, kWsdlNamespace, "message")) {
      std::vector<Part> parts;
      for (xmlNode *p : children(m, kWsdlNamespace, "part"))
        parts.push_back(Part{attr(p, "name"), has_attr(p, "element") ? resolve(p, attr(p, "element"))
                                                                      : resolve(p, attr(p, "type"))});
      messages_[display(own(d_.target_namespace, attr(m, "name")))] = std::move(parts);
    }
  }

  const std::vector<Part> *message(xmlNode *context, const std::string &qname) {
    auto it = messages_.find(display(resolve(context, qname)));
    if (it != messages_.end()) return &it->second;
    d_.notes.push_back("message " + qname + " is not defined");
    return nullptr;
  }

  // The elements of a message's parts that a soap:body carries (its `parts`
  // attribute, else all of them).
  std::vector<Name> body_elements(xmlNode *context, const std::string &message_name, xmlNode *body) {
    std::vector<Name> out;
    const std::vector<Part> *parts = message_name.empty() ? nullptr : message(context, message_name);
    if (!parts) return out;
    bool listed = body && has_attr(body, "parts");
    std::vector<std::string> names = listed ? split_words(attr(body, "parts")) : std::vector<std::string>();
    for (const Part &p : *parts)
      if (!listed || std::find(names.begin(), names.end(), p.name) != names.end()) out.push_back(p.element);
    return out;
  }

  std::vector<Name> header_elements(xmlNode *io) {
    std::vector<Name> out;
    for (xmlNode *h : children(io, kSoap11Namespace, "header")) {
      const std::vector<Part> *parts = message(h, attr(h, "message"));
      if (!parts) continue;
      std::string part = attr(h, "part");
      bool found = false;
      for (const Part &p : *parts)
        if (p.name == part) {
          out.push_back(p.element);
          found = true;
        }
      if (!found) d_.notes.push_back("soap:header part '" + part + "' is not in message " + attr(h, "message"));
    }
    return out;
  }

  // The SOAP 1.1 binding the service's port uses; else the first one.
  xmlNode *choose_binding(xmlNode *root) {
    std::vector<xmlNode *> soap_bindings;
    for (xmlNode *b : children(root, kWsdlNamespace, "binding"))
      if (child(b, kSoap11Namespace, "binding")) soap_bindings.push_back(b);
    if (soap_bindings.empty()) return nullptr;
    xmlNode *chosen = nullptr;
    for (xmlNode *s : children(root, kWsdlNamespace, "service"))
      for (xmlNode *p : children(s, kWsdlNamespace, "port")) {
        if (chosen || !child(p, kSoap11Namespace, "address")) continue;
        Name want = resolve(p, attr(p, "binding"));
        for (xmlNode *b : soap_bindings)
          if (!chosen && own(d_.target_namespace, attr(b, "name")) == want) chosen = b;
      }
    if (!chosen) chosen = soap_bindings.front();
    if (soap_bindings.size() > 1)
      d_.notes.push_back(std::to_string(soap_bindings.size()) + " SOAP 1.1 bindings; " + attr(chosen, "name") +
                         " is compared");
    return chosen;
  }

  void read_operations(xmlNode *root) {
    xmlNode *binding = choose_binding(root);
    std::vector<xmlNode *> port_types = children(root, kWsdlNamespace, "portType");
    if (binding) {
      Name type = resolve(binding, attr(binding, "type"));
      std::vector<xmlNode *> bound;
      for (xmlNode *pt : port_types)
        if (own(d_.target_namespace, attr(pt, "name")) == type) bound.push_back(pt);
      if (bound.empty()) d_.notes.push_back("binding " + attr(binding, "name") + " names an undefined port type");
      port_types = bound;
    } else {
      d_.notes.push_back("no SOAP 1.1 binding: operations are compared without soapAction, style or headers");
    }
    xmlNode *soap_binding = binding ? child(binding, kSoap11Namespace, "binding") : nullptr;
    std::string default_style = soap_binding && has_attr(soap_binding, "style") ? attr(soap_binding, "style") : "document";
    for (xmlNode *pt : port_types)
      for (xmlNode *po : children(pt, kWsdlNamespace, "operation")) {
        Operation op;
        op.name = attr(po, "name");
        op.style = default_style;
        xmlNode *in = child(po, kWsdlNamespace, "input");
        xmlNode *out = child(po, kWsdlNamespace, "output");
        for (xmlNode *f : children(po, kWsdlNamespace, "fault")) op.faults.push_back(attr(f, "name"));
        xmlNode *bo = nullptr;
        if (binding)
          for (xmlNode *c : children(binding, kWsdlNamespace, "operation"))
            if (attr(c, "name") == op.name) bo = c;
        xmlNode *bin = nullptr, *bout = nullptr;
        if (bo) {
          op.bound = true;
          if (xmlNode *so = child(bo, kSoap11Namespace, "operation")) {
            op.soap_action = attr(so, "soapAction");
            if (has_attr(so, "style")) op.style = attr(so, "style");
          }
          bin = child(bo, kWsdlNamespace, "input");
          bout = child(bo, kWsdlNamespace, "output");
        }
        xmlNode *in_body = child(bin, kSoap11Namespace, "body");
        op.input_use = in_body ? attr(in_body, "use") : std::string();
        op.input_body = body_elements(po, in ? attr(in, "message") : std::string(), in_body);
        op.output_body =
            body_elements(po, out ? attr(out, "message") : std::string(), child(bout, kSoap11Namespace, "body"));
        if (bin) op.input_headers = header_elements(bin);
        if (bout) op.output_headers = header_elements(bout);
        if (!d_.operations.emplace(op.name, op).second)
          d_.notes.push_back("operation " + op.name + " is declared twice; the first is compared");
      }
  }

  xmlDoc *doc_;
  Definitions &d_;
  bool schema_seen_ = false;
  std::map<std::string, std::vector<Part>> messages_;
};

struct DocFree {
  void operator()(xmlDoc *d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt *c) const { xmlFreeParserCtxt(c); }
};

}  // namespace

std::string display(const Name &name) {
  if (name.ns.empty()) return name.local;
  if (name.ns == kXsdNamespace) return "xs:" + name.local;
  return "{" + name.ns + "}" + name.local;
}

Definitions read_wsdl_text(const std::string &text, const std::string &source) {
  if (text.size() > static_cast<std::size_t>(kMaxWsdlBytes))
    throw ReadError(ReadError::Kind::unreadable, source + ": larger than " + std::to_string(kMaxWsdlBytes) + " bytes");
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt || !ctxt->sax) throw std::bad_alloc();
  // A WSDL has no DOCTYPE. The parser stops at the DOCTYPE's name, before
  // any entity declaration of it is read, so none can be expanded or fetched.
  bool doctype = false;
  ctxt->_private = &doctype;
  ctxt->sax->internalSubset = [](void *c, const xmlChar *, const xmlChar *, const xmlChar *) {
    xmlParserCtxt *parser = static_cast<xmlParserCtxt *>(c);
    *static_cast<bool *>(parser->_private) = true;
    xmlStopParser(parser);
  };
  // NONET: nothing is fetched. Without NOENT, entities are not substituted;
  // without DTDLOAD, no external DTD is read.
  // NOERROR/NOWARNING: the error is reported once, by us, below.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), source.c_str(), nullptr, options));
  if (doctype || (doc && (doc->intSubset || doc->extSubset)))
    throw ReadError(ReadError::Kind::not_wsdl, source + ": has a DOCTYPE; a WSDL file has none, and its entities "
                                                        "are not expanded (refused)");
  if (!doc) {
    const xmlError *e = xmlCtxtGetLastError(ctxt.get());
    std::string message = e && e->message ? trim(e->message) : std::string("unknown libxml2 error");
    int line = e ? e->line : 0;
    throw ReadError(ReadError::Kind::not_xml,
                    source + ": not well-formed XML: line " + std::to_string(line) + ": " + message);
  }
  xmlNode *root = xmlDocGetRootElement(doc.get());
  if (!is(root, kWsdlNamespace, "definitions")) {
    std::string found = root ? (root->ns && root->ns->href ? "{" + std::string(reinterpret_cast<const char *>(
                                                                            root->ns->href)) + "}"
                                                           : std::string()) +
                                   local_name(root)
                             : std::string("nothing");
    std::string hint = root && in_ns(root, kWsdl20Namespace) ? " (WSDL 2.0 is not supported)" : "";
    throw ReadError(ReadError::Kind::not_wsdl, source + ": not a WSDL 1.1 document: the root element is " + found +
                                                   ", not definitions in " + kWsdlNamespace + hint);
  }
  Definitions d;
  d.source = source;
  Reader(doc.get(), d).read(root);
  // A note (an undeclared prefix, say) may come from every use: say it once.
  std::vector<std::string> notes;
  for (const std::string &n : d.notes)
    if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
  d.notes = std::move(notes);
  return d;
}

Definitions read_wsdl_file(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ReadError(ReadError::Kind::unreadable, path + ": cannot open: " + std::strerror(errno));
  std::unique_ptr<int, void (*)(int *)> closer(&fd, [](int *f) { ::close(*f); });
  struct stat st;
  if (::fstat(fd, &st) != 0) throw ReadError(ReadError::Kind::unreadable, path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw ReadError(ReadError::Kind::unreadable, path + ": not a regular file");
  if (st.st_size > kMaxWsdlBytes)
    throw ReadError(ReadError::Kind::unreadable, path + ": larger than " + std::to_string(kMaxWsdlBytes) + " bytes");
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ReadError(ReadError::Kind::unreadable, path + ": cannot read: " + std::strerror(errno));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > static_cast<std::size_t>(kMaxWsdlBytes))
      throw ReadError(ReadError::Kind::unreadable, path + ": larger than " + std::to_string(kMaxWsdlBytes) + " bytes");
  }
  return read_wsdl_text(text, path);
}

}  // namespace wsdl
}  // namespace mktows_cli
