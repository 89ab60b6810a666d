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

#include "redis_client.hpp"
#include "service_error.hpp"

#include <nlohmann/json.hpp>

#include <thread>

namespace mktows_bridge {

using mktows_front::ServiceError;

TokenCache::TokenCache(RestHttp &http, const std::string &identity_url, const std::string &client_id,
                       const std::string &client_secret)
    : http_(http),
      url_(identity_url + "/oauth/token?grant_type=client_credentials&client_id=" + RestHttp::escape(client_id) +
           "&client_secret=" + RestHttp::escape(client_secret)) {}

std::string TokenCache::get() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (token_.empty() || Clock::now() >= renew_at_) {
    if (!shared_ || !from_share()) fetch();
  }
  return token_;
}

// Shared: the token in the store when it has time left; else the claim's
// holder fetches and puts it, and the others poll for it, for as long as
// one identity call may take. A claim whose holder died expires.
bool TokenCache::from_share() {
  Clock::time_point give_up = Clock::now() + std::chrono::milliseconds(shared_wait_ms_);
  try {
    for (;;) {
      std::string token;
      long long left = 0;
      if (shared_->get(token, left) && left > 0 && token != refused_) {
        bool same = token == token_;
        token_ = token;
        // Its remaining time, as the identity service's expires_in counts it.
        renew_at_ = Clock::now() + std::chrono::milliseconds(left + (same ? 1000 : 0));
        return true;
      }
      if (shared_->claim(shared_wait_ms_)) {
        try {
          fetch();
        } catch (const ServiceError &) {
          try {
            shared_->unclaim();
          } catch (const RedisError &) {
          }
          throw;
        }
        try {
          shared_->put(token_,
                       std::chrono::duration_cast<std::chrono::milliseconds>(renew_at_ - Clock::now()).count());
          shared_->unclaim();
        } catch (const RedisError &) {
          // The others fetch their own once the claim expires.
        }
        return true;
      }
      if (Clock::now() >= give_up) return false;  // the holder is slow: fetch here
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  } catch (const RedisError &) {
    return false;
  }
}

void TokenCache::invalidate(const std::string &token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (token == token_) token_.clear();
  if (shared_) {
    refused_ = token;
    try {
      shared_->drop(token);
    } catch (const RedisError &) {
    }
  }
}

unsigned long TokenCache::fetches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fetches_;
}

void TokenCache::fetch() {
  ++fetches_;
  refused_.clear();
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
