// rest_multiple_leads.cpp: getMultipleLeads by StaticListSelector (Get
// Leads by List Id) and by LastUpdateAtSelector (the leads that changed in
// the window, from the activity log, then Get Leads by id): docs/BRIDGE.md,
// "getMultipleLeads".
#include "rest_backend.hpp"
#include "random_id.hpp"

#include "activity_streams.hpp"
#include "ascii.hpp"
#include "rest_cost.hpp"
#include "rest_names.hpp"
#include "service_error.hpp"
#include "state_store.hpp"
#include "stream_position.hpp"

#include <mktows/activity_types.hpp>
#include <mktows/limits.hpp>


#include <algorithm>
#include <ctime>
#include <set>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;
using mktows::rest_limits::kMaxRecords;

namespace {

void check_include(const MultipleLeadsRequest &request, const RestBackend::Names &n) {
  for (const std::string &a : request.include)
    if (a != "Email" && a != "ForeignSysPersonId" && a != "ForeignSysType" && !n.soap_to_rest.count(a))
      throw ServiceError::told(fc::lead_attribute_bad, "includeAttributes names no lead field " + a);
}

json open_position(RestBackend &rest, const std::string &position, const json &binding) {
  json p = rest.signer().open(position);
  for (auto it = binding.begin(); it != binding.end(); ++it)
    if (!p.contains(it.key()) || p[it.key()] != *it)
      throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question (" + it.key() + " differs)");
  return p;
}

std::string walk_id() { return random_hex(12, "a walk id"); }

}  // namespace

MultipleLeadsPage RestBackend::list_leads_page(const MultipleLeadsRequest &request, int page_size) {
  const LeadSelection &sel = request.selection;
  if (!sel.has_list_id && sel.list_name.empty())
    throw ServiceError(fc::parameter_required, "StaticListSelector names no list");
  std::shared_ptr<const Names> n = names(false);
  check_include(request, *n);
  json binding{{"op", "getMultipleLeads/list"},
               {"list", sel.has_list_id ? json(sel.list_id) : json(mktows_front::ascii_lower(sel.list_name))}};
  int list = 0;
  std::string token;
  int skip = 0;
  if (!request.stream_position.empty()) {
    json p = open_position(*this, request.stream_position, binding);
    if (!p.contains("id") || !p["id"].is_number_integer() || !p.contains("t") || !p["t"].is_string() ||
        !p.contains("s") || !p["s"].is_number_integer())
      throw ServiceError::told(fc::bad_stream_position, "the position is not this question's");
    list = p["id"].get<int>();
    token = p["t"].get<std::string>();
    skip = p["s"].get<int>();
  }
  // The most REST pages one SOAP page reads: its records / 300, plus the
  // page it starts inside.
  int pages = (page_size + static_cast<int>(kMaxRecords) - 1) / static_cast<int>(kMaxRecords) + 1;
  RestCost::require(gate_, pages + (list || sel.has_list_id ? 0 : lookup_calls(*this, "list", sel.list_name)),
                    "getMultipleLeads");
  bool by_name = !sel.has_list_id;
  if (!list) list = sel.has_list_id ? sel.list_id : find_list(*this, sel.list_name).id;
  if (list <= 0) throw ServiceError(fc::list_not_found, "staticListId not positive");
  MultipleLeadsPage page;
  std::string fields = all_fields(*n);
  bool done = false;
  bool retried = false;
  for (int read = 0; static_cast<int>(page.leads.size()) < page_size; ++read) {
    if (read >= pages + 2) break;  // short pages: the rest on the next call
    std::string q = "/v1/lists/" + std::to_string(list) + "/leads.json?batchSize=" + std::to_string(kMaxRecords) +
                    "&fields=" + RestHttp::escape(fields);
    if (!token.empty()) q += "&nextPageToken=" + RestHttp::escape(token);
    json r;
    try {
      r = call("GET", q, "", "", {{"1013", fc::list_not_found}});
    } catch (const ServiceError &e) {
      // A cached list id REST no longer knows: resolve the name once more.
      if (e.code() != fc::list_not_found || !by_name || retried || !token.empty()) throw;
      retried = true;
      int again = find_list(*this, sel.list_name, true).id;
      if (again == list) throw;
      list = again;
      --read;
      continue;
    }
    if (!r.contains("result") || !r["result"].is_array()) throw ServiceError(fc::api_failure, "list leads: no result");
    const json &result = r["result"];
    bool more = r.value("moreResult", false) && r.contains("nextPageToken") && r["nextPageToken"].is_string();
    std::size_t at = std::min<std::size_t>(static_cast<std::size_t>(skip), result.size());
    while (at < result.size() && static_cast<int>(page.leads.size()) < page_size) {
      Lead l = to_lead(result[at++], *n);
      if (request.has_include) keep_only(l, request.include);
      page.leads.push_back(std::move(l));
    }
    if (at < result.size()) {  // the page is full inside this REST page
      skip = static_cast<int>(at);
      page.remaining = static_cast<int>(result.size() - at) + (more ? 1 : 0);
      break;
    }
    if (!more) {
      done = true;
      break;
    }
    token = r["nextPageToken"].get<std::string>();
    skip = 0;
    page.remaining = 1;  // REST gives no count: at least one more may follow
  }
  if (!done) {
    json next = binding;
    next["id"] = list;
    next["t"] = token;
    next["s"] = skip;
    page.next_position = signer_.seal(next);
    if (page.remaining == 0) page.remaining = 1;
  } else {
    page.remaining = 0;
  }
  return page;
}

MultipleLeadsPage RestBackend::updated_leads_page(const MultipleLeadsRequest &request, int page_size) {
  const LeadSelection &sel = request.selection;
  std::shared_ptr<const Names> n = names(false);
  check_include(request, *n);
  std::int64_t latest = sel.has_latest ? sel.latest : static_cast<std::int64_t>(std::time(nullptr));
  if (latest < sel.oldest) throw ServiceError::told(fc::bad_parameter, "latestUpdatedAt is before oldestUpdatedAt");
  if (latest - sel.oldest > static_cast<std::int64_t>(mktows::kMaxUpdateWindowDays) * 86400)
    throw ServiceError::told(fc::time_range_exceeded,
                             "more than " + std::to_string(mktows::kMaxUpdateWindowDays) + " days between oldestUpdatedAt and " +
                                 (sel.has_latest ? "latestUpdatedAt" : "now"));
  json binding{{"op", "getMultipleLeads/updated"}, {"oldest", sel.oldest}, {"latest", sel.has_latest ? json(sel.latest) : json()}};
  std::vector<int> ids;
  std::string walk;
  std::size_t offset = 0;
  if (!request.stream_position.empty()) {
    json p = open_position(*this, request.stream_position, binding);
    if (!p.contains("walk") || !p["walk"].is_string() || !p.contains("o") || !p["o"].is_number_unsigned())
      throw ServiceError::told(fc::bad_stream_position, "the position is not this question's");
    walk = p["walk"].get<std::string>();
    offset = p["o"].get<std::size_t>();
    std::string kept;
    json list;
    if (!state_.get("walk/" + walk, kept) || !(list = json::parse(kept, nullptr, false)).is_array())
      throw ServiceError::told(fc::bad_stream_position, "the walk this position belongs to has expired");
    ids = list.get<std::vector<int>>();
  } else {
    // The leads written in the window: the lead database's own changes
    // (New Lead, Change Data Value), read once at the first page, each lead
    // listed once, in the order of its first change; the list is kept in
    // the state store and paged from there.
    std::vector<int> types;
    for (const RestActivityType &t : activity_types(*this))
      for (const char *e : {"NewLead", "ChangeDataValue"})
        if (iequals(t.name, mktows::find_activity_type(e)->display)) types.push_back(t.id);
    std::sort(types.begin(), types.end());
    if (!types.empty()) {
      std::vector<StreamQuery> queries = stream_queries(types, {}, "");
      std::vector<StreamCursor> cursors(queries.size(), StreamCursor{paging_token(*this, sel.oldest), 0, false});
      std::set<int> seen;
      bool more = true;
      while (more) {
        int before = RestCost::so_far();
        std::vector<ActivityItem> items = read_merged(*this, queries, cursors, kMaxRecords * 4, latest, more);
        for (const ActivityItem &a : items) {
          int lead = a.rest.value("leadId", 0);
          if (lead > 0 && seen.insert(lead).second) ids.push_back(lead);
        }
        if (ids.size() > mktows::bridge_limits::kMaxUpdatedLeads)
          throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::bridge_limits::kMaxUpdatedLeads) +
                                                          " leads changed in the window: narrow it");
        // Reading the window must fit the REST window, with the page's own
        // lead calls after it.
        if (more && gate_.window_calls() > 0 &&
            RestCost::so_far() + (RestCost::so_far() - before) + page_size / static_cast<int>(kMaxRecords) + 1 >
                gate_.window_calls())
          throw ServiceError::told(fc::rate_limit_exceeded,
                                   "reading the window's changes needs more REST calls than one window allows: narrow it");
      }
    }
    walk = walk_id();
    state_.put("walk/" + walk, json(ids).dump(), mktows::bridge_limits::kImportBatchSeconds);
  }
  MultipleLeadsPage page;
  std::size_t end = std::min(ids.size(), offset + static_cast<std::size_t>(page_size));
  std::string fields = all_fields(*n);
  for (std::size_t from = offset; from < end; from += kMaxRecords) {
    std::size_t to = std::min(end, from + kMaxRecords);
    std::string values;
    for (std::size_t i = from; i < to; ++i) values += (i > from ? "," : "") + std::to_string(ids[i]);
    std::vector<json> got = filter_records("id", values, fields);
    // In the walk's order; a lead deleted since is left out.
    for (std::size_t i = from; i < to; ++i)
      for (const json &g : got)
        if (g.is_object() && g.value("id", 0) == ids[i]) {
          Lead l = to_lead(g, *n);
          if (request.has_include) keep_only(l, request.include);
          page.leads.push_back(std::move(l));
        }
  }
  page.remaining = static_cast<int>(ids.size() - end);  // exact: the walk's list is known
  if (page.remaining > 0) {
    json next = binding;
    next["walk"] = walk;
    next["o"] = end;
    page.next_position = signer_.seal(next);
  }
  return page;
}

}  // namespace mktows_bridge
