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

 private:
  void fetch();

  RestHttp &http_;
  std::string url_;  // .../oauth/token?grant_type=...&client_id=...&client_secret=...
  mutable std::mutex mutex_;
  std::string token_;
  Clock::time_point renew_at_{};
  unsigned long fetches_ = 0;
};

}  // namespace mktows_bridge
