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
#include <string>
#include <utility>

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

  // The rule for when a slot comes back, in one place for the gate and the
  // window shared through Redis (shared_window.hpp): this long after the
  // call's answer.
  long long held_after_answer_ms() const { return window_seconds * 1000LL + window_margin_ms; }
};

// A window kept outside the process and shared by several bridges
// (RedisWindow, shared_window.hpp), with the limits and the rule above.
// Never throws: an unreachable store is an answer of its own.
class SharedWindow {
 public:
  struct Answer {
    enum Kind {
      kGranted,          // `slot` names the lease, to be released
      kRateFull,         // `wait_ms`: until the first slot comes back (-1: held by calls in flight)
      kConcurrencyFull,
      kUnknown,          // the store lost its state (a restart): `wait_ms` until it is known again
      kUnavailable,      // the store cannot be reached; `why` says so (no secret)
    } kind = kUnavailable;
    long long wait_ms = -1;
    std::string slot, why;
  };
  virtual ~SharedWindow() = default;
  virtual Answer acquire(const GateLimits &limits, long long quota_day) = 0;
  // The call's answer (or failure) is in.
  virtual void release(const std::string &slot, const GateLimits &limits) = 0;
  // The shared figures for the metrics; false when the store is unreachable.
  virtual bool stats(const GateLimits &limits, long long quota_day, int &window_used, int &in_flight,
                     long long &today) = 0;
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
  unsigned long long refused_unknown = 0;      // 20011: the shared window's store could not say
  bool shared_ok = false;       // shared: the figures above are every bridge's (the store answered)
};

class CallGate {
 public:
  explicit CallGate(const GateLimits &limits) : limits_(limits) {}

  // With --redis: the window, the concurrency limit and the daily count are
  // the shared ones (set before the first call). A store that cannot be
  // reached fails closed: calls wait for it within max_wait_ms, then are
  // refused with 20011 (docs/BRIDGE.md, "Several bridges, one quota").
  void share(SharedWindow *shared) { shared_ = shared; }
  bool shared() const { return shared_ != nullptr; }

  class Pass {
   public:
    explicit Pass(CallGate &g, std::string slot = std::string()) : g_(&g), slot_(std::move(slot)) {}
    Pass(Pass &&o) noexcept : g_(o.g_), slot_(std::move(o.slot_)) { o.g_ = nullptr; }
    ~Pass() {
      if (g_) g_->leave(slot_);
    }
    Pass(const Pass &) = delete;
    Pass &operator=(const Pass &) = delete;

   private:
    CallGate *g_;
    std::string slot_;  // the shared window's lease, when shared
  };

  // Waits for room; throws ServiceError 20023 / 20024 after max_wait_ms
  // (20011 when the shared window's store cannot say).
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
  void leave(const std::string &slot);
  Pass enter_shared();
  void expire(std::chrono::steady_clock::time_point now);
  void count_today();

  GateLimits limits_;
  SharedWindow *shared_ = nullptr;
  std::mutex mutex_;
  std::condition_variable room_;
  // When each answered call's slot comes back (its answer + window + margin),
  // in order; calls in flight hold theirs in in_flight_.
  std::deque<std::chrono::steady_clock::time_point> returns_;
  int in_flight_ = 0;
  long long day_ = -1, today_ = 0;
  unsigned long long waited_ = 0, refused_rate_ = 0, refused_concurrency_ = 0, refused_unknown_ = 0;
  double wait_seconds_ = 0;
};

}  // namespace mktows_bridge
