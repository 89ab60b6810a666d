// rest_cost.hpp: what one SOAP call costs in REST calls. Every REST call
// the bridge makes (RestBackend::call) is counted on its worker's thread;
// the SOAP operation that opened a RestCost logs the total when it ends
// (--verbose: "mktows-bridge: listOperation: 3 REST calls"). A call that
// knows it needs more REST calls than the gate's window holds is refused
// with 20023 before its first one (require), rather than after half its
// writes.
#pragma once

#include "call_gate.hpp"

#include <string>

namespace mktows_bridge {

class RestCost {
 public:
  // Opens the count for `operation` on this thread; nested scopes (mergeLeads
  // resolving keys through getLead's code) add to the outermost one.
  RestCost(const char *operation, bool verbose);
  ~RestCost();
  RestCost(const RestCost &) = delete;
  RestCost &operator=(const RestCost &) = delete;

  // One REST call made on this thread.
  static void count();
  // REST calls made so far by the SOAP call open on this thread.
  static int so_far();
  // Throws ServiceError 20023 (told) when `needed` REST calls cannot fit in
  // one window of `gate`; `what` says what needs them.
  static void require(const CallGate &gate, int needed, const std::string &what);

 private:
  const char *operation_;
  bool verbose_;
  bool outermost_;
};

}  // namespace mktows_bridge
