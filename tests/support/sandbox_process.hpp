// sandbox_process.hpp: runs the real mktows-sandbox binary for a test.
//
//   mktows_test::SandboxProcess sandbox({"--threads", "2"}, {{"MKTOWS_USER_ID", "u"}});
//   call(sandbox.endpoint(), ...);          // http://127.0.0.1:<port>/soap/mktows/2_2
//
// The binary is the one named by MKTOWS_SANDBOX_BIN (define it with
// $<TARGET_FILE:mktows-sandbox>). It is started with "--port 0" before the
// extra arguments, so it picks a free port, and without MKTOWS_USER_ID /
// MKTOWS_ENCRYPTION_KEY unless the extra environment sets them, so the demo
// pair below is accepted by default. The constructor returns once the server
// has printed its "listening on <url>" line; it throws if the server exits or
// stays silent for 30 s. The server's stderr goes to the test's stderr, or
// to `stderr_file` when one is given (tests that inspect what it prints).
// `binary` runs another server that prints the same first line (the
// bridge, MKTOWS_BRIDGE_BIN) instead of the sandbox.
#pragma once

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char **environ;

namespace mktows_test {

// The sandbox's documented demo credentials (docs/SANDBOX.md).
static const char kDemoUserId[] = "bigcorp1_461839624B16E06BA2D663";
static const char kDemoEncryptionKey[] = "mktows-sandbox-demo-key";

class SandboxProcess {
 public:
  explicit SandboxProcess(const std::vector<std::string> &args = {},
                          const std::vector<std::pair<std::string, std::string>> &env = {},
                          const std::string &stderr_file = std::string(), const std::string &binary = std::string()) {
    start(args, env, stderr_file, binary);
  }
  ~SandboxProcess() {
    try {
      stop();
    } catch (...) {
    }
  }
  SandboxProcess(const SandboxProcess &) = delete;
  SandboxProcess &operator=(const SandboxProcess &) = delete;

  const std::string &endpoint() const { return endpoint_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // SIGTERM, then waits (SIGKILL after 20 s). Returns the wait status, or -1
  // when the process was already reaped.
  int stop() { return finish(SIGTERM); }
  // SIGKILL and wait: a crash, as far as the server can tell.
  int kill_hard() { return finish(SIGKILL); }

 private:
  void start(const std::vector<std::string> &args, const std::vector<std::pair<std::string, std::string>> &env,
             const std::string &stderr_file, const std::string &binary) {
    std::vector<std::string> argv_s = {binary.empty() ? std::string(MKTOWS_SANDBOX_BIN) : binary, "--port", "0"};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<std::string> env_s;
    auto overridden = [&](const std::string &entry) {
      std::string name = entry.substr(0, entry.find('='));
      if (name == "MKTOWS_USER_ID" || name == "MKTOWS_ENCRYPTION_KEY") return true;
      for (const auto &kv : env)
        if (kv.first == name) return true;
      return false;
    };
    for (char **e = environ; *e; ++e)
      if (!overridden(*e)) env_s.push_back(*e);
    for (const auto &kv : env) env_s.push_back(kv.first + "=" + kv.second);
    std::vector<char *> argv_p, env_p;
    for (std::string &s : argv_s) argv_p.push_back(&s[0]);
    argv_p.push_back(nullptr);
    for (std::string &s : env_s) env_p.push_back(&s[0]);
    env_p.push_back(nullptr);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("sandbox: pipe failed");
    const char *err_path = stderr_file.empty() ? nullptr : stderr_file.c_str();
    pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      throw std::runtime_error("sandbox: fork failed");
    }
    if (pid_ == 0) {
      // Only async-signal-safe calls between fork and exec. A test that
      // dies without running destructors must not leave a server behind.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(fds[1], 1);
      if (err_path) {
        int fd = ::open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) ::dup2(fd, 2);
      }
      ::execve(argv_p[0], argv_p.data(), env_p.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd p{fds[0], POLLIN, 0};
      int r = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
      if (r < 0 && errno == EINTR) continue;
      char buf[256];
      ssize_t n = r > 0 ? ::read(fds[0], buf, sizeof buf) : -1;
      if (n <= 0) {
        ::close(fds[0]);
        int status = kill_hard();
        throw std::runtime_error("sandbox: no 'listening on' line (wait status " + std::to_string(status) + ")");
      }
      line.append(buf, static_cast<std::size_t>(n));
    }
    // The server ignores SIGPIPE, so anything it prints later is dropped.
    ::close(fds[0]);
    line = line.substr(0, line.find('\n'));
    const std::string prefix = "listening on ";
    std::size_t colon = line.rfind(':');
    std::size_t slash = line.find('/', colon == std::string::npos ? 0 : colon);
    if (line.compare(0, prefix.size(), prefix) != 0 || colon == std::string::npos || slash == std::string::npos) {
      kill_hard();
      throw std::runtime_error("sandbox: unexpected first line: " + line);
    }
    endpoint_ = line.substr(prefix.size());
    port_ = std::stoi(line.substr(colon + 1, slash - colon - 1));
  }

  int finish(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (true) {
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_ || (r < 0 && errno != EINTR)) break;
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      ::usleep(5000);
    }
    pid_ = -1;
    return status;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string endpoint_;
};

}  // namespace mktows_test
