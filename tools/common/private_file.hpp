// private_file.hpp: reading a file that may hold a secret (an encryption
// key, REST client credentials): the one home of the rule that the mktows
// command and mktows-bridge both apply to their configuration files.
#pragma once

#include <stdexcept>
#include <string>

namespace mktows_tools {

// The file cannot be read, or others may read it. The message names the
// file (`what` and its path) and never quotes its contents.
class PrivateFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Refused unless it is a regular file that neither group nor others can
// access (st_mode & 077 == 0), at most 1 MiB. The check is made on the opened
// descriptor, so the file cannot be swapped in between.
std::string read_private_file(const std::string &path, const char *what);

}  // namespace mktows_tools
