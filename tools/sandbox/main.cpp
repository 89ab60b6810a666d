// mktows-sandbox: a local mktows server (see docs/SANDBOX.md).
#include "campaigns_service.hpp"
#include "activity_service.hpp"
#include "config.hpp"
#include "custom_objects_service.hpp"
#include "lead_service.hpp"
#include "list_service.hpp"
#include "objects_service.hpp"
#include "rest_face.hpp"
#include "server.hpp"
#include "server_args.hpp"
#include "tags_service.hpp"
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

const std::string kUsage =
    "usage: mktows-sandbox [options]\n"
    "  --config FILE            JSON configuration (docs/SANDBOX.md)\n"
    "  --data DIR               journal every write to DIR and replay it at start\n"
    "  --timestamp-window S     accepted requestTimestamp skew (default 900)\n"
    "  --rate-limit N           more than N calls per window -> 20023 (default off)\n"
    "  --rate-window S          the window of --rate-limit (default " +
    std::to_string(mktows::kRateWindowSeconds) + ")\n"
    "  --max-concurrent N       more than N calls in progress -> 20024 (default off)\n"
    "  --daily-quota N          more than N calls per UTC day -> 20015 (default off)\n"
    "  --token-lifetime S       lifetime of the REST face's access tokens (default 3600)\n"
    "  --verbose                log every fault's reason on stderr\n";

}  // namespace

int main(int argc, char **argv) {
  using namespace mktows_sandbox;
  using namespace mktows_front;
  ServerOptions options;
  std::string config_file, data_dir, wsdl_file;
  long long token_lifetime = -1;
  long long window = -1, rate = -1, rate_window = -1, concurrent = -1, quota = -1;
  int exit_status = parse_server_args(argc, argv, "mktows-sandbox", kUsage.c_str(), options, wsdl_file,
                                      [&](const std::string &a, const char *v) {
    if (a == "--config") config_file = v;
    else if (a == "--data") data_dir = v;
    else if (a == "--timestamp-window") window = flag_number(a, v, 1, 86400 * 366);
    else if (a == "--rate-limit") rate = flag_number(a, v, 0, 100000000);
    else if (a == "--rate-window") rate_window = flag_number(a, v, 1, 86400);
    else if (a == "--max-concurrent") concurrent = flag_number(a, v, 0, 100000);
    else if (a == "--daily-quota") quota = flag_number(a, v, 0, 1000000000000LL);
    else if (a == "--token-lifetime") token_lifetime = flag_number(a, v, 1, 86400 * 366);
    else return false;
    return true;
  });
  if (exit_status >= 0) return exit_status;
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
    CampaignService campaigns(leads);  // before open_data_dir: it replays its runs
    ListService lists(leads);  // registers its journal records: before open_data_dir
    CustomObjectService custom_objects(leads);  // its records and merge hook: before open_data_dir
    ObjectService objects(leads);  // its records and its merge hook: before open_data_dir
    // getMultipleLeads' StaticListSelector reads the lists' members (under
    // the lock its read already holds).
    leads.set_list_members([&lists](int id) { return lists.members_locked(id); });
    if (!data_dir.empty()) leads.open_data_dir(data_dir);
    Limiter limiter(config.limits);
    Authenticator auth(config.users, config.timestamp_window_seconds);
    RestFace rest(leads, limiter, options.verbose);
    rest.serve_campaigns(campaigns);
    rest.add_lists(lists);
    rest.serve_custom_objects(custom_objects);
    TagsService tags(leads.config().world);
    rest.serve_objects(objects);
    // What the sandbox serves: every domain it has a backend for.
    ActivityService activity(leads);
    Backends backends;
    backends.leads = &leads;
    backends.campaigns = &campaigns;
    backends.activity = &activity;
    backends.lists = &lists;
    backends.custom_objects = &custom_objects;
    backends.tags = &tags;
    backends.objects = &objects;
    Server server(options, backends, limiter, auth, wsdl);
    server.set_routes(&rest);
    server.bind();

    stop_on_signals(on_signal);

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
