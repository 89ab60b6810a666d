// batch_sync_test: the sync-leads engine against an in-process upsert store:
// batching, rejects, JSON lines, and resuming after a run cut at each point
// of a batch's life (before the send, after the send, after the rejects).
#define BOOST_TEST_MODULE batch_sync
#include <boost/test/unit_test.hpp>

#include "batch_sync.hpp"
#include "csv_reader.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

using namespace mktows_cli;
using mktows_test::read_text;
using mktows_test::TempDir;
using mktows_test::write_text;

namespace {

// An upsert keyed by Email, like syncMultipleLeads with dedup: the property
// the journal's resend argument rests on.
struct Store {
  std::map<std::string, int> by_email;
  std::map<std::string, int> sends;  // how often each Email was sent
  int next_id = 1;
  std::vector<std::size_t> batch_sizes;

  std::vector<mktows::SyncResult> sync(const std::vector<mktows::Lead> &leads) {
    batch_sizes.push_back(leads.size());
    std::vector<mktows::SyncResult> out;
    for (const mktows::Lead &l : leads) {
      ++sends[l.email()];
      mktows::SyncResult o;
      if (l.email().find("bad") != std::string::npos) {
        o.status = mktows::SyncStatus::failed;
        o.error = "20106 - Lead Sync Failed";
      } else {
        auto it = by_email.find(l.email());
        o.status = it == by_email.end() ? mktows::SyncStatus::created : mktows::SyncStatus::updated;
        o.lead_id = it == by_email.end() ? (by_email[l.email()] = next_id++) : it->second;
      }
      out.push_back(o);
    }
    return out;
  }
};

struct CutAfter : std::runtime_error {
  CutAfter() : std::runtime_error("cut") {}
};

// rows: Email,FirstName with every 97th row rejected by the server and every
// 101st invalid locally (no key).
std::string make_csv(int rows) {
  std::ostringstream out;
  out << "Email,FirstName\r\n";
  for (int i = 0; i < rows; ++i) {
    if (i % 101 == 50) out << ",\"no key, row " << i << "\"\r\n";
    else if (i % 97 == 10) out << "bad" << i << "@x.com,B\r\n";
    else out << "u" << i << "@x.com,\"N " << i << "\"\r\n";
  }
  return out.str();
}

int count_lines_with(const std::string &text, const std::string &needle) {
  int n = 0;
  for (std::size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(batches_summary_rejects_and_json) {
  TempDir dir;
  std::string csv = dir.path() + "/in.csv";
  write_text(csv, make_csv(1000));
  Store store;
  std::ostringstream json;
  BatchSyncOptions o;
  o.csv_path = csv;
  o.rejects_path = dir.path() + "/rejects.csv";
  o.json = &json;
  BatchSyncSummary s = run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
  BOOST_TEST(s.totals.rows == 1000u);
  BOOST_TEST(s.totals.failed == 10u + 11u);  // 10 local (i%101==50), 11 server (i%97==10)
  BOOST_TEST(s.totals.created == 1000u - 21u);
  BOOST_TEST(s.totals.updated == 0u);
  for (std::size_t b : store.batch_sizes) BOOST_TEST(b <= 300u);

  std::string rejects = read_text(o.rejects_path);
  std::istringstream rin(rejects);
  CsvReader r(rin);
  std::vector<std::string> f;
  BOOST_REQUIRE(r.next(f));
  BOOST_TEST(f == (std::vector<std::string>{"Email", "FirstName", "error"}));
  int n = 0;
  while (r.next(f)) {
    ++n;
    BOOST_TEST(f.size() == 3u);
    BOOST_TEST((f[2] == "20106 - Lead Sync Failed" || f[2].find("lead_key_required") != std::string::npos));
  }
  BOOST_TEST(n == 21);

  std::istringstream jin(json.str());
  std::string line;
  int rows = 0;
  while (std::getline(jin, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    ++rows;
    BOOST_TEST(j.contains("leadId"));
    BOOST_TEST(j.contains("status"));
    BOOST_TEST(j["row"].get<int>() == rows);
    if (j["status"] == "FAILED") BOOST_TEST(j["leadId"].is_null());
    else BOOST_TEST(j["leadId"].get<int>() > 0);
  }
  BOOST_TEST(rows == 1000);
}

BOOST_AUTO_TEST_CASE(cut_before_or_after_the_send_then_resumed_sends_each_row_once_or_resends_one_batch) {
  for (bool applied : {false, true}) {
    BOOST_TEST_CONTEXT("the cut batch " << (applied ? "reached" : "did not reach") << " the store") {
      TempDir dir;
      std::string csv = dir.path() + "/in.csv";
      write_text(csv, make_csv(1000));
      Store store;
      BatchSyncOptions o;
      o.csv_path = csv;
      o.batch = 120;
      o.journal_path = dir.path() + "/journal";
      o.rejects_path = dir.path() + "/rejects.csv";
      int calls = 0;
      BOOST_CHECK_THROW(run_batch_sync(o,
                                       [&](const std::vector<mktows::Lead> &l) {
                                         if (++calls == 4) {
                                           if (applied) store.sync(l);
                                           throw CutAfter();
                                         }
                                         return store.sync(l);
                                       }),
                        CutAfter);
      BatchSyncSummary s = run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
      BOOST_TEST(s.rows_resumed == 360u);
      BOOST_TEST(s.resent_unacknowledged);
      BOOST_TEST(s.totals.rows == 1000u);
      BOOST_TEST(s.totals.failed == 21u);
      // Rows of acknowledged batches went once; the cut batch went twice only
      // if it had reached the store, and then without creating anything new.
      for (const auto &e : store.sends) {
        int row = std::stoi(e.first.substr(e.first.find_first_of("0123456789")));
        int expected = (applied && row >= 360 && row < 480) ? 2 : 1;
        BOOST_TEST(e.second == expected, e.first);
      }
      BOOST_TEST(store.by_email.size() == 1000u - 21u);
      BOOST_TEST(s.totals.created + s.totals.updated == 1000u - 21u);
      BOOST_TEST(s.totals.updated == (applied ? 118u : 0u));  // rows 360..479 but 398 (server) and 454 (local)
      std::string rejects = read_text(o.rejects_path);
      BOOST_TEST(count_lines_with(rejects, "\r\n") == 22);  // header + 21, none twice
      // A third run finds the journal finished and sends nothing.
      std::size_t sends = store.batch_sizes.size();
      s = run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
      BOOST_TEST(s.already_finished);
      BOOST_TEST(s.totals.rows == 1000u);
      BOOST_TEST(store.batch_sizes.size() == sends);
    }
  }
}

BOOST_AUTO_TEST_CASE(cut_after_the_rejects_were_written_lists_no_row_twice) {
  TempDir dir;
  std::string csv = dir.path() + "/in.csv";
  write_text(csv, make_csv(300));
  Store store;
  BatchSyncOptions o;
  o.csv_path = csv;
  o.batch = 100;
  o.journal_path = dir.path() + "/journal";
  o.rejects_path = dir.path() + "/rejects.csv";
  run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
  std::string full = read_text(o.rejects_path);
  // Cut the journal back to before the last acknowledgement: the state of a
  // run killed after its rejects were synced but before the journal's A.
  std::string j = read_text(o.journal_path);
  std::size_t last_a = j.rfind("\nA ");
  BOOST_REQUIRE(last_a != std::string::npos);
  write_text(o.journal_path, j.substr(0, last_a + 1));
  BatchSyncSummary s = run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
  BOOST_TEST(s.rows_resumed == 200u);
  BOOST_TEST(s.totals.rows == 300u);
  BOOST_TEST(read_text(o.rejects_path) == full);
}

BOOST_AUTO_TEST_CASE(input_problems_are_typed) {
  TempDir dir;
  Store store;
  auto send = [&](const std::vector<mktows::Lead> &l) { return store.sync(l); };
  BatchSyncOptions o;
  o.csv_path = dir.path() + "/missing.csv";
  BOOST_CHECK_THROW(run_batch_sync(o, send), InputError);
  o.csv_path = dir.path() + "/empty.csv";
  write_text(o.csv_path, "");
  BOOST_CHECK_THROW(run_batch_sync(o, send), InputError);
  write_text(o.csv_path, "FirstName\nx\n");
  BOOST_CHECK_THROW(run_batch_sync(o, send), InputError);
  write_text(o.csv_path, "Email\na@b.c\n\"open\n");
  BOOST_CHECK_THROW(run_batch_sync(o, send), InputError);
  write_text(o.csv_path, "Email\na@b.c\n");
  o.batch = 301;
  BOOST_CHECK_THROW(run_batch_sync(o, send), InputError);
  // A journal of another file is refused before anything is sent.
  o.batch = 300;
  o.journal_path = dir.path() + "/journal";
  run_batch_sync(o, send);
  write_text(o.csv_path, "Email,City\na@b.c,X\n");
  std::size_t calls = store.batch_sizes.size();
  BOOST_CHECK_THROW(run_batch_sync(o, send), JournalError);
  BOOST_TEST(store.batch_sizes.size() == calls);
}

BOOST_AUTO_TEST_CASE(progress_lines_when_not_a_terminal) {
  TempDir dir;
  std::string csv = dir.path() + "/in.csv";
  write_text(csv, make_csv(500));
  Store store;
  BatchSyncOptions o;
  o.csv_path = csv;
  o.batch = 100;
  std::string out_path = dir.path() + "/progress.txt";
  std::FILE *f = std::fopen(out_path.c_str(), "w");
  BOOST_REQUIRE(f);
  o.progress = f;
  o.progress_interval_s = 0;
  run_batch_sync(o, [&](const std::vector<mktows::Lead> &l) { return store.sync(l); });
  std::fclose(f);
  std::string text = read_text(out_path);
  BOOST_TEST(count_lines_with(text, "progress: ") == 5);  // one per batch; the last is the final one
  BOOST_TEST(text.find("100% 500 rows") != std::string::npos);
  BOOST_TEST(text.find("\r") == std::string::npos);
  BOOST_TEST(text.find("\x1b") == std::string::npos);
}
