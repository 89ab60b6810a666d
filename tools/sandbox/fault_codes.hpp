// fault_codes.hpp: the service's error codes and their fixed messages, and
// the exception that carries one from the rules engine to the SOAP layer.
#pragma once

#include <stdexcept>
#include <string>

namespace mktows_sandbox {

enum FaultCode : int {
  kInternalError = 10001,
  kApiFailure = 20011,
  kRequestNotUnderstood = 20012,
  kAccessDenied = 20013,
  kAuthenticationFailed = 20014,
  kRequestLimitExceeded = 20015,
  kRequestExpired = 20016,
  kInvalidRequest = 20017,
  kUnsupportedOperation = 20019,
  kRateLimitExceeded = 20023,
  kConcurrencyLimitExceeded = 20024,
  kLeadKeyRequired = 20101,
  kLeadKeyBad = 20102,
  kLeadNotFound = 20103,
  kLeadDetailRequired = 20104,
  kLeadAttributeBad = 20105,
  kLeadSyncFailed = 20106,
  kParameterRequired = 20109,
  kBadParameter = 20110,
};

// The vendor's message for a code, as in its fault table.
inline const char *fault_message(int code) {
  switch (code) {
    case kInternalError: return "Internal Error";
    case kApiFailure: return "Internal Error";
    case kRequestNotUnderstood: return "Request Not Understood";
    case kAccessDenied: return "Access Denied";
    case kAuthenticationFailed: return "Authentication failed";
    case kRequestLimitExceeded: return "Request Limit Exceeded";
    case kRequestExpired: return "Request Expired";
    case kInvalidRequest: return "Invalid Request";
    case kUnsupportedOperation: return "Unsupported Operation";
    case kRateLimitExceeded: return "Rate Limit Exceeded";
    case kConcurrencyLimitExceeded: return "Concurrency Limit Exceeded";
    case kLeadKeyRequired: return "Lead Key Required";
    case kLeadKeyBad: return "Lead Key Bad";
    case kLeadNotFound: return "Lead Not Found";
    case kLeadDetailRequired: return "Lead Detail Required";
    case kLeadAttributeBad: return "Lead Attribute Bad";
    case kLeadSyncFailed: return "Lead Sync Failed";
    case kParameterRequired: return "Parameter Required";
    case kBadParameter: return "Bad Parameter";
    default: return "Internal Error";
  }
}

// "20014 - Authentication failed": the faultstring, and the text a failed
// record of syncMultipleLeads carries in its syncStatus/error.
inline std::string fault_string(int code) {
  return std::to_string(code) + " - " + fault_message(code);
}

// A request the service refuses. `why` is for the operator's log (--verbose)
// only; the wire carries the vendor's fixed message.
// A refused call. `why` goes to the verbose log only, unless the thrower
// marks it as meant for the caller (ServiceError::told): then it is also in
// the faultstring and the detail's message ("20102 - Lead Key Bad: keyType
// LEADOWNEREMAIL has no REST filterType equivalent"), for
// reasons a client can act on that the code alone does not give.
class ServiceError : public std::runtime_error {
 public:
  ServiceError(int code, const std::string &why) : std::runtime_error(why), code_(code), told_(false) {}
  static ServiceError told(int code, const std::string &why) {
    ServiceError e(code, why);
    e.told_ = true;
    return e;
  }
  int code() const { return code_; }
  bool tell_caller() const { return told_; }

 private:
  int code_;
  bool told_;
};

}  // namespace mktows_sandbox
