// random_id.cpp: see random_id.hpp.
#include "random_id.hpp"

#include <mktows/fault_codes.hpp>

#include "service_error.hpp"

#include <openssl/rand.h>

#include <vector>

namespace mktows_bridge {

std::string random_hex(std::size_t bytes, const char *what) {
  std::vector<unsigned char> raw(bytes);
  if (bytes > 0 && RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
    throw mktows_front::ServiceError(mktows::fault_code::api_failure, std::string("no random bytes for ") + what);
  static const char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * bytes);
  for (unsigned char c : raw) s += digits[c >> 4], s += digits[c & 15];
  return s;
}

}  // namespace mktows_bridge
