// child_process.hpp: the one way a test runs another program.
//
//   ChildProcess p({"/path/prog", "arg"}, {{"MKTOWS_USER_ID", "u"}}, Output::pipe(), Output::file(err));
//   std::string line;
//   p.read_line(std::chrono::seconds(30), line);   // its first line of stdout
//   int status = p.stop(SIGTERM, std::chrono::seconds(20));
//
//   ProcessResult r = run_process({"/usr/bin/php", "x.php"}, 60, {{"KEY", "v"}});
//   BOOST_TEST(r.exit_code == 0);  // r.output: its stdout and stderr, interleaved
//
// Environment, one rule for every program a test starts: the test's own
// environment without any MKTOWS_* variable, plus exactly `env`. Each test
// states which settings a program sees; a developer's MKTOWS_ENDPOINT or
// key in the shell that runs ctest never reaches it.
//
// Every child gets stdin from /dev/null, runs in its own process group and
// dies with the test (PR_SET_PDEATHSIG), so a test that crashes leaves
// nothing behind. Every wait has a bound: when it passes, the whole group
// gets SIGKILL (a wrapper script's children too).
#pragma once

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
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

using Env = std::vector<std::pair<std::string, std::string>>;

// The environment rule above, as execve's strings.
inline std::vector<std::string> child_environment(const Env &env) {
  std::vector<std::string> out;
  for (char **e = environ; *e; ++e)
    if (std::strncmp(*e, "MKTOWS_", 7) != 0) out.push_back(*e);
  for (const auto &kv : env) out.push_back(kv.first + "=" + kv.second);
  return out;
}

// Where a child's stdout or stderr goes.
struct Output {
  enum Kind { kInherit, kFile, kPipe, kAsStdout };
  Kind kind = kInherit;
  std::string path;
  static Output inherit() { return Output(); }
  static Output file(const std::string &path) {  // truncated, mode 0600
    Output o;
    o.kind = kFile;
    o.path = path;
    return o;
  }
  static Output pipe() {  // read by the test: read_line, read_to_end
    Output o;
    o.kind = kPipe;
    return o;
  }
  static Output as_stdout() {  // stderr only: into the same place as stdout
    Output o;
    o.kind = kAsStdout;
    return o;
  }
};

class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string> &argv, const Env &env, Output out = Output::inherit(),
               Output err = Output::inherit(), const std::string &cwd = std::string()) {
    if (argv.empty()) throw std::invalid_argument("child_process: no program");
    if (out.kind == Output::kAsStdout || (err.kind == Output::kPipe))
      throw std::invalid_argument("child_process: only stdout is read through a pipe");
    std::vector<std::string> argv_s = argv, env_s = child_environment(env);
    std::vector<char *> argv_p, env_p;
    for (std::string &s : argv_s) argv_p.push_back(&s[0]);
    argv_p.push_back(nullptr);
    for (std::string &s : env_s) env_p.push_back(&s[0]);
    env_p.push_back(nullptr);
    const char *dir = cwd.empty() ? nullptr : cwd.c_str();
    const bool err_as_out = err.kind == Output::kAsStdout;

    // Files are opened (and truncated) here, before the child exists: a
    // test that reads one right after the start never sees what an earlier
    // program left in it.
    int fds[2] = {-1, -1}, out_fd = -1, err_fd = -1;
    auto close_all = [&] {
      for (int fd : {fds[0], fds[1], out_fd, err_fd})
        if (fd >= 0) ::close(fd);
    };
    auto open_file = [&](const std::string &path) {
      int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0600);
      if (fd < 0) {
        close_all();
        throw std::runtime_error("child_process: cannot open " + path + ": " + std::strerror(errno));
      }
      return fd;
    };
    if (out.kind == Output::kFile) out_fd = open_file(out.path);
    if (err.kind == Output::kFile) err_fd = open_file(err.path);
    if (out.kind == Output::kPipe && ::pipe2(fds, O_CLOEXEC) != 0) {
      close_all();
      throw std::runtime_error("child_process: pipe failed");
    }
    pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
      close_all();
      throw std::runtime_error("child_process: fork failed");
    }
    if (pid_ == 0) {
      // Only async-signal-safe calls between fork and exec.
      ::setpgid(0, 0);
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      int null_fd = ::open("/dev/null", O_RDONLY);
      if (null_fd >= 0) ::dup2(null_fd, 0);
      if (fds[1] >= 0) ::dup2(fds[1], 1);
      if (out_fd >= 0) ::dup2(out_fd, 1);
      if (err_fd >= 0) ::dup2(err_fd, 2);
      if (err_as_out) ::dup2(1, 2);
      if (dir && ::chdir(dir) != 0) ::_exit(127);
      ::execve(argv_p[0], argv_p.data(), env_p.data());
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // also here: no race with a kill of the group
    for (int fd : {fds[1], out_fd, err_fd})
      if (fd >= 0) ::close(fd);
    out_fd_ = fds[0];
  }
  ~ChildProcess() {
    close_output();
    if (pid_ > 0) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // One line of stdout (Output::pipe()), without its '\n'; false when the
  // output ends or `limit` passes first.
  bool read_line(std::chrono::milliseconds limit, std::string &line) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t nl;
    while ((nl = pending_.find('\n')) == std::string::npos)
      if (!read_some(deadline)) return false;
    line = pending_.substr(0, nl);
    pending_.erase(0, nl + 1);
    return true;
  }

  // Everything left on stdout until it ends; `timed_out` when `limit` passed first.
  std::string read_to_end(std::chrono::milliseconds limit, bool &timed_out) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    timed_out = false;
    while (out_fd_ >= 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        break;
      }
      read_some(deadline);
    }
    std::string all;
    all.swap(pending_);
    return all;
  }

  // Stops reading stdout. A program that writes more gets EPIPE/SIGPIPE
  // (the servers ignore SIGPIPE).
  void close_output() {
    if (out_fd_ >= 0) ::close(out_fd_);
    out_fd_ = -1;
  }

  // True once the program has ended (reaped, its status kept).
  bool done() {
    if (pid_ <= 0) return true;
    pid_t r = ::waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) reaped_ = true;
    if (r == pid_ || (r < 0 && errno == ECHILD)) pid_ = -1;
    return pid_ <= 0;
  }

  // Waits for the end, at most `limit`; then the group gets SIGKILL and
  // timed_out() is set. The wait status (see exit_code); -1 when it was
  // already reaped before.
  int wait(std::chrono::milliseconds limit) {
    if (pid_ <= 0) return reaped_ ? status_ : -1;
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) {
        timed_out_ = true;
        ::kill(-pid_, SIGKILL);
        while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        break;
      }
      ::usleep(2000);
    }
    reaped_ = true;
    return status_;
  }

  // `sig` to the program, then wait() with `grace` as the bound.
  int stop(int sig, std::chrono::milliseconds grace) {
    if (pid_ <= 0) return reaped_ ? status_ : -1;
    ::kill(pid_, sig);
    return wait(grace);
  }
  // SIGKILL to the whole group and wait: a crash, as far as the program's
  // peers can tell.
  int kill_hard() {
    if (pid_ > 0) ::kill(-pid_, SIGKILL);
    return stop(SIGKILL, std::chrono::seconds(20));
  }

  bool timed_out() const { return timed_out_; }

  // A wait status as an exit code; -1 when a signal ended the program.
  static int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

 private:
  // Reads what stdout has (waiting until `deadline`); false at its end or the deadline.
  bool read_some(std::chrono::steady_clock::time_point deadline) {
    if (out_fd_ < 0) return false;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{out_fd_, POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      char buf[8192];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {  // every writer has closed its end
        close_output();
        return false;
      }
      pending_.append(buf, static_cast<std::size_t>(n));
      return true;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  bool timed_out_ = false;
  std::string pending_;
};

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal; 127: could not be started
  bool timed_out = false;
  std::string output;  // stdout and stderr, interleaved
};

// Runs a program to its end, `timeout_seconds` at most, in `cwd` when given.
inline ProcessResult run_process(const std::vector<std::string> &argv, int timeout_seconds, const Env &env = {},
                                 const std::string &cwd = std::string()) {
  auto limit = std::chrono::milliseconds(std::chrono::seconds(timeout_seconds));
  auto start = std::chrono::steady_clock::now();
  ChildProcess p(argv, env, Output::pipe(), Output::as_stdout(), cwd);
  ProcessResult r;
  r.output = p.read_to_end(limit, r.timed_out);
  if (r.timed_out) p.kill_hard();
  // The output has ended; a program that has not exited within the time
  // left (plus a grace second) is killed too.
  auto left = std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(
                                                         start + limit - std::chrono::steady_clock::now()));
  int status = p.wait(left + std::chrono::seconds(1));
  r.timed_out = r.timed_out || p.timed_out();
  r.exit_code = ChildProcess::exit_code(status);
  return r;
}

}  // namespace mktows_test
