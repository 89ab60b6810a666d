// mktows-sandbox: a local mktows server (see docs/SANDBOX.md).
#include "config.hpp"
#include "lead_service.hpp"
#include "rest_face.hpp"
#include "server.hpp"
#include "wsdl_document.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

const char kUsage[] =
    "usage: mktows-sandbox [options]\n"
    "  --port P                 listen on 127.0.0.1:P (0, the default: a free port)\n"
    "  --threads N              worker threads (default: one per CPU, at least 2)\n"
    "  --cert FILE --key FILE   serve HTTPS with this PEM certificate chain and key\n"
    "  --config FILE            JSON configuration (docs/SANDBOX.md)\n"
    "  --data DIR               journal every write to DIR and replay it at start\n"
    "  --wsdl FILE              serve FILE on ?WSDL instead of the built-in WSDL\n"
    "  --max-body BYTES         largest request body accepted: 413 (default 8388608)\n"
    "  --max-header-bytes B     largest request head accepted: 431 (default 16384)\n"
    "  --timeout S              drop a client silent, or not reading, for S seconds (default 30)\n"
    "  --transfer-timeout S     drop a client whose request takes over S seconds (default 120)\n"
    "  --max-connections N      more open connections get 503 (default 4096)\n"
    "  --max-buffered BYTES     bytes held for all connections; past it: 503 (default 67108864)\n"
    "  --timestamp-window S     accepted requestTimestamp skew (default 900)\n"
    "  --rate-limit N           more than N calls per window -> 20023 (default off)\n"
    "  --rate-window S          the window of --rate-limit (default 20)\n"
    "  --max-concurrent N       more than N calls in progress -> 20024 (default off)\n"
    "  --daily-quota N          more than N calls per UTC day -> 20015 (default off)\n"
    "  --token-lifetime S       lifetime of the REST face's access tokens (default 3600)\n"
    "  --verbose                log every fault's reason on stderr\n";

[[noreturn]] void usage_error(const std::string &message) {
  std::cerr << "mktows-sandbox: " << message << "\n" << kUsage;
  std::exit(2);
}

long long number(const std::string &flag, const char *text, long long min, long long max) {
  char *end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (!*text || !end || *end || v < min || v > max)
    usage_error(flag + " needs a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  return v;
}

}  // namespace

int main(int argc, char **argv) {
  using namespace mktows_sandbox;
  ServerOptions options;
  std::string config_file, data_dir, wsdl_file;
  long long token_lifetime = -1;
  long long window = -1, rate = -1, rate_window = -1, concurrent = -1, quota = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--verbose") {
      options.verbose = true;
      continue;
    }
    if (i + 1 >= argc) usage_error("missing value after " + a);
    const char *v = argv[++i];
    if (a == "--port") options.port = static_cast<int>(number(a, v, 0, 65535));
    else if (a == "--threads") options.threads = static_cast<int>(number(a, v, 1, 256));
    else if (a == "--cert") options.cert_file = v;
    else if (a == "--key") options.key_file = v;
    else if (a == "--config") config_file = v;
    else if (a == "--data") data_dir = v;
    else if (a == "--wsdl") wsdl_file = v;
    else if (a == "--max-body") options.limits.max_body_bytes = static_cast<unsigned long long>(number(a, v, 1024, 1LL << 34));
    else if (a == "--max-header-bytes") options.limits.max_header_bytes = static_cast<unsigned long long>(number(a, v, 256, 1LL << 24));
    else if (a == "--timeout") options.limits.idle_timeout = options.limits.send_timeout = static_cast<int>(number(a, v, 1, 86400));
    else if (a == "--transfer-timeout") options.limits.transfer_timeout = static_cast<int>(number(a, v, 1, 86400));
    else if (a == "--max-connections") options.limits.max_connections = static_cast<int>(number(a, v, 1, 1000000));
    else if (a == "--max-buffered") options.limits.max_buffered_bytes = static_cast<unsigned long long>(number(a, v, 65536, 1LL << 40));
    else if (a == "--timestamp-window") window = number(a, v, 1, 86400 * 366);
    else if (a == "--rate-limit") rate = number(a, v, 0, 100000000);
    else if (a == "--rate-window") rate_window = number(a, v, 1, 86400);
    else if (a == "--max-concurrent") concurrent = number(a, v, 0, 100000);
    else if (a == "--daily-quota") quota = number(a, v, 0, 1000000000000LL);
    else if (a == "--token-lifetime") token_lifetime = number(a, v, 1, 86400 * 366);
    else usage_error("unknown option " + a);
  }
  // A client that disconnects mid-response must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    // Read and checked once, before anything else starts.
    const WsdlDocument wsdl = wsdl_file.empty() ? WsdlDocument(embedded_wsdl(), "the built-in WSDL")
                                                : WsdlDocument::from_file(wsdl_file);
    Config config = config_file.empty() ? Config() : load_config_file(config_file);
    complete_config(config, std::getenv("MKTOWS_USER_ID"), std::getenv("MKTOWS_ENCRYPTION_KEY"));
    if (window > 0) config.timestamp_window_seconds = static_cast<int>(window);
    if (rate >= 0) config.limits.calls_per_window = static_cast<int>(rate);
    if (rate_window > 0) config.limits.window_seconds = static_cast<int>(rate_window);
    if (concurrent >= 0) config.limits.max_concurrent = static_cast<int>(concurrent);
    if (quota >= 0) config.limits.daily_quota = quota;
    complete_rest_config(config, std::getenv("MKTOWS_REST_CLIENT_ID"), std::getenv("MKTOWS_REST_CLIENT_SECRET"));
    if (token_lifetime > 0) config.rest.token_lifetime_seconds = static_cast<int>(token_lifetime);

    LeadService leads(config);
    if (!data_dir.empty()) leads.open_data_dir(data_dir);
    Limiter limiter(config.limits);
    Authenticator auth(config.users, config.timestamp_window_seconds);
    RestFace rest(leads, limiter, options.verbose);
    Server server(options, leads, limiter, auth, wsdl);
    server.set_rest_face(&rest);
    server.bind();

    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);

    // Other tools read this first line to find the server.
    std::printf("listening on %s\n", server.endpoint().c_str());
    std::fflush(stdout);
    if (config.demo_user)
      std::fprintf(stderr, "mktows-sandbox: demo user id %s, encryption key %s\n", kDemoUserId, kDemoEncryptionKey);
    if (config.rest.demo_client)
      std::fprintf(stderr, "mktows-sandbox: REST demo client id %s, client secret %s\n", kDemoRestClientId,
                   kDemoRestClientSecret);
    std::fprintf(stderr, "mktows-sandbox: %zu leads, %zu users, %d threads%s%s%s\n", leads.size(), config.users.size(),
                 server.threads(), data_dir.empty() ? ", memory only" : "",
                 wsdl_file.empty() ? "" : ", ?WSDL from ", wsdl_file.c_str());
    server.run(g_stop);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows-sandbox: %s\n", e.what());
    return 1;
  }
  return 0;
}
