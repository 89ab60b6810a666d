// cli_world.hpp: one `mktows sandbox` per test module, with credentials of
// its own, and the run of `mktows` every output of which is checked for
// the key (the tests of get-leads, activity, list, campaign, merge).
#pragma once

#include "cli_process.hpp"
#include "cli_sandbox.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace mktows_test {

constexpr char kCliUser[] = "cli_api_user_5813";
constexpr char kCliKey[] = "cli-api-secret-9d2e7b03";

struct CliWorld {
  TempDir dir;
  std::unique_ptr<CliSandbox> sandbox;
  int runs = 0;
  CliWorld() {
    sandbox.reset(new CliSandbox(dir.path(), {}, {{"MKTOWS_USER_ID", kCliUser}, {"MKTOWS_ENCRYPTION_KEY", kCliKey}}));
  }
  static CliWorld &get() {
    static CliWorld w;
    return w;
  }
  Env env() const {
    return {{"MKTOWS_ENDPOINT", sandbox->endpoint()}, {"MKTOWS_USER_ID", kCliUser}, {"MKTOWS_ENCRYPTION_KEY", kCliKey}};
  }
  std::string file(const std::string &name) const { return dir.path() + "/" + name; }
};

inline Env env_with(Env env, const std::string &name, const std::string &value) {
  for (auto &kv : env)
    if (kv.first == name) {
      kv.second = value;
      return env;
    }
  env.emplace_back(name, value);
  return env;
}

inline CliResult run_in_world(const std::vector<std::string> &args, const Env &env) {
  CliWorld &w = CliWorld::get();
  std::string scratch = w.dir.path() + "/run" + std::to_string(++w.runs);
  ::mkdir(scratch.c_str(), 0700);
  CliResult r = run_cli(args, env, scratch);
  BOOST_TEST(r.out.find(kCliKey) == std::string::npos);
  BOOST_TEST(r.err.find(kCliKey) == std::string::npos);
  return r;
}

inline CliResult run_in_world(const std::vector<std::string> &args) { return run_in_world(args, CliWorld::get().env()); }

// The lines of NDJSON output; every non-empty line must parse.
inline std::vector<nlohmann::json> ndjson(const std::string &text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

inline std::size_t count_lines_starting(const std::string &text, const std::string &prefix) {
  std::size_t n = 0;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, prefix.size(), prefix) == 0) ++n;
  return n;
}

}  // namespace mktows_test
