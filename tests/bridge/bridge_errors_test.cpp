// bridge_errors_test: mktows-bridge in front of a fake REST server that
// answers each REST failure; every row of the REST-failure -> fault table
// (tools/bridge/rest_fault_map.cpp, docs/BRIDGE.md) with its retries; a REST
// side that is down, slow, or answers garbage; the bridge's own limits.
#define BOOST_TEST_MODULE bridge_errors_test
#include <boost/test/unit_test.hpp>

#include "sandbox/lead_requests.hpp"
#include "support/raw_http_server.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace mktows_test;

namespace {

const char kDescribe[] =
    R"({"requestId":"d#1","success":true,"result":[)"
    R"({"id":1,"displayName":"Email Address","dataType":"email","rest":{"name":"email","readOnly":false},"soap":{"name":"Email","readOnly":false}},)"
    R"({"id":2,"displayName":"First Name","dataType":"string","rest":{"name":"firstName","readOnly":false},"soap":{"name":"FirstName","readOnly":false}}]})";

// A REST side whose Sync Leads answers what `mode` says.
struct FakeRest {
  std::mutex mutex;
  std::string mode = "ok";
  std::atomic<int> identity{0}, leads{0};
  RawHttpServer server;

  FakeRest() : server([this](const RawRequest &r, std::size_t) { return answer(r); }) {}

  void set(const std::string &m) {
    std::lock_guard<std::mutex> lock(mutex);
    mode = m;
  }

  static RawReply json(const std::string &body, int status = 200) {
    return RawReply::respond(http_response(status, status == 200 ? "OK" : "Error", "application/json", body));
  }
  static std::string error(const std::string &code) {
    return R"({"requestId":"e#1","success":false,"errors":[{"code":")" + code + R"(","message":"fake )" + code +
           R"("}]})";
  }

  RawReply answer(const RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    std::string m;
    {
      std::lock_guard<std::mutex> lock(mutex);
      m = mode;
    }
    if (line.find(" /identity/oauth/token?") != std::string::npos) {
      int n = ++identity;
      if (m == "identity401") return json(R"({"error":"invalid_client","error_description":"Bad client credentials"})", 401);
      return json(R"({"access_token":"fake-token-)" + std::to_string(n) +
                  R"(","token_type":"bearer","expires_in":3600,"scope":"x@example.com"})");
    }
    if (line.find(" /rest/v1/leads/describe.json") != std::string::npos) return json(kDescribe);
    if (line.find(" /rest/v1/leads.json") == std::string::npos) return json(error("610"));
    ++leads;
    const std::string ok = R"({"requestId":"s#1","success":true,"result":[{"id":5001,"status":"updated"}]})";
    if (m == "ok") return json(ok);
    if (m == "601once") {
      set("ok");
      return json(error("601"));
    }
    if (m == "http500") return json("{}", 500);
    if (m == "http503") return json("<html>busy</html>", 503);
    if (m == "garbage") return RawReply::respond(http_response(200, "OK", "text/html", "<html>not json</html>"));
    if (m == "close") return RawReply::close();
    if (m == "hang") return RawReply::hang();
    if (m == "slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      return json(ok);
    }
    return json(error(m));
  }
};

struct Bridge {
  Bridge(int rest_port, const std::string &limits = R"({"callsPerWindow": 100000})") {
    std::string config = R"({"rest": {"timeoutSeconds": 1, "connectTimeoutSeconds": 1,
      "retries": {"attempts": 3, "baseMilliseconds": 5}, "limits": )" + limits + "}}";
    process.reset(new SandboxProcess(
        // The demo pair the requests are signed with (sandbox_test::demo_auth):
        // allowed, the REST side being on loopback.
        {"--config", dir.write("bridge.json", config), "--verbose", "--demo-user"},
        {{"MKTOWS_REST_ENDPOINT", "http://127.0.0.1:" + std::to_string(rest_port) + "/rest"},
         {"MKTOWS_REST_CLIENT_ID", "fake-client"},
         {"MKTOWS_REST_CLIENT_SECRET", "fake-Secret-9d1e"}},
        dir.path() + "/bridge.log", mktows_test::paths::bridge_bin));
  }
  // One syncLead through the bridge: the fault code, 0 for success.
  int sync() {
    sandbox_test::Connection c(process->port());
    sandbox_test::SyncLeadCall call;
    call.lead.email = "row@example.com";
    call.lead.attributes = {{"FirstName", "Row"}};
    sandbox_test::HttpResponse r =
        c.post("/soap/mktows/2_2", sandbox_test::sync_lead_request(call), sandbox_test::action("syncLead"));
    if (r.status == 0) return -1;
    return sandbox_test::fault_code(r.body);
  }
  std::string log() const { return read_file(dir.path() + "/bridge.log"); }
  TempDir dir;
  std::unique_ptr<SandboxProcess> process;
};

struct Row {
  const char *mode;
  int fault;
  int attempts;  // Sync Leads calls the bridge makes for one syncLead
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_row_of_the_fault_table) {
  FakeRest rest;
  Bridge bridge(rest.server.port());
  BOOST_REQUIRE(bridge.sync() == 0);
  const Row rows[] = {
      {"601", 20014, 2},     {"602", 20014, 2},     {"603", 20013, 1},  {"604", 20011, 3},  {"606", 20023, 3},
      {"607", 20015, 1},     {"608", 20011, 3},     {"611", 20011, 3},  {"615", 20024, 3},  {"713", 20011, 3},
      {"502", 20011, 3},     {"http500", 20011, 3}, {"http503", 20011, 3}, {"garbage", 20011, 1},
      {"close", 20011, 3},   {"610", 20011, 1},     {"609", 20011, 1},  {"1003", 20011, 1},
  };
  for (const Row &row : rows) {
    rest.set(row.mode);
    int before = rest.leads.load(), identity_before = rest.identity.load();
    int fault = bridge.sync();
    BOOST_TEST(fault == row.fault, row.mode);
    int sent = rest.leads.load() - before;
    // A connection closed without an answer may be resent once more by
    // libcurl itself (it does so for a reused connection that died).
    if (std::string(row.mode) == "close") BOOST_TEST((sent >= row.attempts && sent <= 2 * row.attempts), sent);
    else BOOST_TEST(sent == row.attempts, row.mode << ": " << sent);
    // 601/602: one renewal, then the fault.
    bool token_row = std::string(row.mode) == "601" || std::string(row.mode) == "602";
    BOOST_TEST(rest.identity.load() - identity_before == (token_row ? 1 : 0), row.mode);
    rest.set("ok");
    int after = bridge.sync();
    BOOST_TEST(after == 0, row.mode << " then ok: " << after);  // and the bridge carries on
  }
  // A token refused once is renewed and the call retried: no fault.
  rest.set("601once");
  int identity_before = rest.identity.load();
  BOOST_TEST(bridge.sync() == 0);
  BOOST_TEST(rest.identity.load() - identity_before == 1);
  // The identity service refusing the client: 20014.
  rest.set("601");
  bridge.sync();  // drops the cached token
  rest.set("identity401");
  BOOST_TEST(bridge.sync() == 20014);
  std::string log = bridge.log();
  BOOST_TEST(log.find("fake-Secret-9d1e") == std::string::npos);
  BOOST_TEST(log.find("fake-token-") == std::string::npos);
  BOOST_TEST(log.find("client_secret=[redacted]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rest_side_down_or_silent_gives_a_fault_in_bounded_time) {
  int closed_port;
  {
    RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
    closed_port = gone.port();
  }  // nothing listens there now
  Bridge down(closed_port);
  auto t0 = std::chrono::steady_clock::now();
  BOOST_TEST(down.sync() == 20011);
  BOOST_TEST(down.log().find("identity service unreachable") != std::string::npos);

  FakeRest rest;
  Bridge bridge(rest.server.port());
  BOOST_REQUIRE(bridge.sync() == 0);
  rest.set("hang");
  t0 = std::chrono::steady_clock::now();
  BOOST_TEST(bridge.sync() == 20011);
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Three attempts of a 1 s timeout, plus the backoff: bounded.
  BOOST_TEST(waited < 6.0);
  BOOST_TEST(rest.leads.load() >= 3);
  rest.set("ok");
  BOOST_TEST(bridge.sync() == 0);
}

BOOST_AUTO_TEST_CASE(the_bridge_keeps_the_rest_limits) {
  FakeRest rest;
  // Rate: 3 calls per window; the first syncLead costs a Describe and a
  // Sync Leads, the second one more, the third waits its bound: 20023.
  {
    Bridge bridge(rest.server.port(), R"({"callsPerWindow": 3, "windowSeconds": 20, "maxWaitMilliseconds": 300})");
    BOOST_TEST(bridge.sync() == 0);
    BOOST_TEST(bridge.sync() == 0);
    auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(bridge.sync() == 20023);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >= 0.3);
  }
  // Concurrency: 1 in flight; a second call while a slow one runs waits
  // its bound, then 20024.
  {
    Bridge bridge(rest.server.port(), R"({"maxConcurrent": 1, "maxWaitMilliseconds": 200})");
    BOOST_REQUIRE(bridge.sync() == 0);
    rest.set("slow");
    int first = -2;
    std::thread slow([&] { first = bridge.sync(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(bridge.sync() == 20024);
    slow.join();
    BOOST_TEST(first == 0);
    rest.set("ok");
  }
}
