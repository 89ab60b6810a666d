// journal.hpp: the append-only file that makes acknowledged writes durable.
//
// One line per write, holding the lead's whole state after it, so replay is
// "last line for an id wins" and needs no knowledge of the rules. A record is
// on disk (write + fdatasync) before the response that acknowledges it.
#pragma once

#include "lead.hpp"

#include <functional>
#include <stdexcept>
#include <string>

namespace mktows_sandbox {

class JournalError : public std::runtime_error {
 public:
  explicit JournalError(const std::string &what) : std::runtime_error(what) {}
};

class Journal {
 public:
  Journal() = default;
  Journal(const Journal &) = delete;
  Journal &operator=(const Journal &) = delete;
  ~Journal();

  // Opens (creating) DIR/leads.journal, calls `apply` for every complete
  // record in file order, drops a torn last line (a write cut short by a
  // crash was never acknowledged), and positions for appending. Throws
  // JournalError on a corrupt record before the last line.
  void open(const std::string &dir, const std::function<void(Lead &&)> &apply);
  bool is_open() const { return fd_ >= 0; }

  // Buffers one record; commit() writes and syncs everything buffered.
  void append(const Lead &lead);
  void commit();
  // Forgets records that were appended but not committed.
  void discard() { pending_.clear(); }

  static std::string encode(const Lead &lead);
  // False when `line` (without its newline) is not a complete record.
  static bool decode(const std::string &line, Lead &out);

 private:
  int fd_ = -1;
  std::string path_;
  std::string pending_;
  bool broken_ = false;
};

}  // namespace mktows_sandbox
