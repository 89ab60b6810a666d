// cmd_sandbox.cpp: `mktows sandbox`: the local mktows server.
//
// The sandbox's library has no entry point that takes a command line, so
// this command runs the mktows-sandbox program itself, in place (exec): same
// process id, same output, same signals. The program is looked for next to
// this one (an installed bin/), then in the build tree's sandbox folder.
#include "commands.hpp"
#include "cli_error.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace mktows_cli {

namespace {

std::string own_directory(const char *argv0) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string self = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string(argv0);
  std::size_t slash = self.rfind('/');
  return slash == std::string::npos ? "." : self.substr(0, slash);
}

}  // namespace

int run_sandbox(const std::vector<std::string> &args, const char *argv0) {
  std::string dir = own_directory(argv0);
  std::string program;
  for (const char *candidate : {"/mktows-sandbox", "/../sandbox/mktows-sandbox"}) {
    std::string p = dir + candidate;
    if (::access(p.c_str(), X_OK) == 0) {
      program = p;
      break;
    }
  }
  if (program.empty())
    throw CliError(kExitInternal, "cannot find the mktows-sandbox program next to " + dir + "/mktows");
  for (const std::string &a : args)
    if (a == "--help" || a == "-h") {
      std::printf("usage: mktows sandbox [--port P] [--config FILE] [--data DIR] [options]\n"
                  "Runs the local mktows server (the mktows-sandbox program); its options:\n\n");
      std::fflush(stdout);
      break;
    }
  std::vector<char *> argv;
  std::string name = "mktows-sandbox";
  argv.push_back(&name[0]);
  std::vector<std::string> copy = args;
  for (std::string &a : copy) argv.push_back(&a[0]);
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  throw CliError(kExitInternal, "cannot run " + program + ": " + std::strerror(errno));
}

}  // namespace mktows_cli
