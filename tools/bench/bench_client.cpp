// mktows-bench-client: makes N syncLead calls (the seed's request, a fresh
// signed AuthenticationHeader on every call) against one endpoint and prints
// what tools/bench/run tabulates: calls/s, errors, RSS.
//
// The knobs exist so the benchmark can measure each tuning step of the raw
// generated proxy on its own (see docs/BENCHMARKS.md):
//   --impl generated   the generated MktowsApiSoapBindingProxy::syncLead
//   --impl direct      the same messages, sent and read by a hand-written
//                      sequence of the generated serializers (direct_caller.cpp)
//   --impl client      mktows::Client, when the project has one
//   --hmac oneshot|signer   HMAC() + sprintf per call, or mktows::Signer
//   --auth plugin      the header written by mktows::auth_plugin
//   --free-every N     free deserialised data every N calls (1 = every call)
//   --io length|store|chunk   how gSOAP frames the HTTP body
//   --connections K    K connections, each with its own context
//   --per-thread P     P of them per thread, each thread sending P requests
//                      before reading the P answers (K/P threads); with
//                      --impl client, ClientPool::sync_each of P leads
#include "bench_options.hpp"
#include "rss.hpp"
#include "sync_lead_call.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>
#include <vector>

namespace {

// One thread's share: `calls` calls over its callers, one request in flight
// on each. Returns the calls made.
// The probing thread samples the RSS when it passes --rss-probe calls and
// again after its last call, while its callers still exist (destroying a
// context can itself touch memory: it is not part of the calls' footprint).
long drive(const bench::Options &opt, long calls, bool probe, std::atomic<long> &errors, long &rss_probe_kb,
           long &rss_end_kb) {
  std::vector<std::unique_ptr<bench::Caller>> callers;
  callers.push_back(bench::make_caller(opt));
  const long many = callers[0]->batch_capacity();  // > 1: one caller keeps them in flight itself
  if (many == 1)
    for (int i = 1; i < opt.per_thread; ++i) callers.push_back(bench::make_caller(opt));
  auto failed = [&](bench::Caller &c, long i) {
    if (++errors <= 3) std::fprintf(stderr, "call %ld failed: %s\n", i, c.last_error().c_str());
  };
  long made = 0;
  while (made < calls && many > 1) {
    long n = many < calls - made ? many : calls - made;
    long failures = callers[0]->call_batch(n);
    if (failures > 0 && (errors += failures) <= 3)
      std::fprintf(stderr, "calls %ld-%ld: %ld failed: %s\n", made, made + n - 1, failures,
                   callers[0]->last_error().c_str());
    long before = made;
    made += n;
    if (probe && before < opt.rss_probe && made >= opt.rss_probe) rss_probe_kb = bench::rss_kb();
  }
  while (made < calls) {
    std::size_t batch = callers.size();
    if (static_cast<long>(batch) > calls - made) batch = static_cast<std::size_t>(calls - made);
    if (batch == 1) {
      if (!callers[0]->call()) failed(*callers[0], made);
    } else {
      std::vector<char> sent(batch);
      for (std::size_t c = 0; c < batch; ++c)
        if (!(sent[c] = callers[c]->start())) failed(*callers[c], made + static_cast<long>(c));
      for (std::size_t c = 0; c < batch; ++c)
        if (sent[c] && !callers[c]->finish()) failed(*callers[c], made + static_cast<long>(c));
    }
    long before = made;
    made += static_cast<long>(batch);
    // The first thread samples the RSS when it passes the probe count (the
    // memory check compares it with the RSS at the end of the run).
    if (probe && before < opt.rss_probe && made >= opt.rss_probe) rss_probe_kb = bench::rss_kb();
  }
  if (probe) rss_end_kb = bench::rss_kb();
  return made;
}

}  // namespace

int main(int argc, char **argv) {
  bench::Options opt;
  try {
    opt = bench::parse_options(argc, argv);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows-bench-client: %s\n%s", e.what(), bench::usage());
    return 2;
  }

  const int threads = opt.connections / opt.per_thread;
  std::atomic<long> errors{0};
  long rss_probe_kb = -1, rss_end_kb = -1;
  // The first reading faults in the code that reads (fopen, scanf): take
  // it now, so the probe and the end readings see the same pages of it.
  (void)bench::rss_kb();
  std::vector<long> done(static_cast<std::size_t>(threads), 0);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    long share = opt.calls / threads + (t < opt.calls % threads ? 1 : 0);
    auto body = [&, t, share] {
      try {
        done[static_cast<std::size_t>(t)] = drive(opt, share, t == 0, errors, rss_probe_kb, rss_end_kb);
      } catch (const std::exception &e) {
        std::fprintf(stderr, "mktows-bench-client: %s\n", e.what());
        errors += share;
      }
    };
    if (threads == 1)
      body();
    else
      pool.emplace_back(body);
  }
  for (auto &th : pool) th.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long calls = 0;
  for (long d : done) calls += d;
  std::printf("calls=%ld errors=%ld seconds=%.6f calls_per_s=%.1f rss_kb_probe=%ld rss_kb_end=%ld\n", calls,
              errors.load(), seconds, seconds > 0 ? static_cast<double>(calls) / seconds : 0.0, rss_probe_kb,
              rss_end_kb >= 0 ? rss_end_kb : bench::rss_kb());
  return errors.load() == 0 && calls == opt.calls ? 0 : 1;
}
