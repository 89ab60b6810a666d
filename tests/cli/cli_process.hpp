// cli_process.hpp: runs the `mktows` binary (MKTOWS_CLI_BIN, set by CMake to
// $<TARGET_FILE:mktows>) with an exact environment, capturing its output and
// exit status; or starts it in the background so a test can SIGKILL it.
#pragma once

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char **environ;

namespace mktows_test {

using Env = std::vector<std::pair<std::string, std::string>>;

struct CliResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string out, err;
};

// The caller's environment without any MKTOWS_* setting, plus `env`: each
// test states exactly which settings the command sees.
inline std::vector<std::string> cli_environment(const Env &env) {
  std::vector<std::string> out;
  for (char **e = environ; *e; ++e)
    if (std::strncmp(*e, "MKTOWS_", 7) != 0) out.push_back(*e);
  for (const auto &kv : env) out.push_back(kv.first + "=" + kv.second);
  return out;
}

class CliProcess {
 public:
  // Starts `mktows args...` with stdout and stderr sent to the given files.
  CliProcess(const std::vector<std::string> &args, const Env &env, const std::string &out_path,
             const std::string &err_path) {
    std::vector<std::string> argv_s = {MKTOWS_CLI_BIN};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<std::string> env_s = cli_environment(env);
    std::vector<char *> argv_p, env_p;
    for (std::string &s : argv_s) argv_p.push_back(&s[0]);
    argv_p.push_back(nullptr);
    for (std::string &s : env_s) env_p.push_back(&s[0]);
    env_p.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int rc = posix_spawn(&pid_, argv_p[0], &actions, nullptr, argv_p.data(), env_p.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error(std::string("cannot start mktows: ") + std::strerror(rc));
  }
  ~CliProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  CliProcess(const CliProcess &) = delete;
  CliProcess &operator=(const CliProcess &) = delete;

  pid_t pid() const { return pid_; }

  // True once the process has ended (reaped; its status kept).
  bool done() {
    if (pid_ <= 0) return true;
    pid_t r = ::waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) pid_ = -1;
    return pid_ <= 0;
  }

  // Waits; the exit code, or -1 when a signal ended it.
  int wait() {
    if (pid_ > 0) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }

  int kill_hard() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
    return wait();
  }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
};

inline std::string slurp(const std::string &path) {
  std::string s;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return s;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return s;
}

// Runs `mktows args...` to the end in `scratch_dir`'s files.
inline CliResult run_cli(const std::vector<std::string> &args, const Env &env, const std::string &scratch_dir) {
  std::string out = scratch_dir + "/cli.out", err = scratch_dir + "/cli.err";
  CliProcess p(args, env, out, err);
  CliResult r;
  r.exit_code = p.wait();
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace mktows_test
