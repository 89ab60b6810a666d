// metrics.hpp: the bridge's counters, gauges and histograms, served on
// /metrics in Prometheus' text exposition format (version 0.0.4): SOAP
// calls by operation, user and outcome, faults by code, REST calls by
// endpoint and HTTP status, the REST quota used (window, today), the call
// gate's waits and refusals, token renewals, and latency histograms of the
// SOAP calls and the REST calls.
//
// No label holds a secret, a token, an email or an attribute value: an
// operation is a name from the operation table, a user is a configured user
// id (the call's signature was verified), an endpoint is the REST path with
// every segment that is not a plain word replaced by {id} and without its
// query (where filter values, tokens and client secrets travel).
#pragma once

#include "call_gate.hpp"
#include "call_record.hpp"
#include "serving_config.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace mktows_bridge {

class Histogram {
 public:
  explicit Histogram(const std::vector<double> *bounds) : bounds_(bounds), counts_(bounds->size(), 0) {}
  void observe(double value);
  // The series of `name` with `labels` ("a=\"x\"" or empty), le and the
  // +Inf bucket, _sum and _count.
  void render(const std::string &name, const std::string &labels, std::string &out) const;

 private:
  const std::vector<double> *bounds_;
  std::vector<unsigned long long> counts_;  // per bucket, not cumulative
  unsigned long long count_ = 0;
  double sum_ = 0;
};

// What the metrics read from elsewhere when scraped.
struct MetricsSources {
  CallGate *gate = nullptr;
  const class TokenCache *tokens = nullptr;
  const std::atomic<bool> *draining = nullptr;  // set by the signal path
};

class Metrics : public mktows_front::CallObserver {
 public:
  explicit Metrics(const std::vector<mktows_front::UserConfig> &users);

  // A SOAP call ended (the front end's observer).
  void call_ended(const mktows_front::CallRecord &call) override;
  // A REST (or identity) HTTP call ended (RestHttp's observer); counted on
  // the current SOAP call too.
  void rest_call(const std::string &method, const std::string &url, long status, double seconds);

  std::string render(const MetricsSources &sources) const;

  // "/rest/v1/lead/{id}.json" for "https://h/rest/v1/lead/318.json?fields=x".
  static std::string endpoint_label(const std::string &url);
  // A label value, escaped as the format wants (\\, \", \n).
  static std::string escape(const std::string &value);

 private:
  std::set<std::string> users_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, unsigned long long> soap_calls_;  // op, user, outcome
  std::map<int, unsigned long long> faults_;
  std::map<std::string, Histogram> soap_latency_;  // by operation
  std::map<std::pair<std::string, long>, unsigned long long> rest_calls_;  // endpoint, status
  std::map<std::string, Histogram> rest_latency_;  // by endpoint
};

}  // namespace mktows_bridge
