// error.hpp: what can go wrong with a mktows call, and Result<T>, the value
// every call returns (a T or an Error; see docs/CLIENT.md for why not
// exceptions).
#ifndef MKTOWS_ERROR_HPP
#define MKTOWS_ERROR_HPP

#include "mktows/fault_codes.hpp"

#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>

namespace mktows {

enum class ErrorKind {
  none,        // no error
  validation,  // the request broke a rule; nothing was sent
  transport,   // no HTTP answer: connect, timeout, TLS, connection closed
  http,        // an HTTP answer that is not SOAP (e.g. a proxy's 502 page)
  fault,       // a SOAP fault from the service, with Marketo's numeric code
  protocol     // an answer that is not the expected SOAP message (or too large)
};

// For ErrorKind::transport.
enum class TransportFailure {
  none,
  connect,            // refused, unreachable, name not resolved
  timeout,            // no answer within the receive (or send/connect) timeout
  tls,                // handshake or certificate verification failed
  connection_closed,  // the peer closed the connection before answering
  io,                 // another socket error
  deadline            // the answer was not complete within the call timeout (ClientOptions::call_timeout)
};

// For ErrorKind::validation: which of the service's rules a request broke.
enum class ValidationRule {
  none,
  lead_key_required,        // at least one of Id, Email, ForeignSysPersonId
  foreign_type_required,    // ForeignSysType with ForeignSysPersonId
  attribute_name_required,  // every attribute has a non-empty name
  lead_key_value_required,  // get_lead needs a key value
  batch_empty,              // sync_multiple_leads needs at least one lead
  client_options,           // endpoint, user id and encryption key are required
  invalid_text,             // a string is not UTF-8 or holds a character XML 1.0 cannot carry
  value_required,           // a parameter the service requires is missing or empty
  too_many_keys,            // more keys than the operation takes (limits.hpp)
  time_window,              // a time window the service refuses (wider than it allows, or reversed)
  bad_combination,          // parameters the service takes only apart (requestCampaign's shapes, include and exclude)
  unknown_activity_type     // not a value of 2_2's ActivityType enumeration (activity_types.hpp)
};

inline const char *to_string(ErrorKind k) {
  switch (k) {
    case ErrorKind::none: return "none";
    case ErrorKind::validation: return "validation";
    case ErrorKind::transport: return "transport";
    case ErrorKind::http: return "http";
    case ErrorKind::fault: return "fault";
    case ErrorKind::protocol: return "protocol";
  }
  return "unknown";
}

inline const char *to_string(TransportFailure t) {
  switch (t) {
    case TransportFailure::none: return "none";
    case TransportFailure::connect: return "connect";
    case TransportFailure::timeout: return "timeout";
    case TransportFailure::tls: return "tls";
    case TransportFailure::connection_closed: return "connection_closed";
    case TransportFailure::io: return "io";
    case TransportFailure::deadline: return "deadline";
  }
  return "unknown";
}

inline const char *to_string(ValidationRule r) {
  switch (r) {
    case ValidationRule::none: return "none";
    case ValidationRule::lead_key_required: return "lead_key_required";
    case ValidationRule::foreign_type_required: return "foreign_type_required";
    case ValidationRule::attribute_name_required: return "attribute_name_required";
    case ValidationRule::lead_key_value_required: return "lead_key_value_required";
    case ValidationRule::batch_empty: return "batch_empty";
    case ValidationRule::client_options: return "client_options";
    case ValidationRule::invalid_text: return "invalid_text";
    case ValidationRule::value_required: return "value_required";
    case ValidationRule::too_many_keys: return "too_many_keys";
    case ValidationRule::time_window: return "time_window";
    case ValidationRule::bad_combination: return "bad_combination";
    case ValidationRule::unknown_activity_type: return "unknown_activity_type";
  }
  return "unknown";
}

struct Error {
  ErrorKind kind = ErrorKind::none;
  // fault: Marketo's code (0 if the fault carried none); http: the status;
  // transport/protocol: gSOAP's error code; validation: 0.
  int code = 0;
  std::string message;
  TransportFailure transport = TransportFailure::none;
  ValidationRule rule = ValidationRule::none;
  int soap_error = 0;        // gSOAP's soap->error (0 for validation)
  std::string soap_detail;   // gSOAP's error detail, e.g. "connect failed in tcp_connect()"
  std::string fault_code;    // faultcode, e.g. SOAP-ENV:Client
  std::string body_excerpt;  // http/protocol: the start of the body received
  int attempts = 0;          // how many times the request was sent
  std::size_t completed = 0; // sync_multiple_leads: leads synced before the failure
  // Whether the service may have applied the request although the call
  // failed: some attempt was sent whole and then got no answer that says
  // it was refused (the connection dropped, a timeout, a 502/504, an
  // unreadable answer). False for validation errors, failures before the
  // request was fully sent, and SOAP faults. Such a failure is retried only
  // when resending cannot create a second record (idempotency.hpp).
  bool may_have_been_applied = false;
  // transport/http: the endpoint is an address of the vendor's retired
  // hosted service (retired.hpp); the message says so.
  bool retired_endpoint = false;

  bool ok() const { return kind == ErrorKind::none; }

  // Whether sending the same request again may succeed. The default
  // RetryPolicy retries exactly these.
  bool retryable() const {
    switch (kind) {
      case ErrorKind::transport:
        return transport != TransportFailure::tls;  // a certificate does not fix itself
      case ErrorKind::http:
        return code == 429 || code == 502 || code == 503 || code == 504;
      case ErrorKind::fault:
        return code == fault_code::request_expired || code == fault_code::rate_limit_exceeded ||
               code == fault_code::concurrency_limit_exceeded || code == fault_code::internal_error ||
               code == fault_code::api_failure;
      default:
        return false;
    }
  }

  // One line for logs: kind, code and message (never a key: the client
  // never puts one in an Error).
  std::string describe() const {
    std::string out = to_string(kind);
    if (kind == ErrorKind::transport) out += std::string("/") + to_string(transport);
    if (kind == ErrorKind::validation) out += std::string("/") + to_string(rule);
    if (code) out += " " + std::to_string(code);
    if (!message.empty()) out += ": " + message;
    return out;
  }
};

inline std::ostream &operator<<(std::ostream &os, const Error &e) { return os << e.describe(); }

// Thrown only by Result::value() on a failed result: a programming error,
// not a call failure.
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const std::string &what) : std::logic_error(what) {}
};

template <class T>
class Result {
 public:
  Result(const T &value) : value_(value) {}
  Result(T &&value) : value_(std::move(value)) {}
  Result(const Error &error) : error_(error) { ensure_error(); }
  Result(Error &&error) : error_(std::move(error)) { ensure_error(); }

  bool ok() const { return error_.kind == ErrorKind::none; }
  explicit operator bool() const { return ok(); }

  const T &value() const & {
    check();
    return value_;
  }
  T &value() & {
    check();
    return value_;
  }
  T &&value() && {
    check();
    return std::move(value_);
  }
  const T &operator*() const & { return value(); }
  const T *operator->() const { return &value(); }
  const Error &error() const { return error_; }

 private:
  void check() const {
    if (!ok()) throw BadResultAccess("mktows: value() of a failed result: " + error_.describe());
  }
  void ensure_error() {
    if (error_.kind == ErrorKind::none) error_.kind = ErrorKind::protocol;  // an Error must say what failed
  }
  T value_{};
  Error error_;
};

}  // namespace mktows

#endif  // MKTOWS_ERROR_HPP
