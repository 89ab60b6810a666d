// connect_proxy.hpp: a minimal HTTP CONNECT proxy on 127.0.0.1, as an
// enterprise's outbound proxy is to an https endpoint: it reads the CONNECT
// request, opens the tunnel (to 127.0.0.1 only), answers 200 and then
// copies bytes both ways without looking at them. It records each CONNECT
// request line so a test can see the tunnel was asked for.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mktows_test {

class ConnectProxy {
 public:
  ConnectProxy() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) throw std::runtime_error("connect_proxy: socket failed");
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
      ::close(listener_);
      throw std::runtime_error("connect_proxy: bind/listen failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~ConnectProxy() {
    stop_ = true;
    thread_.join();
    for (std::thread &t : tunnels_) t.join();
    ::close(listener_);
  }
  ConnectProxy(const ConnectProxy &) = delete;
  ConnectProxy &operator=(const ConnectProxy &) = delete;

  int port() const { return port_; }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  static sockaddr_in loopback(int port) {
    sockaddr_in a;
    std::memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    return a;
  }

  // Waits for `fd` to be readable; false when stopping.
  bool readable(int fd) {
    pollfd p = {fd, POLLIN, 0};
    while (!stop_) {
      int r = ::poll(&p, 1, 20);
      if (r > 0) return true;
    }
    return false;
  }

  void accept_loop() {
    while (readable(listener_)) {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd >= 0) tunnels_.emplace_back([this, fd] { tunnel(fd); });
    }
  }

  void tunnel(int client) {
    std::string head;
    char buf[16384];
    while (head.find("\r\n\r\n") == std::string::npos) {
      if (!readable(client)) return finish(client, -1);
      ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) return finish(client, -1);
      head.append(buf, static_cast<std::size_t>(n));
    }
    std::string line = head.substr(0, head.find("\r\n"));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(line);
    }
    // "CONNECT 127.0.0.1:PORT HTTP/1.x": only loopback targets are opened.
    const std::string prefix = "CONNECT 127.0.0.1:";
    int server = -1;
    if (line.compare(0, prefix.size(), prefix) == 0) {
      server = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a = loopback(std::atoi(line.c_str() + prefix.size()));
      if (server >= 0 && ::connect(server, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(server);
        server = -1;
      }
    }
    const std::string reply = server >= 0 ? "HTTP/1.1 200 Connection established\r\n\r\n"
                                          : "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
    if (::send(client, reply.data(), reply.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(reply.size()) || server < 0)
      return finish(client, server);
    // Anything the client sent after its CONNECT head goes first.
    std::string rest = head.substr(head.find("\r\n\r\n") + 4);
    if (!rest.empty() && ::send(server, rest.data(), rest.size(), MSG_NOSIGNAL) < 0) return finish(client, server);
    pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    while (!stop_) {
      if (::poll(p, 2, 20) <= 0) continue;
      for (int i = 0; i < 2; ++i) {
        if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::recv(p[i].fd, buf, sizeof buf, 0);
        if (n <= 0 || ::send(p[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n)
          return finish(client, server);
      }
    }
    finish(client, server);
  }

  static void finish(int client, int server) {
    ::close(client);
    if (server >= 0) ::close(server);
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> tunnels_;  // touched by the accept thread, then by the destructor
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

}  // namespace mktows_test
