// rest_fault_map.cpp: REST failure -> mktows fault, with the retries the
// vendor's docs advise (502, 606, 615 with backoff, 713 wait and retry,
// 601/602 a new token) and those client libraries add (604, 608, 611, 5xx).
#include "rest_fault_map.hpp"

#include "fault_codes.hpp"

#include <cstring>

namespace mktows_bridge {

namespace {

using namespace mktows_sandbox;

const RestFailureRule kRules[] = {
    {"601", kAuthenticationFailed, Retry::kNewToken},   // token invalid
    {"602", kAuthenticationFailed, Retry::kNewToken},   // token expired
    {"603", kAccessDenied, Retry::kNo},                 // role or IP allowlist
    {"604", kApiFailure, Retry::kBackoff},              // request time-out
    {"606", kRateLimitExceeded, Retry::kBackoff},       // 100 calls / 20 s
    {"607", kRequestLimitExceeded, Retry::kNo},         // daily quota (resets at midnight CST)
    {"608", kApiFailure, Retry::kBackoff},              // temporarily unavailable
    {"611", kApiFailure, Retry::kBackoff},              // system error
    {"615", kConcurrencyLimitExceeded, Retry::kBackoff},// 10 concurrent calls
    {"713", kApiFailure, Retry::kBackoff},              // transient error
    {"502", kApiFailure, Retry::kBackoff},              // bad gateway (in errors[])
    {"HTTP 5xx", kApiFailure, Retry::kBackoff},         // 500, 502, 503, 504 as HTTP statuses
    {"HTTP 401", kAuthenticationFailed, Retry::kNo},    // the identity service refused the client
    {"transport", kApiFailure, Retry::kBackoff},        // refused, reset, timed out
    {"garbage", kApiFailure, Retry::kNo},               // an answer that is not the API's JSON
    {"other", kApiFailure, Retry::kNo},                 // any other code (605, 609, 610, 612, 1003, ...)
};

const RestFailureRule &named(const char *what) {
  for (const RestFailureRule &r : kRules)
    if (std::strcmp(r.what, what) == 0) return r;
  return kRules[sizeof kRules / sizeof kRules[0] - 1];
}

}  // namespace

const RestFailureRule &rule_for_code(const std::string &code) {
  for (const RestFailureRule &r : kRules)
    if (code == r.what) return r;
  return named("other");
}

const RestFailureRule &rule_for_http(long status) {
  if (status >= 500 && status < 600) return named("HTTP 5xx");
  if (status == 401) return named("HTTP 401");
  return named("other");
}

const RestFailureRule &rule_for_transport() { return named("transport"); }
const RestFailureRule &rule_for_garbage() { return named("garbage"); }

const RestFailureRule *all_rules(std::size_t &count) {
  count = sizeof kRules / sizeof kRules[0];
  return kRules;
}

}  // namespace mktows_bridge
