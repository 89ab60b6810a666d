// bridge_interop_test: stock SOAP clients through the bridge to the
// sandbox's REST face, each loading the bridge's ?WSDL: PHP's SoapClient
// (the sandbox's interop script, written as the seed's PHP sample is) and
// Python's zeep (the benchmark's zeep peer); the leads they wrote are then
// read through the sandbox's SOAP face. Then each client's programs of
// tests/interop (the calls a legacy application makes, each signed by the
// program, each checking what it reads back) for the groups of operations
// the bridge carries: BRIDGE_STOCK_OP_GROUPS, from the CMake list
// MKTOWS_BRIDGE_STOCK_OP_GROUPS (tests/bridge/CMakeLists.txt).
#define BOOST_TEST_MODULE bridge_interop_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_setup.hpp"
#include "interop/lead_calls_flow.hpp"
#include "interop/objects_flow.hpp"
#include "support/child_process.hpp"
#include "support/peer.hpp"
#include "support/test_paths.hpp"

#include <mktows/client.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
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

// The sandbox's own SOAP face, as the bridge's user (the direct checks).
mktows::ClientOptions sandbox_soap(const Pair &p) {
  mktows::ClientOptions o;
  o.endpoint = p.sandbox->endpoint();
  o.user_id = kUser;
  o.encryption_key = kKey;
  o.limiter.enabled = false;
  return o;
}

mktows::Lead read_back(const Pair &p, const std::string &email, std::size_t &count) {
  auto r = mktows::Client(sandbox_soap(p)).get_lead(mktows::LeadKey::by_email(email));
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  count = r->size();
  return r->front();
}

// BRIDGE_STOCK_OP_GROUPS split for the two programs of each toolchain: the
// lead-call groups and the object groups, each in its programs' order. A
// name that is neither fails the suite (a typo must not shrink what runs).
struct StockGroups {
  std::vector<std::string> lead, object;
};

StockGroups stock_groups() {
  std::vector<std::string> asked;
  std::stringstream in(BRIDGE_STOCK_OP_GROUPS);
  for (std::string g; std::getline(in, g, ',');) asked.push_back(g);
  auto has = [&](const std::vector<std::string> &v, const std::string &g) { return std::find(v.begin(), v.end(), g) != v.end(); };
  for (const std::string &g : asked)
    BOOST_REQUIRE_MESSAGE(has(interop_test::lead_groups(), g) || has(interop_test::object_groups(), g),
                          "MKTOWS_BRIDGE_STOCK_OP_GROUPS names no group " << g);
  StockGroups out;
  for (const std::string &g : interop_test::lead_groups())
    if (has(asked, g)) out.lead.push_back(g);
  for (const std::string &g : interop_test::object_groups())
    if (has(asked, g)) out.object.push_back(g);
  BOOST_REQUIRE(!asked.empty());
  return out;
}

// The leads the lead-call programs walk (lead_calls_flow.hpp's kLeads),
// written through the sandbox's SOAP face in one syncMultipleLeads: the
// bridge's LastUpdateAtSelector reads the New Lead activities such writes
// leave (a configuration's leads have none).
void seed_leads(const Pair &p) {
  std::vector<mktows::Lead> leads;
  for (int i = 0; i < interop_test::kLeads; ++i) leads.push_back(mktows::Lead().email("stock" + std::to_string(i) + "@bridge.example.com"));
  auto r = mktows::Client(sandbox_soap(p)).sync_multiple_leads(leads);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_REQUIRE(r->size() == leads.size());
}

// The toolchain's two programs through a new pair's bridge for the groups
// asked: `lead_program` and `object_program` are the command lines before
// <endpoint> <user> (each takes the key from MKTOWS_ENCRYPTION_KEY).
void run_stock_groups(const std::vector<std::string> &lead_program, const std::vector<std::string> &object_program) {
  StockGroups groups = stock_groups();
  Pair p;
  const std::vector<std::pair<std::string, std::string>> env = {{"MKTOWS_ENCRYPTION_KEY", kKey}};
  if (!groups.lead.empty()) {
    seed_leads(p);
    std::vector<std::string> argv = lead_program;
    argv.insert(argv.end(), {p.bridge->endpoint(), kUser, std::to_string(interop_test::kLeads),
                             std::to_string(interop_test::kMembers), interop_test::joined(groups.lead)});
    interop_test::check_lead_calls(mktows_test::run_process(argv, 120, env), groups.lead);
  }
  if (!groups.object.empty()) {
    std::vector<std::string> argv = object_program;
    argv.insert(argv.end(), {p.bridge->endpoint(), kUser, interop_test::joined(groups.object)});
    interop_test::check_objects_flow(mktows_test::run_process(argv, 120, env), groups.object);
  }
}

// The SoapClient programs sit beside php_interop.php.
std::string beside_php_script(const std::string &name) {
  std::string script = mktows_test::paths::php_script;
  return script.substr(0, script.rfind('/') + 1) + name;
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
  auto r = mktows::Client(sandbox_soap(p)).get_lead(mktows::LeadKey::by_id(id));
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

BOOST_AUTO_TEST_CASE(php_soapclient_makes_the_bridged_groups_of_calls_through_the_bridge) {
  run_stock_groups({PHP_EXECUTABLE, beside_php_script("php_lead_calls.php")},
                   {PHP_EXECUTABLE, beside_php_script("php_objects_interop.php")});
}

BOOST_AUTO_TEST_CASE(zeep_makes_the_bridged_groups_of_calls_through_the_bridge) {
  const std::string dir = mktows_test::paths::interop_dir;
  run_stock_groups({PYTHON_EXECUTABLE, dir + "/zeep_lead_calls.py"}, {PYTHON_EXECUTABLE, dir + "/zeep_objects_interop.py"});
}
