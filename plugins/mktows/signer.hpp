// signer.hpp: the mktows request signature, and the timestamp it signs.
//
//   requestSignature = lower-case hex of HMAC-SHA1(key = encryption key,
//                                                  message = requestTimestamp + mktowsUserId)
//
// One small class, like an SDK's signer: it owns the only copy of the secret
// (as HMAC's keyed inner and outer states), prepares the key once, and
// signs many messages. Nothing here prints, logs or returns the key.
//
// HMAC-SHA1 is built on OpenSSL's SHA-1 (SHA1_Init/Update/Final): the key's
// padded blocks are hashed once, and each signature costs two SHA-1
// compressions. OpenSSL 3 marks that interface deprecated in favour of
// EVP_MAC, whose first use fetches the algorithm from the default provider:
// 4.8M instructions, a third of a short-lived process's start (the
// `mktows` command line, a cron job). Where the old interface is compiled
// out (OPENSSL_NO_DEPRECATED), or when MKTOWS_SIGNER_USE_EVP is defined
// (for example to keep every digest inside a FIPS provider), EVP_MAC is
// used instead; both give the same signatures (tests/plugin).
//
// Thread safety: a Signer is not shared between threads; copy it (the copy
// duplicates the keyed state) or make one per thread.
#ifndef MKTOWS_SIGNER_HPP
#define MKTOWS_SIGNER_HPP

#include "mktows/secret.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#if defined(OPENSSL_NO_DEPRECATED_3_0) && !defined(MKTOWS_SIGNER_USE_EVP)
#define MKTOWS_SIGNER_USE_EVP 1
#endif
#ifdef MKTOWS_SIGNER_USE_EVP
#include <openssl/core_names.h>
#include <openssl/params.h>
#endif

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

namespace detail {

#ifndef MKTOWS_SIGNER_USE_EVP
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
// HMAC-SHA1 (RFC 2104) over OpenSSL's SHA-1: the states after hashing the
// key's inner and outer padded blocks are kept; a MAC copies them.
class HmacSha1 {
 public:
  static const char *backend() { return "SHA1"; }
  HmacSha1(const char *key, std::size_t key_size) {
    unsigned char block[64];
    std::memset(block, 0, sizeof block);
    bool ok = true;
    if (key_size > sizeof block) {  // longer keys are hashed first
      SHA_CTX c;
      ok = SHA1_Init(&c) && SHA1_Update(&c, key, key_size) && SHA1_Final(block, &c);
      secure_wipe(&c, sizeof c);
    } else if (key_size > 0) {
      std::memcpy(block, key, key_size);
    }
    unsigned char pad[64];
    for (std::size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x36);
    ok = ok && SHA1_Init(&inner_) && SHA1_Update(&inner_, pad, sizeof pad);
    for (std::size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x5c);
    ok = ok && SHA1_Init(&outer_) && SHA1_Update(&outer_, pad, sizeof pad);
    secure_wipe(block, sizeof block);
    secure_wipe(pad, sizeof pad);
    if (!ok) {
      wipe();
      throw SignerError("mktows: cannot key HMAC-SHA1");
    }
  }
  HmacSha1(const HmacSha1 &) = default;
  HmacSha1 &operator=(const HmacSha1 &) = default;
  ~HmacSha1() { wipe(); }
  void swap(HmacSha1 &other) noexcept {
    HmacSha1 t(other);
    other = *this;
    *this = t;
  }

  bool mac(const char *message, std::size_t length, unsigned char (&out)[20]) const {
    SHA_CTX c = inner_;
    unsigned char inner_digest[20];
    bool ok = SHA1_Update(&c, message, length) && SHA1_Final(inner_digest, &c);
    c = outer_;
    ok = ok && SHA1_Update(&c, inner_digest, sizeof inner_digest) && SHA1_Final(out, &c);
    secure_wipe(&c, sizeof c);
    secure_wipe(inner_digest, sizeof inner_digest);
    return ok;
  }

 private:
  void wipe() {
    secure_wipe(&inner_, sizeof inner_);
    secure_wipe(&outer_, sizeof outer_);
  }
  SHA_CTX inner_;
  SHA_CTX outer_;
};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#else  // MKTOWS_SIGNER_USE_EVP

// HMAC-SHA1 as OpenSSL 3's EVP_MAC, keyed once: each MAC re-initialises
// the context with a NULL key (no re-fetch, no new key schedule).
class HmacSha1 {
 public:
  static const char *backend() { return "EVP_MAC"; }
  HmacSha1(const char *key, std::size_t key_size) : ctx_(nullptr) {
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac) throw SignerError("mktows: OpenSSL has no HMAC");
    ctx_ = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context holds its own reference
    if (!ctx_) throw SignerError("mktows: cannot create an HMAC context");
    char digest[] = "SHA1";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (!EVP_MAC_init(ctx_, reinterpret_cast<const unsigned char *>(key), key_size, params)) {
      EVP_MAC_CTX_free(ctx_);
      throw SignerError("mktows: cannot key HMAC-SHA1");
    }
  }
  HmacSha1(const HmacSha1 &other) : ctx_(EVP_MAC_CTX_dup(other.ctx_)) {
    if (!ctx_) throw SignerError("mktows: cannot copy the HMAC context");
  }
  HmacSha1(HmacSha1 &&other) noexcept : ctx_(other.ctx_) { other.ctx_ = nullptr; }  // only destroyed after
  HmacSha1 &operator=(const HmacSha1 &other) {
    if (this != &other) {
      HmacSha1 copy(other);
      swap(copy);
    }
    return *this;
  }
  ~HmacSha1() { EVP_MAC_CTX_free(ctx_); }  // frees and cleanses the key copy
  void swap(HmacSha1 &other) noexcept {
    EVP_MAC_CTX *t = ctx_;
    ctx_ = other.ctx_;
    other.ctx_ = t;
  }

  bool mac(const char *message, std::size_t length, unsigned char (&out)[20]) const {
    std::size_t n = 0;
    return EVP_MAC_init(ctx_, nullptr, 0, nullptr) &&
           EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char *>(message), length) &&
           EVP_MAC_final(ctx_, out, &n, sizeof out) && n == sizeof out;
  }

 private:
  EVP_MAC_CTX *ctx_;
};

#endif  // MKTOWS_SIGNER_USE_EVP

}  // namespace detail

class Signer {
 public:
  // Hex digits of one signature, without a terminating NUL.
  static const std::size_t kHexLength = 40;

  // Which HMAC implementation this build uses: "SHA1" or "EVP_MAC".
  static const char *backend() { return detail::HmacSha1::backend(); }

  // A std::string or a C string converts to a Secret (a copy, wiped when
  // the temporary dies). This is the one place that reads a Secret's bytes.
  explicit Signer(const Secret &encryption_key)
      : hmac_(encryption_key.reveal().data, encryption_key.reveal().size) {}

  void swap(Signer &other) noexcept { hmac_.swap(other.hmac_); }

  // Replaces the key; the previous keyed state is wiped.
  void rekey(const Secret &encryption_key) {
    Signer fresh(encryption_key);
    swap(fresh);
  }

  // Writes the 40 lower-case hex digits of HMAC-SHA1(key, message) to `out`
  // (no NUL). Returns false only if OpenSSL fails.
  bool sign_hex(const char *message, std::size_t length, char *out) const {
    unsigned char mac[20];
    if (!hmac_.mac(message, length, mac)) return false;
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < sizeof mac; ++i) {
      out[2 * i] = digits[mac[i] >> 4];
      out[2 * i + 1] = digits[mac[i] & 0x0f];
    }
    secure_wipe(mac, sizeof mac);
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
  detail::HmacSha1 hmac_;
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
