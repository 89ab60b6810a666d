// exec_program.hpp: runs one of the project's programs (mktows-sandbox,
// mktows-bridge) in place of `mktows`, for the subcommands that are them.
#pragma once

#include <string>
#include <vector>

namespace mktows_cli {

// Replaces this process (exec) with `program`, found next to this one (an
// installed bin/) or in the build tree's `build_dir` folder, with `args`.
// With --help among them, `help` is printed first. Returns only by throwing
// CliError.
[[noreturn]] void exec_program(const std::string &program, const std::string &build_dir,
                               const std::vector<std::string> &args, const char *argv0, const char *help);

}  // namespace mktows_cli
