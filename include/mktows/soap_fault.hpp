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
// It needs only the gSOAP runtime and the context, not our bindings; it is
// compiled into the bindings library (src/soap_fault.cpp), so this header
// is a declaration and does not bring gSOAP's runtime header.
#ifndef MKTOWS_SOAP_FAULT_HPP
#define MKTOWS_SOAP_FAULT_HPP

#include "mktows/error.hpp"

struct soap;  // gSOAP's context (stdsoap2.h), whichever bindings made the call

namespace mktows {

// An Error with kind none when the context holds no error (SOAP_OK). The
// context's state is read, not changed: call it before the next call (or
// soap_end) on that context.
Error error_from(struct soap *soap);

}  // namespace mktows

#endif  // MKTOWS_SOAP_FAULT_HPP
