// bridge_interop_test: stock SOAP clients through the bridge to the
// sandbox's REST face, each loading the bridge's ?WSDL: PHP's SoapClient
// (the sandbox's interop script, written as the seed's PHP sample is) and
// Python's zeep (the benchmark's zeep peer); the leads they wrote are then
// read through the sandbox's SOAP face.
#define BOOST_TEST_MODULE bridge_interop_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_setup.hpp"
#include "support/peer.hpp"
#include "support/test_paths.hpp"

#include <mktows/client.hpp>

#include <cstdio>
#include <sys/wait.h>

using namespace bridge_test;

namespace {

struct Peers {
  Peers() {
    mktows_test::require_peers({{"php with the soap extension", "php-cli php-soap", PHP_EXECUTABLE,
                                           {"-r", "exit(class_exists('SoapClient') ? 0 : 1);"}},
                                {"Python's zeep", "python3-zeep", PYTHON_EXECUTABLE, {"-c", "import zeep"}}});
  }
};
BOOST_TEST_GLOBAL_FIXTURE(Peers);

int run(const std::string &command, std::string &output) {
  FILE *p = ::popen(command.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quote(const std::string &s) { return "'" + s + "'"; }  // arguments here contain no quote

mktows::Lead read_back(const Pair &p, const std::string &email, std::size_t &count) {
  mktows::ClientOptions o;
  o.endpoint = p.sandbox->endpoint();
  o.user_id = kUser;
  o.encryption_key = kKey;
  o.limiter.enabled = false;
  auto r = mktows::Client(o).get_lead(mktows::LeadKey::by_email(email));
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  count = r->size();
  return r->front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(php_soapclient_through_the_bridge) {
  Pair p;
  std::string out;
  // The key goes on this command line only because the interop script
  // takes it there; it is the test's own throwaway key.
  int rc = run(std::string(PHP_EXECUTABLE) + " " + quote(mktows_test::paths::php_script) + " " + quote(p.bridge->endpoint()) + " " +
                   quote(kUser) + " " + quote(kKey) + " 2>&1",
               out);
  BOOST_TEST_MESSAGE(out);
  BOOST_TEST(rc == 0);
  std::size_t created = out.find("syncLead CREATED");
  std::size_t updated = out.find("syncLead UPDATED");
  BOOST_TEST(created != std::string::npos);
  BOOST_TEST((updated != std::string::npos && updated > created));
  BOOST_TEST(out.find("fault SOAP-ENV:Client 20014 - Authentication failed 20014") != std::string::npos);
  // The script's lead ("george-<pid>@jungle.com") through the SOAP face.
  std::size_t at = out.find("syncLead CREATED ");
  BOOST_REQUIRE(at != std::string::npos);
  int id = std::atoi(out.c_str() + at + 17);
  mktows::ClientOptions o;
  o.endpoint = p.sandbox->endpoint();
  o.user_id = kUser;
  o.encryption_key = kKey;
  o.limiter.enabled = false;
  auto r = mktows::Client(o).get_lead(mktows::LeadKey::by_id(id));
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(*r->front().find("FirstName") == "George");
  BOOST_TEST(*r->front().find("LastName") == "of the Jungle");
}

BOOST_AUTO_TEST_CASE(zeep_through_the_bridge) {
  Pair p;
  std::string out;
  // peer_zeep.py takes the key from MKTOWS_BENCH_KEY, never argv.
  int rc = run("MKTOWS_BENCH_KEY=" + quote(kKey) + " " + std::string(PYTHON_EXECUTABLE) + " " + quote(mktows_test::paths::zeep_peer) +
                   " " + quote(p.bridge->endpoint() + "?WSDL") + " " + quote(p.bridge->endpoint()) + " 5 " +
                   quote(kUser) + " 2>&1",
               out);
  BOOST_TEST_MESSAGE(out);
  BOOST_TEST(rc == 0);
  BOOST_TEST(out.find("calls=5 errors=0") != std::string::npos);
  // The seed's lead: one lead (created once, then updated), seen via SOAP.
  std::size_t count = 0;
  mktows::Lead t = read_back(p, "t@t.com", count);
  BOOST_TEST(count == 1u);
  BOOST_TEST(*t.find("FirstName") == "George");
  std::string sandbox_log = mktows_test::read_file(p.sandbox_log());
  BOOST_TEST(count_lines(sandbox_log, "rest POST /rest/v1/leads.json") == 5);
}
