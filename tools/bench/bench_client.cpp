// mktows-bench-client: makes N syncLead calls (the seed's request, a fresh
// signed AuthenticationHeader on every call) against one endpoint and prints
// what tools/bench/run tabulates: calls/s, errors, RSS.
//
// The knobs exist so the benchmark can measure each tuning step of the raw
// generated proxy on its own (see docs/BENCHMARKS.md):
//   --impl generated   the generated MktowsApiSoapBindingProxy::syncLead
//   --impl direct      the same messages, sent and read by a hand-written
//                      sequence of the generated serializers (tuned_call.hpp)
//   --impl client      mktows::Client, when the project has one
//   --hmac oneshot|signer   HMAC() + sprintf per call, or mktows::Signer
//   --free-every N     free deserialised data every N calls (1 = every call)
//   --io length|store|chunk   how gSOAP frames the HTTP body
//   --tree             SOAP_XML_TREE (no id/href bookkeeping)
//   --connections K    K threads, each with its own context and connection
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

int main(int argc, char **argv) {
  bench::Options opt;
  try {
    opt = bench::parse_options(argc, argv);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows-bench-client: %s\n%s", e.what(), bench::usage());
    return 2;
  }

  std::atomic<long> errors{0};
  long rss_probe_kb = -1;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  std::vector<long> done(static_cast<std::size_t>(opt.connections), 0);
  for (int t = 0; t < opt.connections; ++t) {
    long share = opt.calls / opt.connections + (t < opt.calls % opt.connections ? 1 : 0);
    auto body = [&, t, share] {
      try {
        auto caller = bench::make_caller(opt);
        for (long i = 0; i < share; ++i) {
          if (!caller->call()) {
            if (++errors <= 3) std::fprintf(stderr, "call %ld failed: %s\n", i, caller->last_error().c_str());
          }
          // Thread 0 records the RSS at the probe count (the memory check
          // compares it with the RSS at the end of the run).
          if (t == 0 && i + 1 == opt.rss_probe) rss_probe_kb = bench::rss_kb();
        }
        done[static_cast<std::size_t>(t)] = share;
      } catch (const std::exception &e) {
        std::fprintf(stderr, "mktows-bench-client: %s\n", e.what());
        errors += share;
      }
    };
    if (opt.connections == 1)
      body();
    else
      threads.emplace_back(body);
  }
  for (auto &th : threads) th.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long calls = 0;
  for (long d : done) calls += d;
  std::printf("calls=%ld errors=%ld seconds=%.6f calls_per_s=%.1f rss_kb_probe=%ld rss_kb_end=%ld\n", calls,
              errors.load(), seconds, seconds > 0 ? static_cast<double>(calls) / seconds : 0.0, rss_probe_kb,
              bench::rss_kb());
  return errors.load() == 0 && calls == opt.calls ? 0 : 1;
}
