// redis_state_store.hpp: the bridge's state (state_store.hpp) in the Redis
// several bridges share, so that a paging key, an import batch id or an id
// map made by one bridge is found by the others. One Redis string per key
// (under redis_key_prefix + "state:"), expiring by itself when it has a
// ttl; get_or_put is SET NX, so two bridges asking at once store one value
// and both get it. Throws ServiceError 20011 when Redis cannot be reached
// (the reason names no password).
#pragma once

#include "redis_client.hpp"
#include "state_store.hpp"

namespace mktows_bridge {

class RedisStateStore : public StateStore {
 public:
  RedisStateStore(RedisClient &redis, const std::string &prefix);

  bool get(const std::string &key, std::string &value) override;
  void put(const std::string &key, const std::string &value, long long ttl_seconds) override;
  std::string get_or_put(const std::string &key, const std::function<std::string()> &make) override;

 private:
  RedisClient &redis_;
  std::string prefix_;
};

}  // namespace mktows_bridge
