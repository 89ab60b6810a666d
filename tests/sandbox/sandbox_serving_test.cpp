// How the sandbox serves connections: many idle keep-alive connections on a
// small worker pool, pipelined requests, keep-alive limits, idle expiry and
// a clean stop while connections are open.
#define BOOST_TEST_MODULE sandbox_serving_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/sandbox_process.hpp"

#include <sys/wait.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace sandbox_test;
using mktows_test::SandboxProcess;

namespace {

std::string request_for(const std::string &email) {
  return sync_lead_request(SyncLeadCall{LeadFields{std::nullopt, email, "", "", {}}, "", false, false, std::nullopt});
}

// Raw bytes of one keep-alive POST of `body`.
std::string http_post(const std::string &path, const std::string &body) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"" +
         action("syncLead") + "\"\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Every thread waits until all have arrived (C++17 has no std::barrier).
class Barrier {
 public:
  explicit Barrier(int n) : n_(n) {}
  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    int round = round_;
    if (++waiting_ == n_) {
      waiting_ = 0;
      ++round_;
      all_.notify_all();
      return;
    }
    all_.wait(lock, [&] { return round_ != round; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_;
  int n_, waiting_ = 0, round_ = 0;
};

bool exited_cleanly(int status) { return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0; }

}  // namespace

// 32 connections stay open together, each making a call per round, with two
// workers. A worker that kept a connection for its whole keep-alive life
// would leave 30 of them unanswered until the server's 30 s idle timeout,
// long after the clients' 10 s read timeout.
BOOST_AUTO_TEST_CASE(many_keep_alive_connections_share_two_workers) {
  SandboxProcess s({"--threads", "2"});
  const int kClients = 32, kRounds = 4;
  std::string path = path_of(s.endpoint());
  Barrier barrier(kClients);
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      std::unique_ptr<Connection> c;
      try {
        c.reset(new Connection(s.port(), 10));
      } catch (const std::exception &) {
        ++failed;
      }
      for (int round = 0; round < kRounds; ++round) {
        if (c) {
          HttpResponse r = c->post(path, request_for("conn" + std::to_string(i) + "@x.com"), action("syncLead"));
          if (r.status == 200 && fault_code(r.body) == 0) ++answered;
          else ++failed;
        }
        barrier.arrive_and_wait();  // every connection stays open, idle, until all have had their turn
      }
    });
  }
  for (std::thread &t : clients) t.join();
  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(answered.load() == kClients * kRounds);
  // Each connection's calls hit the same lead: created once, then updated.
  Connection c(s.port());
  HttpResponse r = c.post(path, get_lead_request("EMAIL", "conn7@x.com"), action("getLead"));
  BOOST_TEST(read_get_lead_ids(r).size() == 1u);
}

BOOST_AUTO_TEST_CASE(pipelined_requests_are_all_answered) {
  SandboxProcess s({"--threads", "2"});
  std::string path = path_of(s.endpoint());
  auto post = [&](const std::string &email) { return http_post(path, request_for(email)); };
  // Two requests in one send: the second is already in the server's buffer
  // when the first is answered, where no readiness event will announce it.
  {
    Connection c(s.port(), 10);
    BOOST_REQUIRE(c.send_raw(post("p1@x.com") + post("p2@x.com")));
    for (int i = 0; i < 2; ++i) {
      HttpResponse r = c.read_response();
      BOOST_REQUIRE_MESSAGE(r.status == 200, "response " << i);
      BOOST_TEST(fault_code(r.body) == 0);
    }
    // The connection is still usable afterwards.
    HttpResponse r = c.post(path, request_for("p3@x.com"), action("syncLead"));
    BOOST_TEST(r.status == 200);
  }
  // A request and the first half of the next; the rest arrives later.
  {
    Connection c(s.port(), 10);
    std::string second = post("p5@x.com");
    BOOST_REQUIRE(c.send_raw(post("p4@x.com") + second.substr(0, second.size() / 2)));
    HttpResponse r1 = c.read_response();
    BOOST_TEST(r1.status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_REQUIRE(c.send_raw(second.substr(second.size() / 2)));
    HttpResponse r2 = c.read_response();
    BOOST_TEST(r2.status == 200);
    BOOST_TEST(fault_code(r2.body) == 0);
  }
}

BOOST_AUTO_TEST_CASE(an_idle_keep_alive_connection_is_closed_after_the_timeout) {
  SandboxProcess s({"--timeout", "1"});
  Connection c(s.port(), 10);
  HttpResponse r = c.post(path_of(s.endpoint()), request_for("idle@x.com"), action("syncLead"));
  BOOST_REQUIRE(r.status == 200);
  BOOST_TEST(r.head.find("Keep-Alive") != std::string::npos);  // the server offered to keep it open
  BOOST_TEST(c.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(keep_alive_ends_after_the_request_limit) {
  SandboxProcess s({"--threads", "2"});
  Connection c(s.port(), 10);
  std::string path = path_of(s.endpoint());
  std::string request = request_for("limit@x.com");
  // gSOAP's countdown starts at 1001 for its limit of 1000: 1001 requests
  // are answered, the last one with the connection closed after it.
  int answered = 0;
  for (int i = 0; i < 1001; ++i) {
    HttpResponse r = c.post(path, request, action("syncLead"));
    if (r.status != 200) break;
    ++answered;
  }
  BOOST_TEST(answered == 1001);
  BOOST_TEST(c.closed_by_peer());
}

BOOST_AUTO_TEST_CASE(stop_closes_idle_connections_and_waits_for_a_request_in_progress) {
  SandboxProcess s({"--threads", "2"});
  std::string path = path_of(s.endpoint());
  std::vector<std::unique_ptr<Connection>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.emplace_back(new Connection(s.port(), 10));
    BOOST_REQUIRE(idle.back()->post(path, request_for("stop@x.com"), action("syncLead")).status == 200);
  }
  // One request whose body never completes: the stop ends its read.
  Connection partial(s.port(), 10);
  std::string request = http_post(path, request_for("partial@x.com"));
  BOOST_REQUIRE(partial.send_raw(request.substr(0, request.size() - 40)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  BOOST_TEST(exited_cleanly(s.stop()));
  for (auto &c : idle) BOOST_TEST(c->closed_by_peer());
}
