// cmd_sync_leads.cpp: `mktows sync-leads FILE.csv`: the batch engine wired to
// the client, with progress on stderr and a summary.
#include "batch_sync.hpp"
#include "commands.hpp"
#include "lead_client.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <unistd.h>

namespace mktows_cli {

namespace {

const std::string kMaxBatchText = std::to_string(mktows::kMaxBatch);  // the service's, default and maximum

const std::string kHelp =
    "usage: mktows sync-leads FILE.csv [--batch N] [--workspace W] [--journal FILE] [--rejects FILE]\n"
    "                         [--json] [--progress-every S]\n"
    "\n"
    "Streams a CSV file (RFC 4180) of leads to syncMultipleLeads, N rows per call (default and\n"
    "maximum " + kMaxBatchText + "), with dedup on. The header row names the fields: Id, Email, ForeignSysPersonId,\n"
    "ForeignSysType (any case), then attribute names. An empty cell is not sent.\n"
    "\n"
    "  --journal FILE       record each batch before and after it is sent (fsync); a run that\n"
    "                       was killed resumes where it stopped when given the same journal,\n"
    "                       never sending an acknowledged row again\n"
    "  --rejects FILE       the failed rows, with the header and an extra \"error\" column\n"
    "  --json               one object per row on stdout: {\"row\", \"leadId\", \"status\", \"error\"},\n"
    "                       then {\"summary\": {...}}\n"
    "  --progress-every S   on a non-terminal stderr, a progress line every S seconds (default 5;\n"
    "                       0: after every batch). On a terminal, a progress bar.\n"
    "\n"
    "Prints a summary (rows, created, updated, failed). Exit code 6 when any row failed.\n"
    "\n";

}  // namespace

int run_sync_leads(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"batch", true, false},
                             {"journal", true, false},
                             {"rejects", true, false},
                             {"progress-every", true, false}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp.c_str(), kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (a.positional().size() != 1) throw UsageError("give exactly one CSV file");
  BatchSyncOptions o;
  o.csv_path = a.positional()[0];
  o.batch = static_cast<std::size_t>(
      parse_number("batch", a.get("batch", kMaxBatchText), 1, static_cast<long>(mktows::kMaxBatch)));
  o.journal_path = a.get("journal");
  o.rejects_path = a.get("rejects");
  o.progress_interval_s = static_cast<double>(parse_number("progress-every", a.get("progress-every", "5"), 0, 86400));
  o.progress = stderr;
  o.progress_terminal = ::isatty(STDERR_FILENO) == 1;
  bool json = a.has("json");
  if (json) o.json = &std::cout;

  Settings settings = load_settings(a);
  LeadClient client(settings);
  BatchSyncSummary s = run_batch_sync(o, [&](const std::vector<mktows::Lead> &leads) { return client.sync_multiple(leads); });

  const JournalPoint &t = s.totals;
  if (json) {
    nlohmann::json j;
    j["summary"] = {{"rows", t.rows},
                    {"created", t.created},
                    {"updated", t.updated},
                    {"failed", t.failed},
                    {"rowsThisRun", s.rows_this_run},
                    {"rowsResumed", s.rows_resumed},
                    {"alreadyFinished", s.already_finished}};
    std::cout << j.dump() << std::endl;
  } else {
    if (s.already_finished)
      std::cout << "the journal says " << o.csv_path << " was already synced; nothing sent\n";
    else if (s.rows_resumed)
      std::cout << "resumed after " << s.rows_resumed << " rows acknowledged by an earlier run"
                << (s.resent_unacknowledged ? " (its unacknowledged batch was sent again)" : "") << "\n";
    std::cout << "rows " << t.rows << ": created " << t.created << ", updated " << t.updated << ", failed "
              << t.failed;
    if (t.failed && !o.rejects_path.empty()) std::cout << " (see " << o.rejects_path << ")";
    std::cout << std::endl;
  }
  if (!std::cout) throw CliError(kExitInternal, "cannot write the results");
  return t.failed ? kExitFailed : kExitOk;
}

}  // namespace mktows_cli
