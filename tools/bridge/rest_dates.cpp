// rest_dates.cpp: one reader for the three REST date shapes.
#include "rest_dates.hpp"

#include <ctime>

namespace mktows_bridge {

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

}  // namespace

bool parse_rest_date(const std::string &s, std::int64_t &seconds) {
  std::tm tm{};
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {  // fractions of a second: dropped
    ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
  }
  long offset = 0;
  std::string zone = s.substr(at);
  if (zone == "Z" || zone == "Z+0000" || zone == "Z+00:00") {
    offset = 0;
  } else if (zone.size() == 5 || zone.size() == 6) {
    int oh, om;
    bool colon = zone.size() == 6;
    if ((zone[0] != '+' && zone[0] != '-') || !digits(zone, 1, 2, oh) || (colon && zone[3] != ':') ||
        !digits(zone, colon ? 4 : 3, 2, om) || oh > 23 || om > 59)
      return false;
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
  } else {
    return false;
  }
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  seconds = static_cast<std::int64_t>(timegm(&tm)) - offset;
  return true;
}

}  // namespace mktows_bridge
