// text_values.hpp: the number and list forms the journal and the REST face
// read, written once: a lead or list id, a journal number, a comma list.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

namespace mktows_sandbox {

// A positive 32-bit id written in decimal digits only.
inline bool parse_id(const std::string &s, int &out) {
  if (s.empty() || s.size() > 10) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v <= 0 || v > 2147483647) return false;
  out = static_cast<int>(v);
  return true;
}

// A whole decimal number (a sign allowed), as the journal writes them.
inline bool to_long(const std::string &s, long long &out) {
  if (s.empty() || s.size() > 19) return false;
  char *end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end && *end == '\0';
}

// "a,b,,c": its items, the empty ones too unless `skip_empty`.
inline std::vector<std::string> split_commas(const std::string &s, bool skip_empty = false) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    if (!skip_empty || comma > at) out.push_back(s.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

}  // namespace mktows_sandbox
