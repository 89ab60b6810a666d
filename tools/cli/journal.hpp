// journal.hpp: the durable progress record of a sync-leads run.
//
// Append-only text, one checksummed line per event, each fsync'ed before the
// run goes on:
//   mktows-journal 1 <fingerprint>          the file's header, to refuse a journal of another file
//   B <first_row> <offset> <count>          a batch is about to be sent (intent)
//   A <end_row> <end_offset> <end_line> <created> <updated> <failed> <rejects_bytes>
//                                           the server acknowledged it (running totals)
//   D                                       the whole file is done
// A run killed at any moment leaves at worst a torn last line, which is
// dropped on reopening. Everything up to the last A is acknowledged and is
// never sent again; a B without its A is resent (see docs/CLI.md for why
// that is safe).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace mktows_cli {

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the acknowledged part of a run ends, with its running totals.
struct JournalPoint {
  std::uint64_t rows = 0;          // data rows acknowledged (the next row's index)
  std::uint64_t offset = 0;        // byte offset in the CSV where the next row starts
  std::uint64_t line = 1;          // its physical line, so later errors name the right one
  std::uint64_t created = 0;
  std::uint64_t updated = 0;
  std::uint64_t failed = 0;
  std::uint64_t rejects_bytes = 0; // size of the rejects file at that point
};

class Journal {
 public:
  // Opens `path`, creating it when absent, and replays it. Throws
  // JournalError when it is corrupt or was written for another file.
  Journal(const std::string &path, const std::string &fingerprint);
  ~Journal();
  Journal(const Journal &) = delete;
  Journal &operator=(const Journal &) = delete;

  const JournalPoint &acknowledged() const { return point_; }
  bool resumed() const { return batches_ > 0; }
  bool finished() const { return finished_; }
  bool unacknowledged_batch() const { return pending_; }  // a B without its A

  void begin_batch(std::uint64_t first_row, std::uint64_t offset, std::uint64_t count);
  void acknowledge(const JournalPoint &point);
  void finish();

 private:
  void append(const std::string &body);

  std::string path_;
  int fd_ = -1;
  JournalPoint point_;
  std::uint64_t batches_ = 0;
  bool pending_ = false;
  bool finished_ = false;
};

// A journal line: `body` and its checksum (" #%08x\n", FNV-1a 32), and the
// check of one read back (the body of a line whose checksum holds; false
// for a damaged line). The read journal (read_journal.hpp) writes the same.
std::string journal_line(const std::string &body);
// Writes journal_line(body) to `fd` whole and fsyncs it before returning
// (a line is durable once this returns); throws JournalError naming `path`.
void append_journal_line(int fd, const std::string &body, const std::string &path);
bool journal_line_body(const std::string &line, std::string &body);

// A short, stable fingerprint of a CSV header (FNV-1a 64, hex).
std::string header_fingerprint(const std::string &header_bytes);

// fsync of the directory holding `path`, so a newly created file's entry is durable.
void sync_parent_directory(const std::string &path);

}  // namespace mktows_cli
