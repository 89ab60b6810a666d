// call_gate.hpp: the REST side's limits kept by the bridge, across all
// workers: at most N calls per window and M calls in flight. A call that
// would exceed them waits, up to a bound, then is refused with the fault
// the SOAP service gave for the same limit (20023 rate, 20024 concurrency).
#pragma once

#include <mktows/limits.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace mktows_bridge {

struct GateLimits {
  // The REST API's own limits per instance (mktows/limits.hpp).
  int calls_per_window = mktows::rest_limits::kCallsPerWindow;
  int window_seconds = mktows::rest_limits::kRateWindowSeconds;
  int max_concurrent = mktows::rest_limits::kMaxConcurrent;
  int max_wait_ms = 10000;     // how long a call may wait for room
};

class CallGate {
 public:
  explicit CallGate(const GateLimits &limits) : limits_(limits) {}

  class Pass {
   public:
    explicit Pass(CallGate &g) : g_(&g) {}
    Pass(Pass &&o) noexcept : g_(o.g_) { o.g_ = nullptr; }
    ~Pass() {
      if (g_) g_->leave();
    }
    Pass(const Pass &) = delete;
    Pass &operator=(const Pass &) = delete;

   private:
    CallGate *g_;
  };

  // Waits for room; throws ServiceError 20023 / 20024 after max_wait_ms.
  Pass enter();
  // Calls one window holds; 0: no rate limit. A SOAP call needing more is
  // refused before its first REST call (rest_cost.hpp).
  int window_calls() const { return limits_.calls_per_window; }

 private:
  void leave();

  GateLimits limits_;
  std::mutex mutex_;
  std::condition_variable room_;
  std::deque<std::chrono::steady_clock::time_point> recent_;
  int in_flight_ = 0;
};

}  // namespace mktows_bridge
