// run_process.hpp: runs an external program for a test, with a deadline.
//
//   ProcessResult r = mktows_test::run_process({"/usr/bin/python3", "x.py"}, 60, {{"KEY", "v"}});
//   BOOST_TEST(r.exit_code == 0);   // r.output: its stdout and stderr, interleaved
//
// The program gets the test's environment plus `env` (which overrides),
// stdin from /dev/null and `cwd` as its folder when given. It runs in its
// own process group; when `timeout_seconds` pass, the whole group gets
// SIGKILL (a wrapper script's children too) and timed_out is set. A test
// that dies leaves nothing behind: the child is killed with its parent.
#pragma once

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char **environ;

namespace mktows_test {

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal, or could not be started (127)
  bool timed_out = false;
  std::string output;
};

inline ProcessResult run_process(const std::vector<std::string> &args, int timeout_seconds,
                                 const std::vector<std::pair<std::string, std::string>> &env = {},
                                 const std::string &cwd = std::string()) {
  if (args.empty()) throw std::invalid_argument("run_process: no program");
  std::vector<std::string> argv_s = args, env_s;
  for (char **e = environ; *e; ++e) {
    std::string entry = *e, name = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto &kv : env) overridden = overridden || kv.first == name;
    if (!overridden) env_s.push_back(entry);
  }
  for (const auto &kv : env) env_s.push_back(kv.first + "=" + kv.second);
  std::vector<char *> argv_p, env_p;
  for (std::string &s : argv_s) argv_p.push_back(&s[0]);
  argv_p.push_back(nullptr);
  for (std::string &s : env_s) env_p.push_back(&s[0]);
  env_p.push_back(nullptr);
  const char *dir = cwd.empty() ? nullptr : cwd.c_str();

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("run_process: pipe failed");
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("run_process: fork failed");
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, 0);
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    if (dir && ::chdir(dir) != 0) ::_exit(127);
    ::execve(argv_p[0], argv_p.data(), env_p.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here: no race with the kill below
  ::close(fds[1]);
  ProcessResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;  // the deadline is checked above
    char buf[8192];
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // every writer has closed its end
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (result.timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  // The output has ended; a program that still has not exited within
  // the time left (plus a grace second) is killed too.
  auto exit_deadline = std::max(deadline, std::chrono::steady_clock::now()) + std::chrono::seconds(1);
  while (true) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid || (w < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > exit_deadline) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    ::usleep(2000);
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace mktows_test
