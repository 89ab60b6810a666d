// call_gate.hpp: the REST side's limits kept by the bridge, across all
// workers: at most N calls per window and M calls in flight. A call that
// would exceed them waits, up to a bound, then is refused with the fault
// the SOAP service gave for the same limit (20023 rate, 20024 concurrency).
//
// When a call's window slot comes back: the REST side counts a call when it
// arrives there, which is some time after it left the gate and before its
// answer came back. So a call holds its slot while it is in flight, and for
// a window (plus a margin) counted from its answer: only then can no
// window of the REST side's still hold it. Counting from the departure, as
// the gate once did, let a call that left late but arrived early share a
// REST window with one that left early but was counted late (docs/BRIDGE.md,
// "The REST side's limits, kept").
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
  // Added to the window counted from a call's answer: the REST side's
  // counting may round its times (docs/BRIDGE.md).
  int window_margin_ms = 1000;
};

// What the gate has seen, for the metrics.
struct GateStats {
  int window_used = 0;          // calls in flight or still countable in the current window
  int in_flight = 0;
  long long today = 0;          // calls let through since the REST side's day began (midnight CST)
  unsigned long long waited = 0;       // calls that had to wait for room
  double wait_seconds = 0;             // the time they waited, in all
  unsigned long long refused_rate = 0;         // 20023
  unsigned long long refused_concurrency = 0;  // 20024
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
  // The Pass is to be let go when the call's answer (or failure) is in.
  Pass enter();
  // Calls one window holds; 0: no rate limit. A SOAP call needing more is
  // refused before its first REST call (rest_cost.hpp).
  int window_calls() const { return limits_.calls_per_window; }

  const GateLimits &limits() const { return limits_; }
  GateStats stats();

  // The REST side's day (its daily quota resets at 12:00 AM CST, taken as
  // UTC-6 all year): days since the epoch, for `unix_seconds`.
  static long long quota_day(long long unix_seconds);

 private:
  void leave();
  void expire(std::chrono::steady_clock::time_point now);
  void count_today();

  GateLimits limits_;
  std::mutex mutex_;
  std::condition_variable room_;
  // When each answered call's slot comes back (its answer + window + margin),
  // in order; calls in flight hold theirs in in_flight_.
  std::deque<std::chrono::steady_clock::time_point> returns_;
  int in_flight_ = 0;
  long long day_ = -1, today_ = 0;
  unsigned long long waited_ = 0, refused_rate_ = 0, refused_concurrency_ = 0;
  double wait_seconds_ = 0;
};

}  // namespace mktows_bridge
