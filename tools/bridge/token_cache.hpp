// token_cache.hpp: the REST side's OAuth token, fetched with the client
// credentials and shared by every worker. One fetch at a time: workers
// that need a token while one is being fetched wait for it (bounded by the
// HTTP timeout). The token is never logged.
#pragma once

#include "rest_http.hpp"

#include <chrono>
#include <mutex>
#include <string>

namespace mktows_bridge {

// A token kept outside the process for several bridges (RedisTokenShare,
// shared_token.hpp): one identity call per token lifetime across all of
// them. Every member throws RedisError when the store cannot be reached.
class TokenShare {
 public:
  virtual ~TokenShare() = default;
  // The shared token and the milliseconds it has left; false when none.
  virtual bool get(std::string &token, long long &remaining_ms) = 0;
  // The right to fetch the next token, for `hold_ms` at most: one bridge
  // asks the identity service, the others wait for its answer.
  virtual bool claim(long long hold_ms) = 0;
  virtual void unclaim() = 0;
  virtual void put(const std::string &token, long long ttl_ms) = 0;
  // The REST side refused `token`: forgotten, unless another bridge has
  // already put a newer one.
  virtual void drop(const std::string &token) = 0;
};

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;

  TokenCache(RestHttp &http, const std::string &identity_url, const std::string &client_id,
             const std::string &client_secret);

  // A valid token. Throws ServiceError: 20014 when the identity service
  // refuses the client, 20011 when it cannot be reached or answers garbage.
  std::string get();
  // The REST side said 601/602 for `token`: the next get() fetches anew.
  void invalidate(const std::string &token);
  // Identity calls made so far.
  unsigned long fetches() const;
  // With --redis: the token the bridges share (set before the first call).
  // A store that cannot be reached does not stop a call: this bridge then
  // asks the identity service itself (docs/BRIDGE.md).
  void share(TokenShare *shared, long long wait_ms) {
    shared_ = shared;
    shared_wait_ms_ = wait_ms;
  }

 private:
  void fetch();
  // The shared token, or this bridge's fetch put there; false when the
  // store cannot be reached.
  bool from_share();

  RestHttp &http_;
  std::string url_;  // .../oauth/token?grant_type=...&client_id=...&client_secret=...
  mutable std::mutex mutex_;
  std::string token_;
  Clock::time_point renew_at_{};
  unsigned long fetches_ = 0;
  TokenShare *shared_ = nullptr;
  long long shared_wait_ms_ = 0;  // how long to wait for another bridge's fetch
  std::string refused_;           // the REST side refused it: not taken from the store again
};

}  // namespace mktows_bridge
