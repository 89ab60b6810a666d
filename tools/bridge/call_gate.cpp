// call_gate.cpp: a sliding window and a counter under one lock.
#include "call_gate.hpp"

#include "service_error.hpp"

#include <algorithm>
#include <thread>

namespace mktows_bridge {

using Clock = std::chrono::steady_clock;

long long CallGate::quota_day(long long unix_seconds) {
  const long long kCstOffset = 6 * 3600;
  long long t = unix_seconds - kCstOffset;
  return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

void CallGate::expire(Clock::time_point now) {
  while (!returns_.empty() && returns_.front() <= now) returns_.pop_front();
}

void CallGate::count_today() {
  long long day = quota_day(std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count());
  if (day != day_) {
    day_ = day;
    today_ = 0;
  }
  ++today_;
}

namespace {

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

CallGate::Pass CallGate::enter() {
  if (shared_) return enter_shared();
  std::unique_lock<std::mutex> lock(mutex_);
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + std::chrono::milliseconds(limits_.max_wait_ms);
  bool waited = false;
  for (;;) {
    Clock::time_point now = Clock::now();
    expire(now);
    // Calls in flight count in the window too: the REST side may count
    // them at any moment until their answer.
    int used = in_flight_ + static_cast<int>(returns_.size());
    bool rate_ok = limits_.calls_per_window <= 0 || used < limits_.calls_per_window;
    bool concurrency_ok = limits_.max_concurrent <= 0 || in_flight_ < limits_.max_concurrent;
    if (rate_ok && concurrency_ok) {
      ++in_flight_;
      count_today();
      if (waited) {
        ++waited_;
        wait_seconds_ += std::chrono::duration<double>(now - start).count();
      }
      return Pass(*this);
    }
    if (now >= deadline) {
      ++(concurrency_ok ? refused_rate_ : refused_concurrency_);
      ++waited_;
      wait_seconds_ += std::chrono::duration<double>(now - start).count();
      throw mktows_front::ServiceError(
          concurrency_ok ? mktows::fault_code::rate_limit_exceeded : mktows::fault_code::concurrency_limit_exceeded,
          concurrency_ok ? "REST rate limit: no room in the window" : "REST concurrency limit: no call finished");
    }
    waited = true;
    Clock::time_point wake = deadline;
    // A slot comes back at the first return time; one held by a call in
    // flight only after its answer (leave() wakes the waiters).
    if (!rate_ok && !returns_.empty() && returns_.front() < wake) wake = returns_.front();
    room_.wait_until(lock, wake);
  }
}

// The shared window decides in one script (shared_window.cpp); between
// tries the gate sleeps until the first slot comes back, or polls briefly
// for a call to finish somewhere (no bridge can wake another's waiters).
CallGate::Pass CallGate::enter_shared() {
  Clock::time_point start = Clock::now();
  Clock::time_point deadline = start + std::chrono::milliseconds(limits_.max_wait_ms);
  bool waited = false;
  for (;;) {
    SharedWindow::Answer a = shared_->acquire(limits_, quota_day(unix_now()));
    Clock::time_point now = Clock::now();
    if (a.kind == SharedWindow::Answer::kGranted) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++in_flight_;
      if (waited) {
        ++waited_;
        wait_seconds_ += std::chrono::duration<double>(now - start).count();
      }
      return Pass(*this, a.slot);
    }
    if (now >= deadline) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++waited_;
      wait_seconds_ += std::chrono::duration<double>(now - start).count();
      if (a.kind == SharedWindow::Answer::kRateFull) {
        ++refused_rate_;
        throw mktows_front::ServiceError(mktows::fault_code::rate_limit_exceeded,
                                         "REST rate limit: no room in the shared window");
      }
      if (a.kind == SharedWindow::Answer::kConcurrencyFull) {
        ++refused_concurrency_;
        throw mktows_front::ServiceError(mktows::fault_code::concurrency_limit_exceeded,
                                         "REST concurrency limit: no call finished on any bridge");
      }
      ++refused_unknown_;
      // Not 20023/20024: the window may have room; the bridge cannot know.
      throw mktows_front::ServiceError(mktows::fault_code::api_failure,
                                       a.kind == SharedWindow::Answer::kUnknown
                                           ? "shared REST window unknown after a restart of its store"
                                           : "shared REST window unavailable: " + a.why);
    }
    waited = true;
    std::chrono::milliseconds pause(20);  // a call finishing on some bridge
    if (a.kind == SharedWindow::Answer::kUnavailable) pause = std::chrono::milliseconds(100);
    if ((a.kind == SharedWindow::Answer::kRateFull || a.kind == SharedWindow::Answer::kUnknown) && a.wait_ms > 0)
      pause = std::chrono::milliseconds(a.wait_ms);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + std::chrono::milliseconds(1);
    std::this_thread::sleep_for(std::min(pause, left));
  }
}

void CallGate::leave(const std::string &slot) {
  if (shared_) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --in_flight_;
    }
    // Unreachable: the lease expires by itself and its slot is then held
    // as if answered at the expiry (shared_window.cpp).
    shared_->release(slot, limits_);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_;
    if (limits_.calls_per_window > 0)
      returns_.push_back(Clock::now() + std::chrono::seconds(limits_.window_seconds) +
                         std::chrono::milliseconds(limits_.window_margin_ms));
  }
  // Every waiter re-reads the window: some wait for a slot in flight, some
  // for a return time that has just changed.
  room_.notify_all();
}

GateStats CallGate::stats() {
  std::unique_lock<std::mutex> lock(mutex_);
  expire(Clock::now());
  GateStats s;
  s.refused_unknown = refused_unknown_;
  if (shared_) {
    // Every bridge's calls: the window the REST side sees.
    s.waited = waited_;
    s.wait_seconds = wait_seconds_;
    s.refused_rate = refused_rate_;
    s.refused_concurrency = refused_concurrency_;
    s.in_flight = in_flight_;
    lock.unlock();  // no lock held while Redis answers
    int used = 0, flying = 0;
    long long today = 0;
    if (shared_->stats(limits_, quota_day(unix_now()), used, flying, today)) {
      s.window_used = used;
      s.in_flight = flying;
      s.today = today;
      s.shared_ok = true;
    }
    return s;
  }
  s.in_flight = in_flight_;
  s.window_used = in_flight_ + static_cast<int>(returns_.size());
  long long day = quota_day(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  s.today = day == day_ ? today_ : 0;
  s.waited = waited_;
  s.wait_seconds = wait_seconds_;
  s.refused_rate = refused_rate_;
  s.refused_concurrency = refused_concurrency_;
  return s;
}

}  // namespace mktows_bridge
