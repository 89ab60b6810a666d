// bridge_setup.hpp: a sandbox (its REST face is the REST side) and a bridge
// in front of it, both real processes on loopback, for the bridge suites.
#pragma once

#include "support/files.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bridge_test {

// The legacy side's user (the bridge's and, for the direct checks, the
// sandbox's SOAP face) and the REST client.
const char kUser[] = "bridge7_AB12CD34EF56AB12CD34EF";
const char kKey[] = "bridge-Key-0f-the-Jungle-4e2a";
const char kClientId[] = "5f0c3e2a-bridge-test-client";
const char kClientSecret[] = "Zq8sBridgeTestSecretvT1";

// The sandbox's lead fields: the standard ones the tests use and a custom
// field that carries ForeignSysPersonId on the REST side.
const char kSandboxConfig[] = R"({
  "fields": ["FirstName", "LastName", "Company", "City", {"name": "LeadScore", "type": "integer"},
             {"name": "ExternalId", "restName": "externalId"}]
})";

struct Pair {
  explicit Pair(const std::vector<std::string> &sandbox_args = {},
                const std::string &bridge_config = R"({"foreignIdField": "externalId"})",
                const std::vector<std::string> &bridge_args = {"--verbose"}) {
    std::vector<std::string> sa = {"--config", dir.write("sandbox.json", kSandboxConfig), "--verbose"};
    sa.insert(sa.end(), sandbox_args.begin(), sandbox_args.end());
    sandbox.reset(new mktows_test::SandboxProcess(sa,
                                                  {{"MKTOWS_USER_ID", kUser},
                                                   {"MKTOWS_ENCRYPTION_KEY", kKey},
                                                   {"MKTOWS_REST_CLIENT_ID", kClientId},
                                                   {"MKTOWS_REST_CLIENT_SECRET", kClientSecret}},
                                                  sandbox_log()));
    std::vector<std::string> ba = {"--config", dir.write("bridge.json", bridge_config)};
    ba.insert(ba.end(), bridge_args.begin(), bridge_args.end());
    bridge.reset(new mktows_test::SandboxProcess(ba, bridge_env(rest_endpoint(), state_dir()), bridge_log(),
                                                 mktows_test::paths::bridge_bin));
  }

  std::string rest_endpoint() const { return "http://127.0.0.1:" + std::to_string(sandbox->port()) + "/rest"; }
  std::string sandbox_log() const { return dir.path() + "/sandbox.log"; }
  std::string bridge_log() const { return dir.path() + "/bridge.log"; }
  std::string state_dir() const { return dir.path() + "/state"; }

  // `state`: the bridge's state directory (empty: its default).
  static std::vector<std::pair<std::string, std::string>> bridge_env(const std::string &rest, const std::string &state = "") {
    std::vector<std::pair<std::string, std::string>> env = {{"MKTOWS_USER_ID", kUser},
                                                            {"MKTOWS_ENCRYPTION_KEY", kKey},
                                                            {"MKTOWS_REST_ENDPOINT", rest},
                                                            {"MKTOWS_REST_CLIENT_ID", kClientId},
                                                            {"MKTOWS_REST_CLIENT_SECRET", kClientSecret}};
    if (!state.empty()) env.emplace_back("MKTOWS_BRIDGE_STATE_DIR", state);
    return env;
  }

  mktows_test::TempDir dir;
  std::unique_ptr<mktows_test::SandboxProcess> sandbox;
  std::unique_ptr<mktows_test::SandboxProcess> bridge;
};

// Lines of `text` containing `needle`.
inline int count_lines(const std::string &text, const std::string &needle) {
  int n = 0;
  std::size_t at = 0;
  while ((at = text.find(needle, at)) != std::string::npos) {
    ++n;
    at += needle.size();
  }
  return n;
}

}  // namespace bridge_test
