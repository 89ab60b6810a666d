// read_journal.hpp: the durable progress record of a long read (get-leads,
// activity), so a run cut short resumes where it stopped.
//
// Append-only text, one checksummed line per event (journal.hpp's line
// format), each fsync'ed before the run goes on:
//   mktows-read-journal 1 <fingerprint>     the query it was written for
//   P <pages> <records> <position>          a page was printed whole; the next one starts at
//                                           <position> (JSON text, the pager's position)
//   D <pages> <records>                     the read reached its end
// A torn last line (a kill while writing) is dropped on reopening; damage
// before it, or a journal of another query, is refused (JournalError).
#pragma once

#include "journal.hpp"

#include <cstdint>
#include <string>

namespace mktows_cli {

class ReadJournal {
 public:
  // Opens `path`, creating it when absent (mode 0600), and replays it.
  ReadJournal(const std::string &path, const std::string &fingerprint);
  ~ReadJournal();
  ReadJournal(const ReadJournal &) = delete;
  ReadJournal &operator=(const ReadJournal &) = delete;

  bool resumed() const { return pages_ > 0; }
  bool finished() const { return finished_; }
  std::uint64_t pages() const { return pages_; }
  std::uint64_t records() const { return records_; }
  const std::string &position() const { return position_; }  // of the last P; empty: none

  void page_done(std::uint64_t pages, std::uint64_t records, const std::string &position);
  void finish(std::uint64_t pages, std::uint64_t records);

 private:
  void append(const std::string &body);

  std::string path_;
  int fd_ = -1;
  std::uint64_t pages_ = 0, records_ = 0;
  std::string position_;
  bool finished_ = false;
};

}  // namespace mktows_cli
