// retry.hpp: when to send a failed request again, as a plain value.
//
//   20016 (request expired)             -> re-sign and retry at once
//   20023, 20024, 10001, 20011,
//   transport errors (not TLS),
//   HTTP 429/502/503/504                -> exponential backoff with jitter
//   20013, 20014, 20015, validation,
//   anything else                       -> never
//
// Bounded by max_attempts (all attempts, the first included) and by
// max_total (no retry starts after that much time since the first attempt).
// The client also asks idempotency.hpp: once a request left whole, a call
// that a resend could duplicate (syncMultipleLeads without dedup) is not
// retried, whatever this policy says.
#ifndef MKTOWS_RETRY_HPP
#define MKTOWS_RETRY_HPP

#include "mktows/error.hpp"

#include <chrono>
#include <cmath>

namespace mktows {

struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds initial_backoff = std::chrono::milliseconds(1000);
  double multiplier = 2.0;
  std::chrono::milliseconds max_backoff = std::chrono::milliseconds(20000);
  // Each delay is shortened by a random fraction of up to `jitter` (0..1),
  // so clients that failed together do not retry together.
  double jitter = 0.5;
  std::chrono::milliseconds max_total = std::chrono::milliseconds(60000);

  static RetryPolicy none() {
    RetryPolicy p;
    p.max_attempts = 1;
    return p;
  }

  enum class Action { stop, retry_now, retry_after };
  struct Decision {
    Action action;
    std::chrono::milliseconds delay;
  };

  // `attempt`: the 1-based number of the attempt that failed; `backoffs`:
  // how many delayed retries came before; `elapsed`: time since the first
  // attempt began; `random01`: a number in [0, 1) for the jitter.
  Decision decide(const Error &error, int attempt, int backoffs, std::chrono::milliseconds elapsed,
                  double random01) const {
    const Decision stop = {Action::stop, std::chrono::milliseconds(0)};
    if (attempt >= max_attempts || !error.retryable()) return stop;
    if (error.kind == ErrorKind::fault && error.code == fault_code::request_expired) {
      Decision now = {Action::retry_now, std::chrono::milliseconds(0)};
      return now;  // the next attempt is signed afresh by the plugin
    }
    double base = static_cast<double>(initial_backoff.count()) * std::pow(multiplier, backoffs);
    double cap = static_cast<double>(max_backoff.count());
    if (base > cap) base = cap;
    double j = jitter < 0 ? 0 : (jitter > 1 ? 1 : jitter);
    double r = random01 < 0 ? 0 : (random01 >= 1 ? 0.999999 : random01);
    std::chrono::milliseconds delay(static_cast<long long>(base * (1.0 - j * r)));
    if (elapsed + delay > max_total) return stop;
    Decision later = {Action::retry_after, delay};
    return later;
  }
};

}  // namespace mktows

#endif  // MKTOWS_RETRY_HPP
