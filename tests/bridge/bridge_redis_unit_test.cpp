// bridge_redis_unit_test: the shared quota's parts against a real
// redis-server of the test's own (redis_process.hpp): the window's script
// (the limit held when many clients ask at once, a slot back a window
// after the call's answer, not its departure), the concurrency leases (a
// dead holder's come back at the lease's expiry, its window slot held
// after that), the hold after Redis lost its state, Redis unreachable
// (the gate fails closed with 20011, never 20023/20024) and back, the
// state store's get_or_put, the token's claim, the URL's password.
#define BOOST_TEST_MODULE bridge_redis_unit_test
#include <boost/test/unit_test.hpp>

#include "bridge/redis_process.hpp"
#include "call_gate.hpp"
#include "redis_client.hpp"
#include "redis_state_store.hpp"
#include "service_error.hpp"
#include "shared_token.hpp"
#include "shared_window.hpp"
#include "support/peer.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace mktows_bridge;
using bridge_test::RedisProcess;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

struct Peers {
  Peers() {
    mktows_test::require_peers({{"redis-server", "redis-server", REDIS_SERVER_EXECUTABLE, {"--version"}}});
  }
};

RedisClient::Options quick() {
  RedisClient::Options o;
  o.connect_timeout_ms = 300;
  o.command_timeout_ms = 300;
  return o;
}

// A bridge's view of the shared window: its own connection, its own slots.
struct Member {
  Member(const RedisProcess &redis, long long lease_ms, const std::string &prefix = "mktows-bridge:{unit}:")
      : client(RedisUrl::parse(redis.url()), quick()), window(client, prefix, lease_ms) {}
  RedisClient client;
  RedisWindow window;
};

GateLimits limits(int calls, int window_seconds, int concurrent, int margin_ms) {
  GateLimits l;
  l.calls_per_window = calls;
  l.window_seconds = window_seconds;
  l.max_concurrent = concurrent;
  l.window_margin_ms = margin_ms;
  l.max_wait_ms = 0;
  return l;
}

// Waits out the hold of a fresh Redis (no epoch yet: shared_window.hpp).
void past_the_hold(Member &m, const GateLimits &l) {
  SharedWindow::Answer a = m.window.acquire(l, 1);
  BOOST_REQUIRE(a.kind == SharedWindow::Answer::kUnknown);
  BOOST_TEST(a.wait_ms > 0);
  BOOST_TEST(a.wait_ms <= m.window.restart_hold_ms(l));
  std::this_thread::sleep_for(milliseconds(a.wait_ms + 20));
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Peers);

// Three members, 8 threads each, asking at once: the script lets exactly
// the limit through, however the asks interleave.
BOOST_AUTO_TEST_CASE(the_window_holds_its_limit_under_racing_bridges) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  GateLimits l = limits(25, 1, 0, 0);
  std::vector<std::unique_ptr<Member>> members;
  for (int i = 0; i < 3; ++i) members.emplace_back(new Member(redis, 2000));
  past_the_hold(*members[0], l);
  std::atomic<int> granted{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 24; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 5; ++k) {
        SharedWindow::Answer a = members[i % 3]->window.acquire(l, 1);
        ++(a.kind == SharedWindow::Answer::kGranted ? granted : full);
      }
    });
  for (std::thread &t : threads) t.join();
  BOOST_TEST(granted.load() == 25);
  BOOST_TEST(full.load() == 24 * 5 - 25);
  int used = 0, flying = 0;
  long long today = 0;
  BOOST_TEST(members[1]->window.stats(l, 1, used, flying, today));
  BOOST_TEST(used == 25);
  BOOST_TEST(flying == 25);
  BOOST_TEST(today == 25);  // the daily count, shared
}

// The gate's rule (GateLimits::held_after_answer_ms): a slot comes back a
// window plus the margin after the call's answer. A call held 600 ms: its
// slot is still held 1.1 s after it left, and back after 1.1 s from its
// answer.
BOOST_AUTO_TEST_CASE(a_slot_comes_back_a_window_after_the_answer) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  GateLimits l = limits(1, 1, 0, 100);
  Member a(redis, 5000), b(redis, 5000);
  past_the_hold(a, l);
  SharedWindow::Answer first = a.window.acquire(l, 1);
  BOOST_REQUIRE(first.kind == SharedWindow::Answer::kGranted);
  Clock::time_point left = Clock::now();
  SharedWindow::Answer in_flight = b.window.acquire(l, 1);
  BOOST_TEST(in_flight.kind == SharedWindow::Answer::kRateFull);
  BOOST_TEST(in_flight.wait_ms == -1);  // held by a call in flight: no return time yet
  std::this_thread::sleep_for(milliseconds(600));
  a.window.release(first.slot, l);
  Clock::time_point answered = Clock::now();
  SharedWindow::Answer after = b.window.acquire(l, 1);
  BOOST_TEST(after.kind == SharedWindow::Answer::kRateFull);
  BOOST_TEST(after.wait_ms > 1000);
  BOOST_TEST(after.wait_ms <= 1100);
  std::this_thread::sleep_until(left + milliseconds(1100 + 100));  // counted from the departure it would be back
  BOOST_TEST(b.window.acquire(l, 1).kind == SharedWindow::Answer::kRateFull);
  std::this_thread::sleep_until(answered + milliseconds(1100 + 50));
  BOOST_TEST(b.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);
}

// Concurrency: three leases; the fourth ask is refused for concurrency.
// A member that dies holding its leases (never releases): they stop
// counting at their expiry (lease_ms), and their window slots are held a
// window after that, as if the calls were answered then.
BOOST_AUTO_TEST_CASE(leases_of_a_dead_bridge_come_back_at_their_expiry) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  GateLimits l = limits(5, 1, 3, 0);
  Member survivor(redis, 800);
  {
    Member dying(redis, 800);
    past_the_hold(dying, l);
    for (int i = 0; i < 3; ++i) BOOST_REQUIRE(dying.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);
  }  // gone without a release
  Clock::time_point died = Clock::now();
  BOOST_TEST(survivor.window.acquire(l, 1).kind == SharedWindow::Answer::kConcurrencyFull);
  std::this_thread::sleep_until(died + milliseconds(600));
  BOOST_TEST(survivor.window.acquire(l, 1).kind == SharedWindow::Answer::kConcurrencyFull);
  std::this_thread::sleep_until(died + milliseconds(800 + 50));
  SharedWindow::Answer one = survivor.window.acquire(l, 1);
  BOOST_TEST(one.kind == SharedWindow::Answer::kGranted);
  SharedWindow::Answer two = survivor.window.acquire(l, 1);
  BOOST_TEST(two.kind == SharedWindow::Answer::kGranted);
  // 3 dead slots held until expiry + 1 s, and 2 in flight: the window of 5 is full.
  SharedWindow::Answer three = survivor.window.acquire(l, 1);
  BOOST_TEST(three.kind == SharedWindow::Answer::kRateFull);
  BOOST_TEST(three.wait_ms > 700);
  BOOST_TEST(three.wait_ms <= 1000);
  survivor.window.release(one.slot, l);
  BOOST_TEST(survivor.window.acquire(l, 1).kind == SharedWindow::Answer::kRateFull);  // one's slot held too
  std::this_thread::sleep_until(died + milliseconds(800 + 1000 + 50));
  BOOST_TEST(survivor.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);
}

// A Redis restarted without persistence forgot the window: for one hold
// nothing is let through (the forgotten calls may still count on the REST
// side); the client reconnects by itself; after the hold, calls pass.
BOOST_AUTO_TEST_CASE(after_a_restart_the_window_is_unknown_for_one_hold) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  GateLimits l = limits(10, 1, 0, 200);
  Member m(redis, 500);
  BOOST_TEST(m.window.restart_hold_ms(l) == 1200);
  past_the_hold(m, l);
  BOOST_TEST(m.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);
  unsigned long connects = m.client.connects();
  redis.restart();
  SharedWindow::Answer a = m.window.acquire(l, 1);
  if (a.kind == SharedWindow::Answer::kUnavailable) a = m.window.acquire(l, 1);  // the old connection's error first
  if (a.kind == SharedWindow::Answer::kUnavailable) {  // the pause between connects
    std::this_thread::sleep_for(milliseconds(150));
    a = m.window.acquire(l, 1);
  }
  BOOST_TEST(a.kind == SharedWindow::Answer::kUnknown);
  BOOST_TEST(a.wait_ms > 1000);
  BOOST_TEST(m.client.connects() > connects);
  std::this_thread::sleep_for(milliseconds(a.wait_ms + 20));
  BOOST_TEST(m.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);
}

// Unreachable: the gate fails closed after its wait with 20011 (not the
// limits' faults: the window may have room), and serves again when Redis
// is back (after the hold of a fresh Redis).
BOOST_AUTO_TEST_CASE(redis_unreachable_fails_closed_then_recovers) {
  std::unique_ptr<RedisProcess> redis(new RedisProcess(REDIS_SERVER_EXECUTABLE));
  GateLimits l = limits(10, 1, 5, 0);
  l.max_wait_ms = 400;
  Member m(*redis, 500);
  past_the_hold(m, l);
  CallGate gate(l);
  gate.share(&m.window);
  { CallGate::Pass p = gate.enter(); }
  redis->stop();
  Clock::time_point start = Clock::now();
  int code = 0;
  std::string why;
  try {
    CallGate::Pass p = gate.enter();
  } catch (const mktows_front::ServiceError &e) {
    code = static_cast<int>(e.code());
    why = e.what();
  }
  double waited = std::chrono::duration<double>(Clock::now() - start).count();
  BOOST_TEST(code == 20011);
  BOOST_TEST(why.find("unavailable") != std::string::npos, why);
  BOOST_TEST(waited >= 0.39);
  BOOST_TEST(waited < 2.0);  // the connect timeouts bound each try
  GateStats s = gate.stats();
  BOOST_TEST(!s.shared_ok);
  BOOST_TEST(s.refused_unknown == 1u);
  BOOST_TEST(s.refused_rate == 0u);
  redis->restart();
  l.max_wait_ms = 3000;  // longer than the hold of the fresh Redis
  CallGate again(l);
  again.share(&m.window);
  { CallGate::Pass p = again.enter(); }
  BOOST_TEST(again.stats().shared_ok);
  BOOST_TEST(again.stats().window_used == 1);
}

// The gate over the shared window: a full window waits for the first
// slot's return, then passes; the pass's release holds its slot.
BOOST_AUTO_TEST_CASE(the_gate_waits_for_the_shared_window) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  GateLimits l = limits(2, 1, 0, 0);
  l.max_wait_ms = 3000;
  Member m(redis, 2000), other(redis, 2000);
  past_the_hold(m, l);
  CallGate gate(l);
  gate.share(&m.window);
  { CallGate::Pass p = gate.enter(); }
  BOOST_REQUIRE(other.window.acquire(l, 1).kind == SharedWindow::Answer::kGranted);  // in flight elsewhere
  Clock::time_point start = Clock::now();
  { CallGate::Pass p = gate.enter(); }
  double waited = std::chrono::duration<double>(Clock::now() - start).count();
  BOOST_TEST(waited > 0.8);
  BOOST_TEST(waited < 1.3);
  l.max_wait_ms = 200;
  CallGate quick_gate(l);
  quick_gate.share(&m.window);
  int code = 0;
  try {
    CallGate::Pass p = quick_gate.enter();
  } catch (const mktows_front::ServiceError &e) {
    code = static_cast<int>(e.code());
  }
  BOOST_TEST(code == 20023);
}

// get_or_put from two bridges at once: one value stored, both get it.
BOOST_AUTO_TEST_CASE(state_store_get_or_put_is_atomic) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  for (int round = 0; round < 20; ++round) {
    RedisClient c1(RedisUrl::parse(redis.url()), quick()), c2(RedisUrl::parse(redis.url()), quick());
    RedisStateStore s1(c1, "p:"), s2(c2, "p:");
    std::string got1, got2;
    std::string key = "batch-" + std::to_string(round);
    std::thread t1([&] { got1 = s1.get_or_put(key, [] { return std::string("from-one"); }); });
    std::thread t2([&] { got2 = s2.get_or_put(key, [] { return std::string("from-two"); }); });
    t1.join();
    t2.join();
    BOOST_TEST(got1 == got2);
    std::string stored;
    BOOST_TEST(s1.get(key, stored));
    BOOST_TEST(stored == got1);
  }
  RedisClient c(RedisUrl::parse(redis.url()), quick());
  RedisStateStore s(c, "p:");
  s.put("walk", "page-token-9", 1);
  std::string v;
  BOOST_TEST(s.get("walk", v));
  BOOST_TEST(v == "page-token-9");
  std::this_thread::sleep_for(milliseconds(1100));
  BOOST_TEST(!s.get("walk", v));
  redis.stop();
  int code = 0;
  try {
    s.get("walk", v);
  } catch (const mktows_front::ServiceError &e) {
    code = static_cast<int>(e.code());
  }
  BOOST_TEST(code == 20011);
}

// The token: one claim at a time; put with its lifetime; dropped only
// while it is still the one refused.
BOOST_AUTO_TEST_CASE(the_token_claim_and_drop) {
  RedisProcess redis(REDIS_SERVER_EXECUTABLE);
  RedisClient c1(RedisUrl::parse(redis.url()), quick()), c2(RedisUrl::parse(redis.url()), quick());
  RedisTokenShare a(c1, "t:"), b(c2, "t:");
  std::string token;
  long long left = 0;
  BOOST_TEST(!a.get(token, left));
  BOOST_TEST(a.claim(500));
  BOOST_TEST(!b.claim(500));
  a.put("tok-1", 3000);
  a.unclaim();
  BOOST_TEST(b.get(token, left));
  BOOST_TEST(token == "tok-1");
  BOOST_TEST(left > 2500);
  BOOST_TEST(left <= 3000);
  BOOST_TEST(b.claim(300));
  b.put("tok-2", 3000);
  a.drop("tok-1");  // late: tok-2 stays
  BOOST_TEST(a.get(token, left));
  BOOST_TEST(token == "tok-2");
  b.drop("tok-2");
  BOOST_TEST(!a.get(token, left));
  // b's claim was not released: it expires by itself.
  BOOST_TEST(!a.claim(300));
  std::this_thread::sleep_for(milliseconds(350));
  BOOST_TEST(a.claim(300));
}

// The URL: host, port, database, user and password (%-escaped), and its
// printable form without the password; AUTH against a Redis that requires
// one, and a wrong password's error naming neither password.
BOOST_AUTO_TEST_CASE(the_url_and_its_password) {
  RedisUrl u = RedisUrl::parse("redis://ops:s3cr%40t@10.1.2.3:6380/2");
  BOOST_TEST(u.host == "10.1.2.3");
  BOOST_TEST(u.port == 6380);
  BOOST_TEST(u.db == 2);
  BOOST_TEST(u.user == "ops");
  BOOST_TEST(u.password == "s3cr@t");
  BOOST_TEST(u.display() == "redis://ops:[redacted]@10.1.2.3:6380/2");
  BOOST_TEST(RedisUrl::parse("redis://:pw@h").display() == "redis://:[redacted]@h:6379");
  BOOST_TEST(RedisUrl::parse("redis://[::1]:7000").host == "::1");
  for (const char *bad : {"http://h", "redis://", "redis://h:0", "redis://h:x", "redis://h/x", "redis://:p%4@h"}) {
    std::string why;
    try {
      RedisUrl::parse(bad);
    } catch (const RedisError &e) {
      why = e.what();
    }
    BOOST_TEST(!why.empty(), bad);
  }
  std::string pw_error;
  try {
    RedisUrl::parse("redis://:Hunter%2Z@h");
  } catch (const RedisError &e) {
    pw_error = e.what();
  }
  BOOST_TEST(pw_error.find("Hunter") == std::string::npos, pw_error);

  RedisProcess redis(REDIS_SERVER_EXECUTABLE, {"--requirepass", "Pa55-redis-word"});
  RedisClient good(RedisUrl::parse("redis://:Pa55-redis-word@127.0.0.1:" + std::to_string(redis.port())), quick());
  BOOST_TEST(good.command({"PING"}).text == "PONG");
  RedisClient wrong(RedisUrl::parse("redis://:Wr0ng-word@127.0.0.1:" + std::to_string(redis.port())), quick());
  std::string why;
  try {
    wrong.command({"PING"});
  } catch (const RedisError &e) {
    why = e.what();
  }
  BOOST_TEST(!why.empty());
  BOOST_TEST(why.find("Wr0ng") == std::string::npos, why);
  BOOST_TEST(why.find("Pa55") == std::string::npos, why);
}
