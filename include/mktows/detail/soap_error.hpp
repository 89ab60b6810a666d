// detail/soap_error.hpp: turns the state gSOAP leaves after a failed call
// into an Error (transport, HTTP, fault or protocol).
//
// What gSOAP 2.8.124 leaves behind, observed on loopback:
//   refused / unresolvable  SOAP_TCP_ERROR, errnum ECONNREFUSED / 0
//   connect timeout         SOAP_TCP_ERROR, fault string "Timeout"
//   TLS failure             SOAP_SSL_ERROR
//   no answer in time       SOAP_EOF, nothing received, socket not readable
//   closed without answer   SOAP_EOF, nothing received, socket readable (EOF)
//   answer > recv_maxlength SOAP_EOF with soap->count beyond the limit
//   HTTP 502 page           error 502, the body in the fault detail
//   HTTP 500 non-SOAP       error 500, the body left in soap->buf
//   SOAP fault              SOAP_CLI_FAULT / SOAP_SVR_FAULT, soap->fault set
//   200 with non-SOAP body  an XML error such as SOAP_TAG_MISMATCH
#ifndef MKTOWS_DETAIL_SOAP_ERROR_HPP
#define MKTOWS_DETAIL_SOAP_ERROR_HPP

#include "mktows/detail/fault_detail.hpp"
#include "mktows/error.hpp"
#include "stdsoap2.h"  // only the runtime: classify() serves any generated bindings (soap_fault.hpp)

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>

namespace mktows {
namespace detail {

static const std::size_t kExcerptBytes = 512;

inline std::string excerpt(const char *p, std::size_t n) {
  if (!p) return std::string();
  if (n > kExcerptBytes) n = kExcerptBytes;
  return std::string(p, n);
}

// The start of a body gSOAP gave up on, from its input buffer: after the
// HTTP head when the buffer still holds it (gSOAP may have parsed a few
// bytes of the body already), else the unread rest.
inline std::string buffered_body(const struct soap *soap) {
  std::size_t len = soap->buflen < sizeof soap->buf ? soap->buflen : sizeof soap->buf;
  const char *buf = soap->buf;
  for (std::size_t i = 0; i + 3 < len; ++i)
    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n' &&
        std::strncmp(buf, "HTTP/", 5) == 0)
      return excerpt(buf + i + 4, len - i - 4);
  if (len <= soap->bufidx) return std::string();
  return excerpt(buf + soap->bufidx, len - soap->bufidx);
}

// Leading decimal digits of `s` (at most 9), after spaces; -1 if none.
inline int leading_number(const char *s) {
  if (!s) return -1;
  while (*s == ' ') ++s;
  int v = 0, digits = 0;
  for (; *s >= '0' && *s <= '9' && digits < 9; ++s, ++digits) v = v * 10 + (*s - '0');
  return digits ? v : -1;
}

// Marketo's code: the detail's <code>, else the faultstring's leading digits.
inline int marketo_code(const ServiceException &detail, const char *faultstring) {
  int v = leading_number(detail.code.c_str());
  if (v < 0) v = leading_number(faultstring);
  return v < 0 ? 0 : v;
}

// "20014 - Authentication failed" -> "Authentication failed"; the detail's
// message when the faultstring says nothing.
inline std::string fault_message(const ServiceException &detail, const char *faultstring) {
  std::string text = faultstring ? faultstring : "";
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i > 0 && text.compare(i, 3, " - ") == 0) text.erase(0, i + 3);
  if (text.empty()) text = detail.message;
  return text;
}

enum class Phase { send, receive };

// `nothing_readable`: after a receive that got no bytes, whether the socket
// had nothing to read (a timeout) rather than an end of stream.
inline Error classify(struct soap *soap, Phase phase, bool nothing_readable) {
  Error e;
  e.soap_error = soap->error;
  e.code = soap->error;
  const char *fs = soap_fault_string(soap);
  const char *fd = soap_fault_detail(soap);
  std::string fault_string = fs ? fs : "";
  std::string detail = fd ? fd : "";
  int err = soap->error;

  if (err == SOAP_CLI_FAULT || err == SOAP_SVR_FAULT || err == SOAP_FAULT) {
    e.kind = ErrorKind::fault;
    ServiceException service_exception = read_service_exception(fd);
    e.code = marketo_code(service_exception, fs);
    e.message = fault_message(service_exception, fs);
    const char **faultcode = soap_faultcode(soap);
    if (faultcode && *faultcode) e.fault_code = *faultcode;
    if (e.message.empty()) e.message = "SOAP fault without a message";
    return e;
  }
  if (err >= 200 && err < 300) {  // a success status whose body gSOAP cannot take as SOAP (e.g. JSON)
    e.kind = ErrorKind::protocol;
    e.body_excerpt = !detail.empty() ? excerpt(detail.data(), detail.size()) : buffered_body(soap);
    e.message = "HTTP " + std::to_string(err) + " with a body that is not a SOAP message";
    return e;
  }
  if (err >= 100 && err < 600) {  // gSOAP reports an HTTP status as the error
    e.kind = ErrorKind::http;
    e.body_excerpt = !detail.empty() ? excerpt(detail.data(), detail.size()) : buffered_body(soap);
    e.message = "HTTP " + std::to_string(err) + " from the server";
    return e;
  }
  e.soap_detail = detail;
  if (err == SOAP_SSL_ERROR) {
    e.kind = ErrorKind::transport;
    e.transport = TransportFailure::tls;
    e.message = "TLS: " + fault_string + (detail.empty() ? "" : " (" + detail + ")");
    return e;
  }
  if (err == SOAP_TCP_ERROR || err == SOAP_UDP_ERROR) {
    e.kind = ErrorKind::transport;
    if (fault_string == "Timeout" || soap->errnum == ETIMEDOUT)
      e.transport = TransportFailure::timeout;
    else if (phase == Phase::send)
      e.transport = TransportFailure::connect;
    else
      e.transport = TransportFailure::io;
    e.message = (fault_string.empty() ? std::string("socket error") : fault_string) +
                (detail.empty() ? "" : " (" + detail + ")");
    return e;
  }
  if (err == SOAP_EOF) {
    if (soap->recv_maxlength && soap->count > soap->recv_maxlength) {
      e.kind = ErrorKind::protocol;
      e.message = "the answer exceeds max_response_bytes (" + std::to_string(soap->recv_maxlength) + ")";
      return e;
    }
    e.kind = ErrorKind::transport;
    if (phase == Phase::receive && nothing_readable) {
      e.transport = TransportFailure::timeout;
      e.message = "no answer within the receive timeout";
    } else {
      e.transport = TransportFailure::connection_closed;
      e.message = "the connection closed before a complete answer";
    }
    return e;
  }
  e.kind = ErrorKind::protocol;
  e.body_excerpt = buffered_body(soap);
  e.message = "unexpected answer (gSOAP error " + std::to_string(err) + (fault_string.empty() ? "" : ": " + fault_string) +
              ")";
  return e;
}

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_SOAP_ERROR_HPP
