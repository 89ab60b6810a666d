// times.hpp: how the servers write a point in time. Both faces keep times as
// seconds since the epoch (UTC); the REST lead database writes them as
// `2024-05-01T10:00:00Z`, SOAP's xs:dateTime with an offset,
// `2024-05-01T10:00:00+00:00` (shared/mktows-operations.md §1.2: the bridge
// always emits SOAP times with ±hh:mm). Reading: parse_w3c_timestamp
// (auth.hpp) takes both.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace mktows_front {

inline std::string format_time(std::int64_t seconds, const char *zone) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return std::string(buf) + zone;
}

inline std::string rest_time(std::int64_t seconds) { return format_time(seconds, "Z"); }
inline std::string soap_time(std::int64_t seconds) { return format_time(seconds, "+00:00"); }

}  // namespace mktows_front
