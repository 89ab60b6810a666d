// files.hpp: reading test fixtures by path.
#pragma once

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

#ifdef MKTOWS_FIXTURES
// MKTOWS_FIXTURES is set by mktows_add_test to the fixtures folder.
inline std::string fixture(const std::string &name) {
  return read_file(std::string(MKTOWS_FIXTURES) + "/" + name);
}
#endif

}  // namespace mktows_test
