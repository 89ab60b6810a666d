// tls_drip_server.hpp: an HTTPS server on 127.0.0.1 that reads each
// request whole (head and Content-Length body), counts it, and answers it
// `chunk` bytes at a time every `every`: a TLS peer for call-timeout tests
// (raw_http_server.hpp is its plain-HTTP counterpart). Connections are
// served one at a time on one thread; every socket wait is bounded.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

namespace mktows_test {

class TlsDripServer {
 public:
  TlsDripServer(const std::string &cert, const std::string &key, std::string reply, std::chrono::milliseconds every,
                std::size_t chunk = 1)
      : reply_(std::move(reply)), every_(every), chunk_(chunk), stop_(false), requests_(0) {
    // OpenSSL writes with write(): a client that gave up must not kill the test.
    std::signal(SIGPIPE, SIG_IGN);
    ctx_ = SSL_CTX_new(TLS_server_method());
    if (!ctx_ || SSL_CTX_use_certificate_file(ctx_, cert.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx_, key.c_str(), SSL_FILETYPE_PEM) != 1) {
      if (ctx_) SSL_CTX_free(ctx_);
      throw std::runtime_error("tls_drip_server: cannot load the certificate");
    }
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr;
    std::memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(listener_, 8) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
      if (listener_ >= 0) ::close(listener_);
      SSL_CTX_free(ctx_);
      throw std::runtime_error("tls_drip_server: bind/listen failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~TlsDripServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
    SSL_CTX_free(ctx_);
  }
  TlsDripServer(const TlsDripServer &) = delete;
  TlsDripServer &operator=(const TlsDripServer &) = delete;

  std::string endpoint() const { return "https://127.0.0.1:" + std::to_string(port_) + "/soap/mktows/2_2"; }
  std::size_t requests() const { return requests_.load(); }

 private:
  void run() {
    pollfd p;
    p.fd = listener_;
    p.events = POLLIN;
    while (!stop_) {
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      struct timeval tv = {5, 0};  // no wait of this server outlasts a test
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      SSL *ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1) serve(ssl);
      SSL_shutdown(ssl);
      SSL_free(ssl);
      ::close(fd);
    }
  }

  void serve(SSL *ssl) {
    std::string in;
    char buf[4096];
    for (;;) {  // one request: the head, then Content-Length bytes
      std::size_t end = in.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t at = in.find("Content-Length:");
        std::size_t length = at == std::string::npos ? 0 : std::strtoul(in.c_str() + at + 15, nullptr, 10);
        if (in.size() >= end + 4 + length) break;
      }
      int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0 || stop_) return;
      in.append(buf, static_cast<std::size_t>(n));
    }
    ++requests_;
    for (std::size_t sent = 0; sent < reply_.size() && !stop_;) {
      std::size_t n = reply_.size() - sent < chunk_ ? reply_.size() - sent : chunk_;
      if (SSL_write(ssl, reply_.data() + sent, static_cast<int>(n)) <= 0) return;  // the client gave up
      sent += n;
      std::chrono::steady_clock::time_point until = std::chrono::steady_clock::now() + every_;
      while (!stop_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::string reply_;
  std::chrono::milliseconds every_;
  std::size_t chunk_;
  std::atomic<bool> stop_;
  std::atomic<std::size_t> requests_;
  SSL_CTX *ctx_ = nullptr;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace mktows_test
