// bridge_config.cpp: reading and completing the bridge's configuration.
#include "bridge_config.hpp"

#include "private_file.hpp"

#include <mktows/lead.hpp>
#include <nlohmann/json.hpp>

namespace mktows_bridge {

using mktows_front::UserConfig;
using nlohmann::json;

namespace {

std::string str(const json &o, const char *key, const std::string &path) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::string();
  if (!it->is_string()) throw ConfigError("bridge configuration: " + path + "." + key + " must be a string");
  return it->get<std::string>();
}

int integer(const json &o, const char *key, const std::string &path, int fallback, int min, int max) {
  auto it = o.find(key);
  if (it == o.end()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max)
    throw ConfigError("bridge configuration: " + path + "." + key + " must be an integer in [" + std::to_string(min) +
                      ", " + std::to_string(max) + "]");
  return it->get<int>();
}

void only(const json &o, const std::string &path, std::initializer_list<const char *> keys) {
  if (!o.is_object()) throw ConfigError("bridge configuration: " + path + " must be an object");
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool ok = false;
    for (const char *k : keys) ok = ok || it.key() == k;
    if (!ok) throw ConfigError("bridge configuration: " + path + ": unknown key \"" + it.key() + "\"");
  }
}

std::string env(EnvLookup getenv, const char *name) {
  const char *v = getenv(name);
  return v ? v : "";
}

}  // namespace

bool is_loopback_url(const std::string &url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  std::size_t start = scheme + 3, end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    host = authority.substr(1, close - 1);
    return host == "::1";
  }
  host = authority.substr(0, authority.find(':'));
  for (char &ch : host) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (host == "localhost") return true;
  // 127.a.b.c, each part a decimal number up to 255.
  int parts = 0;
  std::size_t i = 0;
  std::string first;
  while (i <= host.size()) {
    std::size_t dot = host.find('.', i);
    std::string part = host.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(part) > 255)
      return false;
    if (parts == 0) first = part;
    ++parts;
    if (dot == std::string::npos) break;
    i = dot + 1;
  }
  return parts == 4 && std::stoi(first) == 127;
}

BridgeConfig parse_bridge_config(const std::string &text, EnvLookup getenv, bool allow_demo_user) {
  BridgeConfig c;
  json root = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (root.is_discarded()) throw ConfigError("bridge configuration: not valid JSON");
  only(root, "$", {"rest", "users", "foreignIdField", "foreignSysType", "workspaces", "timestampWindowSeconds",
                   "stateDirectory", "redis"});
  if (root.contains("rest")) {
    const json &r = root["rest"];
    only(r, "rest", {"endpoint", "identityEndpoint", "clientId", "clientSecret", "caFile", "timeoutSeconds",
                     "connectTimeoutSeconds", "limits", "retries"});
    c.rest_endpoint = str(r, "endpoint", "rest");
    c.identity_endpoint = str(r, "identityEndpoint", "rest");
    c.client_id = str(r, "clientId", "rest");
    c.client_secret = str(r, "clientSecret", "rest");
    c.ca_file = str(r, "caFile", "rest");
    c.timeout_seconds = integer(r, "timeoutSeconds", "rest", c.timeout_seconds, 1, 600);
    c.connect_timeout_seconds = integer(r, "connectTimeoutSeconds", "rest", c.connect_timeout_seconds, 1, 120);
    if (r.contains("limits")) {
      const json &l = r["limits"];
      only(l, "rest.limits",
           {"callsPerWindow", "windowSeconds", "maxConcurrent", "maxWaitMilliseconds", "windowMarginMilliseconds"});
      c.limits.calls_per_window = integer(l, "callsPerWindow", "rest.limits", c.limits.calls_per_window, 0, 1000000);
      c.limits.window_seconds = integer(l, "windowSeconds", "rest.limits", c.limits.window_seconds, 1, 86400);
      c.limits.max_concurrent = integer(l, "maxConcurrent", "rest.limits", c.limits.max_concurrent, 0, 10000);
      c.limits.max_wait_ms = integer(l, "maxWaitMilliseconds", "rest.limits", c.limits.max_wait_ms, 0, 600000);
      c.limits.window_margin_ms =
          integer(l, "windowMarginMilliseconds", "rest.limits", c.limits.window_margin_ms, 0, 60000);
    }
    if (r.contains("retries")) {
      const json &t = r["retries"];
      only(t, "rest.retries", {"attempts", "baseMilliseconds"});
      c.retry_attempts = integer(t, "attempts", "rest.retries", c.retry_attempts, 1, 10);
      c.retry_base_ms = integer(t, "baseMilliseconds", "rest.retries", c.retry_base_ms, 0, 60000);
    }
  }
  if (root.contains("users")) {
    if (!root["users"].is_array()) throw ConfigError("bridge configuration: users must be an array");
    for (const json &u : root["users"]) {
      only(u, "users[]", {"userId", "encryptionKey"});
      UserConfig user{str(u, "userId", "users[]"), str(u, "encryptionKey", "users[]")};
      if (user.user_id.empty() || user.encryption_key.empty())
        throw ConfigError("bridge configuration: users[] needs userId and encryptionKey");
      c.users.push_back(user);
    }
  }
  c.foreign_id_field = str(root, "foreignIdField", "$");
  std::string type = str(root, "foreignSysType", "$");
  if (!type.empty()) {
    mktows::ForeignSystem system = mktows::ForeignSystem::none;  // the client's table of the type's text
    if (!mktows::parse_foreign_system(type, system))
      throw ConfigError("bridge configuration: foreignSysType must be CUSTOM, SFDC or NETSUITE");
    c.foreign_sys_type = type;
  }
  if (root.contains("workspaces")) {
    const json &w = root["workspaces"];
    if (!w.is_object()) throw ConfigError("bridge configuration: workspaces must map names to partition names");
    for (auto it = w.begin(); it != w.end(); ++it) {
      if (!it->is_string() || it->get<std::string>().empty())
        throw ConfigError("bridge configuration: workspaces." + it.key() + " must name a partition");
      c.workspaces.emplace_back(it.key(), it->get<std::string>());
    }
  }
  c.timestamp_window_seconds = integer(root, "timestampWindowSeconds", "$", c.timestamp_window_seconds, 1, 86400 * 366);
  c.state_directory = str(root, "stateDirectory", "$");
  if (root.contains("redis")) {
    const json &r = root["redis"];
    only(r, "redis", {"url", "timeoutMilliseconds"});
    c.redis_url = str(r, "url", "redis");
    c.redis_timeout_ms = integer(r, "timeoutMilliseconds", "redis", c.redis_timeout_ms, 10, 60000);
  }

  // The environment wins over the file.
  auto take = [&](const char *name, std::string &into) {
    std::string v = env(getenv, name);
    if (!v.empty()) into = v;
  };
  take("MKTOWS_REST_ENDPOINT", c.rest_endpoint);
  take("MKTOWS_IDENTITY_ENDPOINT", c.identity_endpoint);
  take("MKTOWS_REST_CLIENT_ID", c.client_id);
  take("MKTOWS_REST_CLIENT_SECRET", c.client_secret);
  take("MKTOWS_BRIDGE_STATE_DIR", c.state_directory);
  take("MKTOWS_REDIS_URL", c.redis_url);
  if (c.state_directory.empty()) {
    std::string xdg = env(getenv, "XDG_STATE_HOME"), home = env(getenv, "HOME");
    c.state_directory = !xdg.empty() ? xdg + "/mktows-bridge" : !home.empty() ? home + "/.local/state/mktows-bridge" : "mktows-bridge-state";
  }
  while (!c.rest_endpoint.empty() && c.rest_endpoint.back() == '/') c.rest_endpoint.pop_back();
  while (!c.identity_endpoint.empty() && c.identity_endpoint.back() == '/') c.identity_endpoint.pop_back();
  if (c.rest_endpoint.empty()) throw ConfigError("set MKTOWS_REST_ENDPOINT (e.g. https://123-ABC-456.mktorest.com/rest)");
  if (c.rest_endpoint.compare(0, 7, "http://") != 0 && c.rest_endpoint.compare(0, 8, "https://") != 0)
    throw ConfigError("MKTOWS_REST_ENDPOINT must be an http:// or https:// URL");
  if (c.identity_endpoint.empty()) {
    const std::string tail = "/rest";
    if (c.rest_endpoint.size() < tail.size() ||
        c.rest_endpoint.compare(c.rest_endpoint.size() - tail.size(), tail.size(), tail) != 0)
      throw ConfigError("MKTOWS_REST_ENDPOINT does not end in /rest: set MKTOWS_IDENTITY_ENDPOINT too");
    c.identity_endpoint = c.rest_endpoint.substr(0, c.rest_endpoint.size() - tail.size()) + "/identity";
  }
  if (c.client_id.empty() || c.client_secret.empty())
    throw ConfigError("set MKTOWS_REST_CLIENT_ID and MKTOWS_REST_CLIENT_SECRET (or rest.clientId/clientSecret)");
  // The environment's user joins the file's (a unit's EnvironmentFile may
  // hold one key, the file the others); one id names one key.
  std::string user = env(getenv, "MKTOWS_USER_ID"), key = env(getenv, "MKTOWS_ENCRYPTION_KEY");
  if (user.empty() != key.empty())
    throw ConfigError("set both MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY, or neither");
  if (!user.empty()) c.users.push_back(UserConfig{user, key});
  for (std::size_t i = 0; i < c.users.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (c.users[i].user_id == c.users[j].user_id)
        throw ConfigError("SOAP user " + c.users[i].user_id + " is configured twice (users[] or MKTOWS_USER_ID)");
  if (c.users.empty()) {
    // Never the documented pair in front of a real instance: anyone who has
    // read the docs could then read and write it.
    if (!allow_demo_user)
      throw ConfigError("no SOAP users configured: set users[] in the configuration (userId, encryptionKey) or "
                        "MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY (--demo-user accepts the sandbox's demo pair "
                        "before a loopback REST endpoint only)");
    if (!is_loopback_url(c.rest_endpoint) || !is_loopback_url(c.identity_endpoint))
      throw ConfigError("--demo-user: the REST endpoint is not a loopback address; the demo pair is for a sandbox on "
                        "this machine only: configure SOAP users");
    c.users.push_back(UserConfig{mktows_front::kDemoUserId, mktows_front::kDemoEncryptionKey});
    c.demo_user = true;
  } else if (allow_demo_user) {
    throw ConfigError("--demo-user: SOAP users are configured; the demo pair is not added to them");
  }
  return c;
}

BridgeConfig load_bridge_config(const std::string &path, EnvLookup getenv, bool allow_demo_user) {
  std::string text;
  if (!path.empty()) {
    try {
      text = mktows_tools::read_private_file(path, "bridge configuration");
    } catch (const mktows_tools::PrivateFileError &e) {
      throw ConfigError(e.what());
    }
  }
  return parse_bridge_config(text, getenv, allow_demo_user);
}

}  // namespace mktows_bridge
