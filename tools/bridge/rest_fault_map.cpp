// rest_fault_map.cpp: REST failure -> mktows fault, with the retries the
// vendor's docs advise (502, 606, 615 with backoff, 713 wait and retry,
// 601/602 a new token) and those client libraries add (604, 608, 611, 5xx).
#include "rest_fault_map.hpp"

#include "service_error.hpp"

#include <cstring>

namespace mktows_bridge {

namespace {

using namespace mktows_front;

const RestFailureRule kRules[] = {
    {"601", mktows::fault_code::authentication_failed, Retry::kNewToken},   // token invalid
    {"602", mktows::fault_code::authentication_failed, Retry::kNewToken},   // token expired
    {"603", mktows::fault_code::access_denied, Retry::kNo},                 // role or IP allowlist
    {"604", mktows::fault_code::api_failure, Retry::kBackoff},              // request time-out
    {"606", mktows::fault_code::rate_limit_exceeded, Retry::kBackoff},       // 100 calls / 20 s
    {"607", mktows::fault_code::request_limit_exceeded, Retry::kNo},         // daily quota (resets at midnight CST)
    {"608", mktows::fault_code::api_failure, Retry::kBackoff},              // temporarily unavailable
    {"611", mktows::fault_code::api_failure, Retry::kBackoff},              // system error
    {"615", mktows::fault_code::concurrency_limit_exceeded, Retry::kBackoff},// 10 concurrent calls
    {"713", mktows::fault_code::api_failure, Retry::kBackoff},              // transient error
    {"502", mktows::fault_code::api_failure, Retry::kBackoff},              // bad gateway (in errors[])
    {"HTTP 5xx", mktows::fault_code::api_failure, Retry::kBackoff},         // 500, 502, 503, 504 as HTTP statuses
    {"HTTP 401", mktows::fault_code::authentication_failed, Retry::kNo},    // the identity service refused the client
    {"transport", mktows::fault_code::api_failure, Retry::kBackoff},        // refused, reset, timed out
    {"garbage", mktows::fault_code::api_failure, Retry::kNo},               // an answer that is not the API's JSON
    {"other", mktows::fault_code::api_failure, Retry::kNo},                 // any other code (605, 609, 610, 612, 1003, ...)
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
