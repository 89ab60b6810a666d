// redis_state_store.cpp: GET, SET, SET NX; Redis's errors as the store's.
#include "redis_state_store.hpp"

#include "service_error.hpp"

namespace mktows_bridge {

using mktows_front::ServiceError;

namespace {

RedisReply run(RedisClient &redis, const std::vector<std::string> &args) {
  try {
    return redis.command(args);
  } catch (const RedisError &e) {
    throw ServiceError(mktows::fault_code::api_failure, std::string("state store: ") + e.what());
  }
}

}  // namespace

RedisStateStore::RedisStateStore(RedisClient &redis, const std::string &prefix)
    : redis_(redis), prefix_(prefix + "state:") {}

bool RedisStateStore::get(const std::string &key, std::string &value) {
  RedisReply r = run(redis_, {"GET", prefix_ + key});
  if (r.type != RedisReply::kString) return false;
  value = r.text;
  return true;
}

void RedisStateStore::put(const std::string &key, const std::string &value, long long ttl_seconds) {
  if (ttl_seconds > 0) run(redis_, {"SET", prefix_ + key, value, "EX", std::to_string(ttl_seconds)});
  else run(redis_, {"SET", prefix_ + key, value});
}

std::string RedisStateStore::get_or_put(const std::string &key, const std::function<std::string()> &make) {
  std::string value;
  if (get(key, value)) return value;
  value = make();
  RedisReply set = run(redis_, {"SET", prefix_ + key, value, "NX"});
  if (set.type == RedisReply::kStatus) return value;
  // Another bridge (or worker) stored first: its value is the one.
  std::string theirs;
  if (get(key, theirs)) return theirs;
  throw ServiceError(mktows::fault_code::api_failure, "state store: " + key + " vanished while being stored");
}

}  // namespace mktows_bridge
