// config_json.cpp: reading the configuration's JSON values.
#include "config_json.hpp"

#include "config.hpp"

namespace mktows_sandbox {

using nlohmann::json;

std::string where(const std::string &path, const std::string &what) {
  return "configuration: " + path + ": " + what;
}

std::string get_string(const json &obj, const char *key, const std::string &path, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) throw ConfigError(where(path, std::string("missing \"") + key + "\""));
    return std::string();
  }
  if (!it->is_string()) throw ConfigError(where(path, std::string("\"") + key + "\" must be a string"));
  return it->get<std::string>();
}

long get_int(const json &obj, const char *key, const std::string &path, long fallback, long min, long max) {
  auto it = obj.find(key);
  if (it == obj.end()) return fallback;
  if (!it->is_number_integer()) throw ConfigError(where(path, std::string("\"") + key + "\" must be an integer"));
  long v = it->get<long>();
  if (v < min || v > max)
    throw ConfigError(where(path, std::string("\"") + key + "\" out of range [" + std::to_string(min) + ", " +
                                      std::to_string(max) + "]"));
  return v;
}

void check_keys(const json &obj, const std::string &path, std::initializer_list<const char *> allowed) {
  if (!obj.is_object()) throw ConfigError(where(path, "must be an object"));
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char *k : allowed) ok = ok || it.key() == k;
    // A misspelt key would otherwise be ignored silently.
    if (!ok) throw ConfigError(where(path, "unknown key \"" + it.key() + "\""));
  }
}

}  // namespace mktows_sandbox
