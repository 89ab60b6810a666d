// soap_fault.hpp: the mktows::Error of a call that failed through a raw
// generated proxy, whatever WSDL its bindings came from (ours, the
// vendor's 2_2 file, classic `soapcpp2` output in the global namespace):
//
//   if (proxy.getLead(&params, result) != SOAP_OK) {
//     mktows::Error e = mktows::error_from(proxy.soap);
//     if (e.kind == mktows::ErrorKind::fault && e.code == mktows::fault_code::lead_not_found) ...
//     if (e.retryable()) ...   // the same rule mktows::Client applies
//   }
//
// The classification is the client's own (detail/soap_error.hpp): a SOAP
// fault gives Marketo's code (the detail's serviceException/code, read from
// the detail's XML text, so the bindings need no fault type) and message;
// an HTTP status, a transport failure or an unreadable answer their kinds.
// It needs only the gSOAP runtime and the context, not our bindings.
#ifndef MKTOWS_SOAP_FAULT_HPP
#define MKTOWS_SOAP_FAULT_HPP

#include "mktows/detail/soap_error.hpp"
#include "mktows/error.hpp"

#include <cstring>

namespace mktows {

// An Error with kind none when the context holds no error (SOAP_OK). The
// context's state is read, not changed: call it before the next call (or
// soap_end) on that context.
inline Error error_from(struct soap *soap) {
  if (!soap || soap->error == SOAP_OK) return Error();
  // A socket error is a failure to connect when gSOAP says so in its detail
  // ("connect failed in tcp_connect()"); any other happened on the way.
  const char *detail = soap_fault_detail(soap);
  detail::Phase phase =
      detail && std::strstr(detail, "connect") ? detail::Phase::send : detail::Phase::receive;
  Error e = detail::classify(soap, phase, false);
  e.attempts = 1;
  return e;
}

}  // namespace mktows

#endif  // MKTOWS_SOAP_FAULT_HPP
