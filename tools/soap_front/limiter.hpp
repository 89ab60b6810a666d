// limiter.hpp: the hosted service's optional call limits (20015, 20023,
// 20024), shared by all workers.
#pragma once

#include "serving_config.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>

namespace mktows_front {

class Limiter {
 public:
  explicit Limiter(const LimitsConfig &limits) : limits_(limits) {}

  // Counts a request from the moment its HTTP head is read until its
  // response is ready (release() before sending, so a client that has its
  // response is no longer counted).
  class InFlight {
   public:
    explicit InFlight(Limiter &l) : l_(l) { ++l_.in_flight_; }
    ~InFlight() { release(); }
    void release() {
      if (!released_) --l_.in_flight_;
      released_ = true;
    }
    InFlight(const InFlight &) = delete;
    InFlight &operator=(const InFlight &) = delete;

   private:
    Limiter &l_;
    bool released_ = false;
  };

  // Called once per authenticated call; throws ServiceError 20024, 20023 or
  // 20015. Refused calls do not use up the window or the quota.
  void admit(std::chrono::steady_clock::time_point now, long long utc_day);

 private:
  LimitsConfig limits_;
  std::atomic<int> in_flight_{0};
  std::mutex mutex_;
  std::deque<std::chrono::steady_clock::time_point> recent_;
  long long day_ = -1;
  long day_calls_ = 0;
};

}  // namespace mktows_front
