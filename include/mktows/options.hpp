// options.hpp: how a Client connects and behaves. Defaults follow the
// seed's samples (20 s to connect, 90 s to read) and the service's limits.
#ifndef MKTOWS_OPTIONS_HPP
#define MKTOWS_OPTIONS_HPP

#include "mktows/limiter_options.hpp"
#include "mktows/retry.hpp"
#include "mktows/secret.hpp"
#include "mktows/timing.hpp"
#include "mktows/trace.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace mktows {

struct ClientOptions {
  std::string endpoint;        // e.g. https://123-ABC-456.mktoapi.com/soap/mktows/2_2
  std::string user_id;         // mktowsUserId
  Secret encryption_key;       // wipes itself; never printed; a null C string sets it empty
  std::string workspace;       // default target workspace; empty: no context header

  std::chrono::milliseconds connect_timeout = std::chrono::milliseconds(20000);
  std::chrono::milliseconds send_timeout = std::chrono::milliseconds(90000);
  std::chrono::milliseconds receive_timeout = std::chrono::milliseconds(90000);
  // The bound on one attempt, from its first byte sent to the last byte of
  // its answer read, however slowly the bytes come (the timeouts above bound
  // each read and write only); 0: none. CallOptions::call_timeout overrides it.
  std::chrono::milliseconds call_timeout = std::chrono::milliseconds(120000);

  bool verify_tls = true;  // verify the server's certificate and host name
  std::string ca_file;     // PEM bundle; empty with ca_dir empty: OpenSSL's default store
  std::string ca_dir;      // hashed certificate directory

  std::string proxy_host;  // HTTP proxy; empty: direct
  int proxy_port = 0;

  bool keep_alive = true;
  std::size_t max_response_bytes = 16u << 20;  // larger answers fail as protocol errors; 0: no limit

  RetryPolicy retry;
  LimiterOptions limiter;
  TraceHook trace;  // empty: no tracing (and no tracing cost)

  // Deserialised answers are freed every this many calls (1: after each
  // call). Freeing in batches is cheaper; memory grows by at most this many
  // answers.
  unsigned free_every = 64;

  // Injectable time, for tests: the signing clock, the steady clock of the
  // limiter and the retry budget, the sleep between retries, and the
  // source of jitter. Empty: the real ones.
  WallClock wall_clock;
  SteadyClock steady_clock;
  SleepFunction sleep;
  std::function<double()> random;  // [0, 1)

  // Copy, move and destruction are the defaults: every member is copied
  // or moved, and the key wipes itself (Secret).
};

// Prints the options for a log; the key is shown only as set or not.
inline std::ostream &operator<<(std::ostream &os, const ClientOptions &o) {
  os << "endpoint=" << o.endpoint << " user_id=" << o.user_id
     << " encryption_key=" << (o.encryption_key.empty() ? "(empty)" : kRedacted)
     << " workspace=" << (o.workspace.empty() ? "(none)" : o.workspace)
     << " connect_timeout_ms=" << o.connect_timeout.count() << " send_timeout_ms=" << o.send_timeout.count()
     << " receive_timeout_ms=" << o.receive_timeout.count() << " call_timeout_ms=" << o.call_timeout.count()
     << " verify_tls=" << (o.verify_tls ? "yes" : "no");
  if (!o.ca_file.empty()) os << " ca_file=" << o.ca_file;
  if (!o.ca_dir.empty()) os << " ca_dir=" << o.ca_dir;
  if (!o.proxy_host.empty()) os << " proxy=" << o.proxy_host << ':' << o.proxy_port;
  os << " keep_alive=" << (o.keep_alive ? "yes" : "no") << " max_response_bytes=" << o.max_response_bytes
     << " max_attempts=" << o.retry.max_attempts << " limiter=";
  if (o.limiter.enabled)
    os << o.limiter.calls_per_window << '/' << o.limiter.window.count() << "ms," << o.limiter.max_concurrent
       << "concurrent";
  else
    os << "off";
  return os;
}

}  // namespace mktows

#endif  // MKTOWS_OPTIONS_HPP
