// shared_token.cpp: the token's keys; a compare-and-delete script where
// another bridge may have written in between.
#include "shared_token.hpp"

#include <random>

#include <unistd.h>

namespace mktows_bridge {

namespace {

// KEYS: one key. ARGV: the value it must still hold to be deleted.
const char kDeleteIfSame[] = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

// GET and PTTL at once: the token with its time left.
const char kTokenAndTime[] = R"lua(
local v = redis.call('GET', KEYS[1])
if not v then return {} end
return {v, redis.call('PTTL', KEYS[1])}
)lua";

}  // namespace

RedisTokenShare::RedisTokenShare(RedisClient &redis, const std::string &prefix)
    : redis_(redis), token_key_(prefix + "token"), claim_key_(prefix + "token-claim") {
  std::random_device rd;
  me_ = std::to_string(::getpid()) + "-" + std::to_string(rd()) + std::to_string(rd());
}

bool RedisTokenShare::get(std::string &token, long long &remaining_ms) {
  RedisReply r = redis_.script(kTokenAndTime, {token_key_}, {});
  if (r.type != RedisReply::kArray || r.elements.size() != 2 || r.elements[0].type != RedisReply::kString ||
      r.elements[1].type != RedisReply::kInteger)
    return false;
  token = r.elements[0].text;
  remaining_ms = r.elements[1].integer;  // -1: no expiry (not written by a bridge): treated as none left
  return !token.empty();
}

bool RedisTokenShare::claim(long long hold_ms) {
  RedisReply r = redis_.command({"SET", claim_key_, me_, "NX", "PX", std::to_string(hold_ms > 0 ? hold_ms : 1)});
  return r.type == RedisReply::kStatus;
}

void RedisTokenShare::unclaim() { redis_.script(kDeleteIfSame, {claim_key_}, {me_}); }

void RedisTokenShare::put(const std::string &token, long long ttl_ms) {
  if (ttl_ms <= 0) return;  // already expired: nothing to share
  redis_.command({"SET", token_key_, token, "PX", std::to_string(ttl_ms)});
}

void RedisTokenShare::drop(const std::string &token) { redis_.script(kDeleteIfSame, {token_key_}, {token}); }

}  // namespace mktows_bridge
