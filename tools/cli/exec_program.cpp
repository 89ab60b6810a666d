// exec_program.cpp: finding a sibling program and exec'ing it: same process
// id, same output, same signals.
#include "exec_program.hpp"

#include "cli_error.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
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

void exec_program(const std::string &program, const std::string &build_dir, const std::vector<std::string> &args,
                  const char *argv0, const char *help) {
  std::string dir = own_directory(argv0);
  std::string path;
  for (const std::string &candidate : {"/" + program, "/../" + build_dir + "/" + program}) {
    std::string p = dir + candidate;
    if (::access(p.c_str(), X_OK) == 0) {
      path = p;
      break;
    }
  }
  if (path.empty()) throw CliError(kExitInternal, "cannot find the " + program + " program next to " + dir + "/mktows");
  for (const std::string &a : args)
    if (a == "--help" || a == "-h") {
      std::fputs(help, stdout);
      std::fflush(stdout);
      break;
    }
  std::vector<char *> argv;
  std::string name = program;
  argv.push_back(&name[0]);
  std::vector<std::string> copy = args;
  for (std::string &a : copy) argv.push_back(&a[0]);
  argv.push_back(nullptr);
  ::execv(path.c_str(), argv.data());
  throw CliError(kExitInternal, "cannot run " + path + ": " + std::strerror(errno));
}

}  // namespace mktows_cli
