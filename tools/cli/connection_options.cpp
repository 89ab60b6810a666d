// connection_options.cpp: the options and help text shared by the commands
// that call a server, and the exit codes every command documents.
#include "commands.hpp"

#include <mktows/error.hpp>
#include <mktows/fault_codes.hpp>
#include <mktows/limits.hpp>

#include <string>

namespace mktows_cli {

std::vector<OptionSpec> connection_options() {
  return {{"config", true, false},   {"secret-file", true, false}, {"endpoint", true, false},
          {"user-id", true, false},  {"workspace", true, false},   {"insecure", false, false},
          {"json", false, false},    {"help", false, false},       {"attempts", true, false},
          {"no-rate-limit", false, false}, {"call-timeout", true, false}, {"proxy", true, false}};
}

namespace {

// "10001, 20011, ...": the fault codes Error::retryable() retries, from the table.
std::string retried_faults() {
  std::string out;
  for (const mktows::FaultCodeInfo &f : mktows::fault_codes()) {
    mktows::Error e;
    e.kind = mktows::ErrorKind::fault;
    e.code = f.code;
    if (e.retryable()) out += (out.empty() ? "" : ", ") + std::to_string(f.code);
  }
  return out;
}

}  // namespace

const std::string kConnectionHelp =
    "connection settings (lowest precedence first):\n"
    "  --config FILE        JSON: endpoint, user_id, encryption_key, workspace, ca_file, ca_dir,\n"
    "                       verify_tls, connect_timeout_s, receive_timeout_s, call_timeout_s,\n"
    "                       max_attempts, rate_limit, proxy (also MKTOWS_CONFIG);\n"
    "                       refused when group or others may access it (chmod 600)\n"
    "  environment          MKTOWS_ENDPOINT, MKTOWS_USER_ID, MKTOWS_ENCRYPTION_KEY, MKTOWS_WORKSPACE\n"
    "  --endpoint URL       e.g. http://127.0.0.1:8080/soap/mktows/2_2\n"
    "  --user-id ID\n"
    "  --secret-file FILE   the encryption key (one line; same permission rule as --config);\n"
    "                       the key itself is never accepted on the command line\n"
    "  --workspace W        send MktowsContextHeader with this target workspace\n"
    "  --insecure           do not verify the server's TLS certificate\n"
    "  --proxy HOST:PORT    send the calls through this HTTP proxy (https: through its CONNECT)\n"
    "  --attempts N         send a call at most N times (default 4; 1: no retries); retried: transport\n"
    "                       errors, HTTP 502/503/504/429, faults " + retried_faults() + ";\n"
    "                       but after the request was sent whole, a syncMultipleLeads without dedup\n"
    "                       is never resent (it could create its leads twice)\n"
    "  --call-timeout S     give up on an attempt S seconds after its first byte was sent, however\n"
    "                       slowly the answer comes (default 120; 0: no bound; exit code 5)\n"
    "  --no-rate-limit      do not pace calls to the service's " + std::to_string(mktows::kCallsPerWindow) +
    " per " + std::to_string(mktows::kRateWindowSeconds) + " s and " + std::to_string(mktows::kMaxConcurrent) +
    " at once\n"
    "                       (config: max_attempts, call_timeout_s, rate_limit)\n";

const char kExitCodeHelp[] =
    "exit codes:\n"
    "   0 success\n"
    "   1 internal error\n"
    "   2 usage error (bad command line)\n"
    "   3 validation error (a lead breaks a rule; nothing sent)\n"
    "   4 authentication error (fault 20014 or 20013)\n"
    "   5 transport error (connection, timeout, TLS, HTTP)\n"
    "   6 a lead, rows of a batch, a list change, a campaign run or a merge FAILED\n"
    "   7 other mktows fault (rate or concurrency limit, quota, bad parameter, ...)\n"
    "   8 configuration error (missing setting, config or secret file refused)\n"
    "   9 get-lead, activity: no lead matches; list check: a lead is not a member\n"
    "  10 sync-leads, get-leads, activity: input, rejects or journal file unusable\n"
    "  11 wsdl-diff: a file is missing or unreadable\n"
    "  12 wsdl-diff: a file is not well-formed XML\n"
    "  13 wsdl-diff: a file is XML but not a WSDL 1.1 document\n";

}  // namespace mktows_cli
