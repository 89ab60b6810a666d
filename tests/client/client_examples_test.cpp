// client_examples_test: the examples of tools/examples (incremental_export,
// campaign_request, list_sync) run against the sandbox. Their paths come
// on the command line (after --), in that order.
#define BOOST_TEST_MODULE client_examples
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"
#include "support/temp_dir.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace mktows_test;

namespace {

std::string program(int index) {
  int argc = boost::unit_test::framework::master_test_suite().argc;
  char **argv = boost::unit_test::framework::master_test_suite().argv;
  BOOST_REQUIRE_MESSAGE(index + 1 < argc, "the examples' paths are the suite's arguments");
  return argv[index + 1];
}

// Runs example `index` with `args` against the sandbox; stdout into `out`
// (stderr into `err`); the exit status.
int run(const SandboxProcess &sandbox, int index, const std::string &args, std::string &out, std::string *err = nullptr) {
  TempDir dir;
  std::string err_file = dir.path() + "/stderr";
  std::string command = "MKTOWS_ENDPOINT='" + sandbox.endpoint() + "' MKTOWS_USER_ID='" + kSandboxUser +
                        "' MKTOWS_ENCRYPTION_KEY='" + kSandboxKey + "' " + program(index) + " " + args + " 2>" +
                        err_file;
  FILE *p = ::popen(command.c_str(), "r");
  out.clear();
  char buf[4096];
  std::size_t n;
  while (p && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = p ? ::pclose(p) : -1;
  std::ifstream e(err_file.c_str());
  std::stringstream text;
  text << e.rdbuf();
  if (err) *err = text.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::size_t lines(const std::string &s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(incremental_export_stops_and_resumes_from_its_saved_position) {
  SandboxClient s;
  seed_leads(s.client, 12);
  TempDir dir;
  const std::string state = dir.path() + "/export.state";
  const std::string window =
      "--since " + std::to_string(std::time(nullptr) - 3600) + " --until " + std::to_string(std::time(nullptr) + 60);
  std::string first, rest, err;
  // Interrupted after two pages of five...
  BOOST_TEST(run(s.sandbox, 0, window + " --state " + state + " --batch 5 --max-pages 2", first, &err) == 3, err);
  BOOST_TEST(lines(first) == 1u + 10u, first);  // the header and ten leads
  // ... and resumed: the last two leads, none again.
  BOOST_TEST(run(s.sandbox, 0, "--resume --state " + state + " --batch 5", rest, &err) == 0, err);
  BOOST_TEST(lines(rest) == 2u, rest);
  std::set<std::string> emails;
  std::istringstream all(first + rest);
  std::string line;
  while (std::getline(all, line))
    if (line.find('@') != std::string::npos) emails.insert(line.substr(line.find(',') + 1, line.find(',', line.find(',') + 1) - line.find(',') - 1));
  BOOST_TEST(emails.size() == 12u);
  for (std::size_t i = 0; i < 12; ++i) BOOST_TEST(emails.count(nth_email(i)) == 1u, nth_email(i));
  BOOST_TEST(first.find("Lead 0") != std::string::npos);  // the FirstName column
  // Done: the state holds no position; usage errors exit 2.
  BOOST_TEST(run(s.sandbox, 0, "--state " + state, rest) == 2);
}

BOOST_AUTO_TEST_CASE(campaign_request_lists_and_runs_by_id_and_by_name) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 2);
  std::string out, err;
  BOOST_TEST(run(s.sandbox, 1, "--list", out, &err) == 0, err);
  BOOST_TEST(out.find("2001 Demo Program.Welcome") != std::string::npos, out);
  BOOST_TEST(run(s.sandbox, 1, "--id 2001 --email " + nth_email(0) + " --lead-id " + std::to_string(ids[1]), out, &err) == 0,
             err);
  BOOST_TEST(out.find("succeeded for 2 lead(s)") != std::string::npos, out);
  BOOST_TEST(run(s.sandbox, 1,
                 "--program 'Demo Program' --campaign Welcome --token '{{my.greeting}}=Hi' --email " + nth_email(0), out,
                 &err) == 0,
             err);
  BOOST_TEST(out.find("with 1 token(s)") != std::string::npos, out);
  // By id with a token: refused before sending, with the reason.
  BOOST_TEST(run(s.sandbox, 1, "--id 2001 --token '{{my.x}}=y' --email " + nth_email(0), out, &err) == 1);
  BOOST_TEST(err.find("bad_combination") != std::string::npos, err);
  BOOST_TEST(run(s.sandbox, 1, "--id 2999 --email " + nth_email(0), out, &err) == 1);
  BOOST_TEST(err.find("20113") != std::string::npos, err);
}

BOOST_AUTO_TEST_CASE(list_sync_makes_the_list_hold_exactly_the_given_leads) {
  SandboxClient s;
  std::string out, err;
  BOOST_TEST(run(s.sandbox, 2, "--list 'Demo Program.Newsletter' a@jungle.com b@jungle.com", out, &err) == 0, err);
  BOOST_TEST(out.find("2 member(s), 0 removed") != std::string::npos, out);
  BOOST_TEST(run(s.sandbox, 2, "--list 'Demo Program.Newsletter' b@jungle.com c@jungle.com", out, &err) == 0, err);
  BOOST_TEST(out.find("2 member(s), 1 removed") != std::string::npos, out);
  auto members = s.client.get_multiple_leads(mktows::StaticListSelector::named("Demo Program.Newsletter"));
  std::set<std::string> emails;
  for (const mktows::Lead &lead : members) emails.insert(lead.email());
  BOOST_TEST(members.ok(), members.error().describe());
  BOOST_TEST(emails == (std::set<std::string>{"b@jungle.com", "c@jungle.com"}), boost::test_tools::per_element());
  BOOST_TEST(run(s.sandbox, 2, "--list 'Demo Program.Nothing' a@jungle.com", out, &err) == 1);
  BOOST_TEST(err.find("20111") != std::string::npos, err);
}
