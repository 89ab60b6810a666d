// redis_process.hpp: a redis-server of the tests' own, on a free loopback
// port with a temporary directory and no persistence (no RDB, no AOF), so
// a restart forgets everything, as a production Redis without persistence
// would. Stopped (SIGKILL) with the test; restart() keeps the port.
#pragma once

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bridge_test {

class RedisProcess {
 public:
  // `extra`: more redis-server options (e.g. --requirepass).
  explicit RedisProcess(const std::string &binary, const std::vector<std::string> &extra = {})
      : binary_(binary), extra_(extra), port_(free_port()) {
    start();
  }
  ~RedisProcess() { stop(); }

  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return dir_.path() + "/redis" + std::to_string(starts_) + ".log"; }

  void stop() {
    if (process_) process_->kill_hard();
    process_.reset();
  }
  void restart() {
    stop();
    start();
  }

  // True when a TCP connection to the port is accepted.
  bool accepting() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }

 private:
  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &n) != 0) {
      ::close(fd);
      throw std::runtime_error("redis: no free loopback port");
    }
    int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
  }

  void start() {
    ++starts_;
    std::vector<std::string> argv = {binary_, "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "",
                                     "--appendonly", "no", "--dir", dir_.path(), "--daemonize", "no"};
    argv.insert(argv.end(), extra_.begin(), extra_.end());
    process_.reset(new mktows_test::ChildProcess(
        argv, {}, mktows_test::Output::file(log()), mktows_test::Output::as_stdout()));
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepting()) {
      if (std::chrono::steady_clock::now() > give_up)
        throw std::runtime_error("redis-server did not accept connections within 10 s (" + log() + ")");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  std::string binary_;
  std::vector<std::string> extra_;
  int port_;
  mktows_test::TempDir dir_;
  int starts_ = 0;
  std::unique_ptr<mktows_test::ChildProcess> process_;
};

}  // namespace bridge_test
