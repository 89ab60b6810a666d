// rest_fault_map.hpp: the one table from a REST failure to the mktows
// fault the legacy client gets, and whether the bridge retries it first.
// docs/BRIDGE.md prints the same table; bridge tests check every row.
#pragma once

#include <string>

namespace mktows_bridge {

enum class Retry {
  kNo,
  kNewToken,  // renew the token, then retry once (601, 602)
  kBackoff,   // exponential backoff, up to the configured attempts
};

struct RestFailureRule {
  const char *what;  // a REST code ("606"), "HTTP 5xx", "transport" or "other"
  int fault;         // the mktows fault code after the retries
  Retry retry;
};

// The rule for a REST response-level error code (errors[0].code).
const RestFailureRule &rule_for_code(const std::string &code);
// The rule for an HTTP status that is not 200 (5xx, 413, ...).
const RestFailureRule &rule_for_http(long status);
// No HTTP answer (refused, reset, timed out) or one that is not the API's JSON.
const RestFailureRule &rule_for_transport();
const RestFailureRule &rule_for_garbage();

// Every row, in the documented order (for tests and docs).
const RestFailureRule *all_rules(std::size_t &count);

}  // namespace mktows_bridge
