// cmd_sandbox.cpp: `mktows sandbox`: the local mktows server.
//
// The sandbox's library has no entry point that takes a command line, so
// this command runs the mktows-sandbox program itself, in place (exec).
#include "commands.hpp"
#include "exec_program.hpp"

namespace mktows_cli {

int run_sandbox(const std::vector<std::string> &args, const char *argv0) {
  exec_program("mktows-sandbox", "sandbox", args, argv0,
               "usage: mktows sandbox [--port P] [--config FILE] [--data DIR] [options]\n"
               "Runs the local mktows server (the mktows-sandbox program); its options:\n\n");
}

}  // namespace mktows_cli
