// server.hpp: the listening socket, the readiness loop every connection
// lives in while its bytes come and go, and the workers that serve the
// requests it has collected whole.
#pragma once

#include "server_log.hpp"
#include "serving_config.hpp"
#include "soap_handler.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;

namespace mktows_front {

class ServerError : public std::runtime_error {
 public:
  explicit ServerError(const std::string &what) : std::runtime_error(what) {}
};

struct ServerOptions {
  std::string program = "mktows-server";  // begins every log line (parse_server_args sets it)
  int port = 0;  // 0: any free port
  int threads = 0;  // 0: default_worker_threads()
  std::string cert_file;  // TLS when both are set
  std::string key_file;
  ServingLimits limits;
  bool verbose = false;
  LogFormat log_format = LogFormat::text;  // --log-format (server_log.hpp)
  // --drain-timeout: after the stop, how long the calls in flight may take
  // to finish (run() says how). -1: the program's default (the sandbox's:
  // none, the old immediate stop; the bridge's: 30 s).
  int drain_seconds = -1;
};

// One worker per CPU, at least two (docs/SANDBOX.md says why).
int default_worker_threads();

class Server {
 public:
  // `wsdl` is served on ?WSDL; it and the backends must outlive the server.
  Server(const ServerOptions &options, const Backends &backends, Limiter &limiter, const Authenticator &auth,
         const WsdlDocument &wsdl);
  ~Server();
  Server(const Server &) = delete;
  Server &operator=(const Server &) = delete;

  // Serve `routes` on the same port, before the SOAP endpoint (before bind()).
  void set_routes(HttpRoutes *routes) { context_.routes = routes; }
  // Told of every SOAP call when it ends (before bind()).
  void set_observer(CallObserver *observer) { context_.observer = observer; }

  // Binds 127.0.0.1, raises the descriptor limit for max_connections and
  // prepares TLS; throws ServerError.
  void bind();
  int port() const { return port_; }
  int threads() const;
  const ServingLimits &limits() const { return options_.limits; }
  // http(s)://127.0.0.1:PORT/soap/mktows/2_2
  std::string endpoint() const;

  // Accepts and serves until `stop` becomes true. Then, with a drain
  // (drain_seconds > 0): idle connections are closed, requests already
  // begun are served and answered with "Connection: close", new
  // connections are answered 503 with "Connection: close", until no
  // connection but those 503s is left or the drain's time is up. Then (or
  // at once without a drain) the requests being served finish, every
  // connection is closed and the workers are joined.
  void run(const std::atomic<bool> &stop);

 private:
  class Loop;

  ServerOptions options_;
  Authenticator auth_;
  HandlerContext context_;
  int listen_fd_ = -1;
  SSL_CTX *tls_ = nullptr;
  int port_ = 0;
};

}  // namespace mktows_front
