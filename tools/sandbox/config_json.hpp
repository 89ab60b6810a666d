// config_json.hpp: how the configuration's readers take values out of its
// JSON: every refusal is a ConfigError naming the entry ("configuration:
// path: what"), and an unknown key is refused rather than ignored.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

namespace mktows_sandbox {

std::string where(const std::string &path, const std::string &what);
// The string at `key`; empty when absent or null, unless `required`.
std::string get_string(const nlohmann::json &obj, const char *key, const std::string &path, bool required);
// The integer at `key` in [min, max]; `fallback` when absent.
long get_int(const nlohmann::json &obj, const char *key, const std::string &path, long fallback, long min, long max);
// `obj` must be an object whose keys are all `allowed`.
void check_keys(const nlohmann::json &obj, const std::string &path, std::initializer_list<const char *> allowed);

}  // namespace mktows_sandbox
