// soap_fault.cpp: mktows::error_from (soap_fault.hpp), the Error of a call
// made through any generated proxy, by the client's own classification.
#include "mktows/soap_fault.hpp"

#include "mktows/detail/soap_error.hpp"

#include <cstring>

namespace mktows {

Error error_from(struct soap *soap) {
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
