// plugin_test_support.hpp: sending through the raw generated proxy and
// reading back the headers the auth plugin wrote, for the plugin tests.
#pragma once

#include "mktows/wire.hpp"
#include "mktows/auth_plugin.hpp"

#include "support/xml_tree.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <ctime>
#include <sstream>
#include <stdexcept>
#include <string>

namespace mktows_test {

// The headers of one request as libxml2 reads them from the wire.
struct WireHeaders {
  bool has_auth = false;
  std::string user_id, timestamp, signature;
  bool has_audit = false, has_mode = false;
  bool has_context = false;
  std::string workspace;
};

inline WireHeaders read_headers(const std::string &envelope) {
  WireHeaders h;
  XmlNode header;
  try {
    header = envelope_part(envelope, "Header");
  } catch (const std::runtime_error &) {
    return h;  // no SOAP-ENV:Header at all
  }
  for (const XmlNode &child : header.children) {
    if (child.ns != "http://www.marketo.com/mktows/") continue;
    if (child.name == "AuthenticationHeader") {
      h.has_auth = true;
      for (const XmlNode &f : child.children) {
        if (f.name == "mktowsUserId") h.user_id = f.text;
        else if (f.name == "requestTimestamp") h.timestamp = f.text;
        else if (f.name == "requestSignature") h.signature = f.text;
        else if (f.name == "audit") h.has_audit = true;
        else if (f.name == "mode") h.has_mode = true;
      }
    } else if (child.name == "MktowsContextHeader") {
      h.has_context = true;
      for (const XmlNode &f : child.children)
        if (f.name == "targetWorkspace") h.workspace = f.text;
    }
  }
  return h;
}

// HMAC-SHA1 hex by OpenSSL's one-shot HMAC(), an API the Signer does not use.
inline std::string reference_hmac_hex(const std::string &key, const std::string &message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(message.data()),
       message.size(), mac, &len);
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 15];
  }
  return hex;
}

// A syncLead request body the tests send: the seed's lead.
struct SeedParams {
  std::string email = "t@t.com";
  mktows::wire::mktows__LeadRecord record;
  mktows::wire::mktows__ParamsSyncLead params;
  SeedParams() {
    record.Email = &email;
    params.leadRecord = &record;
    params.returnLead = false;
  }
};

// Writes one syncLead request to a string instead of a socket (gSOAP does
// that with soap->os set and an empty endpoint). Returns the envelope.
inline std::string send_to_string(mktows::wire::MktowsApiSoapBindingProxy &proxy, int *rc = nullptr) {
  SeedParams p;
  std::ostringstream out;
  proxy.soap->os = &out;
  int r = proxy.send_syncLead("", nullptr, &p.params);
  proxy.soap->os = nullptr;
  if (rc) *rc = r;
  return http_body(out.str());
}

// Sets TZ for the lifetime of the object and restores it after.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char *tz) {
    const char *old = std::getenv("TZ");
    had_ = old != nullptr;
    if (had_) old_ = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (had_) ::setenv("TZ", old_.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
  }

 private:
  bool had_;
  std::string old_;
};

}  // namespace mktows_test
