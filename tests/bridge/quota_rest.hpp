// quota_rest.hpp: a REST side that enforces Marketo's per-instance limits
// itself, as marketo-rest-facts.md §8 states them, for the shared-quota
// tests: more than `limit` calls arriving within any `window` is answered
// 606, more than `concurrent` calls in progress 615 (both HTTP 200 with
// success false, as the REST API answers them). It serves the identity
// service (one token, a long lifetime), Describe and Sync Leads, each held
// `hold_ms`, and counts what it saw: every arrival's time, the most in
// flight, the 606s and 615s, the identity calls. Its ids differ from the
// sandbox's and FakeRest's.
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

class QuotaRest {
 public:
  using Clock = std::chrono::steady_clock;

  QuotaRest(int limit, std::chrono::milliseconds window, int concurrent, int hold_ms)
      : limit_(limit), window_(window), concurrent_(concurrent), hold_ms_(hold_ms),
        server_([this](const mktows_test::RawRequest &r, std::size_t) { return answer(r); }) {}

  std::string rest_endpoint() const { return "http://127.0.0.1:" + std::to_string(server_.port()) + "/rest"; }
  int identity_calls() const { return identity_.load(); }
  int rate_refusals() const { return refused_606_.load(); }
  int concurrency_refusals() const { return refused_615_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }
  int calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return static_cast<int>(arrivals_.size());
  }
  // Arrivals (REST calls, identity excluded) in [from, to].
  int arrivals_between(Clock::time_point from, Clock::time_point to) const {
    std::lock_guard<std::mutex> lock(mutex_);
    int n = 0;
    for (Clock::time_point a : arrivals_) n += a >= from && a <= to;
    return n;
  }
  // The most arrivals within any one window.
  int max_in_window() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Clock::time_point> a = arrivals_;
    std::sort(a.begin(), a.end());
    int best = 0;
    std::size_t j = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      while (a[i] - a[j] >= window_) ++j;
      best = std::max(best, static_cast<int>(i - j + 1));
    }
    return best;
  }

 private:
  static mktows_test::RawReply json(const std::string &body) {
    return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", body));
  }
  static mktows_test::RawReply refusal(const char *code, const char *message) {
    return json(std::string(R"({"requestId":"q#9","success":false,"errors":[{"code":")") + code +
                R"(","message":")" + message + R"("}]})");
  }

  mktows_test::RawReply answer(const mktows_test::RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    if (line.find(" /identity/oauth/token?") != std::string::npos) {
      int n = ++identity_;
      return json(R"({"access_token":"quota-token-)" + std::to_string(700 + n) +
                  R"(","token_type":"bearer","expires_in":3599,"scope":"q@example.com"})");
    }
    // Counted when it arrives; refused when the window already holds the
    // limit (this one included, it is the limit plus one).
    Clock::time_point now = Clock::now();
    bool over_rate;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      arrivals_.push_back(now);
      recent_.push_back(now);
      while (!recent_.empty() && now - recent_.front() >= window_) recent_.pop_front();
      over_rate = static_cast<int>(recent_.size()) > limit_;
    }
    int flying = ++in_flight_;
    int seen = max_in_flight_.load();
    while (flying > seen && !max_in_flight_.compare_exchange_weak(seen, flying)) {
    }
    mktows_test::RawReply reply;
    if (flying > concurrent_) {
      ++refused_615_;
      reply = refusal("615", "Concurrent access limit reached");
    } else if (over_rate) {
      ++refused_606_;
      reply = refusal("606", "Max rate limit '100' exceeded with in '20' secs");
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms_));
      reply = reply_for(line);
    }
    --in_flight_;
    return reply;
  }

  static mktows_test::RawReply reply_for(const std::string &line) {
    if (line.find(" /rest/v1/leads/describe.json") != std::string::npos)
      return json(R"({"requestId":"q#1","success":true,"result":[)"
                  R"({"id":41,"displayName":"Email Address","dataType":"email","rest":{"name":"email"},"soap":{"name":"Email"}},)"
                  R"({"id":42,"displayName":"First Name","dataType":"string","rest":{"name":"firstName"},"soap":{"name":"FirstName"}}]})");
    if (line.find(" /rest/v1/leads.json") != std::string::npos)
      return json(R"({"requestId":"q#2","success":true,"result":[{"id":7301,"status":"updated"}]})");
    return json(R"({"requestId":"q#3","success":false,"errors":[{"code":"610","message":"Requested resource not found"}]})");
  }

  const int limit_;
  const std::chrono::milliseconds window_;
  const int concurrent_, hold_ms_;
  std::atomic<int> identity_{0}, in_flight_{0}, max_in_flight_{0}, refused_606_{0}, refused_615_{0};
  mutable std::mutex mutex_;
  std::vector<Clock::time_point> arrivals_;
  std::deque<Clock::time_point> recent_;
  mktows_test::RawHttpServer server_;  // last: its threads call answer() on the members above
};

}  // namespace bridge_test
