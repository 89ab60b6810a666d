// auth.hpp: verifying the AuthenticationHeader of a request.
#pragma once

#include "serving_config.hpp"

#include <mktows/signer.hpp>

#include <ctime>
#include <string>
#include <unordered_map>
#include <vector>

namespace mktows_front {

// Parses a W3C date-time with a time zone (2013-07-31T12:38:47-07:00,
// ...Z, optional fractional seconds) to seconds since the epoch. False when
// the text is not one.
bool parse_w3c_timestamp(const std::string &text, std::time_t &out);

// Holds one pre-keyed Signer per user. Signers are not shared between
// threads: each worker owns a copy of the Authenticator.
class Authenticator {
 public:
  Authenticator(const std::vector<UserConfig> &users, int window_seconds);

  // Throws ServiceError: 20014 for an unknown user, a wrong signature or an
  // unreadable timestamp; 20016 for a correctly signed timestamp further
  // than the window from `now`.
  void verify(const std::string &user_id, const std::string &timestamp, const std::string &signature,
              std::time_t now) const;

 private:
  std::unordered_map<std::string, mktows::Signer> signers_;
  int window_seconds_;
};

}  // namespace mktows_front
