// xml_tree.hpp: an independent view of an XML message, parsed by libxml2.
//
// Tests compare what gSOAP writes against the seed's messages through this
// parser, not through gSOAP itself, so a serializer bug cannot hide behind
// the same bug in the deserializer.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

namespace mktows_test {

// One element: namespace URI, local name, text (trimmed, for leaves),
// xsi:nil, and children in document order.
struct XmlNode {
  std::string ns;
  std::string name;
  std::string text;
  bool nil = false;
  std::vector<XmlNode> children;

  // A one-line canonical form: {ns}name[nil]="text"(children...)
  std::string canonical() const {
    std::ostringstream out;
    out << '{' << ns << '}' << name;
    if (nil) out << "[nil]";
    if (children.empty()) out << "=\"" << text << '"';
    else {
      out << '(';
      for (std::size_t i = 0; i < children.size(); ++i) out << (i ? "," : "") << children[i].canonical();
      out << ')';
    }
    return out.str();
  }
};

inline std::string trim(const std::string &s) {
  const char *ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return std::string();
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

inline XmlNode to_tree(xmlNode *n) {
  XmlNode out;
  out.name = reinterpret_cast<const char *>(n->name);
  if (n->ns && n->ns->href) out.ns = reinterpret_cast<const char *>(n->ns->href);
  xmlChar *nil = xmlGetNsProp(n, BAD_CAST "nil", BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
  if (nil) {
    out.nil = std::string(reinterpret_cast<char *>(nil)) == "true";
    xmlFree(nil);
  }
  std::string text;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.children.push_back(to_tree(c));
    else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      text += reinterpret_cast<const char *>(c->content);
  }
  out.text = trim(text);
  return out;
}

// Parses a SOAP envelope and returns the element named `part` (Header or
// Body) of the SOAP 1.1 envelope namespace. Throws on malformed XML.
inline XmlNode envelope_part(const std::string &xml, const std::string &part) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "message.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOBLANKS),
      xmlFreeDoc);
  if (!doc) throw std::runtime_error("libxml2 could not parse the message");
  xmlNode *env = xmlDocGetRootElement(doc.get());
  static const char *soapenv = "http://schemas.xmlsoap.org/soap/envelope/";
  if (!env || !env->ns || std::string(reinterpret_cast<const char *>(env->ns->href)) != soapenv)
    throw std::runtime_error("root is not a SOAP 1.1 Envelope");
  for (xmlNode *c = env->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && part == reinterpret_cast<const char *>(c->name))
      return to_tree(c);
  throw std::runtime_error("no " + part + " in the envelope");
}

// Everything after the blank line that ends an HTTP head, if there is one.
inline std::string http_body(const std::string &message) {
  std::size_t at = message.find("\r\n\r\n");
  if (message.compare(0, 5, "POST ") == 0 && at != std::string::npos) return message.substr(at + 4);
  return message;
}

}  // namespace mktows_test
