// client_limiter_test: the per-user limiter keeps calls under N per window
// and M in progress, across clients; measured with a fake clock, so the
// 20-second window costs no waiting.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"
#include "mktows/limiter.hpp"  // the Limiter itself

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <thread>

using namespace mktows_test;
using std::chrono::milliseconds;

namespace {

// Checks that no `window` of fake time holds more than `limit` of `starts`.
void expect_spacing(const std::vector<mktows::TimePoint> &starts, std::size_t limit, milliseconds window) {
  for (std::size_t i = limit; i < starts.size(); ++i)
    BOOST_TEST(std::chrono::duration_cast<milliseconds>(starts[i] - starts[i - limit]).count() >= window.count(),
               "call " << i << " is within the window of call " << i - limit);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(limiter)

BOOST_AUTO_TEST_CASE(default_limits_space_250_calls_over_two_windows) {
  FakeTime time;
  mktows::Limiter limiter;
  mktows::LimiterOptions options;  // 100 per 20 s, 10 concurrent
  std::vector<mktows::TimePoint> starts;
  for (int i = 0; i < 250; ++i) {
    mktows::Limiter::Permit p = limiter.acquire(options, time.clock(), time.sleeper());
    starts.push_back(time.now());
  }
  expect_spacing(starts, 100, milliseconds(20000));
  // Calls 100 and 200 each waited for a window to pass; no more waiting than that.
  BOOST_TEST(time.elapsed().count() == 40000);
  BOOST_TEST(time.sleeps().size() == 2u);
  BOOST_TEST(limiter.in_flight() == 0);
}

BOOST_AUTO_TEST_CASE(disabled_or_zero_limits_never_wait) {
  FakeTime time;
  mktows::Limiter limiter;
  mktows::LimiterOptions off;
  off.enabled = false;
  mktows::LimiterOptions unlimited;
  unlimited.calls_per_window = 0;
  unlimited.max_concurrent = 0;
  for (int i = 0; i < 300; ++i) {
    limiter.acquire(off, time.clock(), time.sleeper());
    limiter.acquire(unlimited, time.clock(), time.sleeper());
  }
  BOOST_TEST(time.sleeps().empty());
}

BOOST_AUTO_TEST_CASE(at_most_max_concurrent_calls_are_in_progress) {
  mktows::Limiter limiter;
  mktows::LimiterOptions options;
  options.calls_per_window = 0;
  options.max_concurrent = 3;
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        mktows::Limiter::Permit p = limiter.acquire(options, mktows::SteadyClock(), mktows::SleepFunction());
        int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --inside;
      }
    });
  for (std::thread &t : threads) t.join();
  BOOST_TEST(most.load() <= 3);
  BOOST_TEST(most.load() >= 1);
  BOOST_TEST(limiter.in_flight() == 0);
}

BOOST_AUTO_TEST_CASE(the_limiter_is_shared_by_user_id) {
  BOOST_TEST(mktows::Limiter::for_user("shared-a").get() == mktows::Limiter::for_user("shared-a").get());
  BOOST_TEST(mktows::Limiter::for_user("shared-a").get() != mktows::Limiter::for_user("shared-b").get());
}

BOOST_AUTO_TEST_CASE(two_clients_of_one_user_share_the_window) {
  // 5 calls per 1 s for this user; two clients make 6 calls each. The
  // server records when (in fake time) each request arrived.
  FakeTime time;
  std::mutex m;
  std::vector<mktows::TimePoint> arrivals;
  RawHttpServer server([&](const RawRequest &, std::size_t) {
    std::lock_guard<std::mutex> lock(m);
    arrivals.push_back(time.now());
    return RawReply::respond(sync_lead_ok(1));
  });
  mktows::ClientOptions o = test_options(server.endpoint(), &time);
  o.user_id = "limiter_test_user_1";
  o.limiter.enabled = true;
  o.limiter.calls_per_window = 5;
  o.limiter.window = milliseconds(1000);
  mktows::Client a(o), b(o);
  for (int i = 0; i < 6; ++i) {
    BOOST_REQUIRE(a.sync_lead(george()).ok());
    BOOST_REQUIRE(b.sync_lead(george()).ok());
  }
  BOOST_REQUIRE_EQUAL(arrivals.size(), 12u);
  expect_spacing(arrivals, 5, milliseconds(1000));
  BOOST_TEST(time.elapsed().count() == 2000);  // 12 calls at 5 per second: three windows
}

BOOST_AUTO_TEST_CASE(a_limited_client_and_an_unlimited_one) {
  // Switching the limiter off takes a client out of the accounting.
  FakeTime time;
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1)); });
  mktows::ClientOptions o = test_options(server.endpoint(), &time);
  o.user_id = "limiter_test_user_2";
  o.limiter.enabled = false;
  o.limiter.calls_per_window = 1;
  mktows::Client client(o);
  for (int i = 0; i < 5; ++i) BOOST_REQUIRE(client.sync_lead(george()).ok());
  BOOST_TEST(time.sleeps().empty());
  BOOST_TEST(mktows::Limiter::for_user("limiter_test_user_2")->in_flight() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
