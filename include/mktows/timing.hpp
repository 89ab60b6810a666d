// timing.hpp: the clocks and the sleep the client uses, injectable so tests
// can check backoff, rate limiting and signing without waiting for them.
#ifndef MKTOWS_TIMING_HPP
#define MKTOWS_TIMING_HPP

#include <chrono>
#include <ctime>
#include <functional>
#include <thread>

namespace mktows {

typedef std::chrono::steady_clock::time_point TimePoint;
typedef std::function<TimePoint()> SteadyClock;
typedef std::function<void(std::chrono::milliseconds)> SleepFunction;
// Seconds since the epoch, for the request signature's timestamp (the
// signing plugin); empty: std::time.
typedef std::function<std::time_t()> WallClock;

inline TimePoint steady_now(const SteadyClock &clock) {
  return clock ? clock() : std::chrono::steady_clock::now();
}

inline void sleep_for(const SleepFunction &sleep, std::chrono::milliseconds d) {
  if (d.count() <= 0) return;
  if (sleep) sleep(d);
  else std::this_thread::sleep_for(d);
}

}  // namespace mktows

#endif  // MKTOWS_TIMING_HPP
