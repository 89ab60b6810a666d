// journal.hpp: the append-only file that makes acknowledged writes durable.
//
// One line per write. A lead's line holds its whole state after the write,
// so replay is "last line for an id wins" and needs no knowledge of the
// rules. The sandbox's other records (activities, list members, campaign
// runs, imports, merges: each owner encodes its own) are lines of
// tab-separated fields whose first field names their kind; replay hands them
// back in file order. A record is on disk (write + fdatasync) before the
// response that acknowledges it.
#pragma once

#include "front_types.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

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
  // `other` receives every line that is not a lead's, split into its
  // fields, and returns false when it cannot use one (a corrupt record).
  using OtherRecord = std::function<bool(std::vector<std::string> &fields)>;
  void open(const std::string &dir, const std::function<void(Lead &&)> &apply, const OtherRecord &other = nullptr);
  bool is_open() const { return fd_ >= 0; }

  // Buffers one record and returns its ticket. Callers serialise append()
  // (LeadService holds its lock), so the file order is the order of writes.
  std::uint64_t append(const Lead &lead);
  // Buffers a record of another kind: `fields[0]` is its kind, which must
  // not be a lead's ("L", "L2"); the fields are escaped as a lead's are.
  std::uint64_t append(const std::vector<std::string> &fields);
  // Returns once every record up to `ticket` is written and fdatasync'd.
  // Group commit: whichever caller finds no sync running writes everything
  // buffered so far in one write + fdatasync; the others wait for it. Throws
  // JournalError once a write has failed.
  void wait_durable(std::uint64_t ticket);
  // Everything appended so far.
  void commit() { wait_durable(last_ticket()); }
  std::uint64_t last_ticket();
  // Forgets records that were appended but not yet written.
  void discard();

  static std::string encode(const Lead &lead);
  // False when `line` (without its newline) is not a complete record.
  static bool decode(const std::string &line, Lead &out);

 private:
  int fd_ = -1;
  std::string path_;
  std::mutex buffer_mutex_;  // pending_, appended_
  std::string pending_;
  std::uint64_t appended_ = 0;
  std::mutex sync_mutex_;  // the rest
  std::condition_variable synced_cv_;
  std::uint64_t synced_ = 0;
  bool syncing_ = false;
  bool broken_ = false;
};

}  // namespace mktows_sandbox
