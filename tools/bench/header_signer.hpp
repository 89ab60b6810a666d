// header_signer.hpp: the fresh requestTimestamp and requestSignature of each
// call, made either the naive way (one-shot HMAC() and sprintf, as most
// hand-written gSOAP clients do) or with mktows::Signer (key prepared once);
// or, with --auth plugin, left to the project's auth plugin.
#ifndef MKTOWS_BENCH_HEADER_SIGNER_HPP
#define MKTOWS_BENCH_HEADER_SIGNER_HPP

#include "bench_options.hpp"

#include <mktows/auth_plugin.hpp>
#include <mktows/header_writer.hpp>
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

  // Without --auth plugin: writes the caller's own AuthenticationHeader
  // (`auth`, which sign() fills) into every message the context sends, as
  // a classic gSOAP client's soap->header would be (header_writer.hpp).
  void attach_header(struct soap *soap, const mktows::wire::mktows__AuthenticationHeaderInfo *auth) const {
    if (soap_register_plugin_arg(soap, &HeaderHook::create, const_cast<void *>(static_cast<const void *>(auth))) !=
        SOAP_OK)
      throw std::runtime_error("cannot register the benchmark's header hook");
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
  struct HeaderHook {
    static const char *id() { return "mktows-bench-header"; }
    static int create(struct soap *soap, struct soap_plugin *p, void *arg) {
      p->id = id();
      p->data = arg;
      p->fdelete = &HeaderHook::forget;
      soap->feltbegout = &HeaderHook::begin_element;
      return SOAP_OK;
    }
    static void forget(struct soap *, struct soap_plugin *p) { p->data = nullptr; }
    static int begin_element(struct soap *soap, const char *tag, int id, const char *type) {
      int rc = mktows::write_element_start(soap, tag, id, type);
      if (rc != SOAP_OK || !mktows::is_envelope_start(soap, tag)) return rc;
      const auto *auth =
          static_cast<const mktows::wire::mktows__AuthenticationHeaderInfo *>(soap_lookup_plugin(soap, HeaderHook::id()));
      return mktows::write_headers(soap, *auth, nullptr);
    }
  };

  bool oneshot_;
  bool plugin_;
  std::string user_;
  std::string key_;
  mktows::Signer signer_;
  std::string message_;
};

}  // namespace bench

#endif
