// bridge_config.hpp: what the bridge needs to know, from the environment
// and an optional JSON file (refused unless only its owner may read it,
// the tools' 0600 rule, tools/common). Secrets are never taken from the command line. The
// format is documented in docs/BRIDGE.md.
#pragma once

#include "call_gate.hpp"
#include "serving_config.hpp"

#include <stdexcept>

#include <string>
#include <utility>
#include <vector>

namespace mktows_bridge {

// A configuration or environment the bridge cannot start with.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BridgeConfig {
  // The REST side.
  std::string rest_endpoint;      // https://123-ABC-456.mktorest.com/rest
  std::string identity_endpoint;  // default: rest_endpoint with /rest -> /identity
  std::string client_id;
  std::string client_secret;
  std::string ca_file;            // empty: the system's trust store
  int timeout_seconds = 30;
  int connect_timeout_seconds = 5;
  GateLimits limits;
  int retry_attempts = 3;         // attempts for a retryable failure, the first included
  int retry_base_ms = 500;        // backoff: base, 2 x base, 4 x base, ...
  // The legacy side.
  // Every legacy application its own id and key (docs/BRIDGE.md, "SOAP
  // users"); all of them are carried to the one REST client.
  std::vector<mktows_front::UserConfig> users;
  bool demo_user = false;  // the sandbox's demo pair: only with --demo-user, only before a loopback REST side
  int timestamp_window_seconds = 900;
  // The mapping.
  std::string foreign_id_field;            // REST field holding ForeignSysPersonId; empty: none
  std::string foreign_sys_type = "CUSTOM"; // reported with it
  std::vector<std::pair<std::string, std::string>> workspaces;  // SOAP workspace -> REST partitionName
  // Where the bridge keeps its state (state_store.hpp): stateDirectory or
  // MKTOWS_BRIDGE_STATE_DIR; default $XDG_STATE_HOME/mktows-bridge, else
  // ~/.local/state/mktows-bridge. Nothing is written there until needed.
  std::string state_directory;
  // Several bridges, one quota (redis_share.hpp): MKTOWS_REDIS_URL (or
  // --redis, without a password there); empty: this bridge alone.
  std::string redis_url;
  int redis_timeout_ms = 1000;  // connect and each command (redis.timeoutMilliseconds)
};

// `getenv` is the environment (injected for tests). Throws
// ConfigError; messages never contain a secret. Without a configured SOAP
// user the bridge does not start: `allow_demo_user` (--demo-user) accepts
// the sandbox's documented demo pair instead, and only when the REST side
// is a loopback address (a sandbox on this machine, never a real instance).
typedef const char *(*EnvLookup)(const char *);
BridgeConfig load_bridge_config(const std::string &path, EnvLookup getenv, bool allow_demo_user = false);
BridgeConfig parse_bridge_config(const std::string &json_text, EnvLookup getenv, bool allow_demo_user = false);

// True when the URL's host is a loopback address: localhost, 127.0.0.0/8
// or [::1].
bool is_loopback_url(const std::string &url);

}  // namespace mktows_bridge
