// limiter.cpp: concurrency, sliding-window rate and daily quota checks.
#include "limiter.hpp"

#include "service_error.hpp"

namespace mktows_front {

void Limiter::admit(std::chrono::steady_clock::time_point now, long long utc_day) {
  if (limits_.max_concurrent > 0 && in_flight_.load() > limits_.max_concurrent)
    throw ServiceError(fault_code::concurrency_limit_exceeded, "too many concurrent calls");
  if (limits_.calls_per_window <= 0 && limits_.daily_quota <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (limits_.calls_per_window > 0) {
    auto horizon = now - std::chrono::seconds(limits_.window_seconds);
    while (!recent_.empty() && recent_.front() <= horizon) recent_.pop_front();
    if (static_cast<long>(recent_.size()) >= limits_.calls_per_window)
      throw ServiceError(fault_code::rate_limit_exceeded, "too many calls in the window");
  }
  if (limits_.daily_quota > 0) {
    if (utc_day != day_) {
      day_ = utc_day;
      day_calls_ = 0;
    }
    if (day_calls_ >= limits_.daily_quota) throw ServiceError(fault_code::request_limit_exceeded, "daily quota used up");
    ++day_calls_;
  }
  if (limits_.calls_per_window > 0) recent_.push_back(now);
}

}  // namespace mktows_front
