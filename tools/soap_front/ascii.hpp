// ascii.hpp: ASCII case rules for names that the protocols compare without
// case (HTTP header names and tokens, workspace names, ?WSDL): the bytes
// A-Z and a-z only, whatever the locale.
#pragma once

#include <mktows/trace.hpp>

#include <string>

namespace mktows_front {

inline bool iequals(const std::string &a, const std::string &b) {
  return a.size() == b.size() && mktows::detail::ascii_iequal(a.c_str(), b.c_str(), a.size());
}

inline std::string ascii_lower(std::string s) {
  for (char &c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace mktows_front
