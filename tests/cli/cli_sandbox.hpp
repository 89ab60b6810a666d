// cli_sandbox.hpp: the sandbox started the way users start it, as
// `mktows sandbox --port 0 ...`; its endpoint is read from the first stdout line.
#pragma once

#include "cli_process.hpp"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mktows_test {

class CliSandbox {
 public:
  CliSandbox(const std::string &scratch_dir, const std::vector<std::string> &extra = {}, const Env &env = {})
      : out_(scratch_dir + "/sandbox.out"), err_(scratch_dir + "/sandbox.err") {
    std::vector<std::string> args = {"sandbox", "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    process_.reset(new CliProcess(args, env, out_, err_));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      std::string text = slurp(out_);
      std::size_t nl = text.find('\n');
      if (nl != std::string::npos) {
        std::string line = text.substr(0, nl);
        const std::string prefix = "listening on ";
        if (line.compare(0, prefix.size(), prefix) != 0)
          throw std::runtime_error("mktows sandbox: unexpected first line: " + line);
        endpoint_ = line.substr(prefix.size());
        break;
      }
      if (process_->done() || std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("mktows sandbox did not start: " + slurp(err_));
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~CliSandbox() { stop(); }

  const std::string &endpoint() const { return endpoint_; }
  std::string stderr_text() const { return slurp(err_); }

  // SIGTERM (a clean stop, everything journaled is on disk) and wait.
  int stop() {
    if (!process_ || process_->done()) return process_ ? process_->wait() : -1;
    ::kill(process_->pid(), SIGTERM);
    return process_->wait();
  }

 private:
  std::string out_, err_;
  std::unique_ptr<CliProcess> process_;
  std::string endpoint_;
};

}  // namespace mktows_test
