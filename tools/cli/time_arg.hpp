// time_arg.hpp: the one reader of the time flags (--updated-since, --until,
// --since, --at) and the one writer of times in output. The forms are
// docs/CLI.md's, "Times":
//   2026-11-30T08:15:00Z        UTC
//   2026-11-30T10:15:00+02:00   an offset from UTC (also -05:00, +0200)
//   2026-11-30T08:15Z           seconds may be left out
//   2026-11-30                  the day's start, UTC
//   @1796026500                 seconds since 1970-01-01 UTC
// A time without a zone is refused: a local-time guess would shift by the
// machine's zone, and a 30-day window by an hour at a DST change.
#pragma once

#include <ctime>
#include <string>

namespace mktows_cli {

// The time `value` names; UsageError naming `--option` when it is none of
// the forms or not a real date (2026-02-30).
std::time_t parse_time_arg(const std::string &option, const std::string &value);

// 2026-11-30T08:15:00Z.
std::string format_time(std::time_t t);

}  // namespace mktows_cli
