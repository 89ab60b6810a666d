// mktows-bridge: a mktows SOAP endpoint whose calls are carried out on the
// Marketo REST API (docs/BRIDGE.md). The SOAP side is the front end the
// sandbox serves with too (same WSDL, signature check and faults), over a
// RestBackend.
#include "bridge_config.hpp"
#include "call_gate.hpp"
#include "rest_activity.hpp"
#include "rest_backend.hpp"
#include "rest_campaigns.hpp"
#include "rest_lists.hpp"
#include "rest_http.hpp"
#include "server.hpp"
#include "server_args.hpp"
#include "state_store.hpp"
#include "stream_position.hpp"
#include "token_cache.hpp"
#include "wsdl_document.hpp"

#include <curl/curl.h>

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
    "usage: mktows-bridge [options]\n"
    "  --config FILE            JSON configuration, mode 0600 (docs/BRIDGE.md)\n"
    "  --verbose                log every REST call (tokens and secrets redacted) and every fault's reason\n"
    "The REST side comes from MKTOWS_REST_ENDPOINT, MKTOWS_IDENTITY_ENDPOINT (optional),\n"
    "MKTOWS_REST_CLIENT_ID and MKTOWS_REST_CLIENT_SECRET; SOAP users from the configuration or\n"
    "MKTOWS_USER_ID / MKTOWS_ENCRYPTION_KEY. Secrets are never taken from the command line.\n"
    "Serving (as mktows-sandbox serves; --wsdl: e.g. the vendor file an application was generated from):\n";

const char *environment(const char *name) { return std::getenv(name); }

}  // namespace

int main(int argc, char **argv) {
  using namespace mktows_front;
  using namespace mktows_bridge;
  ServerOptions options;
  std::string config_file, wsdl_file;
  int exit_status = parse_server_args(argc, argv, "mktows-bridge", kUsage, options, wsdl_file,
                                      [&](const std::string &a, const char *v) {
    if (a != "--config") return false;
    config_file = v;
    return true;
  });
  if (exit_status >= 0) return exit_status;
  std::signal(SIGPIPE, SIG_IGN);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "mktows-bridge: cannot initialise libcurl\n");
    return 1;
  }
  int status = 0;
  try {
    BridgeConfig config = load_bridge_config(config_file, environment);
    HttpOptions http_options;
    http_options.ca_file = config.ca_file;
    http_options.timeout_ms = config.timeout_seconds * 1000L;
    http_options.connect_timeout_ms = config.connect_timeout_seconds * 1000L;
    http_options.verbose = options.verbose;
    RestHttp http(http_options);
    TokenCache tokens(http, config.identity_endpoint, config.client_id, config.client_secret);
    CallGate gate(config.limits);
    FileStateStore state(config.state_directory);
    StreamSigner signer(state);
    LookupCache lookups;
    RestBackend backend(config, http, tokens, gate, options.verbose, state, signer, lookups);
    RestCampaigns campaigns(backend);
    RestLists lists(backend);
    RestActivity activity(backend);
    // The REST side enforces its own limits (kept by the gate); the SOAP
    // side adds none.
    Limiter soap_limits{LimitsConfig()};
    Authenticator auth(config.users, config.timestamp_window_seconds);
    // The sandbox's ?WSDL rules (docs/SANDBOX.md): the built-in WSDL or the
    // file given, read and checked once, its address rewritten.
    const WsdlDocument wsdl = wsdl_file.empty() ? WsdlDocument(embedded_wsdl(), "the built-in WSDL")
                                                : WsdlDocument::from_file(wsdl_file);
    // What the bridge serves: the domains RestBackend carries to REST.
    Backends backends;
    backends.leads = &backend;
    backends.campaigns = &campaigns;
    backends.lists = &lists;
    backends.activity = &activity;
    Server server(options, backends, soap_limits, auth, wsdl);
    server.bind();

    stop_on_signals(on_signal);

    std::printf("listening on %s\n", server.endpoint().c_str());
    std::fflush(stdout);
    if (config.demo_user)
      std::fprintf(stderr, "mktows-bridge: demo user id %s, encryption key %s\n", kDemoUserId, kDemoEncryptionKey);
    std::fprintf(stderr, "mktows-bridge: REST side %s (identity %s), %d threads\n",
                 RestHttp::redact_url(config.rest_endpoint).c_str(),
                 RestHttp::redact_url(config.identity_endpoint).c_str(), server.threads());
    server.run(g_stop);
    // Read by tools/bench/run (identity calls per token lifetime).
    std::fprintf(stderr, "mktows-bridge: %lu identity calls\n", tokens.fetches());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows-bridge: %s\n", e.what());
    status = 1;
  }
  curl_global_cleanup();
  return status;
}
