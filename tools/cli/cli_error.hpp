// cli_error.hpp: an error that ends a subcommand with a documented exit code.
#pragma once

#include "exit_codes.hpp"

#include <stdexcept>
#include <string>

namespace mktows_cli {

class CliError : public std::runtime_error {
 public:
  CliError(ExitCode code, const std::string &what) : std::runtime_error(what), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace mktows_cli
