// server_args.hpp: the command-line flags every mktows SOAP server takes
// (mktows-sandbox and mktows-bridge serve the same way): where it listens,
// TLS, the serving bounds (ServingLimits), the WSDL on ?WSDL, --verbose.
// Each program parses its own flags around these.
#pragma once

#include "server.hpp"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_front {

// A flag or value the program refuses; main prints it with its usage, exit 2.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string &what) : std::runtime_error(what) {}
};

// `text` as a whole number in [min, max], or UsageError naming `flag`.
long long flag_number(const std::string &flag, const char *text, long long min, long long max);

// Applies `flag` (with `value`, which may be null for a flag without one)
// when it is one of the server flags; false when it is not. `wsdl_file`
// receives --wsdl. Throws UsageError on a bad value.
bool apply_server_flag(const std::string &flag, const char *value, ServerOptions &options, std::string &wsdl_file);

// Parses the command line: the server flags, and the program's own through
// `own_flag` (false: not one of them; it may throw UsageError). Every flag
// but --verbose and the program's `switches` takes a value (a switch is
// given to `own_flag` with a null value). Returns -1 to go on; else the exit status:
// 0 after --help (usage printed), 2 after a bad command line (the reason
// and the usage on stderr, prefixed with `program`). `program` also names
// the server in its log lines (ServerOptions::program).
int parse_server_args(int argc, char **argv, const char *program, const char *usage, ServerOptions &options,
                      std::string &wsdl_file,
                      const std::function<bool(const std::string &flag, const char *value)> &own_flag,
                      const std::vector<std::string> &switches = {});

// Calls `handler` on SIGTERM and SIGINT (a server's clean stop).
void stop_on_signals(void (*handler)(int));

}  // namespace mktows_front
