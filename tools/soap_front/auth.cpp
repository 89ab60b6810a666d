// auth.cpp: timestamp parsing and signature verification.
#include "auth.hpp"

#include "service_error.hpp"

namespace mktows_front {

namespace {

bool digits(const std::string &s, std::size_t at, std::size_t n, int &out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), so no time zone of the process is involved.
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

}  // namespace

bool parse_w3c_timestamp(const std::string &s, std::time_t &out) {
  int year, month, day, hour, minute, second;
  if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
      !digits(s, 8, 2, day) || s[10] != 'T' || !digits(s, 11, 2, hour) || s[13] != ':' ||
      !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
    return false;
  static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > month_days[month - 1] || hour > 23 || minute > 59 || second > 60)
    return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    ++at;
    std::size_t start = at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == start) return false;
  }
  long offset = 0;
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int oh, om;
    bool colon = at + 3 < s.size() && s[at + 3] == ':';
    if (!digits(s, at + 1, 2, oh) || !digits(s, at + (colon ? 4 : 3), 2, om) || oh > 23 || om > 59) return false;
    offset = (oh * 3600L + om * 60L) * (s[at] == '-' ? -1 : 1);
    at += colon ? 6 : 5;
  } else {
    return false;  // a time without a zone is ambiguous: refuse it
  }
  if (at != s.size()) return false;
  long long t = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400LL +
                hour * 3600LL + minute * 60LL + second - offset;
  out = static_cast<std::time_t>(t);
  return true;
}

Authenticator::Authenticator(const std::vector<UserConfig> &users, int window_seconds)
    : window_seconds_(window_seconds) {
  for (const UserConfig &u : users) signers_.emplace(u.user_id, mktows::Signer(u.encryption_key));
}

void Authenticator::verify(const std::string &user_id, const std::string &timestamp, const std::string &signature,
                           std::time_t now) const {
  auto it = signers_.find(user_id);
  // An unknown user still costs one HMAC, so timing does not tell which
  // user ids exist.
  const mktows::Signer &signer = it != signers_.end() ? it->second : signers_.begin()->second;
  std::string expected = signer.sign(timestamp, user_id);
  bool good = mktows::signatures_equal(expected, signature);
  if (it == signers_.end() || !good) throw ServiceError(fault_code::authentication_failed, "bad user or signature");
  std::time_t when;
  if (!parse_w3c_timestamp(timestamp, when)) throw ServiceError(fault_code::authentication_failed, "unreadable requestTimestamp");
  long long skew = static_cast<long long>(now) - static_cast<long long>(when);
  if (skew > window_seconds_ || skew < -window_seconds_)
    throw ServiceError(fault_code::request_expired, "requestTimestamp outside the window");
}

}  // namespace mktows_front
