// serving_config.hpp: what a mktows SOAP server is configured with, whatever
// carries its calls out: the SOAP users, the hosted service's optional call
// limits, and the serving bounds. The sandbox and the bridge each read these
// from their own configuration format.
#pragma once

#include <mktows/limits.hpp>

#include <string>

namespace mktows_front {

struct UserConfig {
  std::string user_id;
  std::string encryption_key;
};

// The documented demo pair (docs/SANDBOX.md), used when nothing names a
// user. Not a secret: it is printed in the docs.
constexpr char kDemoUserId[] = "bigcorp1_461839624B16E06BA2D663";
constexpr char kDemoEncryptionKey[] = "mktows-sandbox-demo-key";

// 0 disables a limit, and each is off unless configured; the window is the
// hosted service's (its limits: mktows/limits.hpp).
struct LimitsConfig {
  int calls_per_window = 0;
  int window_seconds = mktows::kRateWindowSeconds;
  int max_concurrent = 0;
  long daily_quota = 0;
};

// The serving bounds: what one connection and all of them together may
// take before the server refuses or closes (docs/SANDBOX.md, "Bounds").
// Command-line flags set them; this is their one home.
struct ServingLimits {
  unsigned long long max_header_bytes = 16ULL << 10;  // request line + headers, and chunk trailers: 431
  unsigned long long max_body_bytes = 8ULL << 20;     // a request body: 413
  int transfer_timeout = 120;  // seconds from a request's first byte to its last, then closed
  int idle_timeout = 30;       // seconds a connection may stay silent (between requests or bytes), then closed
  int send_timeout = 30;       // seconds a response may wait for its client to read it, then closed
  int max_connections = 4096;  // open connections; one more gets 503 and is closed
  unsigned long long max_buffered_bytes = 64ULL << 20;  // held for all connections; past it: 503 and close
  int max_keep_alive = 1000;   // requests per connection
};

}  // namespace mktows_front
