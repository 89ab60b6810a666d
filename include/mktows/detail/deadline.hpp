// detail/deadline.hpp: the bound on one attempt of a call, from its first
// byte sent to the last byte of its answer read (ClientOptions::call_timeout).
//
// The send and receive timeouts bound each read and write; a server that
// drips one byte every half second never trips them. The deadline is
// checked before each read and write of the exchange, and when it is
// nearer than the per-read timeout the wait itself is shortened to the
// time left, so a call returns within the deadline plus one scheduling
// delay. Far from the deadline (the usual case) a read costs one clock
// reading more than without it.
#ifndef MKTOWS_DETAIL_DEADLINE_HPP
#define MKTOWS_DETAIL_DEADLINE_HPP

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <climits>

namespace mktows {
namespace detail {

class Deadline {
 public:
  typedef std::chrono::steady_clock Clock;

  Deadline() : armed_(false), passed_(false) {}

  // Starts the bound for one attempt; a budget <= 0 means none.
  void arm(std::chrono::milliseconds budget) {
    passed_ = false;
    armed_ = budget.count() > 0;
    if (armed_) at_ = Clock::now() + budget;
  }
  // No bound, and no verdict of an earlier attempt.
  void disarm() {
    armed_ = false;
    passed_ = false;
  }
  bool armed() const { return armed_; }

  // Whether the attempt ran out of time (sticky until the next arm()).
  bool passed() const { return passed_; }

  // Milliseconds left, rounded up (a wait of 0 would busy-loop), or -1
  // when there is no bound; 0 (and passed() from now on) when it is over.
  long long left_ms() {
    if (!armed_) return -1;
    Clock::time_point now = Clock::now();
    if (now >= at_) {
      passed_ = true;
      return 0;
    }
    long long us = std::chrono::duration_cast<std::chrono::microseconds>(at_ - now).count();
    return (us + 999) / 1000;
  }

  // Before a blocking read or write whose own timeout is `per_io_ms` (0:
  // none): true when it may go ahead. When the deadline is nearer than
  // that timeout, waits for `events` on `fd` at most the time left; false
  // (passed() set) if the time ran out first.
  bool wait(int fd, short events, long long per_io_ms) {
    long long left = left_ms();
    if (left < 0) return true;
    if (left == 0) return false;
    if (per_io_ms > 0 && per_io_ms < left) return true;  // the per-read timeout fires first
    pollfd p;
    p.fd = fd;
    p.events = events;
    p.revents = 0;
    int r;
    do r = ::poll(&p, 1, left > INT_MAX ? INT_MAX : static_cast<int>(left));
    while (r < 0 && errno == EINTR);
    if (r == 0) {
      passed_ = true;
      return false;
    }
    return true;  // ready, or an error the read or write itself reports
  }

  // Waits for `events` on `fd` at most `per_io_ms` (0: no per-wait bound)
  // and the time left: 1 when ready, 0 when `per_io_ms` ran out first, -1
  // (passed() set) when the deadline did.
  int wait_for(int fd, short events, long long per_io_ms) {
    long long left = left_ms();
    if (left == 0) return -1;
    bool bounded_by_deadline = left > 0 && (per_io_ms <= 0 || left <= per_io_ms);
    long long ms = bounded_by_deadline ? left : per_io_ms;
    pollfd p;
    p.fd = fd;
    p.events = events;
    p.revents = 0;
    int r;
    do r = ::poll(&p, 1, ms <= 0 ? -1 : (ms > INT_MAX ? INT_MAX : static_cast<int>(ms)));
    while (r < 0 && errno == EINTR);
    if (r != 0) return 1;  // ready, or an error the next write reports
    if (!bounded_by_deadline) return 0;
    passed_ = true;
    return -1;
  }

  // gSOAP's timeout for the next read or write (positive: seconds,
  // negative: microseconds, 0: none): the smaller of `runtime` and the
  // time left. Call after wait() said the deadline is not over.
  int shrink_soap_timeout(int runtime) {
    long long left = left_ms();
    if (left < 0) return runtime;
    long long runtime_us = runtime > 0 ? runtime * 1000000LL : -static_cast<long long>(runtime);
    long long left_us = left * 1000;
    if (runtime != 0 && runtime_us <= left_us) return runtime;
    if (left_us > INT_MAX) return static_cast<int>(left / 1000 + 1);  // seconds: over a 35-minute bound
    return -static_cast<int>(left_us);
  }

 private:
  bool armed_;
  bool passed_;
  Clock::time_point at_;
};

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_DEADLINE_HPP
