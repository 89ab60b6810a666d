// read_walk.hpp: a long read (get-leads, activity) walked page by page,
// each record printed as it comes, resumable from a journal
// (read_journal.hpp) and bounded by --max-pages.
//
// The order of effects: the records of page k are printed; stdout is
// flushed when its last record is out; when the first record of page k+1
// has arrived (so page k was not the last), `P` with the position after
// page k is journaled (fsync) before that record is printed; at the walk's
// end `D`. So the journal never holds the position of an ended walk, a
// resumed run starts after the last page journaled, and a run killed
// between a page's output and its `P` prints at most that one page again.
// --max-pages N stops cleanly after N pages (the page after it is fetched,
// journaled as the place to resume, and not printed): every record is then
// printed exactly once over the runs.
#pragma once

#include "cli_error.hpp"
#include "read_journal.hpp"
#include "read_progress.hpp"

#include <mktows/error.hpp>
#include <mktows/pager.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace mktows_cli {

struct ReadWalkOptions {
  std::string journal_path;  // empty: no journal
  std::string query;         // what the journal is fingerprinted by: the selector, fields, filter
  long max_pages = 0;        // 0: no bound
  std::FILE *progress = nullptr;
  bool progress_terminal = false;
  double progress_interval_s = 5;
  std::string noun = "records";
};

struct ReadWalkSummary {
  std::uint64_t pages = 0, records = 0;  // over every run of the journal
  std::uint64_t records_this_run = 0;
  bool resumed = false;
  bool already_finished = false;  // the journal said D: nothing was read
  bool stopped = false;           // --max-pages: more remain
  mktows::Error error;            // the page that failed (the walk can be resumed)
};

// `make(resume)`: the pager, from `*resume` when the journal has a place
// (null: the query's start). `encode`/`decode`: a position as one line of
// text and back. `print`: one record to `out`.
template <class Record, class Position>
ReadWalkSummary read_walk(const ReadWalkOptions &o, std::ostream &out,
                          const std::function<mktows::Pager<Record, Position>(const Position *resume)> &make,
                          const std::function<std::string(const Position &)> &encode,
                          const std::function<Position(const std::string &)> &decode,
                          const std::function<void(const Record &)> &print) {
  ReadWalkSummary s;
  std::unique_ptr<ReadJournal> journal;
  if (!o.journal_path.empty()) journal.reset(new ReadJournal(o.journal_path, header_fingerprint(o.query)));
  if (journal && journal->finished()) {
    s.pages = journal->pages();
    s.records = journal->records();
    s.already_finished = true;
    return s;
  }
  std::uint64_t base_pages = 0, base_records = 0;
  Position resume_at{};
  bool have_resume = false;
  if (journal && journal->resumed()) {
    base_pages = journal->pages();
    base_records = journal->records();
    resume_at = decode(journal->position());
    have_resume = true;
    s.resumed = true;
  }
  std::unique_ptr<ReadProgress> progress;
  if (o.progress)
    progress.reset(new ReadProgress(o.progress, o.progress_terminal, o.noun, base_pages, base_records,
                                    o.progress_interval_s));
  mktows::Pager<Record, Position> pager = make(have_resume ? &resume_at : nullptr);
  std::uint64_t pages = 0;  // whole pages printed by this run
  bool page_open = false;   // a page's records are being printed
  bool pending = false;     // a printed page's end not yet journaled
  Position after{};
  auto written = [&]() {
    out.flush();
    if (!out) throw CliError(kExitInternal, "cannot write the results");
  };
  auto journal_pending = [&]() {
    if (pending && journal) journal->page_done(base_pages + pages, base_records + s.records_this_run, encode(after));
    pending = false;
  };
  for (auto it = pager.begin(); it != pager.end(); ++it) {
    if (!page_open) {  // the first record of a page: the one before was not the last
      journal_pending();
      if (o.max_pages > 0 && pages >= static_cast<std::uint64_t>(o.max_pages)) {
        s.stopped = true;
        break;
      }
      page_open = true;
    }
    print(*it);
    ++s.records_this_run;
    if (pager.at_page_end()) {
      written();
      ++pages;
      page_open = false;
      pending = true;
      after = pager.position();
      if (progress) progress->page(base_pages + pages, base_records + s.records_this_run);
    }
  }
  written();
  s.pages = base_pages + pages;
  s.records = base_records + s.records_this_run;
  if (!pager.ok()) {
    s.error = pager.error();
    journal_pending();  // the pages before the failure are done
  } else if (!s.stopped) {
    if (journal) journal->finish(s.pages, s.records);
  }
  if (progress) progress->finish(s.pages, s.records);
  return s;
}

}  // namespace mktows_cli
