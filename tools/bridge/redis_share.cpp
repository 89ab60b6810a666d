// redis_share.cpp: the shared parts' settings from the configuration.
#include "redis_share.hpp"

namespace mktows_bridge {

namespace {

RedisClient::Options client_options(const BridgeConfig &config) {
  RedisClient::Options o;
  o.connect_timeout_ms = config.redis_timeout_ms;
  o.command_timeout_ms = config.redis_timeout_ms;
  return o;
}

}  // namespace

long long RedisShare::lease_ms(const BridgeConfig &config) {
  return config.timeout_seconds * 1000LL + config.limits.window_margin_ms;
}

RedisShare::RedisShare(const std::string &url, const BridgeConfig &config)
    : client(RedisUrl::parse(url), client_options(config)),
      window(client, redis_key_prefix(config.rest_endpoint), lease_ms(config)),
      token(client, redis_key_prefix(config.rest_endpoint)),
      state(client, redis_key_prefix(config.rest_endpoint)) {}

std::string RedisShare::check() {
  try {
    RedisReply r = client.command({"PING"});
    return r.type == RedisReply::kStatus ? std::string() : "Redis answered PING with something else";
  } catch (const RedisError &e) {
    return e.what();
  }
}

}  // namespace mktows_bridge
