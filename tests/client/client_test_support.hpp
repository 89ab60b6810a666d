// client_test_support.hpp: canned mktows answers for the raw loopback
// server, a fake clock and sleep, and options pointing a Client at a server.
#pragma once

#include <mktows/mktows.hpp>

#include "plugin/plugin_test_support.hpp"
#include "support/files.hpp"
#include "support/raw_http_server.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_test {

const char kClientUser[] = "jungle9_F00DF00DF00DF00DF00D12";
const char kClientKey[] = "client-Key-0f-the-Jungle-5e3a";

inline std::string envelope(const std::string &body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "
         "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body>" +
         body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

inline std::string sync_lead_ok(int id, const char *status = "CREATED") {
  std::string i = std::to_string(id);
  return soap_response(envelope("<ns1:successSyncLead><result><leadId>" + i + "</leadId><syncStatus><leadId>" + i +
                                "</leadId><status>" + status +
                                "</status><error xsi:nil=\"true\"/></syncStatus><leadRecord xsi:nil=\"true\"/>"
                                "</result></ns1:successSyncLead>"));
}

inline std::string fault_response(int code, const std::string &message) {
  return soap_response(mktows_fault_envelope(code, message), 500);
}

// How many times `needle` occurs in `hay`.
inline std::size_t count_of(const std::string &hay, const std::string &needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// A steady clock that only moves when the code under test sleeps.
class FakeTime {
 public:
  FakeTime() : now_(std::chrono::steady_clock::time_point() + std::chrono::hours(1)) {}
  mktows::SteadyClock clock() {
    return [this] {
      std::lock_guard<std::mutex> lock(mutex_);
      return now_;
    };
  }
  mktows::SleepFunction sleeper() {
    return [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lock(mutex_);
      sleeps_.push_back(d);
      now_ += d;
    };
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeps_;
  }
  std::chrono::milliseconds elapsed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        now_ - (std::chrono::steady_clock::time_point() + std::chrono::hours(1)));
  }
  mktows::TimePoint now() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_;
  }
  void advance(std::chrono::milliseconds d) {
    std::lock_guard<std::mutex> lock(mutex_);
    now_ += d;
  }

 private:
  mutable std::mutex mutex_;
  mktows::TimePoint now_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

// Options for a client of `endpoint`: no limiter (tests of the limiter turn
// it on), no real sleeping, jitter fixed at 0.
inline mktows::ClientOptions test_options(const std::string &endpoint, FakeTime *time = nullptr) {
  mktows::ClientOptions o;
  o.endpoint = endpoint;
  o.user_id = kClientUser;
  o.encryption_key = kClientKey;
  o.limiter.enabled = false;
  o.receive_timeout = std::chrono::milliseconds(5000);
  o.random = [] { return 0.0; };
  if (time) {
    o.steady_clock = time->clock();
    o.sleep = time->sleeper();
  }
  return o;
}

inline mktows::Lead george() {
  return mktows::Lead().email("george@jungle.com").attribute("FirstName", "George").attribute("LastName", "of the Jungle");
}

}  // namespace mktows_test
