// rest_dates.hpp: the REST API's date shapes read into seconds since the
// epoch: the lead database's `2023-01-16T23:32:19Z` and
// `2014-09-17T22:31:49+0000`, the asset API's `2015-07-15T11:40:57Z+0000`,
// and `+hh:mm` offsets (shared/mktows-operations.md §1.2).
#pragma once

#include <cstdint>
#include <string>

namespace mktows_bridge {

// False when `text` is none of them.
bool parse_rest_date(const std::string &text, std::int64_t &seconds);

}  // namespace mktows_bridge
