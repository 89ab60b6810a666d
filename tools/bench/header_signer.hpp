// header_signer.hpp: the fresh requestTimestamp and requestSignature of each
// call, made either the naive way (one-shot HMAC() and sprintf, as most
// hand-written gSOAP clients do) or with mktows::Signer (key prepared once);
// or, with --auth plugin, left to the project's auth plugin.
#ifndef MKTOWS_BENCH_HEADER_SIGNER_HPP
#define MKTOWS_BENCH_HEADER_SIGNER_HPP

#include "bench_options.hpp"

#include <mktows/auth_plugin.hpp>
#include <mktows/signer.hpp>
#include <openssl/hmac.h>

#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>

namespace bench {

class HeaderSigner {
 public:
  explicit HeaderSigner(const Options &o)
      : oneshot_(o.hmac == "oneshot"), plugin_(o.auth == "plugin"), user_(o.user), key_(o.key), signer_(o.key) {
    message_.reserve(mktows::kTimestampLength + user_.size());
  }

  // With --auth plugin: registers mktows::auth_plugin on the context, which
  // then writes soap->header for every message; returns true when it did.
  bool attach_plugin(struct soap *soap) const {
    if (!plugin_) return false;
    mktows::AuthSettings settings;
    settings.user_id = user_;
    settings.encryption_key = key_;
    if (soap_register_plugin_arg(soap, mktows::auth_plugin, &settings) != SOAP_OK)
      throw std::runtime_error("cannot register mktows::auth_plugin");
    return true;
  }

  // Writes the current timestamp and its signature into the two strings;
  // their buffers are reused from call to call.
  bool sign(std::string &timestamp, std::string &signature) {
    char ts[mktows::kTimestampLength + 1];
    if (!mktows::format_w3c_timestamp(std::time(nullptr), ts)) return false;
    message_.assign(ts, mktows::kTimestampLength).append(user_);
    char hex[mktows::Signer::kHexLength + 1];
    if (oneshot_) {
      unsigned char mac[EVP_MAX_MD_SIZE];
      unsigned int len = 0;
      if (!HMAC(EVP_sha1(), key_.data(), static_cast<int>(key_.size()),
                reinterpret_cast<const unsigned char *>(message_.data()), message_.size(), mac, &len) ||
          len != 20)
        return false;
      for (unsigned int i = 0; i < len; ++i) std::snprintf(hex + 2 * i, 3, "%02x", mac[i]);
    } else if (!signer_.sign_hex(message_.data(), message_.size(), hex)) {
      return false;
    }
    timestamp.assign(ts, mktows::kTimestampLength);
    signature.assign(hex, mktows::Signer::kHexLength);
    return true;
  }

 private:
  bool oneshot_;
  bool plugin_;
  std::string user_;
  std::string key_;
  mktows::Signer signer_;
  std::string message_;
};

}  // namespace bench

#endif
