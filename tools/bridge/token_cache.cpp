// token_cache.cpp: when the token is renewed.
//
// The identity service returns the same token while it is valid, with its
// remaining whole seconds, so asking before it has expired only brings the
// same token back. The bridge therefore keeps a token until `expires_in`
// after the answer arrived (no earlier: that would cost an identity call
// that returns the same token); a call that meets the expiry on the way
// gets 602, and RestBackend renews and retries it once. When a renewal
// still gets the same token (the service rounds the remaining time down, so
// it may report 0 for a token with a fraction of a second left), it is kept
// one second longer, never re-asked in a loop.
#include "token_cache.hpp"

#include "service_error.hpp"

#include <nlohmann/json.hpp>

namespace mktows_bridge {

using mktows_front::ServiceError;

TokenCache::TokenCache(RestHttp &http, const std::string &identity_url, const std::string &client_id,
                       const std::string &client_secret)
    : http_(http),
      url_(identity_url + "/oauth/token?grant_type=client_credentials&client_id=" + RestHttp::escape(client_id) +
           "&client_secret=" + RestHttp::escape(client_secret)) {}

std::string TokenCache::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (token_.empty() || Clock::now() >= renew_at_) fetch();
  return token_;
}

void TokenCache::invalidate(const std::string &token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (token == token_) token_.clear();
}

unsigned long TokenCache::fetches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fetches_;
}

void TokenCache::fetch() {
  ++fetches_;
  HttpResult r = http_.call("GET", url_, std::string(), std::string(), std::string());
  Clock::time_point received = Clock::now();
  // Messages name no token and no secret.
  if (r.status == 0) throw ServiceError(mktows::fault_code::api_failure, "identity service unreachable: " + r.error);
  if (r.status == 401 || r.status == 400)
    throw ServiceError(mktows::fault_code::authentication_failed,
                       "identity service refused the client (HTTP " + std::to_string(r.status) + ")");
  if (r.status != 200)
    throw ServiceError(mktows::fault_code::api_failure, "identity service answered HTTP " + std::to_string(r.status));
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string() ||
      j["access_token"].get<std::string>().empty() || !j.contains("expires_in") || !j["expires_in"].is_number())
    throw ServiceError(mktows::fault_code::api_failure, "identity service answered something that is not a token");
  std::string token = j["access_token"].get<std::string>();
  long long expires_in = j["expires_in"].get<long long>();
  if (expires_in < 0) expires_in = 0;
  bool same = token == token_;
  token_ = token;
  renew_at_ = received + std::chrono::seconds(expires_in + (same ? 1 : 0));
}

}  // namespace mktows_bridge
