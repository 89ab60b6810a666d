// rest_http.hpp: HTTP calls to the REST side over libcurl. TLS is verified
// (libcurl's default, with an optional CA file); connections are kept alive
// and reused: the easy handles live in a pool shared by the workers, each
// keeping its connection cache. Every call has a connect and a total
// timeout. With verbose, each call is logged on stderr, with the bearer
// token, the client secret and any access_token redacted.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_bridge {

struct HttpOptions {
  std::string ca_file;           // empty: the system's trust store
  long connect_timeout_ms = 5000;
  long timeout_ms = 30000;       // the whole call
  bool verbose = false;
  // Told of every call when it ends (the metrics): its method, URL (with
  // its secrets: the observer keeps only the path's shape), HTTP status (0:
  // no answer) and duration.
  std::function<void(const std::string &method, const std::string &url, long status, double seconds)> observer;
};

struct HttpResult {
  long status = 0;     // 0: no HTTP response (see error)
  std::string body;
  std::string error;   // libcurl's reason when the call failed in transport
};

class RestHttp {
 public:
  explicit RestHttp(const HttpOptions &options);
  ~RestHttp();
  RestHttp(const RestHttp &) = delete;
  RestHttp &operator=(const RestHttp &) = delete;

  // `bearer` empty: no Authorization header. `content_type` empty: no body.
  HttpResult call(const std::string &method, const std::string &url, const std::string &bearer,
                  const std::string &content_type, const std::string &body);

  // Percent-encodes one query or form value.
  static std::string escape(const std::string &value);
  // The URL with the values of client_secret/access_token replaced.
  static std::string redact_url(const std::string &url);

 private:
  void *acquire();
  void release(void *handle);

  HttpOptions options_;
  std::mutex mutex_;
  std::vector<void *> idle_;  // CURL easy handles, each with its open connections
};

}  // namespace mktows_bridge
