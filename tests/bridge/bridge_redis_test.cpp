// bridge_redis_test: several mktows-bridge processes sharing one Marketo
// quota through one Redis (docs/BRIDGE.md, "Several bridges, one quota
// (Redis)"), end to end: three bridges, a redis-server of the test's own,
// and a REST side that enforces the limits itself (quota_rest.hpp).
// The window is 4 s here (a test setting: rest.limits.windowSeconds; the
// production default stays the fact sheet's 20 s) so that the run covers
// more than two windows, a kill -9 and a Redis restart in under half a
// minute.
#define BOOST_TEST_MODULE bridge_redis_test
#include <boost/test/unit_test.hpp>

#include "bridge/quota_rest.hpp"
#include "bridge/redis_process.hpp"
#include "redis_client.hpp"
#include "sandbox/lead_requests.hpp"
#include "support/child_process.hpp"
#include "support/files.hpp"
#include "support/peer.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace mktows_test;
using bridge_test::QuotaRest;
using bridge_test::RedisProcess;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

struct Peers {
  Peers() { require_peers({{"redis-server", "redis-server", REDIS_SERVER_EXECUTABLE, {"--version"}}}); }
};

const char kUser[] = "quota_app_7";
const char kKey[] = "Quota-Key-77aa-31f0";
const char kSecret[] = "quota-Secret-4b2c";
const char kRedisPassword[] = "Red1s-Pass-9q";

// The limits of the REST side and of the bridges: 100 calls per 4 s, 10
// at once; calls wait 1.5 s at most; HTTP timeout 2 s (a lease: 2.2 s).
const int kLimit = 100, kWindowMs = 4000, kConcurrent = 10, kMarginMs = 200, kMaxWaitMs = 1500;
const int kLeaseMs = 2000 + kMarginMs;
const int kHoldMs = kWindowMs + kMarginMs;  // after Redis lost its state: the longer of the window's hold and a lease

std::string config(int window_ms = kWindowMs, int max_wait_ms = kMaxWaitMs) {
  return std::string(R"({"users": [{"userId": ")") + kUser + R"(", "encryptionKey": ")" + kKey + R"("}],
      "rest": {"timeoutSeconds": 2, "limits": {"callsPerWindow": )" + std::to_string(kLimit) +
         R"(, "windowSeconds": )" + std::to_string(window_ms / 1000) + R"(, "maxConcurrent": )" +
         std::to_string(kConcurrent) + R"(, "maxWaitMilliseconds": )" + std::to_string(max_wait_ms) +
         R"(, "windowMarginMilliseconds": )" + std::to_string(kMarginMs) + R"(}},
      "redis": {"timeoutMilliseconds": 300}})";
}

struct Bridge {
  // `redis_env`: MKTOWS_REDIS_URL; `redis_flag`: --redis.
  Bridge(const QuotaRest &rest, const std::string &redis_env, const std::string &redis_flag,
         const std::string &conf = config()) {
    std::vector<std::string> args = {"--config", dir.write("bridge.json", conf), "--threads", "8"};
    if (!redis_flag.empty()) args.insert(args.end(), {"--redis", redis_flag});
    Env env = {{"MKTOWS_REST_ENDPOINT", rest.rest_endpoint()},
               {"MKTOWS_REST_CLIENT_ID", "quota-client"},
               {"MKTOWS_REST_CLIENT_SECRET", kSecret},
               {"MKTOWS_BRIDGE_STATE_DIR", dir.path() + "/state"}};
    if (!redis_env.empty()) env.emplace_back("MKTOWS_REDIS_URL", redis_env);
    process.reset(new SandboxProcess(args, env, log_path(), paths::bridge_bin));
  }
  int port() const { return process->port(); }
  std::string log_path() const { return dir.path() + "/bridge.log"; }
  std::string log() const { return read_file(log_path()); }
  TempDir dir;
  std::unique_ptr<SandboxProcess> process;
};

// One syncLead: its fault code, 0 for success, -1 when no answer came.
int sync_lead(int port, const std::string &email) {
  sandbox_test::Connection c(port, 10);
  sandbox_test::SyncLeadCall call;
  call.lead.email = email;
  call.lead.attributes = {{"FirstName", "Quota"}};
  sandbox_test::HttpResponse r = c.post(
      "/soap/mktows/2_2", sandbox_test::envelope(sandbox_test::auth_header(kUser, kKey), sandbox_test::sync_lead_body(call)),
      sandbox_test::action("syncLead"));
  if (r.status == 0) return -1;
  return sandbox_test::fault_code(r.body);
}

// Calls until one succeeds (a fresh Redis holds the window for one hold).
bool first_success(int port, std::chrono::seconds bound) {
  auto give_up = Clock::now() + bound;
  while (Clock::now() < give_up)
    if (sync_lead(port, "first@example.com") == 0) return true;
  return false;
}

struct Outcome {
  Clock::time_point at;
  int bridge;
  int code;
};

mktows_bridge::RedisReply redis_command(const std::string &url, const std::vector<std::string> &args) {
  mktows_bridge::RedisClient c(mktows_bridge::RedisUrl::parse(url), mktows_bridge::RedisClient::Options());
  return c.command(args);
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Peers);

// 12 SOAP clients on three bridges (6 unpaced on the first, 3 unpaced on
// the second, 3 paced on the third, whose share alone would not fill a
// third of the window) for about 20 s: more than four windows. At 5 s the
// third bridge is killed (kill -9) while it holds a lease; from 8 s, just
// after the window filled, Redis restarts, forgetting everything; the
// clients run on for 3 s after the bridges must have recovered.
BOOST_AUTO_TEST_CASE(three_bridges_share_one_quota) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  QuotaRest rest(kLimit, milliseconds(kWindowMs), kConcurrent, 100);
  std::unique_ptr<Bridge> bridges[3];
  bridges[0].reset(new Bridge(rest, "", redis.url()));  // --redis
  bridges[1].reset(new Bridge(rest, redis.url(), ""));  // MKTOWS_REDIS_URL
  bridges[2].reset(new Bridge(rest, redis.url(), ""));
  BOOST_REQUIRE(first_success(bridges[0]->port(), std::chrono::seconds(15)));
  const int ports[3] = {bridges[0]->port(), bridges[1]->port(), bridges[2]->port()};
  const pid_t killed_pid = bridges[2]->process->pid();

  Clock::time_point t0 = Clock::now();
  std::atomic<bool> killed{false}, stop{false};
  std::mutex mutex;
  std::vector<Outcome> outcomes;
  std::vector<std::thread> clients;
  for (int i = 0; i < 12; ++i) {
    int b = i < 6 ? 0 : i < 9 ? 1 : 2;
    clients.emplace_back([&, i, b] {
      int n = 0;
      while (!stop.load()) {
        if (b == 2 && killed.load()) break;
        int code = sync_lead(ports[b], "c" + std::to_string(i) + "-" + std::to_string(++n) + "@example.com");
        {
          std::lock_guard<std::mutex> lock(mutex);
          outcomes.push_back({Clock::now(), b, code});
        }
        if (b == 2) std::this_thread::sleep_for(milliseconds(400));
        if (code == -1) std::this_thread::sleep_for(milliseconds(50));
      }
    });
  }

  // kill -9 of the third bridge while one of its calls holds a lease.
  const std::string leases = mktows_bridge::redis_key_prefix(rest.rest_endpoint()) + "leases";
  const std::string mine = std::to_string(killed_pid) + "-";
  std::this_thread::sleep_until(t0 + std::chrono::seconds(5));
  std::vector<long long> killed_leases;
  long long killed_at_ms = 0;
  auto give_up = Clock::now() + std::chrono::seconds(4);
  while (killed_leases.empty() && Clock::now() < give_up) {
    mktows_bridge::RedisReply r = redis_command(redis.url(), {"ZRANGE", leases, "0", "-1", "WITHSCORES"});
    for (std::size_t i = 0; i + 1 < r.elements.size(); i += 2)
      if (r.elements[i].text.compare(0, mine.size(), mine) == 0) killed_leases.push_back(std::stoll(r.elements[i + 1].text));
    if (killed_leases.empty()) std::this_thread::sleep_for(milliseconds(2));
  }
  bridges[2]->process->kill_hard();
  killed.store(true);
  {
    mktows_bridge::RedisReply t = redis_command(redis.url(), {"TIME"});
    killed_at_ms = std::stoll(t.elements[0].text) * 1000 + std::stoll(t.elements[1].text) / 1000;
  }
  BOOST_TEST(!killed_leases.empty());  // it was killed during a call (no REQUIRE: the clients run on)
  // Its leases return within the lease time: each expires at most a lease after the kill.
  for (long long expiry : killed_leases) BOOST_TEST(expiry <= killed_at_ms + kLeaseMs);
  std::this_thread::sleep_for(milliseconds(kLeaseMs + 100));
  {
    mktows_bridge::RedisReply t = redis_command(redis.url(), {"TIME"});
    long long now_ms = std::stoll(t.elements[0].text) * 1000 + std::stoll(t.elements[1].text) / 1000;
    mktows_bridge::RedisReply live = redis_command(redis.url(), {"ZRANGEBYSCORE", leases, "(" + std::to_string(now_ms), "+inf"});
    for (const mktows_bridge::RedisReply &m : live.elements) BOOST_TEST(m.text.compare(0, mine.size(), mine) != 0, m.text);
  }

  // Redis restarts without its state, just after the window filled (the
  // window's slots come back together, so the calls come in bursts): what
  // it forgot is still counted on the REST side.
  std::this_thread::sleep_until(t0 + std::chrono::seconds(8));
  give_up = Clock::now() + std::chrono::seconds(6);
  while (Clock::now() < give_up && rest.arrivals_between(Clock::now() - milliseconds(1500), Clock::now()) < 80)
    std::this_thread::sleep_for(milliseconds(5));
  int identity_before_restart = rest.identity_calls();
  Clock::time_point restarted = Clock::now();
  BOOST_TEST_MESSAGE("Redis restarts at " << std::chrono::duration<double>(restarted - t0).count() << " s");
  redis.restart();
  Clock::time_point recovered = restarted + milliseconds(kHoldMs + kMaxWaitMs + 500);
  std::this_thread::sleep_until(recovered + std::chrono::seconds(3));
  stop.store(true);
  for (std::thread &t : clients) t.join();

  BOOST_TEST_MESSAGE("REST calls " << rest.calls() << ", most in a window " << rest.max_in_window()
                     << ", most at once " << rest.max_in_flight() << ", outcomes " << outcomes.size());
  // The REST side never saw the limits overrun.
  BOOST_TEST(rest.max_in_window() <= kLimit);
  BOOST_TEST(rest.max_in_flight() <= kConcurrent);
  BOOST_TEST(rest.rate_refusals() == 0);
  BOOST_TEST(rest.concurrency_refusals() == 0);
  // One identity call for all three bridges, one more after Redis forgot the token.
  BOOST_TEST(identity_before_restart == 1);
  BOOST_TEST(rest.identity_calls() <= 2);

  int limit_faults = 0, after_recovery[2] = {0, 0};
  for (const Outcome &o : outcomes) {
    if (o.code == 20023 || o.code == 20024) {
      ++limit_faults;
      // Only when the shared window was really full: the calls let through
      // in the window before the refusal (answered within the window and
      // its margin, or in flight; at most the 10 in flight not yet arrived)
      // reached the REST side.
      int seen = rest.arrivals_between(o.at - milliseconds(kWindowMs + kMarginMs + 300), o.at + milliseconds(300));
      BOOST_TEST(seen >= kLimit - kConcurrent, "a " << o.code << " with " << seen << " calls in its window");
    } else if (o.code == 20011) {
      // The window unknown: Redis down or restarted; nowhere else.
      BOOST_TEST((o.at >= restarted && o.at <= recovered), "20011 outside the restart");
    } else if (o.code == -1) {
      BOOST_TEST(o.bridge == 2);  // the killed one
    } else {
      BOOST_TEST(o.code == 0);
      if (o.code == 0 && o.at > recovered && o.bridge < 2) ++after_recovery[o.bridge];
    }
  }
  BOOST_TEST_MESSAGE("20023/20024: " << limit_faults << ", successes after the recovery: " << after_recovery[0] << ", "
                                      << after_recovery[1]);
  BOOST_TEST(limit_faults > 0);  // the window was full at times: the check above was exercised
  // Both survivors serve again without a restart of their own.
  BOOST_TEST(after_recovery[0] > 0);
  BOOST_TEST(after_recovery[1] > 0);
  for (int b = 0; b < 2; ++b) {
    std::string log = bridges[b]->log();
    BOOST_TEST(log.find("sharing the REST quota") != std::string::npos, log);
    BOOST_TEST(log.find(kSecret) == std::string::npos);
  }
}

// Redis down when the bridge starts (its URL carries a password): the
// bridge starts, fails closed (20011 after its wait, never a limit's
// fault), /readyz names the Redis check; Redis comes back: calls pass and
// /readyz is 200. The password is printed nowhere; --redis refuses a URL
// that carries one (the command line is visible to every user).
BOOST_AUTO_TEST_CASE(redis_down_fails_closed_then_recovers) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE, {"--requirepass", kRedisPassword});
  const std::string url = "redis://:" + std::string(kRedisPassword) + "@127.0.0.1:" + std::to_string(redis.port());
  redis.stop();
  QuotaRest rest(kLimit, milliseconds(1000), kConcurrent, 0);
  Bridge bridge(rest, url, "", config(1000, 500));
  BOOST_TEST(sync_lead(bridge.port(), "down@example.com") == 20011);
  sandbox_test::HttpResponse r = sandbox_test::Connection(bridge.port()).get("/readyz");
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.body.find("redis: failed: Redis unreachable") != std::string::npos, r.body);
  BOOST_TEST(r.body.find(kRedisPassword) == std::string::npos, r.body);
  redis.restart();
  BOOST_TEST(first_success(bridge.port(), std::chrono::seconds(10)));
  std::this_thread::sleep_for(milliseconds(1100));  // past /readyz's cache
  r = sandbox_test::Connection(bridge.port()).get("/readyz");
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.body.find("redis: ok") != std::string::npos, r.body);
  // The first call: Describe and Sync Leads, counted in the shared day.
  sandbox_test::HttpResponse m = sandbox_test::Connection(bridge.port()).get("/metrics");
  BOOST_TEST(m.body.find("mktows_bridge_rest_calls_today 2") != std::string::npos, m.body);
  // The calls refused while Redis was down or its window unknown: the first, and those of the wait above.
  const std::string refusals = "mktows_bridge_gate_refusals_total{code=\"20011\"} ";
  std::size_t at = m.body.find(refusals);
  BOOST_TEST_REQUIRE(at != std::string::npos, m.body);
  BOOST_TEST(std::stoi(m.body.substr(at + refusals.size())) >= 1);
  std::string log = bridge.log();
  BOOST_TEST(log.find(kRedisPassword) == std::string::npos, log);
  BOOST_TEST(log.find("redis://:[redacted]@127.0.0.1") != std::string::npos, log);

  ProcessResult refused = run_process({paths::bridge_bin, "--port", "0", "--config", bridge.dir.path() + "/bridge.json",
                                       "--redis", url},
                                      20, {{"MKTOWS_REST_ENDPOINT", rest.rest_endpoint()},
                                           {"MKTOWS_REST_CLIENT_ID", "quota-client"},
                                           {"MKTOWS_REST_CLIENT_SECRET", kSecret}});
  BOOST_TEST(refused.exit_code == 1, refused.output);
  BOOST_TEST(refused.output.find("--redis: the URL carries a password") != std::string::npos, refused.output);
  BOOST_TEST(refused.output.find(kRedisPassword) == std::string::npos, refused.output);
}
