// time_arg.cpp: the time forms of docs/CLI.md, parsed by hand (strptime's
// %z and its leniency differ between C libraries).
#include "time_arg.hpp"

#include "args.hpp"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>

namespace mktows_cli {

namespace {

bool digits(const std::string &s, std::size_t at, std::size_t n, int &out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
// days_from_civil), so no timegm and no TZ are involved.
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::time_t parse_time_arg(const std::string &option, const std::string &value) {
  const std::string bad = "--" + option + ": '" + value +
                          "' is not a time (2026-11-30T08:15:00Z, 2026-11-30T10:15:00+02:00, 2026-11-30 or "
                          "@SECONDS; a time needs Z or an offset)";
  if (!value.empty() && value[0] == '@') {
    std::string n = value.substr(1);
    if (n.empty() || n.size() > 12) throw UsageError(bad);
    for (char c : n)
      if (!std::isdigit(static_cast<unsigned char>(c))) throw UsageError(bad);
    return static_cast<std::time_t>(std::strtoll(n.c_str(), nullptr, 10));
  }
  int y, mo, d;
  if (!digits(value, 0, 4, y) || value.size() < 10 || value[4] != '-' || !digits(value, 5, 2, mo) ||
      value[7] != '-' || !digits(value, 8, 2, d))
    throw UsageError(bad);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
    throw UsageError("--" + option + ": '" + value + "' is not a real date");
  long long seconds = days_from_civil(y, mo, d) * 86400;
  if (value.size() == 10) return static_cast<std::time_t>(seconds);
  int h, mi, s = 0;
  if ((value[10] != 'T' && value[10] != 't') || !digits(value, 11, 2, h) || value.size() < 16 ||
      value[13] != ':' || !digits(value, 14, 2, mi))
    throw UsageError(bad);
  std::size_t at = 16;
  if (at < value.size() && value[at] == ':') {
    if (!digits(value, at + 1, 2, s)) throw UsageError(bad);
    at += 3;
  }
  if (h > 23 || mi > 59 || s > 59) throw UsageError("--" + option + ": '" + value + "' is not a real time of day");
  seconds += h * 3600 + mi * 60 + s;
  std::string zone = value.substr(at);
  if (zone == "Z" || zone == "z") return static_cast<std::time_t>(seconds);
  int zh, zm;
  bool ok = zone.size() >= 5 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2, zh);
  if (ok && zone.size() == 6 && zone[3] == ':') ok = digits(zone, 4, 2, zm);
  else if (ok && zone.size() == 5) ok = digits(zone, 3, 2, zm);
  else ok = false;
  if (!ok || zh > 23 || zm > 59) throw UsageError(bad);
  long long offset = zh * 3600 + zm * 60;
  return static_cast<std::time_t>(zone[0] == '+' ? seconds - offset : seconds + offset);
}

std::string format_time(std::time_t t) {
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mktows_cli
