// sandbox_process.hpp: runs the real mktows-sandbox binary for a test.
//
//   mktows_test::SandboxProcess sandbox({"--threads", "2"}, {{"MKTOWS_USER_ID", "u"}});
//   call(sandbox.endpoint(), ...);          // http://127.0.0.1:<port>/soap/mktows/2_2
//
// The binary is this build's mktows-sandbox (support/test_paths.hpp). It is started with "--port 0" before the
// extra arguments, so it picks a free port, through child_process.hpp (its
// environment rule: no MKTOWS_* of the test's own, so without
// MKTOWS_USER_ID / MKTOWS_ENCRYPTION_KEY unless `env` sets them, and the
// demo pair below is accepted by default). The constructor returns once the
// server has printed its "listening on <url>" line; it throws if the server
// exits or stays silent for 30 s. The server's stderr goes to the test's
// stderr, or to `stderr_file` when one is given (tests that inspect what it
// prints). `binary` runs another server that prints the same first line
// (the bridge, mktows_test::paths::bridge_bin) instead of the sandbox.
#pragma once

#include "support/child_process.hpp"
#include "support/test_paths.hpp"

#include <chrono>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace mktows_test {

// The sandbox's documented demo credentials (docs/SANDBOX.md).
static const char kDemoUserId[] = "bigcorp1_461839624B16E06BA2D663";
static const char kDemoEncryptionKey[] = "mktows-sandbox-demo-key";

class SandboxProcess {
 public:
  explicit SandboxProcess(const std::vector<std::string> &args = {}, const Env &env = {},
                          const std::string &stderr_file = std::string(), const std::string &binary = std::string()) {
    std::vector<std::string> argv = {binary.empty() ? std::string(mktows_test::paths::sandbox_bin) : binary, "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    process_.reset(new ChildProcess(argv, env, Output::pipe(),
                                    stderr_file.empty() ? Output::inherit() : Output::file(stderr_file)));
    std::string line;
    if (!process_->read_line(std::chrono::seconds(30), line)) {
      int status = kill_hard();
      throw std::runtime_error("sandbox: no 'listening on' line (wait status " + std::to_string(status) + ")");
    }
    // The server ignores SIGPIPE, so anything it prints later is dropped.
    process_->close_output();
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
  pid_t pid() const { return process_->pid(); }
  bool running() const { return process_->running(); }

  // SIGTERM, then waits (SIGKILL after 20 s). Returns the wait status, or -1
  // when the process was already reaped.
  int stop() { return process_->running() ? process_->stop(SIGTERM, std::chrono::seconds(20)) : -1; }
  // SIGKILL and wait: a crash, as far as the server can tell.
  int kill_hard() { return process_->running() ? process_->kill_hard() : -1; }

 private:
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  std::string endpoint_;
};

}  // namespace mktows_test
