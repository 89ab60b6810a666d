// activity_streams.hpp: reading REST activities (GET activities.json) as
// one stream ordered by date. REST takes at most 10 activityTypeIds and 30
// leadIds per call, so a SOAP question is several REST streams, each with
// its own nextPageToken; they are merged by (activityDate, id). A cursor
// per stream (the token of the REST page holding its next record, and how
// many of that page's records were already handed out) is all a later page
// needs: it goes into the signed stream position.
#pragma once

#include "rest_backend.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mktows_bridge {

struct StreamCursor {
  std::string token;  // REST nextPageToken of the page to read
  int skip = 0;       // records of that page already handed out
  bool done = false;  // REST said no more (the cursor is kept to read what comes later)
};

struct ActivityItem {
  nlohmann::json rest;  // the REST record
  std::int64_t at = 0;  // its activityDate
  long long id = 0;     // its id (or numeric marketoGUID)
};

// One REST stream: what goes after activities.json? besides the token.
struct StreamQuery {
  std::string params;  // "activityTypeIds=1,2&leadIds=5"
};

// Streams for these type ids (groups of 10) times these lead-id groups
// (groups of 30; none: every lead), with `extra` (e.g. "&listId=7").
std::vector<StreamQuery> stream_queries(const std::vector<int> &type_ids, const std::vector<int> &lead_ids,
                                        const std::string &extra);

// A REST paging token for activities from `since` (one call).
std::string paging_token(RestBackend &rest, std::int64_t since);

// Up to `want` records after the cursors, oldest first, none later than
// `until` (0: no bound). Moves the cursors; `more` says whether records
// may follow (REST gives no count). Reads at most
// bridge_limits::kMaxFetchesPerPage REST pages; a page may end short then.
std::vector<ActivityItem> read_merged(RestBackend &rest, const std::vector<StreamQuery> &queries,
                                      std::vector<StreamCursor> &cursors, std::size_t want, std::int64_t until,
                                      bool &more);

nlohmann::json cursors_json(const std::vector<StreamCursor> &cursors);
// False when `j` is not what cursors_json wrote for `n` streams.
bool cursors_from(const nlohmann::json &j, std::size_t n, std::vector<StreamCursor> &out);

}  // namespace mktows_bridge
