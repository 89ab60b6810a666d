// client_pool_test: ClientPool::sync_each, one syncLead per lead with
// several in flight from one thread: answers in input order, each lead's
// own outcome (validation, fault, retry), the limiter's concurrency cap
// respected without the thread waiting for itself.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace mktows_test;

namespace {

// "lead42@jungle.com" -> 42 (the raw request's Email element).
int lead_number(const RawRequest &req) {
  std::size_t at = req.body.find("<Email>lead");
  return at == std::string::npos ? -1 : std::atoi(req.body.c_str() + at + 11);
}

std::vector<mktows::Lead> numbered_leads(int n) {
  std::vector<mktows::Lead> leads;
  for (int i = 0; i < n; ++i) leads.push_back(mktows::Lead().email("lead" + std::to_string(i) + "@jungle.com"));
  return leads;
}

// Counts the requests the server is working on at once.
struct InFlight {
  std::atomic<int> now{0};
  std::atomic<int> most{0};
  void enter() {
    int n = ++now;
    int m = most.load();
    while (n > m && !most.compare_exchange_weak(m, n)) {
    }
  }
  void leave() { --now; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(pool)

BOOST_AUTO_TEST_CASE(sync_each_keeps_requests_in_flight_and_answers_in_input_order) {
  InFlight flight;
  RawHttpServer server([&](const RawRequest &req, std::size_t) {
    flight.enter();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the service at work
    flight.leave();
    return RawReply::respond(sync_lead_ok(100 + lead_number(req)));
  });
  mktows::ClientPool pool(test_options(server.endpoint()), 4);
  std::vector<mktows::Result<mktows::SyncResult> > r = pool.sync_each(numbered_leads(13));
  BOOST_REQUIRE_EQUAL(r.size(), 13u);
  for (int i = 0; i < 13; ++i) {
    BOOST_TEST_CONTEXT("lead " << i) {
      BOOST_REQUIRE_MESSAGE(r[i].ok(), r[i].error());
      BOOST_TEST(r[i]->lead_id == 100 + i);
    }
  }
  BOOST_TEST(flight.most.load() >= 2);  // requests overlapped
  BOOST_TEST(flight.most.load() <= 4);  // never more than the pool's clients
  BOOST_TEST(server.connections() == 4u);
  BOOST_TEST(server.requests().size() == 13u);
  BOOST_TEST(pool.idle() == 4u);  // every client back in the pool
}

BOOST_AUTO_TEST_CASE(sync_each_reports_each_lead_on_its_own) {
  std::atomic<int> expired_once{0};
  RawHttpServer server([&](const RawRequest &req, std::size_t) {
    int n = lead_number(req);
    if (n == 2) return RawReply::respond(fault_response(20014, "Authentication failed"));
    if (n == 3 && expired_once++ == 0) return RawReply::respond(fault_response(20016, "Request Expired"));
    return RawReply::respond(sync_lead_ok(100 + n));
  });
  std::vector<mktows::Lead> leads = numbered_leads(5);
  leads[1] = mktows::Lead().attribute("FirstName", "No key");  // invalid: never sent
  mktows::ClientPool pool(test_options(server.endpoint()), 3);
  std::vector<mktows::Result<mktows::SyncResult> > r = pool.sync_each(leads);
  BOOST_REQUIRE_EQUAL(r.size(), 5u);
  BOOST_TEST(r[0].ok());
  BOOST_TEST(!r[1].ok());
  BOOST_TEST((r[1].error().kind == mktows::ErrorKind::validation));
  BOOST_TEST(!r[2].ok());
  BOOST_TEST((r[2].error().kind == mktows::ErrorKind::fault));
  BOOST_TEST(r[2].error().code == 20014);
  BOOST_REQUIRE(r[3].ok());  // 20016: signed afresh and sent again
  BOOST_TEST(r[3]->lead_id == 103);
  BOOST_REQUIRE(r[4].ok());
  BOOST_TEST(r[4]->lead_id == 104);
  BOOST_TEST(server.requests().size() == 5u);  // 4 valid leads, one of them twice
}

BOOST_AUTO_TEST_CASE(sync_each_stays_within_the_limiters_concurrency) {
  InFlight flight;
  RawHttpServer server([&](const RawRequest &req, std::size_t) {
    flight.enter();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    flight.leave();
    return RawReply::respond(sync_lead_ok(100 + lead_number(req)));
  });
  mktows::ClientOptions o = test_options(server.endpoint());
  o.user_id = "pool_limit_user_7";  // a limiter of its own
  o.limiter.enabled = true;
  o.limiter.max_concurrent = 3;
  mktows::ClientPool pool(o, 8);
  std::vector<mktows::Result<mktows::SyncResult> > r = pool.sync_each(numbered_leads(10));
  BOOST_REQUIRE_EQUAL(r.size(), 10u);
  for (int i = 0; i < 10; ++i) BOOST_TEST(r[i].ok());
  BOOST_TEST(flight.most.load() <= 3);
  BOOST_TEST(server.connections() <= 3u);
}

BOOST_AUTO_TEST_CASE(sync_each_of_nothing_sends_nothing) {
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1)); });
  mktows::ClientPool pool(test_options(server.endpoint()), 2);
  BOOST_TEST(pool.sync_each(std::vector<mktows::Lead>()).empty());
  BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
