// rest_values.cpp: see rest_values.hpp.
#include "rest_values.hpp"

#include <cmath>

namespace mktows_bridge {

bool soap_text(const nlohmann::json &v, std::string &out) {
  if (v.is_string()) {
    out = v.get<std::string>();
  } else if (v.is_boolean()) {
    out = v.get<bool>() ? "true" : "false";
  } else if (v.is_number_integer()) {
    out = v.is_number_unsigned() ? std::to_string(v.get<unsigned long long>()) : std::to_string(v.get<long long>());
  } else if (v.is_number_float()) {
    const double d = v.get<double>();
    constexpr double kExact = 9007199254740992.0;  // 2^53
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < kExact)
      out = std::to_string(static_cast<long long>(d));
    else
      out = v.dump();
  } else {
    return false;
  }
  return true;
}

std::string soap_text(const nlohmann::json &v) {
  std::string out;
  soap_text(v, out);
  return out;
}

}  // namespace mktows_bridge
