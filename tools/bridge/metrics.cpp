// metrics.cpp: counting under one lock, and the exposition text.
#include "metrics.hpp"

#include "token_cache.hpp"

#include <cstdio>

namespace mktows_bridge {

namespace {

// Seconds: from a loopback call (sub-millisecond) to a REST call at its
// timeout.
const std::vector<double> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                            0.25,   0.5,   1,      2.5,   5,    10,   30};

std::string number(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.15g", v);
  return b;
}

void header(std::string &out, const char *name, const char *type, const char *help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string &out, const std::string &name, const std::string &labels, const std::string &value) {
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += ' ';
  out += value;
  out += '\n';
}

// A path word ("leads", "v1", "describe"): begins with a letter, letters,
// digits, '_', '-' only. Anything else (318, an export id, a name) is a value.
bool plain_word(const std::string &segment) {
  if (segment.empty() || !((segment[0] >= 'a' && segment[0] <= 'z') || (segment[0] >= 'A' && segment[0] <= 'Z')))
    return false;
  for (char c : segment)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

}  // namespace

void Histogram::observe(double value) {
  std::size_t i = 0;
  while (i < bounds_->size() && value > (*bounds_)[i]) ++i;
  if (i < counts_.size()) ++counts_[i];
  ++count_;
  sum_ += value;
}

void Histogram::render(const std::string &name, const std::string &labels, std::string &out) const {
  std::string sep = labels.empty() ? "" : ",";
  unsigned long long cumulative = 0;
  for (std::size_t i = 0; i < bounds_->size(); ++i) {
    cumulative += counts_[i];
    sample(out, name + "_bucket", labels + sep + "le=\"" + number((*bounds_)[i]) + "\"", std::to_string(cumulative));
  }
  sample(out, name + "_bucket", labels + sep + "le=\"+Inf\"", std::to_string(count_));
  sample(out, name + "_sum", labels, number(sum_));
  sample(out, name + "_count", labels, std::to_string(count_));
}

Metrics::Metrics(const std::vector<mktows_front::UserConfig> &users) {
  for (const mktows_front::UserConfig &u : users) users_.insert(u.user_id);
}

std::string Metrics::escape(const std::string &value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string Metrics::endpoint_label(const std::string &url) {
  std::size_t scheme = url.find("://");
  std::size_t path_at = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path_at == std::string::npos) return "/";
  std::size_t end = url.find_first_of("?#", path_at);
  std::string path = url.substr(path_at, end == std::string::npos ? std::string::npos : end - path_at);
  std::string out;
  std::size_t i = 1;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    std::string segment = path.substr(i, slash == std::string::npos ? std::string::npos : slash - i);
    out += '/';
    // "318.json": the id, its ".json" kept; "leads.json" stays.
    std::string stem = segment, suffix;
    if (segment.size() > 5 && segment.compare(segment.size() - 5, 5, ".json") == 0) {
      stem = segment.substr(0, segment.size() - 5);
      suffix = ".json";
    }
    out += plain_word(stem) ? segment : (stem.empty() ? segment : "{id}" + suffix);
    if (slash == std::string::npos) break;
    i = slash + 1;
  }
  return out;
}

void Metrics::call_ended(const mktows_front::CallRecord &call) {
  std::string op = call.operation ? call.operation : "none";
  std::string user = call.user_id.empty() ? "none" : users_.count(call.user_id) ? call.user_id : "unknown";
  std::lock_guard<std::mutex> lock(mutex_);
  ++soap_calls_[std::make_tuple(op, user, std::string(call.fault_code ? "fault" : "success"))];
  if (call.fault_code) ++faults_[call.fault_code];
  auto it = soap_latency_.find(op);
  if (it == soap_latency_.end()) it = soap_latency_.emplace(op, Histogram(&kLatencyBounds)).first;
  it->second.observe(call.seconds);
}

void Metrics::rest_call(const std::string &, const std::string &url, long status, double seconds) {
  if (mktows_front::CallRecord *call = mktows_front::current_call()) ++call->rest_calls;
  std::string endpoint = endpoint_label(url);
  std::lock_guard<std::mutex> lock(mutex_);
  ++rest_calls_[std::make_pair(endpoint, status)];
  auto it = rest_latency_.find(endpoint);
  if (it == rest_latency_.end()) it = rest_latency_.emplace(endpoint, Histogram(&kLatencyBounds)).first;
  it->second.observe(seconds);
}

std::string Metrics::render(const MetricsSources &sources) const {
  std::string out;
  out.reserve(16384);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    header(out, "mktows_bridge_soap_calls_total", "counter", "SOAP calls ended, by operation, verified user id and outcome.");
    for (const auto &e : soap_calls_)
      sample(out, "mktows_bridge_soap_calls_total",
             "operation=\"" + escape(std::get<0>(e.first)) + "\",user=\"" + escape(std::get<1>(e.first)) +
                 "\",outcome=\"" + std::get<2>(e.first) + "\"",
             std::to_string(e.second));
    header(out, "mktows_bridge_soap_faults_total", "counter", "SOAP faults answered, by mktows fault code.");
    for (const auto &e : faults_)
      sample(out, "mktows_bridge_soap_faults_total", "code=\"" + std::to_string(e.first) + "\"", std::to_string(e.second));
    header(out, "mktows_bridge_soap_call_duration_seconds", "histogram", "SOAP call duration, from the request read to the answer ready.");
    for (const auto &e : soap_latency_)
      e.second.render("mktows_bridge_soap_call_duration_seconds", "operation=\"" + escape(e.first) + "\"", out);
    header(out, "mktows_bridge_rest_calls_total", "counter", "HTTP calls to the REST and identity side, by endpoint and HTTP status (0: no answer).");
    for (const auto &e : rest_calls_)
      sample(out, "mktows_bridge_rest_calls_total",
             "endpoint=\"" + escape(e.first.first) + "\",status=\"" + std::to_string(e.first.second) + "\"",
             std::to_string(e.second));
    header(out, "mktows_bridge_rest_call_duration_seconds", "histogram", "HTTP call duration to the REST and identity side, by endpoint.");
    for (const auto &e : rest_latency_)
      e.second.render("mktows_bridge_rest_call_duration_seconds", "endpoint=\"" + escape(e.first) + "\"", out);
  }
  if (sources.gate) {
    GateStats g = sources.gate->stats();
    const GateLimits &l = sources.gate->limits();
    header(out, "mktows_bridge_rest_window_calls", "gauge", "REST calls in flight or still countable in the current rate window.");
    sample(out, "mktows_bridge_rest_window_calls", "", std::to_string(g.window_used));
    header(out, "mktows_bridge_rest_window_limit", "gauge", "REST calls allowed per window (0: no limit).");
    sample(out, "mktows_bridge_rest_window_limit", "", std::to_string(l.calls_per_window));
    header(out, "mktows_bridge_rest_in_flight", "gauge", "REST calls in flight.");
    sample(out, "mktows_bridge_rest_in_flight", "", std::to_string(g.in_flight));
    header(out, "mktows_bridge_rest_calls_today", "gauge", "REST calls let through since the REST side's day began (12:00 AM CST).");
    sample(out, "mktows_bridge_rest_calls_today", "", std::to_string(g.today));
    header(out, "mktows_bridge_gate_waits_total", "counter", "REST calls that waited for room in the call gate.");
    sample(out, "mktows_bridge_gate_waits_total", "", std::to_string(g.waited));
    header(out, "mktows_bridge_gate_wait_seconds_total", "counter", "Time REST calls waited in the call gate.");
    sample(out, "mktows_bridge_gate_wait_seconds_total", "", number(g.wait_seconds));
    header(out, "mktows_bridge_gate_refusals_total", "counter", "Calls the gate refused after waiting its bound, by fault code.");
    sample(out, "mktows_bridge_gate_refusals_total", "code=\"20023\"", std::to_string(g.refused_rate));
    sample(out, "mktows_bridge_gate_refusals_total", "code=\"20024\"", std::to_string(g.refused_concurrency));
    // --redis: calls refused because the shared window's store could not say.
    if (sources.gate->shared())
      sample(out, "mktows_bridge_gate_refusals_total", "code=\"20011\"", std::to_string(g.refused_unknown));
  }
  if (sources.tokens) {
    header(out, "mktows_bridge_token_renewals_total", "counter", "OAuth tokens fetched from the identity service.");
    sample(out, "mktows_bridge_token_renewals_total", "", std::to_string(sources.tokens->fetches()));
  }
  if (sources.draining) {
    header(out, "mktows_bridge_draining", "gauge", "1 once a stop was asked for: in-flight calls finish, new ones are refused.");
    sample(out, "mktows_bridge_draining", "", sources.draining->load() ? "1" : "0");
  }
  return out;
}

}  // namespace mktows_bridge
