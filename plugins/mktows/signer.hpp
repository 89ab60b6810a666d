// signer.hpp: the mktows request signature, and the timestamp it signs.
//
//   requestSignature = lower-case hex of HMAC-SHA1(key = encryption key,
//                                                  message = requestTimestamp + mktowsUserId)
//
// One small class, like an SDK's signer: it owns the only copy of the secret
// (inside OpenSSL's keyed MAC context), prepares the key once, and signs many
// messages. Nothing here prints, logs or returns the key.
//
// Thread safety: a Signer is not shared between threads; copy it (the copy
// duplicates the keyed context) or make one per thread.
#ifndef MKTOWS_SIGNER_HPP
#define MKTOWS_SIGNER_HPP

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstddef>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>

namespace mktows {

// Thrown when OpenSSL cannot set up HMAC-SHA1 (a broken or FIPS-restricted
// installation). The message never contains key material.
class SignerError : public std::runtime_error {
 public:
  explicit SignerError(const char *what) : std::runtime_error(what) {}
};

class Signer {
 public:
  // Hex digits of one signature, without a terminating NUL.
  static const std::size_t kHexLength = 40;

  explicit Signer(const std::string &encryption_key) : ctx_(nullptr) { rekey(encryption_key); }

  Signer(const Signer &other) : ctx_(other.ctx_ ? EVP_MAC_CTX_dup(other.ctx_) : nullptr) {
    if (other.ctx_ && !ctx_) throw SignerError("mktows: cannot copy the HMAC context");
  }
  Signer &operator=(const Signer &other) {
    if (this != &other) {
      Signer copy(other);
      swap(copy);
    }
    return *this;
  }
  Signer(Signer &&other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }
  Signer &operator=(Signer &&other) noexcept {
    swap(other);
    return *this;
  }
  ~Signer() { EVP_MAC_CTX_free(ctx_); }  // frees and cleanses the key copy

  void swap(Signer &other) noexcept {
    EVP_MAC_CTX *t = ctx_;
    ctx_ = other.ctx_;
    other.ctx_ = t;
  }

  // Replaces the key. OpenSSL keeps its own copy and cleanses it when the
  // context is freed; the caller owns (and should wipe) `encryption_key`.
  void rekey(const std::string &encryption_key) {
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac) throw SignerError("mktows: OpenSSL has no HMAC");
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context holds its own reference
    if (!ctx) throw SignerError("mktows: cannot create an HMAC context");
    char digest[] = "SHA1";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    // The digest is looked up and the key schedule computed here, once,
    // rather than on every call as a one-shot HMAC() would.
    if (!EVP_MAC_init(ctx, reinterpret_cast<const unsigned char *>(encryption_key.data()),
                      encryption_key.size(), params)) {
      EVP_MAC_CTX_free(ctx);
      throw SignerError("mktows: cannot key HMAC-SHA1");
    }
    EVP_MAC_CTX_free(ctx_);
    ctx_ = ctx;
  }

  // Writes the 40 lower-case hex digits of HMAC-SHA1(key, message) to `out`
  // (no NUL). Returns false only if OpenSSL fails.
  bool sign_hex(const char *message, std::size_t length, char *out) const {
    unsigned char mac[20];
    std::size_t mac_length = 0;
    // A NULL key re-initialises with the key set in rekey(): no re-fetch,
    // no new key schedule.
    if (!EVP_MAC_init(ctx_, nullptr, 0, nullptr) ||
        !EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char *>(message), length) ||
        !EVP_MAC_final(ctx_, mac, &mac_length, sizeof mac) || mac_length != sizeof mac)
      return false;
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < sizeof mac; ++i) {
      out[2 * i] = digits[mac[i] >> 4];
      out[2 * i + 1] = digits[mac[i] & 0x0f];
    }
    OPENSSL_cleanse(mac, sizeof mac);
    return true;
  }

  // The signature of a request: HMAC over timestamp + user id.
  std::string sign(const std::string &timestamp, const std::string &user_id) const {
    std::string message;
    message.reserve(timestamp.size() + user_id.size());
    message.append(timestamp).append(user_id);
    char hex[kHexLength];
    if (!sign_hex(message.data(), message.size(), hex)) throw SignerError("mktows: HMAC-SHA1 failed");
    return std::string(hex, kHexLength);
  }

 private:
  EVP_MAC_CTX *ctx_;
};

// Constant-time comparison of two signatures (for servers that verify them).
inline bool signatures_equal(const std::string &a, const std::string &b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Characters of a W3C date-time with a numeric offset, without the NUL:
// "2013-07-31T12:38:47-07:00".
static const std::size_t kTimestampLength = 25;

// Formats `when` in the process's local time zone (TZ) as a W3C date-time
// with a numeric offset, e.g. 2013-07-31T12:38:47-07:00; UTC is written
// +00:00. `out` receives kTimestampLength characters and a NUL.
inline bool format_w3c_timestamp(std::time_t when, char (&out)[kTimestampLength + 1]) {
  std::tm local;
  if (!localtime_r(&when, &local)) return false;
  long offset = local.tm_gmtoff;  // seconds east of UTC
  char sign = '+';
  if (offset < 0) {
    sign = '-';
    offset = -offset;
  }
  long year = local.tm_year + 1900L;
  if (year < 0 || year > 9999) return false;
  const long fields[] = {year / 1000,          (year / 100) % 10,   (year / 10) % 10, year % 10,
                         (local.tm_mon + 1L),  local.tm_mday,       local.tm_hour,    local.tm_min,
                         local.tm_sec,         offset / 3600,       (offset / 60) % 60};
  char *p = out;
  for (int i = 0; i < 4; ++i) *p++ = static_cast<char>('0' + fields[i]);
  const char separators[] = {'-', '-', 'T', ':', ':', sign, ':'};
  for (int i = 4; i < 11; ++i) {
    *p++ = separators[i - 4];
    *p++ = static_cast<char>('0' + fields[i] / 10);
    *p++ = static_cast<char>('0' + fields[i] % 10);
  }
  *p = '\0';
  return true;
}

}  // namespace mktows

#endif  // MKTOWS_SIGNER_HPP
