// settings.cpp: config file (JSON), environment, command line.
#include "settings.hpp"

#include "args.hpp"
#include "private_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace mktows_cli {

namespace {

// The tools' 0600 rule (tools/common), refusals as the CLI's ConfigError.
std::string read_private_file(const std::string &path, const char *what) {
  try {
    return mktows_tools::read_private_file(path, what);
  } catch (const mktows_tools::PrivateFileError &e) {
    throw ConfigError(e.what());
  }
}

std::string env(const char *name) {
  const char *v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

void take_string(const nlohmann::json &j, const char *key, std::string &out, const std::string &path) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (!it->is_string()) throw ConfigError(path + ": \"" + key + "\" must be a string");
  out = it->get<std::string>();
}

void take_int(const nlohmann::json &j, const char *key, int &out, int min, int max, const std::string &path) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max)
    throw ConfigError(path + ": \"" + key + "\" must be a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max));
  out = it->get<int>();
}

// "HOST:PORT" (a bracketed IPv6 address allowed) into the settings.
void take_proxy(const std::string &value, const std::string &where, Settings &s) {
  std::size_t colon = value.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : value.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  long port = 0;
  if (colon != std::string::npos) {
    std::string digits = value.substr(colon + 1);
    bool all_digits = !digits.empty() && digits.size() <= 5 &&
                      digits.find_first_not_of("0123456789") == std::string::npos;
    port = all_digits ? std::stol(digits) : 0;
  }
  if (host.empty() || port < 1 || port > 65535)
    throw ConfigError(where + ": the proxy must be HOST:PORT, not '" + value + "'");
  s.proxy_host = host;
  s.proxy_port = static_cast<int>(port);
}

void apply_config_file(const std::string &path, Settings &s) {
  std::string text = read_private_file(path, "config file");
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  // The parser's message could quote the file, and the file holds the key.
  if (j.is_discarded() || !j.is_object()) throw ConfigError(path + ": not a JSON object");
  static const char *const known[] = {"endpoint",  "user_id",           "encryption_key",
                                      "workspace", "ca_file",           "ca_dir",
                                      "verify_tls", "connect_timeout_s", "receive_timeout_s",
                                      "call_timeout_s", "max_attempts", "rate_limit", "proxy"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool ok = false;
    for (const char *k : known) ok = ok || it.key() == k;
    if (!ok) throw ConfigError(path + ": unknown setting \"" + it.key() + "\"");
  }
  take_string(j, "endpoint", s.endpoint, path);
  take_string(j, "user_id", s.user_id, path);
  take_string(j, "encryption_key", s.encryption_key, path);
  take_string(j, "workspace", s.workspace, path);
  take_string(j, "ca_file", s.ca_file, path);
  take_string(j, "ca_dir", s.ca_dir, path);
  if (j.contains("verify_tls")) {
    if (!j["verify_tls"].is_boolean()) throw ConfigError(path + ": \"verify_tls\" must be true or false");
    s.verify_tls = j["verify_tls"].get<bool>();
  }
  std::string proxy;
  take_string(j, "proxy", proxy, path);
  if (!proxy.empty()) take_proxy(proxy, path + ": \"proxy\"", s);
  take_int(j, "connect_timeout_s", s.connect_timeout_s, 1, 3600, path);
  take_int(j, "receive_timeout_s", s.receive_timeout_s, 1, 3600, path);
  take_int(j, "call_timeout_s", s.call_timeout_s, 0, 86400, path);
  take_int(j, "max_attempts", s.max_attempts, 1, 20, path);
  if (j.contains("rate_limit")) {
    if (!j["rate_limit"].is_boolean()) throw ConfigError(path + ": \"rate_limit\" must be true or false");
    s.rate_limit = j["rate_limit"].get<bool>();
  }
}

}  // namespace


Settings load_settings(const ParsedArgs &args) {
  Settings s;
  std::string config = args.get("config", env("MKTOWS_CONFIG"));
  if (!config.empty()) apply_config_file(config, s);

  std::string v;
  if (!(v = env("MKTOWS_ENDPOINT")).empty()) s.endpoint = v;
  if (!(v = env("MKTOWS_USER_ID")).empty()) s.user_id = v;
  if (!(v = env("MKTOWS_ENCRYPTION_KEY")).empty()) s.encryption_key = v;
  if (!(v = env("MKTOWS_WORKSPACE")).empty()) s.workspace = v;

  if (args.has("endpoint")) s.endpoint = args.get("endpoint");
  if (args.has("user-id")) s.user_id = args.get("user-id");
  if (args.has("workspace")) s.workspace = args.get("workspace");
  if (args.has("secret-file")) {
    std::string key = read_private_file(args.get("secret-file"), "secret file");
    // One trailing line end is the editor's, not the key's.
    if (!key.empty() && key.back() == '\n') key.pop_back();
    if (!key.empty() && key.back() == '\r') key.pop_back();
    if (key.empty()) throw ConfigError("secret file " + args.get("secret-file") + " is empty");
    s.encryption_key = key;
  }
  if (args.has("insecure")) s.verify_tls = false;
  if (args.has("attempts")) s.max_attempts = static_cast<int>(parse_number("attempts", args.get("attempts"), 1, 20));
  if (args.has("no-rate-limit")) s.rate_limit = false;
  if (args.has("proxy")) take_proxy(args.get("proxy"), "--proxy", s);
  if (args.has("call-timeout"))
    s.call_timeout_s = static_cast<int>(parse_number("call-timeout", args.get("call-timeout"), 0, 86400));

  std::string missing;
  if (s.endpoint.empty()) missing += " endpoint (MKTOWS_ENDPOINT)";
  if (s.user_id.empty()) missing += " user id (MKTOWS_USER_ID)";
  if (s.encryption_key.empty()) missing += " encryption key (MKTOWS_ENCRYPTION_KEY or --secret-file)";
  if (!missing.empty()) throw ConfigError("missing settings:" + missing + "; see mktows --help");
  return s;
}

}  // namespace mktows_cli
