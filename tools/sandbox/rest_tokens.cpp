// rest_tokens.cpp: minting and checking the REST face's access tokens.
#include "rest_tokens.hpp"

#include <mktows/signer.hpp>

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace mktows_sandbox {

namespace {

const std::size_t kExpiredKept = 64;

// "<uuid>:sb": the shape of the vendor's tokens (a UUID and a short suffix).
std::string new_token() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw std::runtime_error("no random bytes for a token");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[40];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return std::string(out) + ":sb";
}

}  // namespace

RestTokens::RestTokens(const RestConfig &config) : config_(config) {}

bool RestTokens::issue(const std::string &client_id, const std::string &client_secret, Clock::time_point now,
                       Issued &out) {
  // Both compared, whichever is wrong, so timing tells nothing.
  bool id_ok = mktows::signatures_equal(client_id, config_.client_id);
  bool secret_ok = mktows::signatures_equal(client_secret, config_.client_secret);
  if (!id_ok || !secret_ok) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  if (current_.empty() || now >= expiry_) {
    if (!current_.empty()) {
      expired_.push_back(current_);
      if (expired_.size() > kExpiredKept) expired_.pop_front();
    }
    current_ = new_token();
    expiry_ = now + std::chrono::seconds(config_.token_lifetime_seconds);
    out.minted = true;
    out.expires_in = config_.token_lifetime_seconds;
  } else {
    out.minted = false;
    out.expires_in = std::chrono::duration_cast<std::chrono::seconds>(expiry_ - now).count();
  }
  out.access_token = current_;
  return true;
}

RestTokens::Status RestTokens::check(const std::string &token, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!current_.empty() && mktows::signatures_equal(token, current_)) {
    if (now < expiry_) return kValid;
    expired_.push_back(current_);
    if (expired_.size() > kExpiredKept) expired_.pop_front();
    current_.clear();
    return kExpired;
  }
  if (std::find(expired_.begin(), expired_.end(), token) != expired_.end()) return kExpired;
  return kInvalid;
}

}  // namespace mktows_sandbox
