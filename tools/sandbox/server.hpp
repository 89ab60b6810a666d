// server.hpp: the listening socket, the readiness loop that holds idle
// keep-alive connections, and the worker pool that serves their requests.
#pragma once

#include "soap_handler.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

struct soap;

namespace mktows_sandbox {

class ServerError : public std::runtime_error {
 public:
  explicit ServerError(const std::string &what) : std::runtime_error(what) {}
};

struct ServerOptions {
  int port = 0;  // 0: any free port
  int threads = 0;  // 0: default_worker_threads()
  std::string cert_file;  // TLS when both are set
  std::string key_file;
  unsigned long long max_body = 8ULL << 20;
  int recv_timeout = 30;      // seconds a silent client may stay idle
  int send_timeout = 30;
  int transfer_timeout = 120; // seconds one whole message may take
  int max_keep_alive = 1000;  // requests per connection
  bool verbose = false;
};

// One worker per CPU, at least two (docs/SANDBOX.md says why).
int default_worker_threads();

class Server {
 public:
  // `wsdl` is served on ?WSDL; it must outlive the server.
  Server(const ServerOptions &options, LeadBackend &leads, Limiter &limiter, const Authenticator &auth,
         const WsdlDocument &wsdl);
  ~Server();
  Server(const Server &) = delete;
  Server &operator=(const Server &) = delete;

  // Serve the REST face on the same port (before bind()).
  void set_rest_face(RestFace *face) { context_.rest = face; }

  // Binds 127.0.0.1 and prepares TLS; throws ServerError.
  void bind();
  int port() const { return port_; }
  int threads() const;
  // http(s)://127.0.0.1:PORT/soap/mktows/2_2
  std::string endpoint() const;

  // Accepts and serves until `stop` becomes true, then closes idle
  // connections, lets the requests in progress finish and joins the workers.
  void run(const std::atomic<bool> &stop);

 private:
  class Loop;

  ServerOptions options_;
  Authenticator auth_;
  HandlerContext context_;
  struct soap *master_ = nullptr;
  int port_ = 0;
};

}  // namespace mktows_sandbox
