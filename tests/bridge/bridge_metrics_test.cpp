// bridge_metrics_test: the bridge's /metrics, scraped after known calls and
// parsed with the Prometheus Python client's own parser (parse_metrics.py,
// stricter still): each family typed and described, histograms cumulative;
// the counts are the calls made; no key, secret, token, email or attribute
// value in the text.
#define BOOST_TEST_MODULE bridge_metrics_test
#include <boost/test/unit_test.hpp>

#include "bridge/fake_rest.hpp"
#include "sandbox/lead_requests.hpp"
#include "support/child_process.hpp"
#include "support/peer.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <map>
#include <sstream>

using namespace mktows_test;
using bridge_test::FakeRest;

namespace {

struct Peers {
  Peers() {
    require_peers({{"python3 with prometheus_client", "python3-prometheus-client", PYTHON_EXECUTABLE,
                    {"-c", "import prometheus_client.parser"}}});
  }
};

int sync_as(int port, const std::string &user, const std::string &key) {
  sandbox_test::Connection c(port);
  sandbox_test::SyncLeadCall call;
  call.lead.email = "metric.row@example.com";
  call.lead.attributes = {{"FirstName", "Attrvalue-Zebulon"}};
  sandbox_test::HttpResponse r = c.post(
      "/soap/mktows/2_2", sandbox_test::envelope(sandbox_test::auth_header(user, key), sandbox_test::sync_lead_body(call)),
      sandbox_test::action("syncLead"));
  return r.status == 0 ? -1 : sandbox_test::fault_code(r.body);
}

// The samples parse_metrics.py printed: "name{labels}" -> value.
std::map<std::string, double> parse(const std::string &text, TempDir &dir) {
  std::string file = dir.write("scrape.txt", text);
  ProcessResult r = run_process({PYTHON_EXECUTABLE, PARSE_METRICS_SCRIPT, file}, 60);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  std::map<std::string, double> samples;
  std::istringstream in(r.output);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return samples;
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Peers);

BOOST_AUTO_TEST_CASE(scraped_and_parsed) {
  FakeRest rest;
  TempDir dir;
  std::string config = R"({"users": [{"userId": "app_one_1", "encryptionKey": "Key-One-1234abcd"},
                                     {"userId": "app_two_2", "encryptionKey": "Key-Two-5678efgh"}],
                          "rest": {"retries": {"attempts": 3, "baseMilliseconds": 5}}})";
  SandboxProcess bridge({"--config", dir.write("bridge.json", config)},
                        {{"MKTOWS_REST_ENDPOINT", rest.rest_endpoint()},
                         {"MKTOWS_REST_CLIENT_ID", "fake-client"},
                         {"MKTOWS_REST_CLIENT_SECRET", "fake-Secret-9d1e"}},
                        dir.path() + "/bridge.log", paths::bridge_bin);
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_one_1", "Key-One-1234abcd") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-Two-5678efgh") == 0);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-One-1234abcd") == 20014);  // wrong key: not verified
  rest.set_status(503);
  BOOST_TEST(sync_as(bridge.port(), "app_two_2", "Key-Two-5678efgh") == 20011);  // 3 attempts
  rest.set_status(200);

  sandbox_test::Connection c(bridge.port());
  sandbox_test::HttpResponse r = c.get("/metrics");
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(r.head.find("text/plain; version=0.0.4") != std::string::npos, r.head);
  for (const char *secret : {"Key-One-1234abcd", "Key-Two-5678efgh", "fake-Secret-9d1e", "fake-token-", "metric.row",
                             "@example.com", "Attrvalue-Zebulon", "client_secret", "access_token"})
    BOOST_TEST(r.body.find(secret) == std::string::npos, secret);
  std::map<std::string, double> m = parse(r.body, dir);
  auto at = [&](const std::string &k) {
    auto it = m.find(k);
    BOOST_TEST_MESSAGE(k << (it == m.end() ? " missing" : " = " + std::to_string(it->second)));
    return it == m.end() ? -1.0 : it->second;
  };
  const std::string calls = "mktows_bridge_soap_calls_total";
  BOOST_TEST(at(calls + "{operation=\"syncLead\",outcome=\"success\",user=\"app_one_1\"}") == 2);
  BOOST_TEST(at(calls + "{operation=\"syncLead\",outcome=\"success\",user=\"app_two_2\"}") == 1);
  BOOST_TEST(at(calls + "{operation=\"syncLead\",outcome=\"fault\",user=\"app_two_2\"}") == 1);
  BOOST_TEST(at(calls + "{operation=\"syncLead\",outcome=\"fault\",user=\"none\"}") == 1);
  BOOST_TEST(at("mktows_bridge_soap_faults_total{code=\"20014\"}") == 1);
  BOOST_TEST(at("mktows_bridge_soap_faults_total{code=\"20011\"}") == 1);
  BOOST_TEST(at("mktows_bridge_soap_call_duration_seconds_count{operation=\"syncLead\"}") == 5);
  // Describe once, Sync Leads 3 + 3 (503, retried), the identity once.
  BOOST_TEST(at("mktows_bridge_rest_calls_total{endpoint=\"/rest/v1/leads/describe.json\",status=\"200\"}") == 1);
  BOOST_TEST(at("mktows_bridge_rest_calls_total{endpoint=\"/rest/v1/leads.json\",status=\"200\"}") == 3);
  BOOST_TEST(at("mktows_bridge_rest_calls_total{endpoint=\"/rest/v1/leads.json\",status=\"503\"}") == 3);
  BOOST_TEST(at("mktows_bridge_rest_calls_total{endpoint=\"/identity/oauth/token\",status=\"200\"}") == 1);
  BOOST_TEST(at("mktows_bridge_rest_call_duration_seconds_count{endpoint=\"/rest/v1/leads.json\"}") == 6);
  BOOST_TEST(at("mktows_bridge_token_renewals_total{}") == 1);
  // The gate counts the REST calls (identity excluded): 7 today, all still
  // in the 20 s window.
  BOOST_TEST(at("mktows_bridge_rest_calls_today{}") == 7);
  BOOST_TEST(at("mktows_bridge_rest_window_calls{}") == 7);
  BOOST_TEST(at("mktows_bridge_rest_window_limit{}") == 100);
  BOOST_TEST(at("mktows_bridge_gate_waits_total{}") == 0);
  BOOST_TEST(at("mktows_bridge_draining{}") == 0);
}

BOOST_AUTO_TEST_CASE(key_values_stay_out_of_the_scrape) {
  // getLead by id and by email: the values travel in the REST query, which
  // no label keeps (bridge_metrics_unit_test has the path rule).
  FakeRest rest;
  TempDir dir;
  SandboxProcess bridge({"--config", dir.write("bridge.json", "{}"), "--demo-user"},
                        {{"MKTOWS_REST_ENDPOINT", rest.rest_endpoint()},
                         {"MKTOWS_REST_CLIENT_ID", "fake-client"},
                         {"MKTOWS_REST_CLIENT_SECRET", "fake-Secret-9d1e"}},
                        dir.path() + "/bridge.log", paths::bridge_bin);
  sandbox_test::Connection c(bridge.port());
  c.post("/soap/mktows/2_2", sandbox_test::get_lead_request("IDNUM", "318"), sandbox_test::action("getLead"));
  c.post("/soap/mktows/2_2", sandbox_test::get_lead_request("EMAIL", "who.is@example.com"), sandbox_test::action("getLead"));
  sandbox_test::HttpResponse r = c.get("/metrics");
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(r.body.find("/318") == std::string::npos, r.body);
  BOOST_TEST(r.body.find("\"318") == std::string::npos);
  BOOST_TEST(r.body.find("who.is") == std::string::npos);
  BOOST_TEST(r.body.find("filterValues") == std::string::npos);
  std::map<std::string, double> m = parse(r.body, dir);
  int rest_series = 0;
  for (const auto &s : m)
    if (s.first.compare(0, 30, "mktows_bridge_rest_calls_total") == 0) ++rest_series;
  BOOST_TEST(rest_series >= 2);
}
