// bridge_e2e_test: mktows::Client and the `mktows` CLI, unchanged, pointed
// at mktows-bridge, which carries their calls to the sandbox's REST face;
// the leads are then read through the sandbox's SOAP face. Tokens of 2 s
// over a run of calls; no secret or token in any log, trace or fault.
#define BOOST_TEST_MODULE bridge_e2e_test
#include "support/test_paths.hpp"
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_setup.hpp"
#include "cli/cli_process.hpp"

#include <mktows/client.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace bridge_test;
using mktows::SyncStatus;
BOOST_TEST_DONT_PRINT_LOG_VALUE(mktows::SyncStatus)

namespace {

mktows::ClientOptions options_for(const std::string &endpoint, std::string *trace = nullptr) {
  mktows::ClientOptions o;
  o.endpoint = endpoint;
  o.user_id = kUser;
  o.encryption_key = kKey;
  o.limiter.enabled = false;
  o.retry.max_attempts = 1;  // a failure of the bridge shows, not retried away
  if (trace) o.trace = [trace](mktows::TraceDirection, const std::string &m) { *trace += m; };
  return o;
}

// A sandbox token: 36 characters of UUID (hex and dashes) before ":sb".
// (Scanned by hand: std::regex trips GCC 12's -Wmaybe-uninitialized
// under the sanitizers.)
bool has_token(const std::string &text) {
  for (std::size_t at = text.find(":sb"); at != std::string::npos; at = text.find(":sb", at + 1)) {
    if (at < 36) continue;
    bool uuid = true;
    for (std::size_t i = at - 36; i < at && uuid; ++i) {
      char c = text[i];
      std::size_t k = i - (at - 36);
      bool dash = k == 8 || k == 13 || k == 18 || k == 23;
      uuid = dash ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    if (uuid) return true;
  }
  return false;
}

// No client secret, encryption key or access token (the sandbox's tokens
// are "<uuid>:sb") in `text`.
void expect_no_secret(const std::string &text, const std::string &what) {
  BOOST_TEST(text.find(kClientSecret) == std::string::npos, what);
  BOOST_TEST(text.find(kKey) == std::string::npos, what);
  BOOST_TEST(!has_token(text), what);
}

}  // namespace

BOOST_AUTO_TEST_CASE(client_calls_carried_to_rest_and_seen_through_soap) {
  // The token check below can fail.
  BOOST_TEST(has_token("Bearer 0f6a2c44-9b1e-4d2a-8c11-5e7d3a9b2f10:sb."));
  BOOST_TEST(!has_token("Bearer [redacted] id:561-HYG-937&token:_mch-marketo.com-1374552656411-90718:sb"));
  Pair p;
  std::string trace;
  mktows::Client bridge(options_for(p.bridge->endpoint(), &trace));
  // CREATED then UPDATED for one Email (the seed's call).
  mktows::Lead george = mktows::Lead().email("george@jungle.com").attribute("FirstName", "George").attribute(
      "LastName", "of the Jungle");
  auto first = bridge.sync_lead(george);
  BOOST_REQUIRE_MESSAGE(first.ok(), first.error().describe());
  BOOST_TEST(first->status == SyncStatus::created);
  auto second = bridge.sync_lead(mktows::Lead().email("george@jungle.com").attribute("City", "Jungle"),
                                 mktows::CallOptions().return_lead(true));
  BOOST_REQUIRE_MESSAGE(second.ok(), second.error().describe());
  BOOST_TEST(second->status == SyncStatus::updated);
  BOOST_TEST(second->lead_id == first->lead_id);
  // returnLead with SOAP attribute names.
  BOOST_REQUIRE(second->has_lead);
  BOOST_TEST(second->lead.email() == "george@jungle.com");
  BOOST_REQUIRE(second->lead.find("FirstName"));
  BOOST_TEST(*second->lead.find("FirstName") == "George");
  BOOST_REQUIRE(second->lead.find("City"));
  BOOST_TEST(*second->lead.find("City") == "Jungle");
  BOOST_TEST(!second->lead.find("firstName"));
  // getLead.
  auto got = bridge.get_lead(mktows::LeadKey::by_email("george@jungle.com"));
  BOOST_REQUIRE_MESSAGE(got.ok(), got.error().describe());
  BOOST_REQUIRE(got->size() == 1u);
  BOOST_TEST((*got)[0].id() == first->lead_id);
  BOOST_TEST(*(*got)[0].find("LastName") == "of the Jungle");
  auto by_id = bridge.get_lead(mktows::LeadKey::by_id(first->lead_id));
  BOOST_REQUIRE(by_id.ok());
  BOOST_TEST((*by_id)[0].email() == "george@jungle.com");
  // ForeignSysPersonId through the configured REST field: no lead holds
  // it, so Email finds George and the foreign id is written to him.
  auto foreign = bridge.sync_lead(mktows::Lead().foreign_id("CRM-77", mktows::ForeignSystem::custom)
                                      .email("george@jungle.com").attribute("LeadScore", "42"),
                                  mktows::CallOptions().return_lead(true));
  BOOST_REQUIRE_MESSAGE(foreign.ok(), foreign.error().describe());
  BOOST_TEST(foreign->status == SyncStatus::updated);
  BOOST_TEST(foreign->lead_id == first->lead_id);
  BOOST_TEST(foreign->lead.foreign_id() == "CRM-77");
  BOOST_TEST(*foreign->lead.find("LeadScore") == "42");
  auto by_foreign = bridge.sync_lead(mktows::Lead().foreign_id("CRM-77", mktows::ForeignSystem::custom)
                                         .attribute("Company", "Jungle Inc"));
  BOOST_REQUIRE(by_foreign.ok());
  BOOST_TEST(by_foreign->lead_id == first->lead_id);
  // The cookie: associated after the sync.
  std::string cookie = "id:561-HYG-937&token:_mch-marketo.com-1374552656411-90718";
  auto with_cookie = bridge.sync_lead(mktows::Lead().email("george@jungle.com"),
                                      mktows::CallOptions().marketo_cookie(cookie));
  BOOST_REQUIRE_MESSAGE(with_cookie.ok(), with_cookie.error().describe());
  auto by_cookie = bridge.get_lead(mktows::LeadKey::by_cookie(cookie));
  BOOST_REQUIRE(by_cookie.ok());
  BOOST_TEST((*by_cookie)[0].id() == first->lead_id);
  // syncMultipleLeads: one status per record, in order.
  std::vector<mktows::Lead> batch = {mktows::Lead().email("ursula@jungle.com").attribute("FirstName", "Ursula"),
                                     mktows::Lead().email("george@jungle.com").attribute("Company", "Jungle"),
                                     mktows::Lead().id(first->lead_id).attribute("City", "Ape Mountain"),
                                     mktows::Lead().id(999).attribute("City", "Nowhere")};
  auto many = bridge.sync_multiple_leads(batch);
  BOOST_REQUIRE_MESSAGE(many.ok(), many.error().describe());
  BOOST_REQUIRE(many->size() == 4u);
  BOOST_TEST((*many)[0].status == SyncStatus::created);
  BOOST_TEST((*many)[1].status == SyncStatus::updated);
  BOOST_TEST((*many)[1].lead_id == first->lead_id);
  BOOST_TEST((*many)[2].status == SyncStatus::updated);
  BOOST_TEST((*many)[3].status == SyncStatus::failed);
  BOOST_TEST((*many)[3].error.find("1004") != std::string::npos);
  // dedupEnabled=false -> createDuplicate.
  auto dup = bridge.sync_multiple_leads({mktows::Lead().email("ursula@jungle.com")}, false);
  BOOST_REQUIRE(dup.ok());
  BOOST_TEST((*dup)[0].status == SyncStatus::created);
  BOOST_TEST((*dup)[0].lead_id != (*many)[0].lead_id);
  // What has no REST equivalent, and unknown attributes.
  auto owner = bridge.get_lead(mktows::LeadKey(mktows::LeadKeyType::lead_owner_email, "boss@jungle.com"));
  BOOST_TEST(!owner.ok());
  BOOST_TEST(owner.error().code == 20102);
  // The fault says why (the detail's message; the faultstring is the vendor's).
  BOOST_TEST(owner.error().message.find("keyType LEADOWNEREMAIL has no REST filterType equivalent") !=
                 std::string::npos,
             owner.error().message);
  auto bad = bridge.sync_lead(mktows::Lead().email("x@jungle.com").attribute("ShoeSize", "9"));
  BOOST_TEST(!bad.ok());
  BOOST_TEST(bad.error().code == 20105);
  auto missing = bridge.get_lead(mktows::LeadKey::by_email("nobody@jungle.com"));
  BOOST_TEST(missing.error().code == 20103);

  // The same lead through the sandbox's SOAP face.
  mktows::Client direct(options_for(p.sandbox->endpoint()));
  auto seen = direct.get_lead(mktows::LeadKey::by_id(first->lead_id));
  BOOST_REQUIRE_MESSAGE(seen.ok(), seen.error().describe());
  const mktows::Lead &l = (*seen)[0];
  BOOST_TEST(l.email() == "george@jungle.com");
  BOOST_TEST(*l.find("FirstName") == "George");
  BOOST_TEST(*l.find("City") == "Ape Mountain");
  BOOST_TEST(*l.find("Company") == "Jungle");
  BOOST_TEST(*l.find("ExternalId") == "CRM-77");

  // The bad key is the SOAP side's check, not passed on.
  mktows::ClientOptions wrong = options_for(p.bridge->endpoint());
  wrong.encryption_key = "not-the-key";
  auto refused = mktows::Client(wrong).sync_lead(george);
  BOOST_TEST(refused.error().code == 20014);

  p.bridge->stop();
  p.sandbox->stop();
  std::string bridge_log = mktows_test::read_file(p.bridge_log());
  BOOST_TEST(bridge_log.find("REST POST") != std::string::npos);  // the calls were logged
  BOOST_TEST(bridge_log.find("Bearer [redacted]") != std::string::npos);
  expect_no_secret(bridge_log, "bridge log");
  expect_no_secret(mktows_test::read_file(p.sandbox_log()), "sandbox log");
  expect_no_secret(trace, "client trace");
  // Why 20102: in the log as well, on a line that names the program, the
  // call, the code and the key type, never the key's value.
  BOOST_TEST(bridge_log.find("mktows-bridge: getLead fault 20102, key type LEADOWNEREMAIL (keyType LEADOWNEREMAIL has "
                             "no REST filterType equivalent)") != std::string::npos);
  BOOST_TEST(bridge_log.find("mktows-bridge: syncLead fault 20105, key type Email (") != std::string::npos);
  BOOST_TEST(bridge_log.find("boss@jungle.com") == std::string::npos);
  // Each server's lines begin with its own name.
  BOOST_TEST(bridge_log.find("mktows-sandbox:") == std::string::npos);
  BOOST_TEST(mktows_test::read_file(p.sandbox_log()).find("mktows-bridge:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_cli_unchanged_through_the_bridge) {
  Pair p;
  mktows_test::Env env = {{"MKTOWS_ENDPOINT", p.bridge->endpoint()}, {"MKTOWS_USER_ID", kUser}};
  std::string key_file = p.dir.write("key", std::string(kKey) + "\n");
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--secret-file", key_file});
    return mktows_test::run_cli(args, env, p.dir.path());
  };
  mktows_test::CliResult a = run({"sync-lead", "--email", "cli@jungle.com", "--attr", "FirstName=Cleo"});
  BOOST_TEST(a.exit_code == 0, a.err);
  BOOST_TEST(a.out.find("CREATED lead ") != std::string::npos, a.out);
  mktows_test::CliResult b = run({"sync-lead", "--email", "cli@jungle.com", "--attr", "LastName=Line"});
  BOOST_TEST(b.out.find("UPDATED lead ") != std::string::npos, b.out);
  mktows_test::CliResult g = run({"get-lead", "--email", "cli@jungle.com", "--json"});
  BOOST_TEST(g.exit_code == 0, g.err);
  BOOST_TEST(g.out.find("\"LastName\":\"Line\"") != std::string::npos, g.out);
  expect_no_secret(a.out + a.err + b.out + b.err + g.out + g.err, "cli output");
}

BOOST_AUTO_TEST_CASE(two_second_tokens_one_identity_call_per_lifetime) {
  // The bridge's own limits (the vendor's 100 calls / 20 s) raised: this
  // run makes calls as fast as it can.
  Pair p({"--token-lifetime", "2"},
         R"({"foreignIdField": "externalId", "rest": {"limits": {"callsPerWindow": 1000000}}})");
  mktows::Client bridge(options_for(p.bridge->endpoint()));
  auto start = std::chrono::steady_clock::now();
  int calls = 0, failed = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(6500)) {
    auto r = bridge.sync_lead(mktows::Lead().email("t" + std::to_string(calls % 7) + "@jungle.com"));
    ++calls;
    if (!r.ok()) {
      ++failed;
      BOOST_TEST_MESSAGE(r.error().describe());
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.bridge->stop();
  p.sandbox->stop();
  std::string log = mktows_test::read_file(p.sandbox_log());
  int identity = count_lines(log, "rest identity call");
  int minted = count_lines(log, "rest identity call: token minted");
  BOOST_TEST_MESSAGE(calls << " calls in " << seconds << " s, " << identity << " identity calls");
  BOOST_TEST(failed == 0);
  BOOST_TEST(calls > 20);
  // One per 2 s lifetime (the first included), each minting a new token.
  int lifetimes = static_cast<int>(seconds / 2.0) + 1;
  BOOST_TEST(identity >= lifetimes - 1);
  BOOST_TEST(identity <= lifetimes);
  BOOST_TEST(minted == identity);
}

BOOST_AUTO_TEST_CASE(configuration_rules) {
  mktows_test::TempDir dir;
  std::string open_config = dir.write("open.json", "{}", 0644);
  std::string log = dir.path() + "/bridge.log";
  auto starts = [&](const std::vector<std::string> &args, const std::vector<std::pair<std::string, std::string>> &env) {
    try {
      mktows_test::SandboxProcess b(args, env, log, mktows_test::paths::bridge_bin);
      return true;
    } catch (const std::exception &) {
      return false;
    }
  };
  auto env = Pair::bridge_env("http://127.0.0.1:9/rest");
  BOOST_TEST(!starts({"--config", open_config}, env));
  BOOST_TEST(mktows_test::read_file(log).find("chmod 600") != std::string::npos);
  BOOST_TEST(!starts({}, {{"MKTOWS_REST_CLIENT_ID", kClientId}, {"MKTOWS_REST_CLIENT_SECRET", kClientSecret}}));
  BOOST_TEST(mktows_test::read_file(log).find("MKTOWS_REST_ENDPOINT") != std::string::npos);
  BOOST_TEST(!starts({"--client-secret", kClientSecret}, env));
  BOOST_TEST(mktows_test::read_file(log).find(kClientSecret) == std::string::npos);
  BOOST_TEST(!starts({}, {{"MKTOWS_REST_ENDPOINT", "http://127.0.0.1:9/api"}, {"MKTOWS_REST_CLIENT_ID", "a"},
                          {"MKTOWS_REST_CLIENT_SECRET", "b"}}));
  BOOST_TEST(mktows_test::read_file(log).find("MKTOWS_IDENTITY_ENDPOINT") != std::string::npos);
  // A good one starts (the REST side is only called per request).
  BOOST_TEST(starts({}, env));
}

// The REST side over TLS: verified by default (a self-signed certificate is
// refused: 20011), accepted with the certificate as rest.caFile.
BOOST_AUTO_TEST_CASE(rest_side_tls_is_verified) {
  mktows_test::TempDir dir;
  std::string cert = dir.path() + "/cert.pem", key = dir.path() + "/key.pem";
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                        "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
                        key + " -out " + cert + " >/dev/null 2>&1";
  BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "openssl could not make a certificate");
  mktows_test::SandboxProcess sandbox({"--cert", cert, "--key", key, "--config", dir.write("sb.json", kSandboxConfig)},
                                      {{"MKTOWS_REST_CLIENT_ID", kClientId}, {"MKTOWS_REST_CLIENT_SECRET", kClientSecret}});
  BOOST_REQUIRE(sandbox.endpoint().compare(0, 8, "https://") == 0);
  std::string rest = "https://127.0.0.1:" + std::to_string(sandbox.port()) + "/rest";
  auto sync = [&](const std::string &config) {
    mktows_test::SandboxProcess bridge({"--config", dir.write("bridge.json", config), "--verbose"},
                                       Pair::bridge_env(rest), dir.path() + "/bridge.log", mktows_test::paths::bridge_bin);
    return mktows::Client(options_for(bridge.endpoint())).sync_lead(mktows::Lead().email("tls@jungle.com"));
  };
  auto refused = sync("{}");
  BOOST_TEST(!refused.ok());
  BOOST_TEST(refused.error().code == 20011);
  BOOST_TEST(mktows_test::read_file(dir.path() + "/bridge.log").find("certificate") != std::string::npos);
  auto trusted = sync(R"({"rest": {"caFile": ")" + cert + R"("}})");
  BOOST_REQUIRE_MESSAGE(trusted.ok(), trusted.error().describe());
  BOOST_TEST(trusted->status == SyncStatus::created);
}

// `mktows bridge` runs the bridge program in place.
BOOST_AUTO_TEST_CASE(mktows_bridge_subcommand) {
  mktows_test::TempDir dir;
  auto env = Pair::bridge_env("http://127.0.0.1:9/rest");
  mktows_test::CliResult help = mktows_test::run_cli({"bridge", "--help"}, env, dir.path());
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(help.out.find("usage: mktows bridge") != std::string::npos);
  BOOST_TEST(help.out.find("usage: mktows-bridge") != std::string::npos);
  std::string out = dir.path() + "/bridge.out";
  mktows_test::CliProcess p({"bridge", "--port", "0"}, env, out, dir.path() + "/bridge.err");
  std::string line;
  for (int i = 0; i < 300 && line.find('\n') == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    line = mktows_test::slurp(out);
  }
  BOOST_TEST(line.compare(0, 30, "listening on http://127.0.0.1:") == 0, line);
  BOOST_TEST(line.find("/soap/mktows/2_2\n") != std::string::npos, line);
}
