// stream_position.cpp: sealing and opening positions.
#include "stream_position.hpp"

#include "service_error.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace mktows_bridge {

using mktows_front::ServiceError;
using nlohmann::json;

namespace {

const char kPrefix[] = "mkb1.";
const char kKeyName[] = "stream-signing-key";

std::string hex(const unsigned char *p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

bool unhex(const std::string &s, std::string &out) {
  if (s.size() % 2) return false;
  out.clear();
  auto nib = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int a = nib(s[i]), b = nib(s[i + 1]);
    if (a < 0 || b < 0) return false;
    out += static_cast<char>(a * 16 + b);
  }
  return true;
}

[[noreturn]] void refuse(const std::string &why) {
  throw ServiceError::told(mktows::fault_code::bad_stream_position, why);
}

}  // namespace

const std::string &StreamSigner::key() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (key_.empty()) {
    std::string stored = store_.get_or_put(kKeyName, [] {
      unsigned char raw[32];
      if (RAND_bytes(raw, sizeof raw) != 1)
        throw ServiceError(mktows::fault_code::api_failure, "no random bytes for the signing key");
      return hex(raw, sizeof raw);
    });
    if (!unhex(stored, key_) || key_.size() < 16) {
      key_.clear();
      throw ServiceError(mktows::fault_code::api_failure, "bridge state: the signing key is not hex");
    }
  }
  return key_;
}

std::string StreamSigner::mac(const std::string &text) {
  const std::string &k = key();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()), reinterpret_cast<const unsigned char *>(text.data()),
            text.size(), out, &n))
    throw ServiceError(mktows::fault_code::api_failure, "HMAC failed");
  return hex(out, n);
}

std::string StreamSigner::seal(const json &payload) {
  std::string d = payload.dump();
  std::string body = kPrefix + hex(reinterpret_cast<const unsigned char *>(d.data()), d.size());
  return body + "." + mac(body);
}

json StreamSigner::open(const std::string &position) {
  const std::size_t n = sizeof kPrefix - 1;
  std::size_t dot = position.rfind('.');
  if (position.compare(0, n, kPrefix) != 0 || dot == std::string::npos || dot < n)
    refuse("the position was not handed out by this bridge");
  std::string body = position.substr(0, dot);
  std::string given = position.substr(dot + 1), want = mac(body);
  // Constant time: a forger learns nothing from how long the refusal took.
  if (given.size() != want.size() || CRYPTO_memcmp(given.data(), want.data(), want.size()) != 0)
    refuse("the position's signature does not match (altered, truncated, or another bridge's)");
  std::string text;
  if (!unhex(body.substr(n), text)) refuse("the position is not one this bridge writes");
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) refuse("the position is not one this bridge writes");
  return j;
}

}  // namespace mktows_bridge
