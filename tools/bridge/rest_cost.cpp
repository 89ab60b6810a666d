// rest_cost.cpp: a per-thread counter (each SOAP call runs on one worker
// thread from start to end).
#include "rest_cost.hpp"

#include "server_log.hpp"
#include "service_error.hpp"

#include <string>

namespace mktows_bridge {

namespace {
thread_local int t_depth = 0;
thread_local int t_calls = 0;
}  // namespace

RestCost::RestCost(const char *operation, bool verbose)
    : operation_(operation), verbose_(verbose), outermost_(t_depth == 0) {
  if (outermost_) t_calls = 0;
  ++t_depth;
}

RestCost::~RestCost() {
  --t_depth;
  if (outermost_ && verbose_)
    // Through the front end's log, so the line carries the call's request
    // id and is a JSON object under --log-format json.
    mktows_front::log_line("mktows-bridge", std::string(operation_) + ": " + std::to_string(t_calls) + " REST call" +
                                                (t_calls == 1 ? "" : "s"));
}

void RestCost::count() { ++t_calls; }

int RestCost::so_far() { return t_calls; }

void RestCost::require(const CallGate &gate, int needed, const std::string &what) {
  int window = gate.window_calls();
  if (window > 0 && needed > window)
    throw mktows_front::ServiceError::told(mktows::fault_code::rate_limit_exceeded,
                                           what + " needs " + std::to_string(needed) + " REST calls, more than the " +
                                               std::to_string(window) + " one window allows");
}

}  // namespace mktows_bridge
