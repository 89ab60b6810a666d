// fake_rest.hpp: a REST side for the bridge's service tests: the identity
// service, Describe and Sync Leads, each answer held `hold_ms` (so calls
// can be caught in flight), with what it received counted: calls, the
// most at once, and arrivals as the REST side sees them (their times, for
// a sliding window).
#pragma once

#include "support/raw_http_server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bridge_test {

class FakeRest {
 public:
  using Clock = std::chrono::steady_clock;

  explicit FakeRest(int hold_ms = 0)
      : hold_ms_(hold_ms), server_([this](const mktows_test::RawRequest &r, std::size_t) { return answer(r); }) {}

  int port() const { return server_.port(); }
  std::string rest_endpoint() const { return "http://127.0.0.1:" + std::to_string(port()) + "/rest"; }
  int identity_calls() const { return identity_.load(); }
  int sync_calls() const { return leads_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }
  void set_hold_ms(int ms) { hold_ms_.store(ms); }
  // Every other call is held `hold_ms`, the others not at all, and a call is
  // counted when it is answered: the REST side may count a call at any
  // moment between its arrival and its answer, and this is the latest.
  void set_alternate_and_count_at_answer(bool on) { alternate_.store(on); }
  // 200 (the API's JSON) or, e.g., 503 for every REST call but the identity's.
  void set_status(int status) { status_.store(status); }
  // The largest number of REST calls (identity excluded) whose arrivals fall
  // within any `window` (how the REST side counts its rate limit).
  int max_in_window(std::chrono::milliseconds window) const {
    std::lock_guard<std::mutex> lock(mutex_);
    int best = 0;
    std::size_t j = 0;
    std::vector<Clock::time_point> a = arrivals_;  // recorded in order of answers, roughly: sorted here
    std::sort(a.begin(), a.end());
    for (std::size_t i = 0; i < a.size(); ++i) {
      while (a[i] - a[j] >= window) ++j;
      best = std::max(best, static_cast<int>(i - j + 1));
    }
    return best;
  }

 private:
  static mktows_test::RawReply json(const std::string &body, int status = 200) {
    return mktows_test::RawReply::respond(
        mktows_test::http_response(status, status == 200 ? "OK" : "Error", "application/json", body));
  }

  mktows_test::RawReply answer(const mktows_test::RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    if (line.find(" /identity/oauth/token?") != std::string::npos) {
      int n = ++identity_;
      return json(R"({"access_token":"fake-token-)" + std::to_string(n) +
                  R"(","token_type":"bearer","expires_in":3600,"scope":"x@example.com"})");
    }
    bool at_answer = alternate_.load();
    int index = calls_++;
    if (!at_answer) record_arrival();
    int now = ++in_flight_;
    int seen = max_in_flight_.load();
    while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
    }
    int hold = at_answer && index % 2 == 1 ? 0 : hold_ms_.load();
    if (hold > 0) std::this_thread::sleep_for(std::chrono::milliseconds(hold));
    mktows_test::RawReply reply = reply_for(line);
    if (at_answer) record_arrival();
    --in_flight_;
    return reply;
  }

  void record_arrival() {
    std::lock_guard<std::mutex> lock(mutex_);
    arrivals_.push_back(Clock::now());
  }

  mktows_test::RawReply reply_for(const std::string &line) {
    if (status_.load() != 200) return json("{}", status_.load());
    if (line.find(" /rest/v1/leads/describe.json") != std::string::npos)
      return json(R"({"requestId":"d#1","success":true,"result":[)"
                  R"({"id":1,"displayName":"Email Address","dataType":"email","rest":{"name":"email"},"soap":{"name":"Email"}},)"
                  R"({"id":2,"displayName":"First Name","dataType":"string","rest":{"name":"firstName"},"soap":{"name":"FirstName"}}]})");
    if (line.find(" /rest/v1/leads.json") != std::string::npos) {
      ++leads_;
      return json(R"({"requestId":"s#1","success":true,"result":[{"id":5001,"status":"updated"}]})");
    }
    return json(R"({"requestId":"e#1","success":false,"errors":[{"code":"610","message":"Requested resource not found"}]})");
  }

  std::atomic<int> hold_ms_;
  std::atomic<int> status_{200};
  std::atomic<bool> alternate_{false};
  std::atomic<int> calls_{0};
  std::atomic<int> identity_{0}, leads_{0}, in_flight_{0}, max_in_flight_{0};
  mutable std::mutex mutex_;
  std::vector<Clock::time_point> arrivals_;
  mktows_test::RawHttpServer server_;  // last: its thread calls answer() on the members above
};

}  // namespace bridge_test
