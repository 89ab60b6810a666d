// health.hpp: what the bridge answers on its own port besides SOAP, for
// the load balancer and the scraper (docs/BRIDGE.md, "Health and metrics"):
//   GET /healthz  200 "ok": the process serves (liveness; nothing else is asked)
//   GET /readyz   200 when every readiness check passes, else 503 naming each
//                 that failed and why; 503 "draining" at once after SIGTERM
//   GET /metrics  the Prometheus text exposition (metrics.hpp)
// A readiness check is a name and a function returning "" when it passes,
// else the reason (never a secret). The bridge adds "token" (an OAuth token
// is obtainable) and "rest" (the REST host accepts a connection, TLS
// included); a state store adds its own ("state") with add_check.
#pragma once

#include "http_routes.hpp"
#include "metrics.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_bridge {

class HealthRoutes : public mktows_front::HttpRoutes {
 public:
  using Check = std::function<std::string()>;

  // `draining` turns readiness false; `sources` feed /metrics.
  HealthRoutes(const Metrics &metrics, const MetricsSources &sources, const std::atomic<bool> &draining);

  // Before the server starts.
  void add_check(const std::string &name, Check check);

  bool serves(const std::string &target) const override;
  unsigned long long max_body() const override { return 1024; }  // none expected: a GET
  mktows_front::HttpResponse handle(const mktows_front::HttpRequest &request) override;

  // The checks' results are kept this long: a load balancer probing every
  // few hundred milliseconds costs one round of checks a second at most.
  static constexpr std::chrono::milliseconds kReadyCache{1000};

 private:
  mktows_front::HttpResponse ready();

  const Metrics &metrics_;
  MetricsSources sources_;
  const std::atomic<bool> &draining_;
  std::vector<std::pair<std::string, Check>> checks_;
  std::mutex mutex_;  // one round of checks at a time; guards the cache
  std::chrono::steady_clock::time_point checked_{};
  std::string failures_;  // the last round's, "" when all passed
  std::string report_;
};

}  // namespace mktows_bridge
