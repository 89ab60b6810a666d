// commands.hpp: the subcommands of `mktows`. Each takes the arguments after
// its name and returns an exit code (exit_codes.hpp), or throws UsageError,
// ConfigError, CliError, InputError or JournalError, which main() maps.
#pragma once

#include "args.hpp"

#include <string>
#include <vector>

namespace mktows_cli {

int run_sync_lead(const std::vector<std::string> &args);
int run_get_lead(const std::vector<std::string> &args);
int run_sync_leads(const std::vector<std::string> &args);
int run_sandbox(const std::vector<std::string> &args, const char *argv0);
int run_wsdl_diff(const std::vector<std::string> &args);
int run_get_leads(const std::vector<std::string> &args);
int run_activity(const std::vector<std::string> &args);
int run_list(const std::vector<std::string> &args);
int run_campaign(const std::vector<std::string> &args);
int run_merge(const std::vector<std::string> &args);
int run_bridge(const std::vector<std::string> &args, const char *argv0);

// The options every command that calls a server accepts.
std::vector<OptionSpec> connection_options();
extern const std::string kConnectionHelp;  // built from the core's limits and retry rule
extern const char kExitCodeHelp[];

}  // namespace mktows_cli
