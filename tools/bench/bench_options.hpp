// bench_options.hpp: the command line of mktows-bench-client.
#ifndef MKTOWS_BENCH_OPTIONS_HPP
#define MKTOWS_BENCH_OPTIONS_HPP

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace bench {

struct Options {
  std::string impl = "generated";  // generated | direct | client
  std::string url;
  long calls = 1000;
  int connections = 1;
  int per_thread = 1;  // connections each thread keeps a request in flight on
  long rss_probe = 10000;  // RSS is sampled after this many calls of thread 0
  std::string hmac = "signer";  // oneshot | signer
  std::string auth = "hand";    // hand (the driver fills the header) | plugin (mktows::auth_plugin)
  long free_every = 1;
  std::string io = "length";  // length | store | chunk
  bool tree = false;
  // --impl direct only: keep the runtime's per-message resets (to measure
  // what skipping each of them gives).
  bool keep_begin = false;
  bool keep_end_recv = false;
  bool coalesce = false;   // one send() per request (our fsend hook buffers)
  bool skip_poll = false;  // no liveness poll of the kept-alive socket
  bool few_namespaces = false;  // declare only the namespaces the messages use
  int io_timeout = 30;  // seconds a send or receive may wait
  bool runtime_timeouts = false;  // --impl direct: gSOAP's timeouts, not socket options
  // Benchmark credentials; nginx ignores them, the sandbox is started with them.
  std::string user = "bench_user_0001";
  std::string key = "bench-encryption-key-not-secret";
};

inline const char *usage() {
  return "usage: mktows-bench-client --url URL [--calls N] [--connections K [--per-thread P]]\n"
         "       [--impl generated|direct|client]\n"
         "       [--hmac oneshot|signer] [--auth hand|plugin] [--free-every N] [--io length|store|chunk] [--tree]\n"
         "       [--keep-begin] [--keep-end-recv] [--coalesce] [--skip-poll]\n"
         "       [--few-namespaces] [--runtime-timeouts] [--io-timeout S] [--rss-probe N] [--user ID] [--key-env VAR]\n";
}

inline long parse_count(const std::string &name, const std::string &text, long min) {
  char *end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min) throw std::invalid_argument(name + ": bad number '" + text + "'");
  return v;
}

inline Options parse_options(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--url") o.url = value();
    else if (a == "--calls") o.calls = parse_count(a, value(), 1);
    else if (a == "--connections") o.connections = static_cast<int>(parse_count(a, value(), 1));
    else if (a == "--per-thread") o.per_thread = static_cast<int>(parse_count(a, value(), 1));
    else if (a == "--impl") o.impl = value();
    else if (a == "--hmac") o.hmac = value();
    else if (a == "--auth") o.auth = value();
    else if (a == "--free-every") o.free_every = parse_count(a, value(), 1);
    else if (a == "--io") o.io = value();
    else if (a == "--tree") o.tree = true;
    else if (a == "--keep-begin") o.keep_begin = true;
    else if (a == "--keep-end-recv") o.keep_end_recv = true;
    else if (a == "--coalesce") o.coalesce = true;
    else if (a == "--skip-poll") o.skip_poll = true;
    else if (a == "--few-namespaces") o.few_namespaces = true;
    else if (a == "--runtime-timeouts") o.runtime_timeouts = true;
    else if (a == "--io-timeout") o.io_timeout = static_cast<int>(parse_count(a, value(), 1));
    else if (a == "--rss-probe") o.rss_probe = parse_count(a, value(), 1);
    else if (a == "--user") o.user = value();
    else if (a == "--key-env") {
      // The key comes from the environment, never from argv (ps shows argv).
      std::string var = value();
      const char *k = std::getenv(var.c_str());
      if (!k) throw std::invalid_argument("--key-env: " + var + " is not set");
      o.key = k;
    } else throw std::invalid_argument("unknown option " + a);
  }
  if (o.url.empty()) throw std::invalid_argument("--url is required");
  if (o.connections > 64) throw std::invalid_argument("--connections: at most 64");
  if (o.connections % o.per_thread != 0)
    throw std::invalid_argument("--per-thread must divide --connections");
  if (o.per_thread > 1 && o.impl != "direct" && o.impl != "client")
    throw std::invalid_argument("--per-thread needs --impl direct or client");
  if (o.impl != "generated" && o.impl != "direct" && o.impl != "client")
    throw std::invalid_argument("--impl: generated, direct or client");
  if (o.hmac != "oneshot" && o.hmac != "signer") throw std::invalid_argument("--hmac: oneshot or signer");
  if (o.auth != "hand" && o.auth != "plugin") throw std::invalid_argument("--auth: hand or plugin");
  if (o.io != "length" && o.io != "store" && o.io != "chunk") throw std::invalid_argument("--io: length, store or chunk");
  return o;
}

}  // namespace bench

#endif
