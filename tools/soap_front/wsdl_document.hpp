// wsdl_document.hpp: the WSDL the sandbox serves on ?WSDL.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_front {

// A WSDL that cannot be served: missing, unreadable, not XML, not a mktows
// WSDL 1.1 document, or without a soap:address for clients to call.
class WsdlError : public std::runtime_error {
 public:
  explicit WsdlError(const std::string &what) : std::runtime_error(what) {}
};

// The WSDL the bindings were generated from (MKTOWS_WSDL), embedded at
// build time.
const std::string &embedded_wsdl();

// A WSDL document, checked and prepared once at start, served with the
// location of every soap:address pointed at this server.
//
// Parsed with libxml2, so the addresses are found by namespace, whatever
// the prefix (soap:, wsdlsoap:, a default namespace) and whatever their old
// value: the `address` elements of the WSDL SOAP 1.1 and SOAP 1.2 bindings
// in a wsdl:service's wsdl:port. Comments, documentation and elements of
// other namespaces are left as they are.
class WsdlDocument {
 public:
  // Throws WsdlError; `origin` names the document in its messages.
  WsdlDocument(const std::string &text, const std::string &origin);
  // Reads `path` once; throws WsdlError.
  static WsdlDocument from_file(const std::string &path);

  // The document (UTF-8) with every soap:address location set to `location`.
  std::string with_address(const std::string &location) const;
  std::size_t address_count() const { return pieces_.size() - 1; }

 private:
  // The serialized document, cut where the locations go.
  std::vector<std::string> pieces_;
};

}  // namespace mktows_front
