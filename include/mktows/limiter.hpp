// limiter.hpp: keeps a process under the service's limits per user id
// (limits.hpp: kCallsPerWindow calls in any kRateWindowSeconds, at most
// kMaxConcurrent in progress), across every client of the process, so the
// service's 20023/20024 faults are not provoked.
//
// One Limiter per user id, shared by all clients (Limiter::for_user). A
// call waits before it is sent: for a free concurrency slot (woken by the
// call that ends), or until the oldest call leaves the window (slept with
// the caller's sleep function, which tests replace).
#ifndef MKTOWS_LIMITER_HPP
#define MKTOWS_LIMITER_HPP

#include "mktows/limiter_options.hpp"
#include "mktows/limits.hpp"
#include "mktows/timing.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mktows {

class Limiter {
 public:
  // Releases a concurrency slot when destroyed.
  class Permit {
   public:
    Permit() : limiter_(nullptr) {}
    explicit Permit(Limiter *limiter) : limiter_(limiter) {}
    Permit(Permit &&other) noexcept : limiter_(other.limiter_) { other.limiter_ = nullptr; }
    Permit &operator=(Permit &&other) noexcept {
      if (this != &other) {
        release();
        limiter_ = other.limiter_;
        other.limiter_ = nullptr;
      }
      return *this;
    }
    Permit(const Permit &) = delete;
    Permit &operator=(const Permit &) = delete;
    ~Permit() { release(); }
    void release() {
      if (limiter_) limiter_->release();
      limiter_ = nullptr;
    }

   private:
    Limiter *limiter_;
  };

  // The process-wide limiter of one user id. Kept for the life of the
  // process, so the window survives the clients that filled it.
  static std::shared_ptr<Limiter> for_user(const std::string &user_id) {
    static std::mutex registry_mutex;
    static std::map<std::string, std::shared_ptr<Limiter>> registry;
    std::lock_guard<std::mutex> lock(registry_mutex);
    std::shared_ptr<Limiter> &l = registry[user_id];
    if (!l) l = std::make_shared<Limiter>();
    return l;
  }

  Limiter() : in_flight_(0) {}
  Limiter(const Limiter &) = delete;
  Limiter &operator=(const Limiter &) = delete;

  // Waits until a call may start under `options`, then counts it.
  // Returns the permit to hold for the duration of the call.
  Permit acquire(const LimiterOptions &options, const SteadyClock &clock, const SleepFunction &sleep) {
    if (!options.enabled) return Permit();
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      TimePoint now = steady_now(clock);
      while (!starts_.empty() && starts_.front() + options.window <= now) starts_.pop_front();
      bool rate_ok = options.calls_per_window <= 0 || starts_.size() < static_cast<std::size_t>(options.calls_per_window);
      bool slot_ok = options.max_concurrent <= 0 || in_flight_ < options.max_concurrent;
      if (rate_ok && slot_ok) {
        if (options.calls_per_window > 0) starts_.push_back(now);
        ++in_flight_;
        return Permit(this);
      }
      if (!slot_ok) {
        released_.wait(lock);  // a finishing call notifies
        continue;
      }
      std::chrono::steady_clock::duration left = starts_.front() + options.window - now;
      std::chrono::milliseconds wait = std::chrono::duration_cast<std::chrono::milliseconds>(left);
      if (wait < left) wait += std::chrono::milliseconds(1);  // round up: never early
      lock.unlock();
      sleep_for(sleep, wait);
      lock.lock();
    }
  }

  int in_flight() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return in_flight_;
  }

 private:
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --in_flight_;
    }
    released_.notify_one();
  }

  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::deque<TimePoint> starts_;  // start times of the calls in the window
  int in_flight_;
};

}  // namespace mktows

#endif  // MKTOWS_LIMITER_HPP
