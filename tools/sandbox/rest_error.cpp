// rest_error.cpp: the REST error texts (the vendor's error-code page).
#include "rest_error.hpp"

namespace mktows_sandbox {

const char *rest_message(int code) {
  using namespace rest_code;
  switch (code) {
    case kTokenInvalid: return "Access token invalid";
    case kTokenExpired: return "Access token expired";
    case kAccessDenied: return "Access denied";
    case kMethodNotSupported: return "HTTP Method not supported";
    case kRateLimit: return "Max rate limit '100' exceeded with in '20' secs";
    case kDailyQuota: return "Daily quota reached";
    case kInvalidJson: return "Invalid JSON";
    case kNotFound: return "Requested resource not found";
    case kInvalidContentType: return "Invalid Content Type";
    case kConcurrentLimit: return "Concurrent access limit reached";
    case kBlank: return "cannot be blank";
    case kInvalidData: return "Invalid data";
    case kLeadNotFound: return "Lead not found";
    case kLeadExists: return "Lead already exists";
    case kFieldNotFound: return "Field not found";
    case kMultipleMatch: return "Multiple leads match the lookup criteria";
    case kPartitionDenied: return "Access denied to partition";
    case kPartitionRequired: return "Partition name must be specified";
    case kPartitionUpdate: return "Partition update not allowed";
    case kFieldNotSupported: return "Field not supported";
    case kInvalidCookie: return "Invalid cookie value";
    case kObjectNotFound: return "Object not found";
    case kInvalidRunAt: return "Invalid runAt date";
    // The vendor documents 1080 without a text: this one is the sandbox's.
    case kTooManyMergeIds: return "Too many leadIds for one merge";
    case kInvalidMultipart: return "Invalid Multipart Request";
    case kLeadNotInList: return "Lead not in list";
    case kBusinessRule: return "Business Rule Violation";
    case kObjectExists: return "Object already exists";
    default: return "System error";
  }
}

}  // namespace mktows_sandbox
