// bridge_service_test: mktows-bridge as a service in front of a real
// instance: it does not start without configured SOAP users (the demo
// pair only by flag, only before a loopback REST side), it serves several
// SOAP users through one REST client, and (docs/BRIDGE.md, "Operating the
// bridge") its health, metrics, logs and drain.
#define BOOST_TEST_MODULE bridge_service_test
#include <boost/test/unit_test.hpp>

#include "bridge/fake_rest.hpp"
#include "sandbox/lead_requests.hpp"
#include "support/child_process.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <memory>
#include <string>
#include <vector>

using namespace mktows_test;
using bridge_test::FakeRest;

namespace {

const char kClientSecret[] = "fake-Secret-9d1e";

Env rest_env(const std::string &endpoint) {
  return {{"MKTOWS_REST_ENDPOINT", endpoint},
          {"MKTOWS_REST_CLIENT_ID", "fake-client"},
          {"MKTOWS_REST_CLIENT_SECRET", kClientSecret}};
}

// The bridge, run to its end (it is expected not to start).
ProcessResult run_bridge(const std::vector<std::string> &args, const Env &env) {
  std::vector<std::string> argv = {paths::bridge_bin, "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, 20, env);
}

struct Bridge {
  Bridge(const FakeRest &rest, const std::string &config, const std::vector<std::string> &args = {},
         Env env = {}) {
    std::vector<std::string> a = {"--config", dir.write("bridge.json", config)};
    a.insert(a.end(), args.begin(), args.end());
    Env e = rest_env(rest.rest_endpoint());
    e.insert(e.end(), env.begin(), env.end());
    process.reset(new SandboxProcess(a, e, dir.path() + "/bridge.log", paths::bridge_bin));
  }
  int port() const { return process->port(); }
  std::string log() const { return read_file(dir.path() + "/bridge.log"); }
  TempDir dir;
  std::unique_ptr<SandboxProcess> process;
};

// One syncLead signed by `user` with `key`: its fault code, 0 for success,
// -1 when no answer came.
int sync_as(int port, const std::string &user, const std::string &key, const std::string &email = "row@example.com") {
  sandbox_test::Connection c(port);
  sandbox_test::SyncLeadCall call;
  call.lead.email = email;
  call.lead.attributes = {{"FirstName", "Row"}};
  sandbox_test::HttpResponse r =
      c.post("/soap/mktows/2_2", sandbox_test::envelope(sandbox_test::auth_header(user, key), sandbox_test::sync_lead_body(call)),
             sandbox_test::action("syncLead"));
  if (r.status == 0) return -1;
  return sandbox_test::fault_code(r.body);
}

const char kUsers[] = R"({"users": [{"userId": "app_one_1", "encryptionKey": "Key-One-1234abcd"},
                                   {"userId": "app_two_2", "encryptionKey": "Key-Two-5678efgh"}]})";

}  // namespace

BOOST_AUTO_TEST_CASE(no_soap_users_no_start) {
  FakeRest rest;
  ProcessResult r = run_bridge({}, rest_env(rest.rest_endpoint()));
  BOOST_TEST(r.exit_code == 1, r.output);
  BOOST_TEST(r.output.find("no SOAP users configured") != std::string::npos, r.output);
  BOOST_TEST(r.output.find("listening on") == std::string::npos);
  BOOST_TEST(r.output.find(kDemoEncryptionKey) == std::string::npos);
  BOOST_TEST(rest.identity_calls() + rest.sync_calls() == 0);
}

BOOST_AUTO_TEST_CASE(the_demo_pair_never_before_a_real_instance) {
  // The flag before a REST endpoint that is not loopback: no start, no key.
  ProcessResult r = run_bridge({"--demo-user"}, rest_env("https://123-ABC-456.mktorest.com/rest"));
  BOOST_TEST(r.exit_code == 1, r.output);
  BOOST_TEST(r.output.find("not a loopback address") != std::string::npos, r.output);
  BOOST_TEST(r.output.find("listening on") == std::string::npos);
  BOOST_TEST(r.output.find(kDemoEncryptionKey) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_demo_pair_by_flag_before_a_loopback_rest_side) {
  FakeRest rest;
  Bridge bridge(rest, "{}", {"--demo-user"});
  BOOST_TEST(sync_as(bridge.port(), kDemoUserId, kDemoEncryptionKey) == 0);
  // Another pair is not accepted.
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 20014);
  std::string log = bridge.log();
  BOOST_TEST(log.find(kDemoUserId) != std::string::npos, log);
  BOOST_TEST(log.find(kDemoEncryptionKey) == std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(several_soap_users_one_rest_client) {
  FakeRest rest;
  Bridge bridge(rest, kUsers, {"--verbose"},
                {{"MKTOWS_USER_ID", "app_three_3"}, {"MKTOWS_ENCRYPTION_KEY", "Key-Three-9abcijkl"}});
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-Two-5678efgh") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_three_3", "Key-Three-9abcijkl") == 0);
  // Each key is its own user's: one user's id with another's key is refused.
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-Two-5678efgh") == 20014);
  BOOST_TEST(sync_as(bridge.port(), kDemoUserId, kDemoEncryptionKey) == 20014);
  // One REST client for all of them: one token.
  BOOST_TEST(rest.identity_calls() == 1);
  BOOST_TEST(rest.sync_calls() == 3);
  std::string log = bridge.log();
  for (const char *secret : {"Key-One-1234abcd", "Key-Two-5678efgh", "Key-Three-9abcijkl", kClientSecret, "fake-token-"})
    BOOST_TEST(log.find(secret) == std::string::npos, secret);
}
