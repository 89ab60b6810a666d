// wsdl_document.cpp: checking a WSDL once and pointing its soap:address at
// the sandbox.
#include "wsdl_document.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mktows_front {

namespace {

const char kWsdlNamespace[] = "http://schemas.xmlsoap.org/wsdl/";
const char kSoap11BindingNamespace[] = "http://schemas.xmlsoap.org/wsdl/soap/";
const char kSoap12BindingNamespace[] = "http://schemas.xmlsoap.org/wsdl/soap12/";
const char kMktowsNamespace[] = "http://www.marketo.com/mktows/";
// Far above any WSDL of a few dozen operations; the bound makes
// `--wsdl /dev/zero` an error instead of a start that never ends.
const std::size_t kMaxWsdlBytes = 16u << 20;

struct FreeDoc {
  void operator()(xmlDoc *d) const { xmlFreeDoc(d); }
};
struct FreeParser {
  void operator()(xmlParserCtxt *c) const { xmlFreeParserCtxt(c); }
};
struct CloseFile {
  void operator()(std::FILE *f) const { std::fclose(f); }
};

const char *text_of(const xmlChar *s) { return reinterpret_cast<const char *>(s); }

bool is_element(const xmlNode *n, const char *ns, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && std::strcmp(text_of(n->ns->href), ns) == 0 &&
         std::strcmp(text_of(n->name), name) == 0;
}

std::string expanded_name(const xmlNode *n) {
  return std::string("{") + (n->ns && n->ns->href ? text_of(n->ns->href) : "") + "}" + text_of(n->name);
}

// The soap:address elements clients read: wsdl:service/wsdl:port/soap:address.
std::vector<xmlNode *> service_addresses(xmlNode *definitions) {
  std::vector<xmlNode *> out;
  for (xmlNode *service = definitions->children; service; service = service->next) {
    if (!is_element(service, kWsdlNamespace, "service")) continue;
    for (xmlNode *port = service->children; port; port = port->next) {
      if (!is_element(port, kWsdlNamespace, "port")) continue;
      for (xmlNode *a = port->children; a; a = a->next)
        if (is_element(a, kSoap11BindingNamespace, "address") || is_element(a, kSoap12BindingNamespace, "address"))
          out.push_back(a);
    }
  }
  return out;
}

std::string serialize(xmlDoc *doc, const std::string &origin) {
  xmlChar *bytes = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &bytes, &size, "UTF-8");
  if (!bytes) throw WsdlError(origin + ": cannot serialize the document");
  std::string out(text_of(bytes), static_cast<std::size_t>(size));
  xmlFree(bytes);
  return out;
}

std::vector<std::string> split(const std::string &text, const std::string &marker) {
  std::vector<std::string> pieces;
  std::size_t from = 0, at;
  while ((at = text.find(marker, from)) != std::string::npos) {
    pieces.push_back(text.substr(from, at - from));
    from = at + marker.size();
  }
  pieces.push_back(text.substr(from));
  return pieces;
}

// libxml2 writes attribute values between double quotes.
std::string escape_attribute(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

WsdlDocument::WsdlDocument(const std::string &text, const std::string &origin) {
  if (text.size() > kMaxWsdlBytes || text.size() > INT_MAX)
    throw WsdlError(origin + ": larger than " + std::to_string(kMaxWsdlBytes >> 20) + " MiB, not a mktows WSDL");
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, FreeParser> parser(xmlNewParserCtxt());
  if (!parser) throw WsdlError(origin + ": cannot create an XML parser");
  // No network, no external DTD, no entity substitution; errors are
  // reported below, not printed by libxml2.
  std::unique_ptr<xmlDoc, FreeDoc> doc(xmlCtxtReadMemory(parser.get(), text.data(), static_cast<int>(text.size()),
                                                         nullptr, nullptr,
                                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError *e = xmlCtxtGetLastError(parser.get());
    std::string why = e && e->message ? e->message : "not well-formed";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw WsdlError(origin + ": not XML (line " + std::to_string(e ? e->line : 0) + ": " + why + ")");
  }
  xmlNode *root = xmlDocGetRootElement(doc.get());
  if (!root || !is_element(root, kWsdlNamespace, "definitions"))
    throw WsdlError(origin + ": not a WSDL 1.1 document (root element " +
                    (root ? expanded_name(root) : std::string("missing")) + ", expected {" + kWsdlNamespace +
                    "}definitions)");
  xmlChar *tns = xmlGetNoNsProp(root, reinterpret_cast<const xmlChar *>("targetNamespace"));
  std::string target = tns ? text_of(tns) : "";
  xmlFree(tns);
  if (target != kMktowsNamespace)
    throw WsdlError(origin + ": not a mktows WSDL (targetNamespace \"" + target + "\", expected \"" +
                    kMktowsNamespace + "\")");
  std::vector<xmlNode *> addresses = service_addresses(root);
  if (addresses.empty())
    throw WsdlError(origin + ": no soap:address in any wsdl:service/wsdl:port (a client would not know where to call)");

  // Every location is set to a marker the document does not contain, the
  // result serialized once and cut at the markers: serving is then a join.
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string marker = "mktows-sandbox-location-" + std::to_string(attempt);
    if (text.find(marker) != std::string::npos) continue;
    for (xmlNode *a : addresses)
      xmlSetProp(a, reinterpret_cast<const xmlChar *>("location"), reinterpret_cast<const xmlChar *>(marker.c_str()));
    std::vector<std::string> pieces = split(serialize(doc.get(), origin), marker);
    if (pieces.size() == addresses.size() + 1) {
      pieces_ = std::move(pieces);
      return;
    }
  }
  throw WsdlError(origin + ": cannot place the service address");
}

WsdlDocument WsdlDocument::from_file(const std::string &path) {
  const std::string origin = "WSDL file " + path;
  std::unique_ptr<std::FILE, CloseFile> f(std::fopen(path.c_str(), "rb"));
  if (!f) throw WsdlError(origin + ": cannot open: " + std::strerror(errno));
  std::string text;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    text.append(buf, n);
    if (text.size() > kMaxWsdlBytes)
      throw WsdlError(origin + ": larger than " + std::to_string(kMaxWsdlBytes >> 20) + " MiB, not a mktows WSDL");
  }
  if (std::ferror(f.get())) throw WsdlError(origin + ": cannot read: " + std::strerror(errno));
  if (text.empty()) throw WsdlError(origin + ": empty");
  return WsdlDocument(text, origin);
}

std::string WsdlDocument::with_address(const std::string &location) const {
  std::string value = escape_attribute(location);
  std::size_t size = value.size() * address_count();
  for (const std::string &p : pieces_) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    if (i) out += value;
    out += pieces_[i];
  }
  return out;
}

}  // namespace mktows_front
