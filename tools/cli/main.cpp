// mktows: the command line for the mktows SOAP API (docs/CLI.md).
#include "cli_error.hpp"
#include "commands.hpp"
#include "batch_sync.hpp"
#include "journal.hpp"
#include "settings.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace {

const char kVersion[] = "0.1.0";

void print_usage(std::FILE *out) {
  std::fprintf(out,
               "usage: mktows <command> [options]\n"
               "\n"
               "commands:\n"
               "  sync-lead    create or update one lead (syncLead)\n"
               "  get-lead     read a lead by Id, Email or cookie (getLead)\n"
               "  sync-leads   stream a CSV file of leads in batches (syncMultipleLeads), resumable\n"
               "  get-leads    read leads updated in a window, on a list or by keys (getMultipleLeads), resumable\n"
               "  activity     read a lead's activity, newest first (getLeadActivity), resumable\n"
               "  list         add leads to a static list, remove them, or check membership (listOperation)\n"
               "  campaign     list, request or schedule smart campaigns\n"
               "  merge        merge leads into a winner (mergeLeads)\n"
               "  sandbox      run the local mktows server\n"
               "  wsdl-diff    compare two mktows WSDL files; is mktows::Client affected?\n"
               "  bridge       serve mktows SOAP calls on the Marketo REST API\n"
               "\n"
               "'mktows <command> --help' describes a command; docs/CLI.md has the details.\n"
               "\n%s\n%s",
               mktows_cli::kConnectionHelp.c_str(), mktows_cli::kExitCodeHelp);
}

}  // namespace

int main(int argc, char **argv) {
  using namespace mktows_cli;
  // A closed pipe on stdout must end the run with an error, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    print_usage(stderr);
    return kExitUsage;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    print_usage(stdout);
    return kExitOk;
  }
  if (command == "--version") {
    std::printf("mktows %s\n", kVersion);
    return kExitOk;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "sync-lead") return run_sync_lead(args);
    if (command == "get-lead") return run_get_lead(args);
    if (command == "sync-leads") return run_sync_leads(args);
    if (command == "get-leads") return run_get_leads(args);
    if (command == "activity") return run_activity(args);
    if (command == "list") return run_list(args);
    if (command == "campaign") return run_campaign(args);
    if (command == "merge") return run_merge(args);
    if (command == "sandbox") return run_sandbox(args, argv[0]);
    if (command == "wsdl-diff") return run_wsdl_diff(args);
    if (command == "bridge") return run_bridge(args, argv[0]);
    std::fprintf(stderr, "mktows: unknown command '%s'\n\n", command.c_str());
    print_usage(stderr);
    return kExitUsage;
  } catch (const UsageError &e) {
    std::fprintf(stderr, "mktows %s: %s\n(mktows %s --help shows the options)\n", command.c_str(), e.what(),
                 command.c_str());
    return kExitUsage;
  } catch (const ConfigError &e) {
    std::fprintf(stderr, "mktows %s: %s\n", command.c_str(), e.what());
    return kExitConfiguration;
  } catch (const CliError &e) {
    std::fprintf(stderr, "mktows %s: %s\n", command.c_str(), e.what());
    return e.code();
  } catch (const InputError &e) {
    std::fprintf(stderr, "mktows %s: %s\n", command.c_str(), e.what());
    return kExitJournal;
  } catch (const JournalError &e) {
    std::fprintf(stderr, "mktows %s: %s\n", command.c_str(), e.what());
    return kExitJournal;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows %s: internal error: %s\n", command.c_str(), e.what());
    return kExitInternal;
  }
}
