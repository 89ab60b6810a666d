// server.cpp: accept loop and worker pool over soap_copy'd contexts.
#include "server.hpp"

#include "mktowsH.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace mktows_sandbox {

namespace {

// Sockets accepted but not yet taken by a worker; an invalid socket tells a
// worker to exit.
class SocketQueue {
 public:
  void push(SOAP_SOCKET s) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(s);
    }
    ready_.notify_one();
  }
  SOAP_SOCKET pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !queue_.empty(); });
    SOAP_SOCKET s = queue_.front();
    queue_.pop_front();
    return s;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<SOAP_SOCKET> queue_;
};

// The connection a worker is serving, so a stopping server can end idle
// keep-alive reads without waiting for their timeout.
struct WorkerSlot {
  std::mutex mutex;
  SOAP_SOCKET socket = SOAP_INVALID_SOCKET;
};

}  // namespace

Server::Server(const ServerOptions &options, LeadService &leads, Limiter &limiter, const Authenticator &auth)
    : options_(options), auth_(auth) {
  context_.leads = &leads;
  context_.limiter = &limiter;
  context_.verbose = options.verbose;
}

Server::~Server() {
  if (master_) {
    soap_destroy(master_);
    soap_end(master_);
    soap_free(master_);
  }
}

std::string Server::endpoint() const { return context_.base_url + "/soap/mktows/2_2"; }

void Server::bind() {
  bool tls = !options_.cert_file.empty() || !options_.key_file.empty();
  if (tls && (options_.cert_file.empty() || options_.key_file.empty()))
    throw ServerError("--cert and --key go together");
  master_ = soap_new2(SOAP_IO_KEEPALIVE | SOAP_XML_STRICT, SOAP_IO_KEEPALIVE);
  if (!master_) throw ServerError("cannot create a gSOAP context");
  master_->bind_flags = SO_REUSEADDR;
  master_->recv_timeout = options_.recv_timeout;
  master_->send_timeout = options_.send_timeout;
  master_->transfer_timeout = options_.transfer_timeout;
  master_->accept_timeout = -200000;  // wake every 0.2 s to notice a stop
  master_->recv_maxlength = options_.max_body;
  master_->maxlevel = 64;             // deeper XML is hostile, not a lead
  master_->maxoccurs = 100000;
  master_->max_keep_alive = options_.max_keep_alive;
  if (tls) {
    soap_ssl_init();
    if (soap_ssl_server_context(master_, SOAP_SSL_NO_AUTHENTICATION, nullptr, nullptr, nullptr, nullptr, nullptr,
                                nullptr, nullptr))
      throw ServerError("cannot create the TLS context");
    SSL_CTX *ctx = master_->ctx;
    if (SSL_CTX_use_certificate_chain_file(ctx, options_.cert_file.c_str()) != 1)
      throw ServerError("cannot read the certificate " + options_.cert_file);
    if (SSL_CTX_use_PrivateKey_file(ctx, options_.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1)
      throw ServerError("cannot use the private key " + options_.key_file);
  }
  if (!soap_valid_socket(soap_bind(master_, "127.0.0.1", options_.port, 128)))
    throw ServerError("cannot listen on 127.0.0.1:" + std::to_string(options_.port));
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(master_->master, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
    throw ServerError("cannot read the listening port");
  port_ = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&addr)->sin6_port)
                                     : ntohs(reinterpret_cast<sockaddr_in *>(&addr)->sin_port);
  context_.base_url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

void Server::run(const std::atomic<bool> &stop) {
  bool tls = !options_.cert_file.empty();
  SocketQueue queue;
  int n = options_.threads > 0 ? options_.threads : 1;
  std::vector<std::unique_ptr<WorkerSlot>> slots;
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i) slots.emplace_back(new WorkerSlot);
  for (int i = 0; i < n; ++i) {
    struct soap *copy = soap_copy(master_);
    if (!copy) throw ServerError("cannot copy the gSOAP context");
    workers.emplace_back([this, copy, &queue, tls, slot = slots[i].get()] {
      {
        SoapHandler handler(copy, context_, auth_);
        while (true) {
          SOAP_SOCKET s = queue.pop();
          if (!soap_valid_socket(s)) break;
          {
            std::lock_guard<std::mutex> lock(slot->mutex);
            slot->socket = s;
          }
          copy->socket = s;
          copy->keep_alive = 0;
          if (!tls || soap_ssl_accept(copy) == SOAP_OK) handler.serve();
          {
            std::lock_guard<std::mutex> lock(slot->mutex);
            copy->keep_alive = 0;
            soap_closesock(copy);
            if (soap_valid_socket(copy->socket)) soap_force_closesock(copy);
            slot->socket = SOAP_INVALID_SOCKET;
          }
          soap_destroy(copy);
          soap_end(copy);
        }
      }
      soap_free(copy);
    });
  }
  while (!stop.load()) {
    SOAP_SOCKET s = soap_accept(master_);
    if (!soap_valid_socket(s)) continue;  // timeout or a failed accept
    master_->socket = SOAP_INVALID_SOCKET;  // the worker owns it now
    queue.push(s);
  }
  for (auto &slot : slots) {
    std::lock_guard<std::mutex> lock(slot->mutex);
    // Ends idle keep-alive reads; a response being written still goes out.
    if (soap_valid_socket(slot->socket)) ::shutdown(slot->socket, SHUT_RD);
  }
  for (int i = 0; i < n; ++i) queue.push(SOAP_INVALID_SOCKET);
  for (std::thread &t : workers) t.join();
  soap_closesock(master_);
}

}  // namespace mktows_sandbox
