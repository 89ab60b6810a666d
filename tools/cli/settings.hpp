// settings.hpp: where the connection settings come from, and the checks on the
// files that may hold the secret.
//
// Order, lowest first: a config file (--config FILE, else MKTOWS_CONFIG),
// then the environment (MKTOWS_ENDPOINT, MKTOWS_USER_ID,
// MKTOWS_ENCRYPTION_KEY, MKTOWS_WORKSPACE), then the command line
// (--endpoint, --user-id, --workspace, --secret-file, --attempts,
// --call-timeout, --no-rate-limit). The key itself is
// never a command-line value.
#pragma once

#include <stdexcept>
#include <string>

namespace mktows_cli {

class ParsedArgs;

// Missing settings, an unreadable file, or a file others may read.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Settings {
  std::string endpoint;
  std::string user_id;
  std::string encryption_key;  // never printed
  std::string workspace;       // empty: no context header
  std::string ca_file;
  std::string ca_dir;
  bool verify_tls = true;
  int connect_timeout_s = 20;
  int receive_timeout_s = 90;
  int call_timeout_s = 120;  // one attempt, first byte sent to last byte read; 0: none
  int max_attempts = 4;     // 1: no retries
  bool rate_limit = true;   // pace calls to the hosted service's 100 per 20 s, 10 at once
  std::string proxy_host;   // an HTTP proxy (HOST:PORT); empty: direct
  int proxy_port = 0;
};

// Builds the settings for a client command; throws ConfigError when the
// endpoint, user id or key is missing, or a file is refused.
Settings load_settings(const ParsedArgs &args);

}  // namespace mktows_cli
