// redis_share.hpp: everything several bridges share through one Redis
// (--redis URL or MKTOWS_REDIS_URL; docs/BRIDGE.md, "Several bridges, one
// quota (Redis)"), made from the bridge's configuration: the connection,
// the call window with its leases and daily count, the OAuth token, the
// state store.
#pragma once

#include "bridge_config.hpp"
#include "redis_client.hpp"
#include "redis_state_store.hpp"
#include "shared_token.hpp"
#include "shared_window.hpp"

#include <string>

namespace mktows_bridge {

struct RedisShare {
  // Throws RedisError for a URL that is not one (naming no password).
  // Connects lazily: a Redis down at the start is the same as one that
  // goes down later.
  RedisShare(const std::string &url, const BridgeConfig &config);

  // A lease outlives the longest REST call (the HTTP timeout), plus the
  // window's margin.
  static long long lease_ms(const BridgeConfig &config);
  // "" when Redis answers PING, else why not (for /readyz).
  std::string check();

  RedisClient client;
  RedisWindow window;
  RedisTokenShare token;
  RedisStateStore state;
};

}  // namespace mktows_bridge
