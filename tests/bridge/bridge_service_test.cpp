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
#include "support/raw_http_server.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <atomic>
#include <csignal>
#include <memory>
#include <thread>
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
    for (const auto &v : env) {  // replacing the REST side's, when it names one of them
      bool replaced = false;
      for (auto &have : e)
        if (have.first == v.first) have.second = v.second, replaced = true;
      if (!replaced) e.push_back(v);
    }
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

namespace {

// A bridge whose REST side is nowhere: nothing listens on the port.
int closed_port() {
  mktows_test::RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
  return gone.port();
}

sandbox_test::HttpResponse get(int port, const std::string &path) {
  sandbox_test::Connection c(port);
  return c.get(path);
}

// A --verbose line of one REST call ("REST GET <url> -> 200 ...").
bool rest_call_line(const nlohmann::json &j) {
  std::string m = j.value("message", "");
  return m.compare(0, 9, "REST GET ") == 0 || m.compare(0, 10, "REST POST ") == 0;
}

std::vector<nlohmann::json> json_lines(const std::string &text) {
  std::vector<nlohmann::json> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? text.size() : nl + 1;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    BOOST_TEST((!j.is_discarded() && j.is_object()), "not a JSON object: " << line);
    if (!j.is_discarded()) out.push_back(j);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(liveness_and_readiness) {
  FakeRest rest;
  Bridge bridge(rest, kUsers);
  sandbox_test::HttpResponse r = get(bridge.port(), "/healthz");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body == "ok\n");
  r = get(bridge.port(), "/readyz");
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.body == "ready\ntoken: ok\nrest: ok\nstate: ok\n", r.body);
  BOOST_TEST(rest.identity_calls() == 1);  // the token, fetched once and kept
  BOOST_TEST(rest.sync_calls() == 0);      // reachability costs no API call
  r = get(bridge.port(), "/readyz");
  BOOST_TEST(rest.identity_calls() == 1);
  {
    sandbox_test::Connection c(bridge.port());
    r = c.post("/healthz", "x", "");
    BOOST_TEST(r.status == 405);
  }

  // Nothing listens on the REST side: live, not ready, and both checks named.
  FakeRest unused;
  Bridge nowhere(unused, kUsers, {}, {{"MKTOWS_REST_ENDPOINT", "http://127.0.0.1:" + std::to_string(closed_port()) + "/rest"}});
  r = get(nowhere.port(), "/healthz");
  BOOST_TEST(r.status == 200);
  r = get(nowhere.port(), "/readyz");
  BOOST_TEST(r.status == 503, r.body);
  BOOST_TEST(r.body.find("not ready: token, rest\n") == 0u, r.body);
  BOOST_TEST(r.body.find("token: failed: ") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("rest: failed: REST side unreachable") != std::string::npos, r.body);
  BOOST_TEST(r.body.find(kClientSecret) == std::string::npos);

  // A state file others may read: live, not ready, the state check named.
  FakeRest rest2;
  mktows_test::TempDir state;
  state.write("bridge-state.json", "{\"entries\":{}}", 0644);
  Bridge exposed(rest2, kUsers, {}, {{"MKTOWS_BRIDGE_STATE_DIR", state.path()}});
  r = get(exposed.port(), "/readyz");
  BOOST_TEST(r.status == 503, r.body);
  BOOST_TEST(r.body.find("not ready: state\n") == 0u, r.body);
  BOOST_TEST(r.body.find("state: failed: ") != std::string::npos, r.body);
}

BOOST_AUTO_TEST_CASE(json_logs_one_object_a_line_with_the_request_id) {
  FakeRest rest;
  Bridge bridge(rest, kUsers, {"--log-format", "json", "--verbose"});
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-One-1234abcd") == 20014);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-Two-5678efgh") == 0);
  bridge.process->stop();
  std::string log = bridge.log();
  for (const char *secret : {"Key-One-1234abcd", "Key-Two-5678efgh", kClientSecret, "fake-token-"})
    BOOST_TEST(log.find(secret) == std::string::npos, secret);
  std::vector<nlohmann::json> lines = json_lines(log);
  std::vector<nlohmann::json> calls;
  for (const nlohmann::json &j : lines) {
    BOOST_TEST(j.contains("time"));
    BOOST_TEST(j.value("program", "") == "mktows-bridge");
    if (j.contains("operation")) calls.push_back(j);
  }
  BOOST_REQUIRE(calls.size() == 3u);
  BOOST_TEST(calls[0]["operation"] == "syncLead");
  BOOST_TEST(calls[0]["soapUser"] == "app_one_1");
  BOOST_TEST(calls[0]["outcome"] == "success");
  BOOST_TEST(calls[0]["faultCode"].is_null());
  BOOST_TEST(calls[0]["restCalls"] == 3);  // the token, Describe, Sync Leads
  BOOST_TEST(calls[0]["durationMs"].is_number());
  BOOST_TEST(calls[1]["outcome"] == "fault");
  BOOST_TEST(calls[1]["faultCode"] == 20014);
  BOOST_TEST(calls[1]["soapUser"].is_null());  // not verified: not echoed
  BOOST_TEST(calls[1]["restCalls"] == 0);
  BOOST_TEST(calls[2]["soapUser"] == "app_two_2");
  BOOST_TEST(calls[2]["restCalls"] == 1);
  BOOST_TEST(calls[0]["requestId"] != calls[2]["requestId"]);
  // Every line written while a call was served carries its id: its REST
  // calls' lines, its fault's line; as many REST lines as restCalls.
  for (const nlohmann::json &call : calls) {
    int rest_lines = 0, others = 0;
    for (const nlohmann::json &j : lines) {
      if (j.contains("operation") || j.value("requestId", "") != call["requestId"].get<std::string>()) continue;
      if (rest_call_line(j)) ++rest_lines;
      else ++others;
    }
    BOOST_TEST(rest_lines == call["restCalls"].get<int>(), call.dump());
    if (call["outcome"] == "fault") BOOST_TEST(others == 1, call.dump());  // "syncLead fault 20014 (...)"
  }
  int rest_lines_without_id = 0;
  for (const nlohmann::json &j : lines)
    if (rest_call_line(j) && !j.contains("requestId")) {
      ++rest_lines_without_id;
      BOOST_TEST_MESSAGE("without a request id: " << j.dump());
    }
  BOOST_TEST(rest_lines_without_id == 0);
}

BOOST_AUTO_TEST_CASE(text_logs_stay_the_default) {
  FakeRest rest;
  Bridge bridge(rest, kUsers, {"--verbose"});
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  std::string log = bridge.log();
  BOOST_TEST(log.find("\n{") == std::string::npos, log);  // no line is a JSON object
  BOOST_TEST(log.compare(0, 1, "{") != 0);
  BOOST_TEST(log.find("mktows-bridge: REST POST ") != std::string::npos, log);
  BOOST_TEST(log.find("mktows-bridge: call syncLead: success, user app_one_1, 3 REST calls") != std::string::npos, log);
  ProcessResult bad = run_bridge({"--log-format", "xml"}, rest_env(rest.rest_endpoint()));
  BOOST_TEST(bad.exit_code == 2, bad.output);
}

// The call gate's rule (call_gate.hpp): a slot comes back a window after
// the call's answer. A REST side that counts a call when it answers it,
// holding every other one 400 ms: with slots counted from the departure,
// a long call counted late shares the REST side's window with the short
// ones sent a window after it left, and the REST side sees more than the
// limit.
BOOST_AUTO_TEST_CASE(the_gate_never_overruns_the_rest_window) {
  FakeRest rest(400);
  rest.set_alternate_and_count_at_answer(true);
  Bridge bridge(rest, R"({"users": [{"userId": "app_one_1", "encryptionKey": "Key-One-1234abcd"}],
      "rest": {"limits": {"callsPerWindow": 10, "windowSeconds": 2, "maxConcurrent": 10,
                          "maxWaitMilliseconds": 10000, "windowMarginMilliseconds": 100}}})",
                {"--threads", "16"});
  std::atomic<int> answered{0}, faults{0};
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(5500);
  std::vector<std::thread> clients;
  for (int i = 0; i < 12; ++i)
    clients.emplace_back([&, i] {
      while (std::chrono::steady_clock::now() < until) {
        int f = sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd", "gate" + std::to_string(i) + "@example.com");
        ++(f == 0 ? answered : faults);
      }
    });
  for (std::thread &t : clients) t.join();
  int most = rest.max_in_window(std::chrono::milliseconds(2000));
  BOOST_TEST_MESSAGE("answered " << answered.load() << ", faults " << faults.load() << ", most in a 2 s window " << most);
  BOOST_TEST(most <= 10);
  BOOST_TEST(rest.max_in_flight() <= 10);
  // The gate still lets the window's worth through: about 10 calls per
  // (2 s + a 0.4 s call + the margin) over 5.5 s.
  BOOST_TEST(answered.load() >= 15);
}

// SIGTERM while 20 calls are in flight (4 workers, each REST call held
// 1 s, so most wait for a worker or at the call gate): every one is
// answered, readiness is false at once, a new connection gets 503 with
// "Connection: close", and the bridge exits 0 when the last is answered.
BOOST_AUTO_TEST_CASE(sigterm_drains_the_calls_in_flight) {
  FakeRest rest(1000);
  Bridge bridge(rest, kUsers, {"--threads", "4"});
  // The token and Describe first, so that each call below is one held REST call.
  BOOST_REQUIRE(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  // An idle keep-alive connection, which the drain closes.
  sandbox_test::Connection idle(bridge.port());
  BOOST_REQUIRE(idle.get("/healthz").status == 200);
  const int kCalls = 20;
  std::vector<std::unique_ptr<sandbox_test::Connection>> connections;
  for (int i = 0; i < kCalls; ++i) {
    connections.emplace_back(new sandbox_test::Connection(bridge.port()));
    sandbox_test::SyncLeadCall call;
    call.lead.email = "drain" + std::to_string(i) + "@example.com";
    std::string body = sandbox_test::envelope(sandbox_test::auth_header("app_one_1", "Key-One-1234abcd"),
                                              sandbox_test::sync_lead_body(call));
    std::string req = "POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
                      "SOAPAction: \"" + sandbox_test::action("syncLead") + "\"\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body;
    BOOST_REQUIRE(connections.back()->send_raw(req));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto t0 = std::chrono::steady_clock::now();
  BOOST_REQUIRE(::kill(bridge.process->pid(), SIGTERM) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  {
    sandbox_test::Connection late(bridge.port());
    sandbox_test::HttpResponse r = late.get("/readyz");
    BOOST_TEST(r.status == 503);
    BOOST_TEST(r.head.find("Connection: close") != std::string::npos, r.head);
  }
  BOOST_TEST(idle.closed_by_peer());
  int answered = 0;
  for (auto &c : connections) {
    sandbox_test::HttpResponse r = c->read_response();
    if (r.status == 200 && sandbox_test::fault_code(r.body) == 0) ++answered;
    BOOST_TEST(r.head.find("Connection: close") != std::string::npos, r.head);
  }
  BOOST_TEST(answered == kCalls);
  BOOST_TEST(rest.sync_calls() == kCalls + 1);
  int status = bridge.process->stop();
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(took < 15.0);
  BOOST_TEST_MESSAGE("20 calls drained in " << took << " s");
}

// The drain's bound: a request that never completes does not hold the
// stop past --drain-timeout.
BOOST_AUTO_TEST_CASE(the_drain_is_bounded) {
  FakeRest rest;
  Bridge bridge(rest, kUsers, {"--drain-timeout", "1"});
  sandbox_test::Connection stalled(bridge.port());
  BOOST_REQUIRE(stalled.send_raw("POST /soap/mktows/2_2 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n<half"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto t0 = std::chrono::steady_clock::now();
  int status = bridge.process->stop();
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(took >= 0.9);
  BOOST_TEST(took < 4.0);
  BOOST_TEST(bridge.log().find("still open after --drain-timeout") != std::string::npos);
}
