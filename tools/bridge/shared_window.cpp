// shared_window.cpp: the scripts. Each reads Redis's clock in milliseconds;
// scores are those milliseconds.
#include "shared_window.hpp"

#include <algorithm>
#include <random>

#include <unistd.h>

namespace mktows_bridge {

namespace {

// KEYS: window, leases, day, epoch. ARGV: slot, calls per window (0: no
// limit), max concurrent (0: no limit), held after answer, lease, hold
// after a lost state. Returns {0, now} granted, {1, ms until a slot comes
// back or -1} window full, {2, 0} concurrency full, {3, ms} state unknown.
const char kAcquire[] = R"lua(
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, maxc = tonumber(ARGV[2]), tonumber(ARGV[3])
local held, lease, hold = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local epoch = redis.call('GET', KEYS[4])
if not epoch then
  redis.call('SET', KEYS[4], now)
  epoch = now
end
epoch = tonumber(epoch)
if now < epoch + hold then return {3, epoch + hold - now} end
local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES')
for i = 1, #dead, 2 do
  redis.call('ZADD', KEYS[1], tonumber(dead[i + 1]) + held, dead[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local flying = redis.call('ZCARD', KEYS[2])
local used = flying + redis.call('ZCARD', KEYS[1])
if maxc > 0 and flying >= maxc then return {2, 0} end
if limit > 0 and used >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if #first == 0 then return {1, -1} end
  return {1, tonumber(first[2]) - now}
end
redis.call('ZADD', KEYS[2], now + lease, ARGV[1])
redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], 2 * 86400000)
return {0, now}
)lua";

// KEYS: window, leases. ARGV: slot, held after answer, calls per window.
const char kRelease[] = R"lua(
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[2], ARGV[1])
if tonumber(ARGV[3]) > 0 then redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) end
return 1
)lua";

// KEYS: window, leases, day. ARGV: held after answer. Returns {used,
// in flight, today}, changing nothing.
const char kStats[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = tonumber(ARGV[1])
local flying = redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
local used = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') + redis.call('ZCOUNT', KEYS[2], '(' .. (now - held), '+inf')
return {used, flying, tonumber(redis.call('GET', KEYS[3]) or '0')}
)lua";

std::string instance_name() {
  std::random_device rd;
  static const char hex[] = "0123456789abcdef";
  std::string out = std::to_string(::getpid()) + "-";
  for (int i = 0; i < 4; ++i) {
    unsigned v = rd();
    for (int j = 0; j < 4; ++j, v >>= 4) out += hex[v & 15];
  }
  return out;
}

long long element(const RedisReply &r, std::size_t i) {
  if (r.type != RedisReply::kArray || r.elements.size() <= i || r.elements[i].type != RedisReply::kInteger)
    throw RedisError("Redis answered the window's script with something else");
  return r.elements[i].integer;
}

}  // namespace

RedisWindow::RedisWindow(RedisClient &redis, const std::string &prefix, long long lease_ms)
    : redis_(redis), prefix_(prefix), instance_(instance_name()), lease_ms_(lease_ms) {}

long long RedisWindow::restart_hold_ms(const GateLimits &limits) const {
  return std::max(limits.held_after_answer_ms(), lease_ms_);
}

SharedWindow::Answer RedisWindow::acquire(const GateLimits &limits, long long quota_day) {
  Answer a;
  std::string slot = instance_ + ":" + std::to_string(++next_);
  try {
    RedisReply r = redis_.script(kAcquire,
                                 {prefix_ + "window", prefix_ + "leases", prefix_ + "day:" + std::to_string(quota_day),
                                  prefix_ + "epoch"},
                                 {slot, std::to_string(limits.calls_per_window), std::to_string(limits.max_concurrent),
                                  std::to_string(limits.held_after_answer_ms()), std::to_string(lease_ms_),
                                  std::to_string(restart_hold_ms(limits))});
    long long kind = element(r, 0);
    a.wait_ms = element(r, 1);
    if (kind == 0) {
      a.kind = Answer::kGranted;
      a.slot = slot;
    } else {
      a.kind = kind == 1 ? Answer::kRateFull : kind == 2 ? Answer::kConcurrencyFull : Answer::kUnknown;
    }
  } catch (const RedisError &e) {
    a.kind = Answer::kUnavailable;
    a.why = e.what();
  }
  return a;
}

void RedisWindow::release(const std::string &slot, const GateLimits &limits) {
  try {
    redis_.script(kRelease, {prefix_ + "window", prefix_ + "leases"},
                  {slot, std::to_string(limits.held_after_answer_ms()), std::to_string(limits.calls_per_window)});
  } catch (const RedisError &) {
    // The lease expires by itself (see the header).
  }
}

bool RedisWindow::stats(const GateLimits &limits, long long quota_day, int &window_used, int &in_flight,
                        long long &today) {
  try {
    RedisReply r = redis_.script(
        kStats, {prefix_ + "window", prefix_ + "leases", prefix_ + "day:" + std::to_string(quota_day)},
        {std::to_string(limits.held_after_answer_ms())});
    window_used = static_cast<int>(element(r, 0));
    in_flight = static_cast<int>(element(r, 1));
    today = element(r, 2);
    return true;
  } catch (const RedisError &) {
    return false;
  }
}

}  // namespace mktows_bridge
