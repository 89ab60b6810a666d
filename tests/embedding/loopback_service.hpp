// loopback_service.hpp: runs an application's own generated gSOAP service
// class on 127.0.0.1 for one connection, in a thread (tests/embedding/).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <thread>

namespace embedding {

template <class Service>
class LoopbackService {
 public:
  LoopbackService() {
    service_.soap->bind_flags = SO_REUSEADDR;
    service_.soap->accept_timeout = 10;  // every wait bounded
    service_.soap->recv_timeout = 10;
    service_.soap->send_timeout = 10;
    if (!soap_valid_socket(service_.bind("127.0.0.1", 0, 4))) return;
    sockaddr_in a;
    socklen_t n = sizeof a;
    if (getsockname(service_.soap->master, reinterpret_cast<sockaddr *>(&a), &n) != 0) return;
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      if (soap_valid_socket(service_.accept())) service_.serve();
    });
  }
  ~LoopbackService() {
    if (thread_.joinable()) thread_.join();
  }
  LoopbackService(const LoopbackService &) = delete;
  LoopbackService &operator=(const LoopbackService &) = delete;

  bool started() const { return port_ != 0; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_) + "/inventory"; }

 private:
  Service service_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace embedding
