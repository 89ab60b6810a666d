// files.hpp: the one way tests read files: read_file(path) for any file,
// fixture(name) and fixture_path(name) for tests/fixtures, whose folder
// MKTOWS_FIXTURES names. CMake sets that macro in one place, on the
// mktows_test_support target every test links (tests/CMakeLists.txt).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#ifndef MKTOWS_FIXTURES
#error "MKTOWS_FIXTURES is not set: link the test to mktows_test_support (tests/CMakeLists.txt)"
#endif

namespace mktows_test {

inline std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The path of tests/fixtures/<name>, for a test that hands it to a program.
inline std::string fixture_path(const std::string &name) { return std::string(MKTOWS_FIXTURES) + "/" + name; }

// The bytes of tests/fixtures/<name>.
inline std::string fixture(const std::string &name) { return read_file(fixture_path(name)); }

}  // namespace mktows_test
