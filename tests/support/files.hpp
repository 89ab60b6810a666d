// files.hpp: the one way tests read files: read_file(path) for any file,
// fixture(name) and fixture_path(name) for tests/fixtures, whose folder
// mktows_test::paths::fixtures names (support/test_paths.hpp).
#pragma once

#include "support/test_paths.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>


namespace mktows_test {

inline std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The path of tests/fixtures/<name>, for a test that hands it to a program.
inline std::string fixture_path(const std::string &name) { return std::string(mktows_test::paths::fixtures) + "/" + name; }

// The bytes of tests/fixtures/<name>.
inline std::string fixture(const std::string &name) { return read_file(fixture_path(name)); }

}  // namespace mktows_test
