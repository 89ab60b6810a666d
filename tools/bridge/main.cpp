// mktows-bridge: a mktows SOAP endpoint whose calls are carried out on the
// Marketo REST API (docs/BRIDGE.md). The SOAP side is the front end the
// sandbox serves with too (same WSDL, signature check and faults), over a
// RestBackend.
#include "bridge_config.hpp"
#include "call_gate.hpp"
#include "connect_probe.hpp"
#include "health.hpp"
#include "metrics.hpp"
#include "redis_share.hpp"
#include "rest_activity.hpp"
#include "rest_backend.hpp"
#include "rest_campaigns.hpp"
#include "rest_custom_objects.hpp"
#include "rest_lists.hpp"
#include "rest_objects.hpp"
#include "rest_http.hpp"
#include "rest_tags.hpp"
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
#include <memory>
#include <string>

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

const char kUsage[] =
    "usage: mktows-bridge [options]\n"
    "  --config FILE            JSON configuration, mode 0600 (docs/BRIDGE.md)\n"
    "  --verbose                log every REST call (tokens and secrets redacted) and every fault's reason\n"
    "  --demo-user              accept the sandbox's documented demo pair when no SOAP user is configured\n"
    "                           (refused unless the REST endpoint is a loopback address)\n"
    "  --redis URL              share the REST quota, the token and the state with other bridges through\n"
    "                           redis://host[:port][/db] (a password only in MKTOWS_REDIS_URL or the file)\n"
    "The REST side comes from MKTOWS_REST_ENDPOINT, MKTOWS_IDENTITY_ENDPOINT (optional),\n"
    "MKTOWS_REST_CLIENT_ID and MKTOWS_REST_CLIENT_SECRET; SOAP users from the configuration's users[]\n"
    "and MKTOWS_USER_ID / MKTOWS_ENCRYPTION_KEY: without one the bridge does not start.\n"
    "Secrets are never taken from the command line.\n"
    "Serving (as mktows-sandbox serves; --wsdl: e.g. the vendor file an application was generated from):\n";

const char *environment(const char *name) { return std::getenv(name); }

// After SIGTERM, how long the calls in flight may take (--drain-timeout):
// longer than a call that waits its full turn at the call gate (10 s by
// default) plus its REST call, shorter than systemd's stop timeout (90 s).
const int kDefaultDrainSeconds = 30;

}  // namespace

int main(int argc, char **argv) {
  using namespace mktows_front;
  using namespace mktows_bridge;
  ServerOptions options;
  std::string config_file, wsdl_file, redis_url;
  bool demo_user = false;
  int exit_status = parse_server_args(argc, argv, "mktows-bridge", kUsage, options, wsdl_file,
                                      [&](const std::string &a, const char *v) {
    if (a == "--demo-user") demo_user = true;
    else if (a == "--config") config_file = v;
    else if (a == "--redis") redis_url = v;
    else return false;
    return true;
  }, {"--demo-user"});
  if (exit_status >= 0) return exit_status;
  set_log_format(options.log_format);
  if (options.drain_seconds < 0) options.drain_seconds = kDefaultDrainSeconds;  // every line from here on, the start's refusals too
  const char *const me = "mktows-bridge";
  std::signal(SIGPIPE, SIG_IGN);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    log_line(me, "cannot initialise libcurl");
    return 1;
  }
  int status = 0;
  try {
    BridgeConfig config = load_bridge_config(config_file, environment, demo_user);
    if (!redis_url.empty()) {
      // Secrets are never taken from the command line (ps shows it).
      if (!RedisUrl::parse(redis_url).password.empty())
        throw ConfigError("--redis: the URL carries a password: give it in MKTOWS_REDIS_URL or the configuration");
      config.redis_url = redis_url;
    }
    std::unique_ptr<RedisShare> shared;
    if (!config.redis_url.empty()) shared.reset(new RedisShare(config.redis_url, config));
    HttpOptions http_options;
    http_options.ca_file = config.ca_file;
    http_options.timeout_ms = config.timeout_seconds * 1000L;
    http_options.connect_timeout_ms = config.connect_timeout_seconds * 1000L;
    http_options.verbose = options.verbose;
    Metrics metrics(config.users);
    http_options.observer = [&metrics](const std::string &method, const std::string &url, long status, double seconds) {
      metrics.rest_call(method, url, status, seconds);
    };
    RestHttp http(http_options);
    TokenCache tokens(http, config.identity_endpoint, config.client_id, config.client_secret);
    CallGate gate(config.limits);
    FileStateStore file_state(config.state_directory);  // writes nothing until used
    StateStore &state = shared ? static_cast<StateStore &>(shared->state) : file_state;
    if (shared) {
      gate.share(&shared->window);
      tokens.share(&shared->token, http_options.timeout_ms + 1000);
    }
    StreamSigner signer(state);
    LookupCache lookups;
    RestBackend backend(config, http, tokens, gate, options.verbose, state, signer, lookups);
    RestCampaigns campaigns(backend);
    RestLists lists(backend);
    RestActivity activity(backend);
    RestCustomObjects custom_objects(backend);
    RestTags tags(backend);
    ObjectIds object_ids(state);
    RestObjects objects(backend, object_ids);
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
    backends.custom_objects = &custom_objects;
    backends.tags = &tags;
    backends.objects = &objects;
    Server server(options, backends, soap_limits, auth, wsdl);
    // /healthz, /readyz and /metrics on the same port (docs/BRIDGE.md).
    MetricsSources sources;
    sources.gate = &gate;
    sources.tokens = &tokens;
    sources.draining = &g_stop;
    HealthRoutes health(metrics, sources, g_stop);
    health.add_check("token", [&tokens] {
      tokens.get();  // the cached token, or a fetch; throws the reason
      return std::string();
    });
    const std::string rest_endpoint = config.rest_endpoint, ca_file = config.ca_file;
    const long probe_ms = http_options.connect_timeout_ms;
    health.add_check("rest", [rest_endpoint, ca_file, probe_ms] {
      std::string why = connect_probe(rest_endpoint, ca_file, probe_ms);
      return why.empty() ? why : "REST side unreachable: " + why;
    });
    // The state store: readable (the file loads, the 0600 rule holds).
    health.add_check("state", [&state] {
      std::string ignored;
      state.get("stream-signing-key", ignored);  // throws the reason
      return std::string();
    });
    if (shared) health.add_check("redis", [&shared] { return shared->check(); });
    server.set_routes(&health);
    server.set_observer(&metrics);
    server.bind();

    stop_on_signals(on_signal);

    std::printf("listening on %s\n", server.endpoint().c_str());
    std::fflush(stdout);
    // User ids only: a key is never printed, not even the documented one.
    if (config.demo_user)
      log_line(me, std::string("--demo-user: accepting the sandbox's demo user ") + kDemoUserId + " (docs/SANDBOX.md)");
    else
      log_line(me, std::to_string(config.users.size()) + " SOAP user" + (config.users.size() == 1 ? "" : "s"));
    log_line(me, "REST side " + RestHttp::redact_url(config.rest_endpoint) + " (identity " +
                     RestHttp::redact_url(config.identity_endpoint) + "), " + std::to_string(server.threads()) +
                     " threads");
    if (shared)
      log_line(me, "sharing the REST quota, token and state through " + shared->client.url().display() + " (lease " +
                       std::to_string(shared->window.lease_ms()) + " ms)");
    server.run(g_stop);
    // Read by tools/bench/run (identity calls per token lifetime).
    log_line(me, std::to_string(tokens.fetches()) + " identity calls");
  } catch (const std::exception &e) {
    log_line(me, e.what());
    status = 1;
  }
  curl_global_cleanup();
  return status;
}
