// bridge_metrics_unit_test: the metrics' rules that need no process: the
// endpoint label keeps the REST path's words and nothing a caller sent
// (ids, names, the query), label values are escaped, histograms count into
// the right bucket.
#define BOOST_TEST_MODULE bridge_metrics_unit_test
#include <boost/test/unit_test.hpp>

#include "health.hpp"
#include "metrics.hpp"

using mktows_bridge::Metrics;

BOOST_AUTO_TEST_CASE(endpoint_labels) {
  BOOST_TEST(Metrics::endpoint_label("https://123-ABC-456.mktorest.com/rest/v1/leads.json?filterType=email&filterValues=a%40b.com") ==
             "/rest/v1/leads.json");
  BOOST_TEST(Metrics::endpoint_label("http://127.0.0.1:9/rest/v1/lead/318.json?fields=email") == "/rest/v1/lead/{id}.json");
  BOOST_TEST(Metrics::endpoint_label("http://h/rest/v1/campaigns/1042/trigger.json") == "/rest/v1/campaigns/{id}/trigger.json");
  BOOST_TEST(Metrics::endpoint_label("http://h/bulk/v1/leads/batch/8ab3-77f2.json") == "/bulk/v1/leads/batch/{id}.json");
  BOOST_TEST(Metrics::endpoint_label("http://h/rest/v1/lists/who@example.com/x") == "/rest/v1/lists/{id}/x");
  BOOST_TEST(Metrics::endpoint_label("http://h/identity/oauth/token?grant_type=client_credentials&client_secret=S") ==
             "/identity/oauth/token");
  BOOST_TEST(Metrics::endpoint_label("http://h/a.b/c") == "/{id}/c");
  BOOST_TEST(Metrics::endpoint_label("http://h") == "/");
}

BOOST_AUTO_TEST_CASE(label_values_escaped) {
  BOOST_TEST(Metrics::escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}

BOOST_AUTO_TEST_CASE(histogram_buckets) {
  std::vector<double> bounds = {0.1, 1};
  mktows_bridge::Histogram h(&bounds);
  h.observe(0.1);  // le is inclusive
  h.observe(0.5);
  h.observe(7);
  std::string out;
  h.render("x", "op=\"a\"", out);
  BOOST_TEST(out ==
             "x_bucket{op=\"a\",le=\"0.1\"} 1\n"
             "x_bucket{op=\"a\",le=\"1\"} 2\n"
             "x_bucket{op=\"a\",le=\"+Inf\"} 3\n"
             "x_sum{op=\"a\"} 7.6\n"
             "x_count{op=\"a\"} 3\n", out);
}

BOOST_AUTO_TEST_CASE(health_routes_serve_their_three_paths_only) {
  mktows_bridge::Metrics metrics({});
  std::atomic<bool> draining{false};
  mktows_bridge::HealthRoutes routes(metrics, mktows_bridge::MetricsSources(), draining);
  for (const char *t : {"/healthz", "/readyz", "/metrics", "/metrics?x=1", "http://127.0.0.1:9/readyz"})
    BOOST_TEST(routes.serves(t), t);
  for (const char *t : {"/soap/mktows/2_2", "/healthzz", "/healthz/", "/metric", "", "healthz", "http://h", "/readyz#"})
    BOOST_TEST(!routes.serves(t), t);
  mktows_front::HttpRequest get;
  get.method = "GET";
  get.target = "/readyz";
  BOOST_TEST(routes.handle(get).status == 200);  // no checks: ready
  draining = true;
  BOOST_TEST(routes.handle(get).status == 503);
}
