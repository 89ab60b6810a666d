// health.cpp: the three routes.
#include "health.hpp"

namespace mktows_bridge {

using mktows_front::HttpRequest;
using mktows_front::HttpResponse;

constexpr std::chrono::milliseconds HealthRoutes::kReadyCache;

namespace {

std::string path_of(const std::string &target) {
  std::string path = target.substr(0, target.find('?'));
  // The absolute form: http://host:port/path.
  std::size_t scheme = path.find("://");
  if (scheme != std::string::npos) {
    std::size_t slash = path.find('/', scheme + 3);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  return path;
}

HttpResponse text(int status, const std::string &body, const std::string &type = "text/plain; charset=utf-8") {
  HttpResponse r;
  r.status = status;
  r.content_type = type;
  r.body = body;
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

HealthRoutes::HealthRoutes(const Metrics &metrics, const MetricsSources &sources, const std::atomic<bool> &draining)
    : metrics_(metrics), sources_(sources), draining_(draining) {}

void HealthRoutes::add_check(const std::string &name, Check check) { checks_.emplace_back(name, std::move(check)); }

// Asked of every request before the SOAP endpoint: no copy of the target.
bool HealthRoutes::serves(const std::string &target) const {
  std::size_t at = 0;
  if (target.empty() || target[0] != '/') {
    std::size_t scheme = target.find("://");
    if (scheme == std::string::npos) return false;
    at = target.find('/', scheme + 3);
    if (at == std::string::npos) return false;
  }
  std::size_t end = target.find('?', at);
  std::size_t n = (end == std::string::npos ? target.size() : end) - at;
  for (const char *p : {"/healthz", "/readyz", "/metrics"})
    if (target.compare(at, n, p) == 0) return true;
  return false;
}

HttpResponse HealthRoutes::handle(const HttpRequest &request) {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse r = HttpResponse::empty(405);
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  std::string p = path_of(request.target);
  if (p == "/healthz") return text(200, "ok\n");
  if (p == "/readyz") return ready();
  return text(200, metrics_.render(sources_), "text/plain; version=0.0.4; charset=utf-8");
}

HttpResponse HealthRoutes::ready() {
  if (draining_.load()) return text(503, "not ready: draining\n");
  std::lock_guard<std::mutex> lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (checked_ == std::chrono::steady_clock::time_point{} || now - checked_ >= kReadyCache) {
    failures_.clear();
    report_.clear();
    for (const auto &c : checks_) {
      std::string why;
      try {
        why = c.second();
      } catch (const std::exception &e) {
        why = e.what();
      }
      if (why.empty()) {
        report_ += c.first + ": ok\n";
      } else {
        report_ += c.first + ": failed: " + why + "\n";
        failures_ += failures_.empty() ? c.first : ", " + c.first;
      }
    }
    checked_ = std::chrono::steady_clock::now();
  }
  if (draining_.load()) return text(503, "not ready: draining\n");
  if (!failures_.empty()) return text(503, "not ready: " + failures_ + "\n" + report_);
  return text(200, "ready\n" + report_);
}

}  // namespace mktows_bridge
