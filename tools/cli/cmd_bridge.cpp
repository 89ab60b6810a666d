// cmd_bridge.cpp: `mktows bridge`: mktows SOAP in front of the Marketo REST
// API, by running the mktows-bridge program in place (exec), as `mktows
// sandbox` runs the sandbox.
#include "commands.hpp"
#include "exec_program.hpp"

namespace mktows_cli {

int run_bridge(const std::vector<std::string> &args, const char *argv0) {
  exec_program("mktows-bridge", "bridge", args, argv0,
               "usage: mktows bridge [--port P] [--config FILE] [--cert F --key F] [--verbose]\n"
               "Carries legacy mktows SOAP calls to the Marketo REST API (the mktows-bridge\n"
               "program, docs/BRIDGE.md); its options:\n\n");
}

}  // namespace mktows_cli
