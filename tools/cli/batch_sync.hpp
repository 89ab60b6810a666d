// batch_sync.hpp: the sync-leads engine: CSV rows in, batches out, journal,
// rejects, progress and per-row results. The network call is a parameter, so
// the engine knows nothing of SOAP and its resume logic is testable alone.
#pragma once

#include "journal.hpp"
#include "lead_columns.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {

struct RowOutcome {
  enum Status { kCreated, kUpdated, kFailed };
  int lead_id = 0;  // 0: none
  Status status = kFailed;
  std::string error;
};

// Sends one batch (at most 300 leads) and returns one outcome per lead, in
// order. A failure of the whole call is an exception, which ends the run
// with the batch unacknowledged.
using SendBatch = std::function<std::vector<RowOutcome>(const std::vector<RowLead> &)>;

// The input file cannot be read or parsed.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BatchSyncOptions {
  std::string csv_path;
  std::size_t batch = 300;
  std::string journal_path;  // empty: no journal
  std::string rejects_path;  // empty: no rejects file
  std::ostream *json = nullptr;    // one JSON object per row result
  std::FILE *progress = nullptr;   // null: no progress
  bool progress_terminal = false;
  double progress_interval_s = 5;
};

struct BatchSyncSummary {
  JournalPoint totals;                // over every run of this journal
  std::uint64_t rows_this_run = 0;
  std::uint64_t rows_resumed = 0;     // acknowledged by earlier runs, skipped
  bool resent_unacknowledged = false; // an earlier run was cut between send and acknowledgement
  bool already_finished = false;      // the journal said the file was done
};

BatchSyncSummary run_batch_sync(const BatchSyncOptions &options, const SendBatch &send);

const char *status_name(RowOutcome::Status s);

}  // namespace mktows_cli
