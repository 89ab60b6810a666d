// cli_kill_resume_test: `mktows sync-leads --journal` killed with SIGKILL part
// way, several times, then run to the end: every row is in the sandbox's
// durable store exactly once (one lead per Email), none is lost, and no
// acknowledged row was sent again (only a resent batch can report UPDATED).
// The store is read back by a new sandbox replaying the --data directory,
// one getLead per row.
#define BOOST_TEST_MODULE cli_kill_resume
#include <boost/test/unit_test.hpp>

#include "cli_process.hpp"
#include "cli_sandbox.hpp"
#include "support/temp_dir.hpp"

#include <mktows/mktows.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace mktows_test;
using nlohmann::json;

namespace {

const char kUser[] = "kill_test_user";
const char kKey[] = "kill-test-key-0b1d";
const int kRows = 3000;
const int kBatch = 20;

std::string email(int i) { return "row" + std::to_string(i) + "@kill.test"; }

void write_csv(const std::string &path) {
  std::ofstream out(path, std::ios::binary);
  out << "Email,FirstName,LastName,City\r\n";
  for (int i = 0; i < kRows; ++i)
    out << email(i) << ",First" << i << ",\"Last, " << i << "\",City" << (i % 13) << "\r\n";
}

int count(const std::string &text, const std::string &needle) {
  int n = 0;
  for (std::size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

json summary_of(const std::string &out) {
  std::istringstream in(out);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return json::parse(last)["summary"];
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_runs_then_resumed_sync_every_row_exactly_once) {
  TempDir dir;
  std::string data = dir.path() + "/data", csv = dir.path() + "/leads.csv";
  std::string journal = dir.path() + "/leads.journal", rejects = dir.path() + "/leads.rejects.csv";
  BOOST_REQUIRE(::mkdir(data.c_str(), 0700) == 0);
  write_csv(csv);
  Env creds = {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}};
  CliSandbox sandbox(dir.path(), {"--data", data}, creds);
  Env env = creds;
  env.emplace_back("MKTOWS_ENDPOINT", sandbox.endpoint());
  // No client-side pacing: the runs make up to 150 calls, and the sandbox
  // enforces no limit here.
  std::vector<std::string> args = {"sync-leads", csv,       "--batch", std::to_string(kBatch), "--journal",
                                   journal,      "--rejects", rejects,   "--json",               "--no-rate-limit"};

  // Kill it three times, each after the journal shows more acknowledged batches.
  int kills = 0;
  for (int acks_before_kill : {5, 30, 70}) {
    CliProcess p(args, env, dir.path() + "/run.out", dir.path() + "/run.err");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (count(slurp(journal), "\nA ") < acks_before_kill && !p.done() &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    int code = p.kill_hard();
    if (code == -1) ++kills;
    std::string j = slurp(journal);
    std::size_t last_line = j.rfind('\n', j.size() - 2);
    BOOST_TEST_MESSAGE("killed after " << count(j, "\nA ") << " acknowledged batches; last journal line: "
                                       << j.substr(last_line + 1, 2));
    BOOST_TEST(j.find("\nD ") == std::string::npos);  // it had not finished
  }
  BOOST_TEST(kills == 3);

  CliResult last = run_cli(args, env, dir.path());
  BOOST_TEST(last.exit_code == 0, last.err);
  json s = summary_of(last.out);
  BOOST_TEST_MESSAGE("final run: " << s.dump());
  BOOST_TEST(s["rows"] == kRows);
  BOOST_TEST(s["failed"] == 0);
  BOOST_TEST(s["created"].get<int>() + s["updated"].get<int>() == kRows);
  // Only a batch cut between its send and its acknowledgement is sent again,
  // and it reports UPDATED: at most one batch per kill.
  BOOST_TEST(s["updated"].get<int>() <= 3 * kBatch);
  BOOST_TEST(s["rowsResumed"].get<int>() > 0);
  BOOST_TEST(read_text(rejects) == "Email,FirstName,LastName,City,error\r\n");

  // The state a kill between send and acknowledgement leaves, made on
  // purpose: the last batch's A (and the D) removed. The rerun sends that
  // batch again and it updates, creating nothing.
  std::string j = read_text(journal);
  std::size_t cut = j.rfind("\nA ");
  BOOST_REQUIRE(cut != std::string::npos);
  write_text(journal, j.substr(0, cut + 1));
  CliResult again = run_cli(args, env, dir.path());
  BOOST_TEST(again.exit_code == 0, again.err);
  json s2 = summary_of(again.out);
  BOOST_TEST(s2["rowsThisRun"] == kBatch);  // kRows is a multiple of kBatch
  BOOST_TEST(s2["updated"].get<int>() >= kBatch);
  BOOST_TEST(s2["rows"] == kRows);

  BOOST_TEST(sandbox.stop() == 0);

  // A new server replays the durable store from the data directory; every
  // row is read back through the protocol.
  CliSandbox replayed(dir.path(), {"--data", data}, creds);
  mktows::ClientOptions options;
  options.endpoint = replayed.endpoint();
  options.user_id = kUser;
  options.encryption_key = kKey;
  options.limiter.enabled = false;  // 3,000 reads; the sandbox sets no limit
  mktows::Client client(options);
  std::set<int> ids;
  int missing = 0, duplicated = 0;
  for (int i = 0; i < kRows; ++i) {
    mktows::Result<std::vector<mktows::Lead>> r = client.get_lead(mktows::LeadKey::by_email(email(i)));
    if (!r) {
      BOOST_TEST(r.error().code == mktows::fault_code::lead_not_found, r.error().describe());
      ++missing;
      continue;
    }
    if (r->size() != 1) ++duplicated;
    for (const mktows::Lead &l : *r) ids.insert(l.id());
  }
  BOOST_TEST(missing == 0);
  BOOST_TEST(duplicated == 0);
  BOOST_REQUIRE_EQUAL(ids.size(), static_cast<std::size_t>(kRows));
  // The sandbox numbers new leads consecutively, so any lead created twice
  // would show as an Id beyond the 3,000 it handed out for these rows.
  BOOST_TEST(*ids.rbegin() - *ids.begin() + 1 == kRows);
  mktows::Result<std::vector<mktows::Lead>> beyond = client.get_lead(mktows::LeadKey::by_id(*ids.rbegin() + 1));
  BOOST_TEST(!beyond.ok());
  BOOST_TEST(beyond.error().code == mktows::fault_code::lead_not_found);
  mktows::Result<std::vector<mktows::Lead>> one = client.get_lead(mktows::LeadKey::by_email(email(1234)));
  BOOST_REQUIRE(one.ok());
  BOOST_REQUIRE_EQUAL(one->size(), 1u);
  BOOST_REQUIRE((*one)[0].find("LastName"));
  BOOST_TEST(*(*one)[0].find("LastName") == "Last, 1234");
}
