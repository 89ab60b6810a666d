// rest_error.hpp: the REST API's error codes as the sandbox's REST face
// answers them, and the exception that carries a request-level one.
#pragma once

#include <stdexcept>
#include <string>

namespace mktows_sandbox {

// Response-level (errors[]) and record-level (reasons[]) codes; the wire
// carries them as quoted strings. The texts are the vendor's.
namespace rest_code {
const int kTokenInvalid = 601;
const int kTokenExpired = 602;
const int kAccessDenied = 603;
const int kMethodNotSupported = 605;
const int kRateLimit = 606;
const int kDailyQuota = 607;
const int kInvalidJson = 609;
const int kNotFound = 610;
const int kInvalidContentType = 612;
const int kConcurrentLimit = 615;
const int kBlank = 701;
const int kInvalidData = 1003;
const int kLeadNotFound = 1004;
const int kLeadExists = 1005;
const int kFieldNotFound = 1006;
const int kMultipleMatch = 1007;
const int kPartitionDenied = 1008;
const int kPartitionRequired = 1009;
const int kPartitionUpdate = 1010;
const int kFieldNotSupported = 1011;
const int kInvalidCookie = 1012;
const int kObjectNotFound = 1013;
const int kInvalidRunAt = 1042;
const int kTooManyMergeIds = 1080;
// The list calls and the bulk import (rest_lists.cpp).
const int kInvalidMultipart = 613;
const int kLeadNotInList = 1015;
// The objects (rest_objects.cpp) and the programs of the asset API
// (rest_programs.cpp).
const int kBusinessRule = 709;
const int kObjectExists = 1017;
}  // namespace rest_code

// The vendor's message for a code ("%s" parts filled by the caller).
const char *rest_message(int code);

// A request the REST face refuses as a whole (success: false).
class RestError : public std::runtime_error {
 public:
  RestError(int code, const std::string &message) : std::runtime_error(message), code_(code) {}
  explicit RestError(int code) : RestError(code, rest_message(code)) {}
  int code() const { return code_; }

 private:
  int code_;
};

}  // namespace mktows_sandbox
