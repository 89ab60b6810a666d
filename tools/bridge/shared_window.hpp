// shared_window.hpp: the REST call window, the concurrency limit and the
// daily count kept in Redis for several bridges (docs/BRIDGE.md, "Several
// bridges, one quota (Redis)"). Each decision is one Lua script, so two
// bridges asking at once cannot both take the last slot; times are Redis's
// own clock (TIME), the same for every bridge.
//
// The keys (under redis_key_prefix):
//   window  sorted set: answered calls' slots, scored by when each comes
//           back (its answer + GateLimits::held_after_answer_ms)
//   leases  sorted set: calls in flight, scored by when the lease expires
//           (lease_ms after it was taken). A lease past its expiry is a
//           bridge that died during the call: the lease stops counting
//           against the concurrency limit, and its slot stays in the window
//           as if the call was answered at the expiry.
//   day:N   the REST side's day N's calls (CallGate::quota_day), kept 2 days
//   epoch   when this Redis first served the window. A Redis that lost its
//           state (restarted without persistence) has no epoch: the calls
//           it forgot may still count on the REST side, so for one hold
//           (the longer of held_after_answer_ms and lease_ms) the window
//           is unknown and no call is let through.
#pragma once

#include "call_gate.hpp"
#include "redis_client.hpp"

#include <atomic>
#include <string>

namespace mktows_bridge {

class RedisWindow : public SharedWindow {
 public:
  // `lease_ms`: longer than any REST call may take (the HTTP timeouts).
  RedisWindow(RedisClient &redis, const std::string &prefix, long long lease_ms);

  Answer acquire(const GateLimits &limits, long long quota_day) override;
  void release(const std::string &slot, const GateLimits &limits) override;
  bool stats(const GateLimits &limits, long long quota_day, int &window_used, int &in_flight,
             long long &today) override;

  long long lease_ms() const { return lease_ms_; }
  // The hold after a lost state, for `limits`.
  long long restart_hold_ms(const GateLimits &limits) const;

 private:
  RedisClient &redis_;
  std::string prefix_, instance_;  // instance_: this bridge's part of each slot's name
  long long lease_ms_;
  std::atomic<unsigned long long> next_{0};
};

}  // namespace mktows_bridge
