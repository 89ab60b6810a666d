// shared_token.hpp: the OAuth token kept in Redis for several bridges
// (TokenShare, token_cache.hpp). Keys under redis_key_prefix: "token" (the
// token, expiring when the identity service said it does) and
// "token-claim" (which bridge is fetching, expiring after the claim's
// hold). The token is a secret: the store is to be reachable by the
// bridges only (docs/BRIDGE.md); nothing here prints it.
#pragma once

#include "redis_client.hpp"
#include "token_cache.hpp"

#include <string>

namespace mktows_bridge {

class RedisTokenShare : public TokenShare {
 public:
  RedisTokenShare(RedisClient &redis, const std::string &prefix);

  bool get(std::string &token, long long &remaining_ms) override;
  bool claim(long long hold_ms) override;
  void unclaim() override;
  void put(const std::string &token, long long ttl_ms) override;
  void drop(const std::string &token) override;

 private:
  RedisClient &redis_;
  std::string token_key_, claim_key_, me_;
};

}  // namespace mktows_bridge
