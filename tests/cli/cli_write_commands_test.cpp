// cli_write_commands_test: `mktows list`, `mktows campaign` and `mktows
// merge` run as processes against `mktows sandbox`: text and --json
// (NDJSON) output, what the service then holds (read back with get-leads,
// activity, get-lead), exit codes for a refused lead, a fault and bad
// usage; the key never in any output.
#define BOOST_TEST_MODULE cli_write_commands
#include <boost/test/unit_test.hpp>

#include "cli_world.hpp"

#include <ctime>
#include <set>

using namespace mktows_test;
using nlohmann::json;

namespace {

// A new lead by Email through sync-lead; its id.
int make_lead(const std::string &email) {
  CliResult r = run_in_world({"sync-lead", "--email", email, "--json"});
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  return ndjson(r.out).at(0)["leadId"].get<int>();
}

std::set<int> list_members(const std::string &list) {
  CliResult r = run_in_world({"get-leads", "--list", list, "--json"});
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  std::set<int> out;
  for (const json &j : ndjson(r.out)) out.insert(j["leadId"].get<int>());
  return out;
}

void all_usage_errors(const std::vector<std::vector<std::string>> &cases) {
  for (const std::vector<std::string> &a : cases) {
    CliResult r = run_in_world(a);
    std::string line;
    for (const std::string &s : a) line += s + " ";
    BOOST_TEST(r.exit_code == 2, line << ": " << r.err);
    BOOST_TEST(r.out == "", line);
  }
}

const char kList[] = "Demo Program.Newsletter";

// A week from now in the +01:00 form (the service refuses more than two years ahead).
std::string in_a_week_with_an_offset() {
  std::time_t t = std::time(nullptr) + 7 * 86400 + 3600;
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+01:00", &tm);
  return buf;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(list)

BOOST_AUTO_TEST_CASE(add_check_remove_with_a_status_per_lead) {
  int a = make_lead("l1@write.test"), b = make_lead("l2@write.test");
  CliResult r = run_in_world({"list", "add", "--list", kList, "--id", std::to_string(a), "--email", "l2@write.test"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == "ADDED IDNUM " + std::to_string(a) + "\nADDED EMAIL l2@write.test\n");
  BOOST_TEST(list_members(kList) == (std::set<int>{a, b}));

  r = run_in_world({"list", "check", "--list", kList, "--id", std::to_string(a), "--id", std::to_string(b), "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  std::vector<json> lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0]["key"]["type"] == "IDNUM");
  BOOST_TEST(lines[0]["key"]["value"] == std::to_string(a));
  BOOST_TEST(lines[0]["status"] == "MEMBER");

  r = run_in_world({"list", "remove", "--list", kList, "--id", std::to_string(a), "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(ndjson(r.out).at(0)["status"] == "REMOVED");
  BOOST_TEST(list_members(kList) == (std::set<int>{b}));
  // Not a member now: check exits 9, remove fails (6).
  r = run_in_world({"list", "check", "--list", kList, "--id", std::to_string(a), "--id", std::to_string(b)});
  BOOST_TEST(r.exit_code == 9);
  BOOST_TEST(r.out == "NOT_MEMBER IDNUM " + std::to_string(a) + "\nMEMBER IDNUM " + std::to_string(b) + "\n");
  r = run_in_world({"list", "remove", "--list", kList, "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 6);
  BOOST_TEST(r.out == "FAILED IDNUM " + std::to_string(a) + "\n");
  // An unknown lead among known ones: the others are added, exit 6.
  r = run_in_world({"list", "add", "--list", kList, "--id", std::to_string(a), "--id", "99999999", "--json"});
  BOOST_TEST(r.exit_code == 6);
  lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0]["status"] == "ADDED");
  BOOST_TEST(lines[1]["status"] == "FAILED");
  // --strict: all or nothing.
  int c = make_lead("l3@write.test");
  r = run_in_world({"list", "add", "--strict", "--list", kList, "--id", std::to_string(c), "--id", "99999999"});
  BOOST_TEST(r.exit_code == 6);
  BOOST_TEST(list_members(kList).count(c) == 0u);
  // --skip-activity-log: the add leaves no Add to List record.
  r = run_in_world({"list", "add", "--skip-activity-log", "--list", kList, "--id", std::to_string(c)});
  BOOST_TEST(r.exit_code == 0);
  r = run_in_world({"activity", "--id", std::to_string(c), "--type", "AddToList", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "");
}

BOOST_AUTO_TEST_CASE(an_unknown_list_is_a_fault_and_bad_usage_exits_2) {
  CliResult r = run_in_world({"list", "add", "--list", "Demo Program.Nope", "--email", "l1@write.test"});
  BOOST_TEST(r.exit_code == 7, r.err);
  BOOST_TEST(r.err.find("20111") != std::string::npos, r.err);
  all_usage_errors({{"list"},
                    {"list", "--list", kList, "--id", "1"},
                    {"list", "join", "--list", kList, "--id", "1"},
                    {"list", "add", "--id", "1"},
                    {"list", "add", "--list", kList},
                    {"list", "add", "--list", kList, "--id", "0"},
                    {"list", "add", "remove", "--list", kList, "--id", "1"},
                    {"list", "check", "--strict", "--list", kList, "--id", "1"}});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(campaign)

BOOST_AUTO_TEST_CASE(list_by_source_and_name) {
  CliResult r = run_in_world({"campaign", "list"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("2001 Demo Program.Welcome") == 0, r.out);
  BOOST_TEST(r.out.find("Sales Alert") == std::string::npos);
  BOOST_TEST(r.out.find("Weekly Digest") == std::string::npos);  // a batch campaign is never listed
  r = run_in_world({"campaign", "list", "--source", "SALES", "--json"});
  std::vector<json> lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 1u);
  BOOST_TEST(lines[0]["id"] == 2002);
  BOOST_TEST(lines[0]["name"] == "Demo Program.Sales Alert");
  BOOST_TEST(lines[0].contains("description"));
  r = run_in_world({"campaign", "list", "--name", "program.wel", "--json"});
  BOOST_TEST(ndjson(r.out).size() == 1u);
  r = run_in_world({"campaign", "list", "--name", "Wel", "--exact", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "");
  r = run_in_world({"campaign", "list", "--name", "Welcome", "--exact", "--json"});
  BOOST_TEST(ndjson(r.out).size() == 1u);
}

BOOST_AUTO_TEST_CASE(request_by_name_with_tokens_and_by_id) {
  int a = make_lead("c1@write.test");
  CliResult r = run_in_world({"campaign", "request", "--program", "Demo Program", "--campaign", "Welcome", "--token",
                              "{{my.Message}}=Hi=there", "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == "REQUESTED (1 leads, 1 tokens)\n");
  r = run_in_world({"activity", "--id", std::to_string(a), "--type", "RequestCampaign", "--json"});
  std::vector<json> lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 1u);
  BOOST_TEST(lines[0]["mktgAssetName"] == "Demo Program.Welcome");
  BOOST_TEST(lines[0]["attributes"]["{{my.Message}}"] == "Hi=there");  // split at the first '='

  make_lead("c2@write.test");
  r = run_in_world({"campaign", "request", "--campaign-id", "2001", "--email", "c2@write.test", "--id",
                    std::to_string(a), "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  json j = ndjson(r.out).at(0);
  BOOST_TEST(j["status"] == "REQUESTED");
  BOOST_TEST(j["success"] == true);
  BOOST_TEST(j["leads"] == 2);
  BOOST_TEST(j["tokens"] == 0);
  // A batch campaign cannot be requested, a SALES one not from MKTOWS, an unknown id is unknown: faults.
  r = run_in_world({"campaign", "request", "--campaign-id", "2003", "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 7, r.err);
  r = run_in_world({"campaign", "request", "--campaign-id", "2002", "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 7, r.err);
  r = run_in_world({"campaign", "request", "--campaign-id", "2002", "--source", "SALES", "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 0, r.err);
  r = run_in_world({"campaign", "request", "--campaign-id", "2999", "--id", std::to_string(a)});
  BOOST_TEST(r.exit_code == 7);
  BOOST_TEST(r.err.find("20113") != std::string::npos, r.err);
  // More leads than a requestCampaign takes: the client's check, nothing sent.
  std::vector<std::string> many = {"campaign", "request", "--campaign-id", "2001"};
  for (int i = 1; i <= 101; ++i) {
    many.push_back("--id");
    many.push_back(std::to_string(i));
  }
  r = run_in_world(many);
  BOOST_TEST(r.exit_code == 3, r.err);
}

BOOST_AUTO_TEST_CASE(schedule_now_or_at_a_time) {
  CliResult r = run_in_world({"campaign", "schedule", "--program", "Demo Program", "--campaign", "Weekly Digest"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == "SCHEDULED (0 tokens)\n");
  r = run_in_world({"campaign", "schedule", "--program", "Demo Program", "--campaign", "Weekly Digest", "--at",
                    in_a_week_with_an_offset(), "--token", "{{my.Subject}}=Digest", "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  json j = ndjson(r.out).at(0);
  BOOST_TEST(j["status"] == "SCHEDULED");
  BOOST_TEST(j["tokens"] == 1);
  r = run_in_world({"campaign", "schedule", "--program", "Demo Program", "--campaign", "Welcome"});  // a trigger campaign
  BOOST_TEST(r.exit_code == 7, r.err);
}

BOOST_AUTO_TEST_CASE(bad_usage_exits_2) {
  all_usage_errors({{"campaign"},
                    {"campaign", "run"},
                    {"campaign", "--json", "list"},
                    {"campaign", "list", "--exact"},
                    {"campaign", "list", "--source", "WEB"},
                    {"campaign", "list", "--id", "1"},
                    {"campaign", "request", "--id", "1"},
                    {"campaign", "request", "--campaign-id", "2001"},
                    {"campaign", "request", "--campaign-id", "2001", "--program", "P", "--campaign", "C", "--id", "1"},
                    {"campaign", "request", "--program", "Demo Program", "--id", "1"},
                    {"campaign", "request", "--campaign-id", "2001", "--token", "{{my.A}}=b", "--id", "1"},
                    {"campaign", "request", "--program", "P", "--campaign", "C", "--token", "novalue", "--id", "1"},
                    {"campaign", "request", "--program", "P", "--campaign", "C", "--token", "=v", "--id", "1"},
                    {"campaign", "schedule", "--campaign", "Weekly Digest"},
                    {"campaign", "schedule", "--program", "P", "--campaign", "C", "--at", "tomorrow"},
                    {"campaign", "schedule", "--program", "P", "--campaign", "C", "--id", "1"}});
  CliResult r = run_in_world({"campaign", "request", "--campaign-id", "2001", "--token", "{{my.A}}=b", "--id", "1"});
  BOOST_TEST(r.err.find("--token needs the campaign by --program and --campaign") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(merge)

BOOST_AUTO_TEST_CASE(losers_merge_into_the_winner) {
  int w = make_lead("m1@write.test"), l1 = make_lead("m2@write.test"), l2 = make_lead("m3@write.test");
  BOOST_REQUIRE(run_in_world({"sync-lead", "--id", std::to_string(l1), "--attr", "City=Paris"}).exit_code == 0);
  CliResult r = run_in_world({"merge", "--winner", std::to_string(w), "--loser", std::to_string(l1), "--loser",
                              std::to_string(l2), "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  json j = ndjson(r.out).at(0);
  BOOST_TEST(j["status"] == "MERGED");
  BOOST_TEST(j["winningLeadId"] == w);
  BOOST_TEST(j["losingLeadIds"] == json::array({l1, l2}));
  BOOST_TEST(j["error"].is_null());
  // The losers are gone; the winner took the City it lacked.
  BOOST_TEST(run_in_world({"get-lead", "--id", std::to_string(l1)}).exit_code == 9);
  r = run_in_world({"get-leads", "--id", std::to_string(w), "--json"});
  BOOST_TEST(ndjson(r.out).at(0)["leadRecord"]["attributes"]["City"] == "Paris");
  int l3 = make_lead("m4@write.test");
  r = run_in_world({"merge", "--winner", std::to_string(w), "--loser", std::to_string(l3)});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "MERGED into lead " + std::to_string(w) + ": " + std::to_string(l3) + "\n");
  // A loser already merged away no longer exists: the service's fault.
  r = run_in_world({"merge", "--winner", std::to_string(w), "--loser", std::to_string(l1)});
  BOOST_TEST(r.exit_code == 7, r.err);
  all_usage_errors({{"merge"},
                    {"merge", "--winner", "5"},
                    {"merge", "--loser", "5"},
                    {"merge", "--winner", "5", "--loser", "5"},
                    {"merge", "--winner", "5", "--winner", "6", "--loser", "7"},
                    {"merge", "--winner", "x", "--loser", "7"}});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(help_of_each_command_and_a_dead_endpoint) {
  for (const char *c : {"get-leads", "activity", "list", "campaign", "merge"}) {
    CliResult r = run_in_world({c, "--help"});
    BOOST_TEST(r.exit_code == 0, c);
    BOOST_TEST(r.out.find(std::string("usage: mktows ") + c) != std::string::npos, c);
    BOOST_TEST(r.out.find("--call-timeout S") != std::string::npos, c);
    BOOST_TEST(r.out.find("exit codes:") != std::string::npos, c);
  }
  Env dead = env_with(CliWorld::get().env(), "MKTOWS_ENDPOINT", "http://127.0.0.1:1/soap/mktows/2_2");
  for (const std::vector<std::string> &a : std::vector<std::vector<std::string>>{
           {"list", "check", "--list", kList, "--id", "1", "--attempts", "1"},
           {"campaign", "list", "--attempts", "1"},
           {"merge", "--winner", "1", "--loser", "2", "--attempts", "1"}})
    BOOST_TEST(run_in_world(a, dead).exit_code == 5, a[0]);
}
