// client_sandbox_test: mktows::Client end to end against mktows-sandbox on
// loopback: every public call, faults the policy treats differently, TLS
// verification, and no secret in any trace.
#define BOOST_TEST_MODULE client_sandbox
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"
#include "support/connect_proxy.hpp"
#include "support/sandbox_process.hpp"
#include "support/self_signed_cert.hpp"
#include "support/test_paths.hpp"

#include <cstdio>
#include <cstdlib>

using namespace mktows_test;
using mktows::SyncStatus;

namespace {

const char kUser[] = "sandbox5_AB12CD34EF56AB12CD34EF";
const char kKey[] = "sandbox-Key-0f-the-Jungle-8c1d";

std::vector<std::pair<std::string, std::string> > credentials() {
  return {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}};
}

// Options for the sandbox, tracing into `trace`.
mktows::ClientOptions sandbox_options(const SandboxProcess &sandbox, std::string *trace) {
  mktows::ClientOptions o;
  o.endpoint = sandbox.endpoint();
  o.user_id = kUser;
  o.encryption_key = kKey;
  o.limiter.enabled = false;  // each test has its own sandbox; the limiter has its own tests
  if (trace) o.trace = [trace](mktows::TraceDirection, const std::string &m) { *trace += m; };
  return o;
}

void expect_no_secret(const std::string &text) {
  BOOST_TEST(!text.empty());
  BOOST_TEST(text.find(kKey) == std::string::npos);
  BOOST_TEST(text.find("<requestSignature>[redacted]</requestSignature>") != std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_CASE(sync_lead_creates_then_updates_and_returns_the_lead) {
  SandboxProcess sandbox({}, credentials());
  std::string trace;
  mktows::Client client(sandbox_options(sandbox, &trace));
  BOOST_REQUIRE(client.ready());
  auto first = client.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(first.ok(), first.error().describe());
  BOOST_TEST((first->status == SyncStatus::created));
  BOOST_TEST(first->lead_id > 0);
  BOOST_TEST(!first->has_lead);

  auto second = client.sync_lead(mktows::Lead().email("george@jungle.com").attribute("Company", "Jungle Inc."),
                                 mktows::CallOptions().return_lead(true).workspace("Default"));
  BOOST_REQUIRE_MESSAGE(second.ok(), second.error().describe());
  BOOST_TEST((second->status == SyncStatus::updated));
  BOOST_TEST(second->lead_id == first->lead_id);
  BOOST_REQUIRE(second->has_lead);
  BOOST_TEST(second->lead.email() == "george@jungle.com");
  BOOST_REQUIRE(second->lead.find("FirstName") != nullptr);
  BOOST_TEST(*second->lead.find("FirstName") == "George");
  BOOST_REQUIRE(second->lead.find("Company") != nullptr);
  expect_no_secret(trace);
}

BOOST_AUTO_TEST_CASE(sync_multiple_leads_answers_in_input_order) {
  SandboxProcess sandbox({}, credentials());
  mktows::Client client(sandbox_options(sandbox, nullptr));
  auto existing = client.sync_lead(mktows::Lead().email("ape@jungle.com").attribute("FirstName", "Ape"));
  BOOST_REQUIRE_MESSAGE(existing.ok(), existing.error().describe());
  std::vector<mktows::Lead> leads = {
      mktows::Lead().email("ursula@jungle.com").attribute("FirstName", "Ursula"),
      mktows::Lead().email("ape@jungle.com").attribute("LastName", "Ape"),
      mktows::Lead().email("shep@jungle.com").attribute("FirstName", "Shep"),
  };
  auto r = client.sync_multiple_leads(leads);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_REQUIRE_EQUAL(r->size(), 3u);
  BOOST_TEST(((*r)[0].status == SyncStatus::created));
  BOOST_TEST(((*r)[1].status == SyncStatus::updated));
  BOOST_TEST((*r)[1].lead_id == existing->lead_id);
  BOOST_TEST(((*r)[2].status == SyncStatus::created));
  // Each id belongs to the lead at that position.
  for (std::size_t i = 0; i < leads.size(); ++i) {
    auto got = client.get_lead(mktows::LeadKey::by_id((*r)[i].lead_id));
    BOOST_REQUIRE_MESSAGE(got.ok(), got.error().describe());
    BOOST_REQUIRE_EQUAL(got->size(), 1u);
    BOOST_TEST((*got)[0].email() == leads[i].email());
  }
}

BOOST_AUTO_TEST_CASE(get_lead_by_email_and_a_lead_not_found) {
  SandboxProcess sandbox({}, credentials());
  mktows::Client client(sandbox_options(sandbox, nullptr));
  const std::string name = "Jos\xc3\xa9";
  BOOST_REQUIRE(client.sync_lead(mktows::Lead().email("jose@jungle.com").attribute("FirstName", name)).ok());
  auto got = client.get_lead(mktows::LeadKey::by_email("jose@jungle.com"));
  BOOST_REQUIRE_MESSAGE(got.ok(), got.error().describe());
  BOOST_REQUIRE_EQUAL(got->size(), 1u);
  BOOST_REQUIRE((*got)[0].find("FirstName") != nullptr);
  BOOST_TEST(*(*got)[0].find("FirstName") == name);  // UTF-8 both ways

  auto missing = client.get_lead(mktows::LeadKey::by_email("nobody@jungle.com"));
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST((missing.error().kind == mktows::ErrorKind::fault));
  BOOST_TEST(missing.error().code == 20103);
  BOOST_TEST(missing.error().attempts == 1);
}

BOOST_AUTO_TEST_CASE(a_wrong_key_is_20014_and_not_retried) {
  SandboxProcess sandbox({}, credentials());
  std::string trace;
  mktows::ClientOptions o = sandbox_options(sandbox, &trace);
  o.encryption_key = "not-the-Key-0f-the-Jungle-0000";
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == mktows::ErrorKind::fault));
  BOOST_TEST(r.error().code == 20014);
  BOOST_TEST(r.error().attempts == 1);
  BOOST_TEST(client.requests_sent() == 1u);
  expect_no_secret(trace + r.error().describe());
  BOOST_TEST(trace.find("not-the-Key") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_expired_signature_is_re_signed_and_accepted) {
  SandboxProcess sandbox({"--timestamp-window", "60"}, credentials());
  mktows::ClientOptions o = sandbox_options(sandbox, nullptr);
  int signings = 0;
  o.wall_clock = [&signings] { return std::time(nullptr) - (signings++ == 0 ? 3600 : 0); };  // first one stale
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(client.requests_sent() == 2u);
  BOOST_TEST(signings == 2);
}

BOOST_AUTO_TEST_CASE(the_service_rate_limit_20023_is_backed_off_and_reported) {
  SandboxProcess sandbox({"--rate-limit", "2", "--rate-window", "600"}, credentials());
  FakeTime time;  // backoff sleeps are recorded, not slept
  mktows::ClientOptions o = sandbox_options(sandbox, nullptr);
  o.steady_clock = time.clock();
  o.sleep = time.sleeper();
  o.retry.max_attempts = 3;
  mktows::Client client(o);
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == 20023);
  BOOST_TEST(r.error().retryable());
  BOOST_TEST(r.error().attempts == 3);
  BOOST_TEST(time.sleeps().size() == 2u);
}

BOOST_AUTO_TEST_CASE(tls_is_verified_by_default) {
  SelfSignedCert tls("client_sandbox");
  BOOST_REQUIRE(tls.made);
  const std::string &cert = tls.cert;
  SandboxProcess sandbox({"--cert", cert, "--key", tls.key}, credentials());
  BOOST_REQUIRE_MESSAGE(sandbox.endpoint().compare(0, 8, "https://") == 0, sandbox.endpoint());

  mktows::ClientOptions o = sandbox_options(sandbox, nullptr);
  o.retry = mktows::RetryPolicy::none();
  {
    mktows::Client untrusting(o);  // the system store does not know this certificate
    auto r = untrusting.sync_lead(george());
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().kind == mktows::ErrorKind::transport));
    BOOST_TEST((r.error().transport == mktows::TransportFailure::tls), r.error().describe());
    BOOST_TEST(!r.error().retryable());
  }
  o.ca_file = cert;
  mktows::Client trusting(o);
  auto ok = trusting.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(ok.ok(), ok.error().describe());
  BOOST_TEST((ok->status == SyncStatus::created));

  // The same trust through a hashed CA directory.
  const std::string dir = "client_sandbox_ca_dir";
  std::string make_dir = "rm -rf " + dir + " && mkdir " + dir + " && cp " + cert + " " + dir +
                         "/$(openssl x509 -hash -noout -in " + cert + ").0";
  BOOST_REQUIRE_EQUAL(std::system(make_dir.c_str()), 0);
  o.ca_file.clear();
  o.ca_dir = dir;
  mktows::Client trusting_dir(o);
  auto again = trusting_dir.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(again.ok(), again.error().describe());
  BOOST_TEST((again->status == SyncStatus::updated));
  BOOST_TEST(std::system(("rm -rf " + dir).c_str()) == 0);
}

// An enterprise's outbound proxy: the client asks it for a tunnel
// (CONNECT) while the connection opens, before any request is written, and
// then speaks TLS to the service through it, keeping the tunnel for the
// following calls.
BOOST_AUTO_TEST_CASE(https_goes_through_a_connect_proxy) {
  SelfSignedCert tls("client_proxy");
  BOOST_REQUIRE(tls.made);
  SandboxProcess sandbox({"--cert", tls.cert, "--key", tls.key}, credentials());
  ConnectProxy proxy;
  mktows::ClientOptions o = sandbox_options(sandbox, nullptr);
  o.retry = mktows::RetryPolicy::none();
  o.ca_file = tls.cert;
  o.proxy_host = "127.0.0.1";
  o.proxy_port = proxy.port();
  mktows::Client client(o);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST_CONTEXT("call " << i) {
      auto r = client.sync_lead(george());
      BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
      BOOST_TEST((r->status == (i == 0 ? SyncStatus::created : SyncStatus::updated)));
    }
  }
  std::vector<std::string> connects = proxy.requests();
  BOOST_REQUIRE_EQUAL(connects.size(), 1u);  // one tunnel, kept alive
  const std::string rest = sandbox.endpoint().substr(std::string("https://").size());  // 127.0.0.1:PORT/soap/...
  const std::string expected = "CONNECT " + rest.substr(0, rest.find('/')) + " ";
  BOOST_TEST(connects[0].compare(0, expected.size(), expected) == 0, connects[0]);
}

namespace {

// Runs the example with the sandbox's endpoint and credentials in its
// environment; returns its exit status and its standard output.
int run_example(const SandboxProcess &sandbox, const char *key, const std::string &args, std::string &out) {
  ::setenv("MKTOWS_ENDPOINT", sandbox.endpoint().c_str(), 1);
  ::setenv("MKTOWS_USER_ID", kUser, 1);
  ::setenv("MKTOWS_ENCRYPTION_KEY", key, 1);
  std::string command = std::string(mktows_test::paths::example_bin) + " " + args + " 2>&1";
  FILE *p = ::popen(command.c_str(), "r");
  out.clear();
  char buf[4096];
  std::size_t n;
  while (p && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = p ? ::pclose(p) : -1;
  ::unsetenv("MKTOWS_ENCRYPTION_KEY");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_george_of_the_jungle_example_runs) {
  SandboxProcess sandbox({}, credentials());
  std::string out;
  BOOST_TEST(run_example(sandbox, kKey, "", out) == 0);
  BOOST_TEST(out.find("status CREATED") != std::string::npos, out);
  BOOST_TEST(run_example(sandbox, kKey, "--workspace Default --trace", out) == 0);
  BOOST_TEST(out.find("status UPDATED") != std::string::npos, out);
  BOOST_TEST(out.find("RAW request:") != std::string::npos);
  BOOST_TEST(out.find("<requestSignature>[redacted]</requestSignature>") != std::string::npos);
  BOOST_TEST(out.find("<targetWorkspace>Default</targetWorkspace>") != std::string::npos);
  BOOST_TEST(out.find(kKey) == std::string::npos);
  BOOST_TEST(run_example(sandbox, "wrong-Key-0f-the-Jungle-example", "--trace", out) == 1);
  BOOST_TEST(out.find("20014") != std::string::npos, out);
  BOOST_TEST(out.find("wrong-Key-0f-the-Jungle-example") == std::string::npos);
}
