// header_writer.hpp: writes the mktows SOAP headers into an outgoing message.
//
// Our bindings leave SOAP_ENV__Header to the program (see
// cmake/MktowsBindings.cmake), so the headers are not members of it and
// gSOAP's soap_putheader cannot write them. gSOAP built WITH_DOM (Debian's
// gsoapssl++ is) hands every element start to soap->feltbegout instead of
// writing it; a hook writes the start as the runtime would
// (write_element_start) and, right after the Envelope's start
// (is_envelope_start), the <SOAP-ENV:Header> element (write_headers). The
// Content-Length pass and the send pass both go through the hook, so both
// see the same bytes. auth_plugin.hpp is the hook every client uses.
#ifndef MKTOWS_HEADER_WRITER_HPP
#define MKTOWS_HEADER_WRITER_HPP

#include "mktows/wire.hpp"

#include <cstring>

#if !defined(WITH_DOM)
#error "mktows writes its SOAP headers through soap->feltbegout, which gSOAP has only WITH_DOM (pkg-config --cflags gsoapssl++)"
#endif
#if GSOAP_VERSION < 208100
#error "mktows needs gSOAP 2.8.100 or later: earlier runtimes call feltbegout after writing the element's start"
#endif

namespace mktows {

// What soap_element_begin_out writes when no hook is set.
inline int write_element_start(struct soap *soap, const char *tag, int id, const char *type) {
  if (soap_element(soap, tag, id, type) || soap_element_start_end_out(soap, nullptr)) return soap->error;
  return SOAP_OK;
}

// The element just started is the message's <SOAP-ENV:Envelope>.
inline bool is_envelope_start(const struct soap *soap, const char *tag) {
  return soap->part == SOAP_IN_ENVELOPE && std::strcmp(tag, "SOAP-ENV:Envelope") == 0;
}

// <SOAP-ENV:Header> holding AuthenticationHeader and, when `context` is
// not null, MktowsContextHeader.
inline int write_headers(struct soap *soap, const wire::mktows__AuthenticationHeaderInfo &auth,
                         const wire::mktows__MktowsContextHeaderInfo *context) {
  if (!soap->version) return SOAP_OK;  // not a SOAP message
  soap->part = SOAP_IN_HEADER;
  if (soap_element_begin_out(soap, "SOAP-ENV:Header", 0, nullptr) ||
      wire::soap_out_mktows__AuthenticationHeaderInfo(soap, "mktows:AuthenticationHeader", -1, &auth, "") ||
      (context && wire::soap_out_mktows__MktowsContextHeaderInfo(soap, "mktows:MktowsContextHeader", -1, context, "")) ||
      soap_element_end_out(soap, "SOAP-ENV:Header"))
    return soap->error;
  soap->part = SOAP_END_HEADER;
  return SOAP_OK;
}

}  // namespace mktows

#endif  // MKTOWS_HEADER_WRITER_HPP
