// wsdl_operations.hpp: what a WSDL file says of each of its operations, read
// with libxml2 (not with gSOAP, whose reading of the same file is what the
// tests check): the soapAction, the input and output message elements, and
// whether the binding declares MktowsContextHeader on the input.
#pragma once

#include "support/files.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace mktows_test {

struct WsdlOperation {
  std::string soap_action;
  std::string input_element;    // local name of the input message's part element
  std::string output_element;   // likewise for the output
  bool context_header = false;  // the binding's input has a soap:header of MktowsContextHeader
};

namespace wsdl_detail {

inline const char kWsdlNs[] = "http://schemas.xmlsoap.org/wsdl/";
inline const char kSoapNs[] = "http://schemas.xmlsoap.org/wsdl/soap/";

inline std::string attr(xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  std::string s = v ? reinterpret_cast<const char *>(v) : "";
  xmlFree(v);
  return s;
}

inline std::string local(const std::string &qname) {
  std::size_t colon = qname.find(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

inline bool is(xmlNode *n, const char *ns, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->ns && std::string(reinterpret_cast<const char *>(n->ns->href)) == ns &&
         std::string(reinterpret_cast<const char *>(n->name)) == name;
}

}  // namespace wsdl_detail

// Operation name -> what the WSDL at `path` says of it. Throws when the file
// is not XML or a binding names an operation its portType lacks.
inline std::map<std::string, WsdlOperation> read_wsdl_operations(const std::string &path) {
  using namespace wsdl_detail;
  std::string text = read_file(path);
  std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> doc(
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "wsdl.xml", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!doc) throw std::runtime_error(path + " is not well-formed XML");
  xmlNode *root = xmlDocGetRootElement(doc.get());
  // message name -> the local name of its (single) part's element
  std::map<std::string, std::string> messages;
  for (xmlNode *m = root->children; m; m = m->next)
    if (is(m, kWsdlNs, "message"))
      for (xmlNode *p = m->children; p; p = p->next)
        if (is(p, kWsdlNs, "part")) messages[attr(m, "name")] = local(attr(p, "element"));
  std::map<std::string, WsdlOperation> ops;
  for (xmlNode *pt = root->children; pt; pt = pt->next) {
    if (!is(pt, kWsdlNs, "portType")) continue;
    for (xmlNode *o = pt->children; o; o = o->next) {
      if (!is(o, kWsdlNs, "operation")) continue;
      WsdlOperation &w = ops[attr(o, "name")];
      for (xmlNode *io = o->children; io; io = io->next) {
        if (is(io, kWsdlNs, "input")) w.input_element = messages[local(attr(io, "message"))];
        if (is(io, kWsdlNs, "output")) w.output_element = messages[local(attr(io, "message"))];
      }
    }
  }
  for (xmlNode *b = root->children; b; b = b->next) {
    if (!is(b, kWsdlNs, "binding")) continue;
    for (xmlNode *o = b->children; o; o = o->next) {
      if (!is(o, kWsdlNs, "operation")) continue;
      auto it = ops.find(attr(o, "name"));
      if (it == ops.end()) throw std::runtime_error("binding operation " + attr(o, "name") + " is not in the portType");
      for (xmlNode *c = o->children; c; c = c->next) {
        if (is(c, kSoapNs, "operation")) it->second.soap_action = attr(c, "soapAction");
        if (!is(c, kWsdlNs, "input")) continue;
        for (xmlNode *h = c->children; h; h = h->next)
          if (is(h, kSoapNs, "header") && messages[local(attr(h, "message"))] == "MktowsContextHeader")
            it->second.context_header = true;
      }
    }
  }
  return ops;
}

}  // namespace mktows_test
