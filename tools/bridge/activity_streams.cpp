// activity_streams.cpp: a k-way merge over REST activity pages.
#include "activity_streams.hpp"

#include "rest_dates.hpp"
#include "service_error.hpp"
#include "times.hpp"

#include <mktows/limits.hpp>

namespace mktows_bridge {

using mktows_front::ServiceError;
using nlohmann::json;
namespace rl = mktows::rest_limits;

namespace {

std::string join(const std::vector<int> &ids, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) s += (i > from ? "," : "") + std::to_string(ids[i]);
  return s;
}

struct Page {
  std::vector<ActivityItem> items;
  std::size_t at = 0;
  bool more = false;
  std::string next;
  bool loaded = false;
};

ActivityItem item_of(const json &r) {
  ActivityItem a;
  a.rest = r;
  if (!r.is_object() || !r.contains("activityDate") || !r["activityDate"].is_string() ||
      !parse_rest_date(r["activityDate"].get<std::string>(), a.at))
    throw ServiceError(mktows::fault_code::api_failure, "REST activity without a readable activityDate");
  if (r.contains("id") && r["id"].is_number_integer()) {
    a.id = r["id"].get<long long>();
  } else if (r.contains("marketoGUID") && r["marketoGUID"].is_string()) {
    const std::string &g = r["marketoGUID"].get_ref<const std::string &>();
    if (!g.empty() && g.size() < 19 && g.find_first_not_of("0123456789") == std::string::npos) a.id = std::stoll(g);
  }
  return a;
}

void fetch(RestBackend &rest, const StreamQuery &q, const std::string &token, Page &p) {
  json r = rest.call("GET", "/v1/activities.json?" + q.params + "&batchSize=" + std::to_string(rl::kMaxRecords) +
                                "&nextPageToken=" + RestHttp::escape(token),
                     "", "");
  p.items.clear();
  p.at = 0;
  if (r.contains("result") && r["result"].is_array())
    for (const json &x : r["result"]) p.items.push_back(item_of(x));
  p.more = r.value("moreResult", false);
  p.next = r.contains("nextPageToken") && r["nextPageToken"].is_string() ? r["nextPageToken"].get<std::string>() : "";
  if (p.more && p.next.empty()) throw ServiceError(mktows::fault_code::api_failure, "REST said moreResult without a nextPageToken");
  p.loaded = true;
}

}  // namespace

std::vector<StreamQuery> stream_queries(const std::vector<int> &type_ids, const std::vector<int> &lead_ids,
                                        const std::string &extra) {
  std::vector<StreamQuery> out;
  for (std::size_t t = 0; t < type_ids.size(); t += rl::kMaxActivityTypeIds) {
    std::string types = "activityTypeIds=" + join(type_ids, t, std::min(type_ids.size(), t + rl::kMaxActivityTypeIds));
    if (lead_ids.empty()) {
      out.push_back(StreamQuery{types + extra});
      continue;
    }
    for (std::size_t l = 0; l < lead_ids.size(); l += rl::kMaxActivityLeadIds)
      out.push_back(StreamQuery{types + "&leadIds=" + join(lead_ids, l, std::min(lead_ids.size(), l + rl::kMaxActivityLeadIds)) +
                                extra});
  }
  return out;
}

std::string paging_token(RestBackend &rest, std::int64_t since) {
  json r = rest.call("GET", "/v1/activities/pagingtoken.json?sinceDatetime=" + RestHttp::escape(mktows_front::rest_time(since)),
                     "", "");
  if (!r.contains("nextPageToken") || !r["nextPageToken"].is_string())
    throw ServiceError(mktows::fault_code::api_failure, "pagingtoken.json answered no nextPageToken");
  return r["nextPageToken"].get<std::string>();
}

std::vector<ActivityItem> read_merged(RestBackend &rest, const std::vector<StreamQuery> &queries,
                                      std::vector<StreamCursor> &cursors, std::size_t want, std::int64_t until,
                                      bool &more) {
  std::vector<Page> pages(queries.size());
  std::vector<ActivityItem> out;
  int fetches = 0;
  bool window_ended = false, cut = false;
  // The next record of stream s, fetching pages as needed; false when the
  // stream has nothing now (or the fetch budget is spent).
  auto head = [&](std::size_t s) -> bool {
    Page &p = pages[s];
    StreamCursor &c = cursors[s];
    for (;;) {
      if (!p.loaded) {
        if (fetches >= mktows::bridge_limits::kMaxFetchesPerPage) return cut = true, false;
        ++fetches;
        fetch(rest, queries[s], c.token, p);
        p.at = std::min<std::size_t>(static_cast<std::size_t>(c.skip), p.items.size());
      }
      if (p.at < p.items.size()) return true;
      if (!p.more) {
        c.done = true;
        return false;
      }
      // Page used up: the next one (a short or empty page with moreResult
      // is normal).
      c.token = p.next;
      c.skip = 0;
      p.loaded = false;
    }
  };
  while (out.size() < want) {
    std::size_t best = queries.size();
    for (std::size_t s = 0; s < queries.size(); ++s) {
      if (!head(s)) continue;
      const ActivityItem &a = pages[s].items[pages[s].at];
      if (best == queries.size()) {
        best = s;
        continue;
      }
      const ActivityItem &b = pages[best].items[pages[best].at];
      if (a.at < b.at || (a.at == b.at && a.id < b.id)) best = s;
    }
    if (best == queries.size()) break;
    Page &p = pages[best];
    if (until && p.items[p.at].at > until) {
      window_ended = true;  // every stream's next record is later than the window
      break;
    }
    out.push_back(p.items[p.at]);
    ++p.at;
    cursors[best].skip = static_cast<int>(p.at);
  }
  more = false;
  for (std::size_t s = 0; s < queries.size(); ++s) {
    Page &p = pages[s];
    StreamCursor &c = cursors[s];
    if (!p.loaded) {
      more = more || !c.done;
      continue;
    }
    c.skip = static_cast<int>(p.at);
    if (p.at == p.items.size() && p.more) {
      c.token = p.next;  // this page is used up: start at the next
      c.skip = 0;
    }
    c.done = p.at == p.items.size() && !p.more;
    more = more || !c.done;
  }
  if (window_ended) more = false;
  if (cut) more = true;
  return out;
}

json cursors_json(const std::vector<StreamCursor> &cursors) {
  json a = json::array();
  for (const StreamCursor &c : cursors) a.push_back(json::array({c.token, c.skip, c.done}));
  return a;
}

bool cursors_from(const json &j, std::size_t n, std::vector<StreamCursor> &out) {
  if (!j.is_array() || j.size() != n) return false;
  out.clear();
  for (const json &c : j) {
    if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[1].is_number_integer() || !c[2].is_boolean() ||
        c[1].get<long long>() < 0 || c[1].get<long long>() > 100000)
      return false;
    out.push_back(StreamCursor{c[0].get<std::string>(), c[1].get<int>(), c[2].get<bool>()});
  }
  return true;
}

}  // namespace mktows_bridge
