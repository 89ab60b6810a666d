// call_gate.cpp: a sliding window and a counter under one lock.
#include "call_gate.hpp"

#include "service_error.hpp"

namespace mktows_bridge {

CallGate::Pass CallGate::enter() {
  using Clock = std::chrono::steady_clock;
  std::unique_lock<std::mutex> lock(mutex_);
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(limits_.max_wait_ms);
  for (;;) {
    Clock::time_point now = Clock::now();
    while (!recent_.empty() && recent_.front() <= now - std::chrono::seconds(limits_.window_seconds))
      recent_.pop_front();
    bool rate_ok = limits_.calls_per_window <= 0 || static_cast<int>(recent_.size()) < limits_.calls_per_window;
    bool concurrency_ok = limits_.max_concurrent <= 0 || in_flight_ < limits_.max_concurrent;
    if (rate_ok && concurrency_ok) {
      if (limits_.calls_per_window > 0) recent_.push_back(now);
      ++in_flight_;
      return Pass(*this);
    }
    if (now >= deadline)
      throw mktows_front::ServiceError(
          concurrency_ok ? mktows::fault_code::rate_limit_exceeded : mktows::fault_code::concurrency_limit_exceeded,
          concurrency_ok ? "REST rate limit: no room in the window" : "REST concurrency limit: no call finished");
    Clock::time_point wake = deadline;
    if (!rate_ok) {
      Clock::time_point free_at = recent_.front() + std::chrono::seconds(limits_.window_seconds);
      if (free_at < wake) wake = free_at;
    }
    room_.wait_until(lock, wake);
  }
}

void CallGate::leave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_;
  }
  room_.notify_one();
}

}  // namespace mktows_bridge
