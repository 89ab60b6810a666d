// cli_read_commands_test: `mktows get-leads` and `mktows activity` run as
// processes against `mktows sandbox`: each selector, text and --json
// (NDJSON) output, progress on stderr, the journal taken up over
// --max-pages runs and after a SIGKILL mid-walk, another query's journal
// refused, exit codes for usage, validation, a missing lead, a fault and a
// dead endpoint; the key never in any output.
#define BOOST_TEST_MODULE cli_read_commands
#include <boost/test/unit_test.hpp>

#include "cli_world.hpp"

#include <ctime>
#include <fstream>
#include <map>
#include <set>

using namespace mktows_test;
using nlohmann::json;

namespace {

const int kLeads = 45;
const std::string kLongName(3000, 'x');  // 45 leads of it outgrow a pipe's buffer: a writer blocks

std::string email(int i) { return "r" + std::to_string(i) + "@read.test"; }

// The module's leads, synced once through `mktows sync-leads`; the time
// before they were written.
struct Leads {
  std::time_t before;
  std::vector<int> ids;  // by i
  Leads() {
    before = std::time(nullptr) - 5;
    std::string csv = CliWorld::get().file("read.csv");
    {
      std::ofstream out(csv);
      out << "Email,FirstName,LastName\n";
      for (int i = 0; i < kLeads; ++i) out << email(i) << ",R" << i << "," << kLongName << "\n";
    }
    CliResult r = run_in_world({"sync-leads", csv, "--json"});
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    for (const json &j : ndjson(r.out))
      if (j.contains("leadId")) ids.push_back(j["leadId"].get<int>());
    BOOST_REQUIRE_EQUAL(ids.size(), static_cast<std::size_t>(kLeads));
  }
  static Leads &get() {
    static Leads l;
    return l;
  }
  std::string since() const { return "@" + std::to_string(before); }
};

std::vector<std::string> window(const std::vector<std::string> &more) {
  std::vector<std::string> a = {"get-leads", "--updated-since", Leads::get().since()};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// Emails of get-leads --json lines, counted.
std::map<std::string, int> emails_of(const std::string &out) {
  std::map<std::string, int> m;
  for (const json &j : ndjson(out)) ++m[j["leadRecord"]["Email"].get<std::string>()];
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(get_leads)

BOOST_AUTO_TEST_CASE(a_window_read_in_pages_as_ndjson_and_text) {
  CliResult r = run_in_world(window({"--page-size", "10", "--json", "--progress-every", "0"}));
  BOOST_TEST(r.exit_code == 0, r.err);
  std::vector<json> lines = ndjson(r.out);
  BOOST_TEST(lines.size() == static_cast<std::size_t>(kLeads));
  std::set<int> ids;
  for (const json &j : lines) {
    BOOST_TEST(j["status"] == "FOUND");
    ids.insert(j["leadId"].get<int>());
    BOOST_TEST(j["leadRecord"]["Id"] == j["leadId"]);
    BOOST_TEST(j["leadRecord"]["attributes"]["LastName"] == kLongName);
  }
  BOOST_TEST(ids == std::set<int>(Leads::get().ids.begin(), Leads::get().ids.end()));
  std::map<std::string, int> m = emails_of(r.out);
  for (int i = 0; i < kLeads; ++i) BOOST_TEST(m[email(i)] == 1, email(i));
  // Progress on stderr after every page (5 pages), nothing of it on stdout.
  BOOST_TEST(count_lines_starting(r.err, "progress: ") >= 5u, r.err);
  BOOST_TEST(r.err.find("progress: 5 pages, 45 leads") != std::string::npos, r.err);
  BOOST_TEST(r.out.find("progress") == std::string::npos);

  r = run_in_world(window({"--page-size", "7"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(count_lines_starting(r.out, "lead ") == static_cast<std::size_t>(kLeads));
  BOOST_TEST(r.out.find("  Email: " + email(44) + "\n") != std::string::npos);
  BOOST_TEST(r.out.find("  FirstName: R44\n") != std::string::npos);
  // --until bounds the window: before the leads were written, none.
  r = run_in_world({"get-leads", "--updated-since", "@" + std::to_string(Leads::get().before - 3600), "--until",
                    "@" + std::to_string(Leads::get().before - 60), "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "");
}

BOOST_AUTO_TEST_CASE(by_keys_with_fields_and_by_list) {
  CliResult r = run_in_world({"get-leads", "--email", email(3), "--email", email(4), "--fields", "Email,FirstName", "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  std::vector<json> lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0]["leadRecord"]["Email"] == email(3));
  BOOST_TEST(lines[1]["leadRecord"]["attributes"]["FirstName"] == "R4");
  BOOST_TEST(!lines[0]["leadRecord"]["attributes"].contains("LastName"));  // not asked for
  const std::vector<int> &ids = Leads::get().ids;
  r = run_in_world({"get-leads", "--id", std::to_string(ids[7]), "--id", std::to_string(ids[8]), "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(ndjson(r.out).size() == 2u);
  BOOST_TEST(ndjson(r.out)[0]["leadId"] == ids[7]);

  r = run_in_world({"list", "add", "--list", "Webinar 2026.Attendees", "--email", email(10), "--email", email(11)});
  BOOST_REQUIRE(r.exit_code == 0);
  r = run_in_world({"get-leads", "--list", "Webinar 2026.Attendees", "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  std::map<std::string, int> m = emails_of(r.out);
  BOOST_TEST(m.size() == 2u);
  BOOST_TEST(m[email(10)] == 1);
  BOOST_TEST(m[email(11)] == 1);
  // An unknown list is the service's fault: exit 7.
  r = run_in_world({"get-leads", "--list", "Demo Program.Nope"});
  BOOST_TEST(r.exit_code == 7, r.err);
}

BOOST_AUTO_TEST_CASE(max_pages_runs_with_a_journal_print_each_lead_once) {
  std::string journal = CliWorld::get().file("max-pages.journal");
  std::map<std::string, int> seen;
  int runs = 0;
  for (;;) {
    CliResult r = run_in_world(window({"--page-size", "10", "--max-pages", "2", "--journal", journal, "--json"}));
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    BOOST_REQUIRE(++runs <= 5);
    for (auto &kv : emails_of(r.out)) seen[kv.first] += kv.second;
    if (r.err.find("more remain") == std::string::npos) break;
    BOOST_TEST(ndjson(r.out).size() == 20u);
  }
  BOOST_TEST(runs == 3);
  BOOST_TEST(seen.size() == static_cast<std::size_t>(kLeads));
  for (int i = 0; i < kLeads; ++i) BOOST_TEST(seen[email(i)] == 1, email(i));
  // Finished: nothing read, nothing printed.
  CliResult r = run_in_world(window({"--page-size", "10", "--journal", journal, "--json"}));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err.find("finished (45 leads)") != std::string::npos, r.err);
  // The journal belongs to its query: another selector, or other fields, is refused.
  r = run_in_world({"get-leads", "--list", "Demo Program.Newsletter", "--journal", journal});
  BOOST_TEST(r.exit_code == 10, r.err);
  BOOST_TEST(r.err.find("another query") != std::string::npos);
  r = run_in_world(window({"--fields", "Email", "--journal", journal}));
  BOOST_TEST(r.exit_code == 10);
}

BOOST_AUTO_TEST_CASE(killed_mid_walk_and_resumed_no_lead_missing_none_twice_beyond_a_page) {
  std::string journal = CliWorld::get().file("kill.journal");
  const int page = 5;
  std::vector<std::string> args = {paths::cli_bin};
  for (const std::string &a : window({"--page-size", std::to_string(page), "--journal", journal, "--json"}))
    args.push_back(a);
  std::map<std::string, int> seen;
  std::string first_run;
  {
    // stdout a pipe the test reads slowly: the walk blocks on it, then is killed.
    ChildProcess p(args, CliWorld::get().env(), Output::pipe(), Output::file(CliWorld::get().file("kill.err")));
    std::string line;
    for (int i = 0; i < 12; ++i) {
      BOOST_REQUIRE(p.read_line(std::chrono::seconds(30), line));
      first_run += line + "\n";
    }
    p.kill_hard();
    bool timed_out = false;
    first_run += p.read_to_end(std::chrono::seconds(30), timed_out);
  }
  // What the killed run printed, less a line torn by the kill.
  std::istringstream in(first_run);
  std::string line;
  int printed = 0;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    ++seen[j["leadRecord"]["Email"].get<std::string>()];
    ++printed;
  }
  BOOST_TEST(printed < kLeads, "the run was not cut short: " << printed);
  std::string text = read_text(journal);
  BOOST_TEST(text.find("\nP ") != std::string::npos, text);
  BOOST_TEST(text.find("\nD ") == std::string::npos, text);

  CliResult r = run_in_world(window({"--page-size", std::to_string(page), "--journal", journal, "--json"}));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("read before") != std::string::npos, r.err);
  for (auto &kv : emails_of(r.out)) seen[kv.first] += kv.second;
  int twice = 0;
  for (int i = 0; i < kLeads; ++i) {
    BOOST_TEST(seen[email(i)] >= 1, email(i) << " missing");
    BOOST_TEST(seen[email(i)] <= 2, email(i));
    if (seen[email(i)] == 2) ++twice;
  }
  BOOST_TEST(twice <= page, twice << " leads printed twice");
  BOOST_TEST(seen.size() == static_cast<std::size_t>(kLeads));
}

BOOST_AUTO_TEST_CASE(bad_usage_exits_2_and_rules_the_client_checks_exit_3) {
  for (const std::vector<std::string> &a : std::vector<std::vector<std::string>>{
           {"get-leads"},
           {"get-leads", "--list", "A.B", "--email", "a@b.c"},
           {"get-leads", "--until", "2026-11-30"},
           {"get-leads", "--email", "a@b.c", "--id", "5"},
           {"get-leads", "--id", "x"},
           {"get-leads", "--updated-since", "2026-11-30T08:15:00"},
           {"get-leads", "--updated-since", "2026-11-30", "--until", "2026-11-01"},
           {"get-leads", "--email", "a@b.c", "--page-size", "0"},
           {"get-leads", "--email", "a@b.c", "--fields", "Email,,City"},
           {"get-leads", "--email", "a@b.c", "--max-pages", "0"},
           {"get-leads", "--email", "a@b.c", "extra"}}) {
    CliResult r = run_in_world(a);
    BOOST_TEST(r.exit_code == 2, a.size() << " args: " << r.err);
    BOOST_TEST(r.out == "");
  }
  CliResult r = run_in_world({"get-leads", "--updated-since", "2026-11-30T08:15:00"});
  BOOST_TEST(r.err.find("--updated-since: '2026-11-30T08:15:00' is not a time") != std::string::npos, r.err);
  r = run_in_world({"get-leads", "--updated-since", "2026-01-01", "--until", "2026-03-01"});
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(r.err.find("30 days") != std::string::npos, r.err);
  std::vector<std::string> many = {"get-leads"};
  for (int i = 0; i < 101; ++i) {
    many.push_back("--email");
    many.push_back("m" + std::to_string(i) + "@x.y");
  }
  r = run_in_world(many);
  BOOST_TEST(r.exit_code == 3, r.err);
}

BOOST_AUTO_TEST_CASE(a_dead_endpoint_exits_5_and_a_wrong_key_4) {
  CliResult r = run_in_world(window({"--attempts", "1"}),
                             env_with(CliWorld::get().env(), "MKTOWS_ENDPOINT", "http://127.0.0.1:1/soap/mktows/2_2"));
  BOOST_TEST(r.exit_code == 5, r.err);
  r = run_in_world({"activity", "--id", "1000001"}, env_with(CliWorld::get().env(), "MKTOWS_ENCRYPTION_KEY", "nope-4711"));
  BOOST_TEST(r.exit_code == 4, r.err);
  BOOST_TEST(r.err.find("nope-4711") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(activity)

BOOST_AUTO_TEST_CASE(a_leads_records_newest_first_text_json_and_by_type) {
  const std::string id = std::to_string(Leads::get().ids[20]);
  BOOST_REQUIRE(run_in_world({"list", "add", "--list", "Demo Program.Newsletter", "--id", id}).exit_code == 0);
  BOOST_REQUIRE(run_in_world({"sync-lead", "--id", id, "--attr", "FirstName=Changed"}).exit_code == 0);
  CliResult r = run_in_world({"activity", "--id", id, "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  std::vector<json> lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 3u);  // New Lead, Add to List, Change Data Value
  BOOST_TEST(lines[0]["activityType"] == "Change Data Value");
  BOOST_TEST(lines[0]["attributes"]["New Value"] == "Changed");
  BOOST_TEST(lines[1]["activityType"] == "Add to List");
  BOOST_TEST(lines[1]["mktgAssetName"] == "Demo Program.Newsletter");
  BOOST_TEST(lines[2]["activityType"] == "New Lead");
  BOOST_TEST(lines[2]["mktPersonId"] == id);
  for (const json &j : lines) {
    BOOST_TEST(j["activityDateTime"].get<std::string>().size() == 20u);  // 2026-12-03T17:55:57Z
    BOOST_TEST(j["id"].get<int>() > 0);
  }
  BOOST_TEST(lines[0]["id"].get<int>() > lines[1]["id"].get<int>());

  r = run_in_world({"activity", "--email", email(20)});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find(" Add to List (activity ") != std::string::npos, r.out);
  BOOST_TEST(r.out.find(", lead " + id + ") Demo Program.Newsletter\n") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("  New Value: Changed\n") != std::string::npos);

  r = run_in_world({"activity", "--id", id, "--type", "AddToList", "--type", "NewLead", "--json"});
  BOOST_TEST(r.exit_code == 0);
  lines = ndjson(r.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0]["activityType"] == "Add to List");
  BOOST_TEST(lines[1]["activityType"] == "New Lead");
  // --since: only later records; tomorrow's: none.
  r = run_in_world({"activity", "--id", id, "--since", "@" + std::to_string(std::time(nullptr) + 86400), "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == "");
  r = run_in_world({"activity", "--id", id, "--since", Leads::get().since(), "--json"});
  BOOST_TEST(ndjson(r.out).size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_journal_takes_a_walk_up_page_by_page) {
  const std::string id = std::to_string(Leads::get().ids[30]);
  for (int i = 0; i < 6; ++i)
    BOOST_REQUIRE(run_in_world({"sync-lead", "--id", id, "--attr", "FirstName=V" + std::to_string(i)}).exit_code == 0);
  CliResult whole = run_in_world({"activity", "--id", id, "--json"});
  std::vector<json> all = ndjson(whole.out);
  BOOST_REQUIRE(all.size() == 7u);
  std::string journal = CliWorld::get().file("activity.journal");
  std::vector<json> got;
  int runs = 0;
  for (;;) {
    CliResult r = run_in_world({"activity", "--id", id, "--page-size", "2", "--max-pages", "1", "--journal", journal, "--json"});
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    BOOST_REQUIRE(++runs <= 6);
    for (const json &j : ndjson(r.out)) got.push_back(j);
    if (r.err.find("more remain") == std::string::npos) break;
  }
  BOOST_TEST(runs == 4);
  BOOST_REQUIRE(got.size() == all.size());
  for (std::size_t i = 0; i < all.size(); ++i) BOOST_TEST(got[i]["id"] == all[i]["id"], i);
  // Another lead's, or another filter's, journal is refused.
  CliResult r = run_in_world({"activity", "--id", std::to_string(Leads::get().ids[31]), "--journal", journal});
  BOOST_TEST(r.exit_code == 10);
  r = run_in_world({"activity", "--id", id, "--type", "NewLead", "--journal", journal});
  BOOST_TEST(r.exit_code == 10);
}

BOOST_AUTO_TEST_CASE(usage_and_a_missing_lead) {
  for (const std::vector<std::string> &a : std::vector<std::vector<std::string>>{
           {"activity"},
           {"activity", "--id", "1", "--email", "a@b.c"},
           {"activity", "--id", "1", "--id", "2"},
           {"activity", "--id", "1", "--type", "Bogus"},
           {"activity", "--id", "1", "--since", "soon"},
           {"activity", "--id", "1", "--page-size", "101"}}) {
    CliResult r = run_in_world(a);
    BOOST_TEST(r.exit_code == 2, r.err);
  }
  CliResult r = run_in_world({"activity", "--id", "1", "--type", "Bogus"});
  BOOST_TEST(r.err.find("'Bogus' is not a 2_2 activity type") != std::string::npos, r.err);
  r = run_in_world({"activity", "--email", "nobody@read.test"});
  BOOST_TEST(r.exit_code == 9, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
