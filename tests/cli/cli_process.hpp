// cli_process.hpp: this build's `mktows` binary (support/test_paths.hpp) run through child_process.hpp: to its end with its
// output captured (run_cli), or in the background so a test can SIGKILL it
// (CliProcess). The environment is child_process.hpp's rule: no MKTOWS_*
// of the test's own, exactly the settings the test passes.
#pragma once

#include "support/child_process.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace mktows_test {

struct CliResult {
  int exit_code = -1;  // -1: killed by a signal, or still running after kCliLimit
  std::string out, err;
};

// The longest one command of a test may run; ctest's TIMEOUT is longer.
constexpr std::chrono::seconds kCliLimit{240};

// `mktows args...` with stdout and stderr sent to the given files.
class CliProcess {
 public:
  CliProcess(const std::vector<std::string> &args, const Env &env, const std::string &out_path,
             const std::string &err_path)
      : process_(argv(args), env, Output::file(out_path), Output::file(err_path)) {}

  pid_t pid() const { return process_.pid(); }
  // True once the process has ended.
  bool done() { return process_.done(); }
  // Waits (kCliLimit at most); the exit code, or -1 when a signal ended it.
  int wait() { return ChildProcess::exit_code(process_.wait(kCliLimit)); }
  int kill_hard() { return ChildProcess::exit_code(process_.kill_hard()); }

 private:
  static std::vector<std::string> argv(const std::vector<std::string> &args) {
    std::vector<std::string> a = {mktows_test::paths::cli_bin};
    a.insert(a.end(), args.begin(), args.end());
    return a;
  }
  ChildProcess process_;
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
