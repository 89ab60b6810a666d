// batch_sync.hpp: the sync-leads engine: CSV rows in, batches out, journal,
// rejects, progress and per-row results. The network call is a parameter, so
// the engine knows nothing of SOAP and its resume logic is testable alone.
#pragma once

#include "journal.hpp"
#include "lead_columns.hpp"

#include <mktows/lead.hpp>
#include <mktows/limits.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {

// Sends one batch (at most mktows::kMaxBatch leads) and returns one result
// per lead, in order. A failure of the whole call is an exception, which
// ends the run with the batch unacknowledged.
using SendBatch = std::function<std::vector<mktows::SyncResult>(const std::vector<mktows::Lead> &)>;

// The input file cannot be read or parsed.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BatchSyncOptions {
  std::string csv_path;
  std::size_t batch = mktows::kMaxBatch;  // 1 to mktows::kMaxBatch
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

}  // namespace mktows_cli
