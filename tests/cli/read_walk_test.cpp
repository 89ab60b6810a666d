// read_walk_test: the parts of get-leads and activity that need no server:
// the time flags' forms, the read journal (replay, a torn line, another
// query's journal, damage), and the walk over an in-process page source:
// every record once over --max-pages runs and over an interruption, a
// failing page, progress text.
#define BOOST_TEST_MODULE read_walk
#include <boost/test/unit_test.hpp>

#include "args.hpp"
#include "read_journal.hpp"
#include "read_progress.hpp"
#include "read_walk.hpp"
#include "time_arg.hpp"

#include "support/temp_dir.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

using namespace mktows_cli;
using mktows_test::TempDir;
using mktows_test::read_text;
using mktows_test::write_text;

namespace {

// Records 0..n-1, `page` a call; the position is the index of the next
// record. `fail_at`: the call from that position fails once.
class Numbers : public mktows::detail::PageSource<int, int> {
 public:
  Numbers(int n, int page, int *calls, int fail_at, int kill_at)
      : n_(n), page_(page), calls_(calls), fail_at_(fail_at), kill_at_(kill_at) {}
  mktows::Error fetch(const int &from, std::vector<int> &records, int &next, bool &more) override {
    ++*calls_;
    records.clear();
    if (from == kill_at_) throw std::runtime_error("killed while fetching");
    if (from == fail_at_) {
      mktows::Error e;
      e.kind = mktows::ErrorKind::transport;
      e.message = "connection refused";
      return e;
    }
    for (int i = from; i < n_ && i < from + page_; ++i) records.push_back(i);
    next = from + static_cast<int>(records.size());
    more = next < n_;
    return mktows::Error();
  }

 private:
  int n_, page_;
  int *calls_;
  int fail_at_, kill_at_;
};

struct Walk {
  int n = 45, page = 10, fail_at = -1, kill_at = -1;
  int calls = 0;
  std::map<int, int> printed;  // record -> times printed, over every run
  int throw_after = -1;        // the print of this many records throws (a kill)
  int printed_this_run = 0;

  ReadWalkSummary run(const ReadWalkOptions &o, std::ostream &out) {
    printed_this_run = 0;
    return read_walk<int, int>(
        o, out,
        [&](const int *resume) {
          std::unique_ptr<mktows::detail::PageSource<int, int>> src(new Numbers(n, page, &calls, fail_at, kill_at));
          return mktows::Pager<int, int>(std::move(src), resume ? *resume : 0);
        },
        [](const int &p) { return std::to_string(p); }, [](const std::string &t) { return std::stoi(t); },
        [&](const int &r) {
          if (throw_after >= 0 && printed_this_run == throw_after) throw std::runtime_error("killed");
          ++printed[r];
          ++printed_this_run;
          out << r << "\n";
        });
  }
};

ReadWalkOptions options(const std::string &journal, long max_pages = 0) {
  ReadWalkOptions o;
  o.journal_path = journal;
  o.query = "numbers\n";
  o.max_pages = max_pages;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(times)

BOOST_AUTO_TEST_CASE(the_documented_forms) {
  BOOST_TEST(parse_time_arg("t", "2026-11-30T08:15:00Z") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30t08:15:00z") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30T08:15Z") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30T10:15:00+02:00") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30T10:15:00+0200") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30T03:15:00-05:00") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "2026-11-30") == 1795996800);
  BOOST_TEST(parse_time_arg("t", "@1796026500") == 1796026500);
  BOOST_TEST(parse_time_arg("t", "1970-01-01") == 0);
  BOOST_TEST(parse_time_arg("t", "2024-02-29T23:59:59Z") == 1709251199);  // a leap day
  BOOST_TEST(parse_time_arg("t", "2000-03-01") == 951868800);            // after 2000's leap day
  BOOST_TEST(format_time(1796026500) == "2026-11-30T08:15:00Z");
}

BOOST_AUTO_TEST_CASE(anything_else_is_a_usage_error_naming_the_option) {
  for (const char *bad : {"", "yesterday", "2026-11-30T08:15:00", "2026-11-30 08:15:00Z", "2026-02-30",
                          "2025-02-29", "2026-13-01", "2026-11-30T24:00:00Z", "2026-11-30T08:60Z",
                          "2026-11-30T08:15:00+2:00", "2026-11-30T08:15:00+02:00x", "@", "@12x", "@-5",
                          "26-11-30", "2026-11-30Z", "1969-12-31"}) {
    try {
      parse_time_arg("since", bad);
      BOOST_ERROR("accepted '" << bad << "'");
    } catch (const UsageError &e) {
      BOOST_TEST(std::string(e.what()).find("--since") == 0, e.what());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(journal)

BOOST_AUTO_TEST_CASE(replays_pages_and_the_end) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  {
    ReadJournal j(path, "fp1");
    BOOST_TEST(!j.resumed());
    j.page_done(1, 10, "\"w1:o10\"");
    j.page_done(2, 20, "{\"offset\": \"ID:5 #x\"}");
  }
  {
    ReadJournal j(path, "fp1");
    BOOST_TEST(j.resumed());
    BOOST_TEST(!j.finished());
    BOOST_TEST(j.pages() == 2u);
    BOOST_TEST(j.records() == 20u);
    BOOST_TEST(j.position() == "{\"offset\": \"ID:5 #x\"}");  // " #" inside a position is kept
    j.finish(3, 25);
  }
  ReadJournal j(path, "fp1");
  BOOST_TEST(j.finished());
  BOOST_TEST(j.records() == 25u);
}

BOOST_AUTO_TEST_CASE(a_torn_last_line_is_dropped_and_the_file_repaired) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  { ReadJournal j(path, "fp"); j.page_done(1, 10, "\"a\""); }
  std::string good = read_text(path);
  write_text(path, good + "P 2 20 \"b\" #0000");  // cut short by a kill
  {
    ReadJournal j(path, "fp");
    BOOST_TEST(j.pages() == 1u);
    BOOST_TEST(j.position() == "\"a\"");
  }
  BOOST_TEST(read_text(path) == good);
  write_text(path, good + "P 2 20 \"b\" #00000000\n");  // a whole last line whose checksum fails
  BOOST_TEST(ReadJournal(path, "fp").pages() == 1u);
}

BOOST_AUTO_TEST_CASE(another_query_or_damage_is_refused) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  { ReadJournal j(path, "fp"); j.page_done(1, 10, "\"a\""); j.page_done(2, 20, "\"b\""); }
  BOOST_CHECK_THROW(ReadJournal(path, "other"), JournalError);
  std::string text = read_text(path);
  std::string damaged = text;
  damaged[damaged.find("P 1 10") + 2] = '7';  // the middle line
  write_text(path, damaged);
  BOOST_CHECK_THROW(ReadJournal(path, "fp"), JournalError);
  write_text(path, "mktows-journal 1 abc #00000000\n");
  BOOST_CHECK_THROW(ReadJournal(path, "fp"), JournalError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(walk)

BOOST_AUTO_TEST_CASE(without_a_journal_every_record_once) {
  Walk w;
  std::ostringstream out;
  ReadWalkSummary s = w.run(options(""), out);
  BOOST_TEST(s.error.ok());
  BOOST_TEST(s.records == 45u);
  BOOST_TEST(s.pages == 5u);
  BOOST_TEST(w.printed.size() == 45u);
  for (auto &kv : w.printed) BOOST_TEST(kv.second == 1);
}

BOOST_AUTO_TEST_CASE(max_pages_runs_print_each_record_once_and_end_with_D) {
  for (int n : {45, 40, 9, 0}) {  // a short last page, a full one, one page, none
    TempDir dir;
    Walk w;
    w.n = n;
    std::ostringstream out;
    int runs = 0;
    ReadWalkSummary s;
    do {
      s = w.run(options(dir.path() + "/j", 2), out);
      BOOST_REQUIRE(s.error.ok());
      BOOST_REQUIRE(++runs < 10);
      if (s.stopped) BOOST_TEST(w.printed_this_run == 20);
    } while (s.stopped);
    BOOST_TEST(runs == (n == 0 ? 1 : (n + 19) / 20), n);
    BOOST_TEST(s.records == static_cast<std::uint64_t>(n));
    BOOST_TEST(w.printed.size() == static_cast<std::size_t>(n));
    for (auto &kv : w.printed) BOOST_TEST(kv.second == 1, "record " << kv.first << " of " << n);
    // The journal ends with D, and never holds an ended walk's position:
    // every P is followed by more records.
    std::istringstream lines(read_text(dir.path() + "/j"));
    std::string line, last;
    while (std::getline(lines, line)) {
      last = line;
      if (line.compare(0, 2, "P ") != 0) continue;
      std::istringstream f(line.substr(2));
      int pages, records, position;
      f >> pages >> records >> position;
      BOOST_TEST(position == records);
      BOOST_TEST(position < n, line);
    }
    BOOST_TEST(last.compare(0, 2, "D ") == 0, last);
    // Once finished, a run reads nothing.
    int calls = w.calls;
    ReadWalkSummary again = w.run(options(dir.path() + "/j", 2), out);
    BOOST_TEST(again.already_finished);
    BOOST_TEST(w.calls == calls);
    BOOST_TEST(again.records == static_cast<std::uint64_t>(n));
  }
}

BOOST_AUTO_TEST_CASE(a_kill_mid_page_reprints_at_most_that_page) {
  TempDir dir;
  Walk w;
  std::ostringstream out;
  w.throw_after = 25;  // killed in the middle of page 3
  BOOST_CHECK_THROW(w.run(options(dir.path() + "/j"), out), std::runtime_error);
  w.throw_after = -1;
  ReadWalkSummary s = w.run(options(dir.path() + "/j"), out);
  BOOST_TEST(s.resumed);
  BOOST_TEST(s.records == 45u);
  BOOST_TEST(w.printed.size() == 45u);
  for (auto &kv : w.printed) BOOST_TEST(kv.second == (kv.first >= 20 && kv.first < 25 ? 2 : 1), kv.first);
}

BOOST_AUTO_TEST_CASE(a_kill_at_a_page_end_reprints_only_the_unjournaled_page) {
  TempDir dir;
  Walk w;
  std::ostringstream out;
  w.kill_at = 30;  // page 3 printed whole, killed while page 4 is fetched: page 3's P is not yet written
  BOOST_CHECK_THROW(w.run(options(dir.path() + "/j"), out), std::runtime_error);
  w.kill_at = -1;
  w.run(options(dir.path() + "/j"), out);
  for (auto &kv : w.printed) BOOST_TEST(kv.second == (kv.first >= 20 && kv.first < 30 ? 2 : 1), kv.first);
}

BOOST_AUTO_TEST_CASE(a_kill_before_the_next_page_prints_reprints_nothing) {
  TempDir dir;
  Walk w;
  std::ostringstream out;
  w.throw_after = 30;  // page 4 has come: page 3's P was written before its first record is printed
  BOOST_CHECK_THROW(w.run(options(dir.path() + "/j"), out), std::runtime_error);
  w.throw_after = -1;
  w.run(options(dir.path() + "/j"), out);
  BOOST_TEST(w.printed.size() == 45u);
  for (auto &kv : w.printed) BOOST_TEST(kv.second == 1, kv.first);
}

BOOST_AUTO_TEST_CASE(a_failing_page_journals_the_pages_before_it) {
  TempDir dir;
  Walk w;
  w.fail_at = 30;
  std::ostringstream out;
  ReadWalkSummary s = w.run(options(dir.path() + "/j"), out);
  BOOST_TEST(!s.error.ok());
  BOOST_TEST(s.records == 30u);
  w.fail_at = -1;
  s = w.run(options(dir.path() + "/j"), out);
  BOOST_TEST(s.error.ok());
  BOOST_TEST(s.records_this_run == 15u);
  BOOST_TEST(w.printed.size() == 45u);
  for (auto &kv : w.printed) BOOST_TEST(kv.second == 1, kv.first);
}

BOOST_AUTO_TEST_CASE(another_query_is_refused_before_reading) {
  TempDir dir;
  Walk w;
  std::ostringstream out;
  w.run(options(dir.path() + "/j", 1), out);
  ReadWalkOptions o = options(dir.path() + "/j");
  o.query = "other\n";
  int calls = w.calls;
  BOOST_CHECK_THROW(w.run(o, out), JournalError);
  BOOST_TEST(w.calls == calls);
}

BOOST_AUTO_TEST_CASE(progress_text) {
  BOOST_TEST(ReadProgress::format(12, 1200, "leads", 850.2) == "12 pages, 1200 leads, 850 leads/s");
  BOOST_TEST(ReadProgress::format(1, 3, "records", 0) == "1 page, 3 records, 0 records/s");
}

BOOST_AUTO_TEST_SUITE_END()
