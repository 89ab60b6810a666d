// server_args.cpp: the flags every mktows SOAP server takes.
#include "server_args.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace mktows_front {

namespace {

// The usage lines of the server flags, after each program's own.
const char kServerFlagsUsage[] =
    "  --port P                 listen on 127.0.0.1:P (0, the default: a free port)\n"
    "  --threads N              worker threads (default: one per CPU, at least 2)\n"
    "  --cert FILE --key FILE   serve HTTPS with this PEM certificate chain and key\n"
    "  --wsdl FILE              serve FILE on ?WSDL instead of the built-in WSDL\n"
    "  --max-body BYTES         largest request body accepted: 413 (default 8388608)\n"
    "  --max-header-bytes B     largest request head accepted: 431 (default 16384)\n"
    "  --timeout S              drop a client silent, or not reading, for S seconds (default 30)\n"
    "  --transfer-timeout S     drop a client whose request takes over S seconds (default 120)\n"
    "  --max-connections N      more open connections get 503 (default 4096)\n"
    "  --max-buffered BYTES     bytes held for all connections; past it: 503 (default 67108864)\n"
    "  --log-format F           text (the default) or json: one object a line, each call's summary among them\n"
    "  --drain-timeout S        after SIGTERM, S seconds for the calls in flight to finish; new connections get 503\n"
    "                           (0: stop at once; default: mktows-bridge 30, mktows-sandbox 0)\n";

}  // namespace

long long flag_number(const std::string &flag, const char *text, long long min, long long max) {
  char *end = nullptr;
  long long v = text ? std::strtoll(text, &end, 10) : 0;
  if (!text || !*text || !end || *end || v < min || v > max)
    throw UsageError(flag + " needs a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  return v;
}

bool apply_server_flag(const std::string &a, const char *v, ServerOptions &options, std::string &wsdl_file) {
  ServingLimits &l = options.limits;
  if (a == "--verbose") options.verbose = true;
  else if (a == "--port") options.port = static_cast<int>(flag_number(a, v, 0, 65535));
  else if (a == "--threads") options.threads = static_cast<int>(flag_number(a, v, 1, 256));
  else if (a == "--cert") options.cert_file = v;
  else if (a == "--key") options.key_file = v;
  else if (a == "--wsdl") wsdl_file = v;
  else if (a == "--drain-timeout") options.drain_seconds = static_cast<int>(flag_number(a, v, 0, 3600));
  else if (a == "--log-format") {
    if (!parse_log_format(v, options.log_format)) throw UsageError("--log-format is text or json");
  }
  else if (a == "--max-body") l.max_body_bytes = static_cast<unsigned long long>(flag_number(a, v, 1024, 1LL << 34));
  else if (a == "--max-header-bytes") l.max_header_bytes = static_cast<unsigned long long>(flag_number(a, v, 256, 1LL << 24));
  else if (a == "--timeout") l.idle_timeout = l.send_timeout = static_cast<int>(flag_number(a, v, 1, 86400));
  else if (a == "--transfer-timeout") l.transfer_timeout = static_cast<int>(flag_number(a, v, 1, 86400));
  else if (a == "--max-connections") l.max_connections = static_cast<int>(flag_number(a, v, 1, 1000000));
  else if (a == "--max-buffered") l.max_buffered_bytes = static_cast<unsigned long long>(flag_number(a, v, 65536, 1LL << 40));
  else return false;
  return true;
}

int parse_server_args(int argc, char **argv, const char *program, const char *usage, ServerOptions &options,
                      std::string &wsdl_file,
                      const std::function<bool(const std::string &flag, const char *value)> &own_flag,
                      const std::vector<std::string> &switches) {
  options.program = program;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--help" || a == "-h") {
        std::cout << usage << kServerFlagsUsage;
        return 0;
      }
      const char *v = nullptr;
      bool is_switch = a == "--verbose";
      for (const std::string &sw : switches) is_switch = is_switch || a == sw;
      if (!is_switch) {
        if (i + 1 >= argc) throw UsageError("missing value after " + a);
        v = argv[++i];
      }
      if (!apply_server_flag(a, v, options, wsdl_file) && !own_flag(a, v)) throw UsageError("unknown option " + a);
    }
  } catch (const UsageError &e) {
    std::cerr << program << ": " << e.what() << "\n" << usage << kServerFlagsUsage;
    return 2;
  }
  return -1;
}

void stop_on_signals(void (*handler)(int)) {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

}  // namespace mktows_front
