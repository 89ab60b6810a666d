// detail/fault_detail.hpp: Marketo's serviceException (name, message, code),
// read from a fault's detail whatever the WSDL the bindings came from says.
//
// The vendor's own WSDL files declare no fault at all; ours does. Neither
// matters here: the SOAP_ENV types are the program's, not ours (see
// cmake/MktowsBindings.cmake), and every gSOAP SOAP_ENV__Detail keeps an
// element it has no type for as XML text, which soap_fault_detail() returns.
// That text is parsed with gSOAP's own DOM parser on a scratch context, so
// the answer does not depend on prefixes or on which typed members some
// generated SOAP_ENV__Detail may have.
#ifndef MKTOWS_DETAIL_FAULT_DETAIL_HPP
#define MKTOWS_DETAIL_FAULT_DETAIL_HPP

#include "stdsoap2.h"

#include <cstring>
#include <sstream>
#include <string>

// gSOAP's DOM reader (the runtime's dom.cpp; gSOAP declares it in the
// generated code of programs that import dom.h, which ours do not).
SOAP_FMAC1 struct soap_dom_element *SOAP_FMAC2 soap_in_xsd__anyType(struct soap *, const char *,
                                                                    struct soap_dom_element *, const char *);

namespace mktows {
namespace detail {

struct ServiceException {
  bool present = false;  // a serviceException element was found
  std::string name;      // "mktServiceException"
  std::string message;   // "Authentication failed (20014)"
  std::string code;      // "20014", as sent
};

// The part of a DOM element's name after its prefix.
inline const char *local_name(const soap_dom_element *e) {
  const char *n = e && e->name ? e->name : "";
  const char *colon = std::strrchr(n, ':');
  return colon ? colon + 1 : n;
}

// `xml`: the detail's content (soap_fault_detail()), or null.
inline ServiceException read_service_exception(const char *xml) {
  ServiceException out;
  if (!xml || !*xml) return out;
  // Namespaces are not checked: the detail text may use a prefix that was
  // declared outside it, and only local names matter here.
  struct soap *ctx = soap_new1(SOAP_XML_IGNORENS);
  if (!ctx) return out;
  std::istringstream in(xml);
  ctx->is = &in;
  ctx->recv_maxlength = 65536;  // a detail, not a document
  ctx->maxlevel = 16;
  soap_dom_element root(ctx);
  if (soap_begin_recv(ctx) == SOAP_OK && soap_in_xsd__anyType(ctx, nullptr, &root, nullptr)) {
    // The service sends <serviceException> as the detail's element; a
    // wrapper around it is looked through once.
    const soap_dom_element *e = &root;
    if (std::strcmp(local_name(e), "serviceException") != 0)
      for (e = root.elts; e && std::strcmp(local_name(e), "serviceException") != 0; e = e->next) {
      }
    if (e) {
      out.present = true;
      for (const soap_dom_element *c = e->elts; c; c = c->next) {
        const char *n = local_name(c);
        std::string text = c->text ? c->text : "";
        if (std::strcmp(n, "code") == 0)
          out.code = text;
        else if (std::strcmp(n, "message") == 0)
          out.message = text;
        else if (std::strcmp(n, "name") == 0)
          out.name = text;
      }
    }
  }
  ctx->is = nullptr;
  soap_destroy(ctx);
  soap_end(ctx);
  soap_free(ctx);
  return out;
}

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_FAULT_DETAIL_HPP
