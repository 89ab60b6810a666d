// rest_tokens.hpp: the REST face's OAuth tokens (client-credentials grant).
// As the vendor's identity service does, asking again while a token is
// valid returns the same token with its remaining lifetime; a new one is
// minted only after it expires. Tokens are random and never logged.
#pragma once

#include "config.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>

namespace mktows_sandbox {

class RestTokens {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RestTokens(const RestConfig &config);

  struct Issued {
    std::string access_token;
    long long expires_in = 0;  // whole seconds left, rounded down
    bool minted = false;       // a new token (not the valid one again)
  };
  // False when the client id or secret is wrong (compared in constant time).
  bool issue(const std::string &client_id, const std::string &client_secret, Clock::time_point now, Issued &out);

  enum Status { kValid, kInvalid /* 601 */, kExpired /* 602 */ };
  Status check(const std::string &token, Clock::time_point now);

 private:
  RestConfig config_;
  std::mutex mutex_;
  std::string current_;
  Clock::time_point expiry_{};
  // Tokens that expired recently, so a late caller gets 602, not 601.
  std::deque<std::string> expired_;
};

}  // namespace mktows_sandbox
