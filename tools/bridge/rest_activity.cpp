// rest_activity.cpp: getLeadActivity and getLeadChanges over merged REST
// activity streams.
#include "rest_activity.hpp"
#include "rest_values.hpp"

#include "activity_streams.hpp"
#include "ascii.hpp"
#include "lead_keys.hpp"
#include "rest_cost.hpp"
#include "rest_names.hpp"
#include "service_error.hpp"
#include "stream_position.hpp"

#include <mktows/activity_types.hpp>
#include <mktows/limits.hpp>

#include <algorithm>
#include <climits>
#include <ctime>
#include <map>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;

namespace {

int batch_of(bool has, int batch, int fallback, int cap) {
  if (!has) return fallback;
  if (batch < 1) throw ServiceError::told(fc::bad_parameter, "batchSize must be at least 1");
  return std::min(batch, cap);
}

// Where a stream starts when the caller gives no offset: the position's
// oldestCreatedAt, else the epoch (everything the REST side keeps).
std::int64_t since_of(const StreamPositionData &p) { return p.has_oldest ? p.oldest : 0; }

// The payload's binding members must be what this call asks; else the
// position is another question's.
void same_or_refuse(const json &payload, const json &binding) {
  for (auto it = binding.begin(); it != binding.end(); ++it)
    if (!payload.contains(it.key()) || payload[it.key()] != *it)
      throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question (" + it.key() + " differs)");
}

}  // namespace

std::vector<int> RestActivity::type_ids(const ActivityTypeFilterData &filter) {
  if (!filter.include.empty() && !filter.exclude.empty())
    throw ServiceError::told(fc::bad_parameter, "includeTypes and excludeTypes may not both be given");
  const std::vector<std::string> &named = filter.include.empty() ? filter.exclude : filter.include;
  std::vector<std::string> displays;
  for (const std::string &n : named) {
    const mktows::ActivityTypeInfo *t = mktows::find_activity_type(n.c_str());
    if (!t) throw ServiceError::told(fc::activity_key_bad, "activity type " + n + " is not a 2_2 ActivityType");
    displays.push_back(t->display);
  }
  auto named_here = [&](const std::string &rest_name) {
    for (const std::string &d : displays)
      if (iequals(d, rest_name)) return true;
    return false;
  };
  std::vector<int> ids;
  bool include = !filter.include.empty();
  // A type the instance does not have has no records: it adds no stream.
  for (const RestActivityType &t : activity_types(rest_))
    if (include ? named_here(t.name) : !named_here(t.name)) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

ActivityRecordData RestActivity::record(const json &r) {
  ActivityRecordData a;
  if (r.contains("id") && r["id"].is_number_integer()) a.id = r["id"].get<long long>();
  if ((a.id <= 0 || a.id > INT_MAX) && r.contains("marketoGUID") && r["marketoGUID"].is_string()) {
    const std::string &g = r["marketoGUID"].get_ref<const std::string &>();
    a.id = !g.empty() && g.size() < 11 && g.find_first_not_of("0123456789") == std::string::npos ? std::stoll(g) : 0;
  }
  // 2_2's ActivityRecord.id is an xs:int.
  if (a.id <= 0 || a.id > INT_MAX)
    throw ServiceError(fc::api_failure, "a REST activity whose id does not fit 2_2's xs:int id");
  int type = r.value("activityTypeId", 0);
  for (const RestActivityType &t : activity_types(rest_))
    if (t.id == type) a.type = t.name;
  if (a.type.empty()) a.type = std::to_string(type);  // a type types.json does not list: its id
  if (r.contains("primaryAttributeValue")) a.asset = soap_text(r["primaryAttributeValue"]);
  if (r.contains("leadId") && r["leadId"].is_number_integer()) a.lead_id = r["leadId"].get<int>();
  if (r.contains("attributes") && r["attributes"].is_array())
    for (const json &at : r["attributes"])
      if (at.is_object() && at.contains("name") && at["name"].is_string())
        a.attributes.push_back(Attribute{at["name"].get<std::string>(), at.contains("value") ? soap_text(at["value"]) : ""});
  if (r.contains("campaignId") && r["campaignId"].is_number_integer() && r["campaignId"].get<int>() > 0)
    a.campaign = campaign_name(rest_, r["campaignId"].get<int>());
  return a;
}

ActivityPage RestActivity::lead_activity(const LeadActivityRequest &request) {
  RestCost cost("getLeadActivity", rest_.verbose());
  std::vector<LeadKeyRef> key = {LeadKeyRef{request.key_type, request.key_value}};
  check_lead_keys(key);
  int batch = batch_of(request.has_batch, request.batch, mktows::kMaxLeadActivityBatch, mktows::kMaxLeadActivityBatch);
  const StreamPositionData &pos = request.position;
  bool has_offset = request.has_position && pos.has_offset && !pos.offset.empty();
  json payload;
  if (has_offset) {
    payload = rest_.signer().open(pos.offset);
    same_or_refuse(payload, json{{"op", "getLeadActivity"}, {"kt", request.key_type}, {"kv", request.key_value}});
    if (payload.value("end", false)) throw ServiceError::told(fc::stream_at_end, "the stream was read to its end");
  }
  std::vector<int> types = type_ids(request.filter);  // checks the filter first
  // Before the first call: the look-ups and one call per stream.
  int streams_max = static_cast<int>((types.size() + 9) / 10);
  RestCost::require(rest_.gate(), lookup_calls(rest_, "activity-types", "") + (has_offset ? 0 : 2) + streams_max,
                    "getLeadActivity");
  std::vector<int> leads;
  std::vector<StreamCursor> cursors;
  if (has_offset) {
    same_or_refuse(payload, json{{"types", types}});
    if (!payload.contains("leads") || !payload["leads"].is_array()) throw ServiceError::told(fc::bad_stream_position, "no leads");
    leads = payload["leads"].get<std::vector<int>>();
  } else {
    std::vector<std::vector<LeadMatch>> found = resolve_lead_keys(rest_, key);  // kept: the loop reads into it
    for (const LeadMatch &m : found[0]) leads.push_back(m.id);
    if (leads.empty()) throw ServiceError(fc::lead_not_found, request.key_type + " matched no lead");
    if (leads.size() > mktows::bridge_limits::kMaxActivityLeads)
      throw ServiceError::told(fc::bad_parameter, "the key names " + std::to_string(leads.size()) + " leads, more than the " +
                                                      std::to_string(mktows::bridge_limits::kMaxActivityLeads) +
                                                      " one REST activities call takes");
    std::sort(leads.begin(), leads.end());
  }
  ActivityPage page;
  page.next = pos;
  page.next.has_activity = false;
  if (types.empty()) {  // nothing the instance has was asked for
    json end{{"op", "getLeadActivity"}, {"kt", request.key_type}, {"kv", request.key_value}, {"types", types},
             {"leads", leads}, {"end", true}};
    page.next.has_offset = true;
    page.next.offset = rest_.signer().seal(end);
    return page;
  }
  std::vector<StreamQuery> queries = stream_queries(types, leads, "");
  if (has_offset) {
    if (!cursors_from(payload.value("streams", json()), queries.size(), cursors))
      throw ServiceError::told(fc::bad_stream_position, "the position's streams are not this question's");
  } else {
    std::string token = paging_token(rest_, since_of(pos));
    cursors.assign(queries.size(), StreamCursor{token, 0, false});
  }
  bool more = false;
  std::int64_t until = request.has_position && pos.has_latest ? pos.latest : 0;
  std::vector<ActivityItem> items = read_merged(rest_, queries, cursors, static_cast<std::size_t>(batch), until, more);
  for (const ActivityItem &it : items) page.records.push_back(record(it.rest));
  if (!items.empty()) {
    page.next.has_activity = true;
    page.next.activity = items.back().at;
  }
  page.remaining = more ? 1 : 0;  // REST gives no count: a flag (docs/BRIDGE.md)
  json next{{"op", "getLeadActivity"}, {"kt", request.key_type}, {"kv", request.key_value}, {"types", types},
            {"leads", leads}, {"streams", cursors_json(cursors)}, {"end", !more}};
  page.next.has_offset = true;
  page.next.offset = rest_.signer().seal(next);
  return page;
}

ActivityPage RestActivity::lead_changes(const LeadChangesRequest &request) {
  RestCost cost("getLeadChanges", rest_.verbose());
  using Selector = LeadChangesRequest::Selector;
  if (!request.has_position) throw ServiceError(fc::invalid_request, "no startPosition");
  const StreamPositionData &pos = request.position;
  if (!pos.has_oldest && !pos.has_latest && !pos.has_offset)
    throw ServiceError(fc::parameter_required, "startPosition has none of oldestCreatedAt, latestCreatedAt, offset");
  int batch = batch_of(request.has_batch, request.batch, mktows::kMaxLeadChangesBatch, mktows::kMaxLeadChangesBatch);
  if (request.selector == Selector::other) throw ServiceError(fc::request_not_understood, "leadSelector of no known type");
  std::vector<LeadKeyRef> keys;
  if (request.selector == Selector::keys) {
    if (request.keys.empty()) throw ServiceError(fc::lead_key_required, "LeadKeySelector has no keyValues");
    if (request.keys.size() > mktows::kMaxLeadChangesKeys)
      throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::kMaxLeadChangesKeys) + " keys");
    for (const std::string &v : request.keys) keys.push_back(LeadKeyRef{request.key_type, v});
    check_lead_keys(keys);
  }
  if (request.selector == Selector::static_list && !request.has_list_id && !request.has_list_name)
    throw ServiceError(fc::parameter_required, "StaticListSelector names no list");
  bool has_offset = pos.has_offset && !pos.offset.empty();
  json payload;
  // What the position answers: a position of other keys or another list is
  // refused rather than read as this question's.
  json binding{{"op", "getLeadChanges"}, {"sel", static_cast<int>(request.selector)}};
  if (request.selector == Selector::keys) binding["keys"] = json{request.key_type, request.keys};
  if (request.selector == Selector::static_list)
    binding["list"] = request.has_list_id ? json(request.list_id) : json(ascii_lower(request.list_name));
  if (has_offset) {
    payload = rest_.signer().open(pos.offset);
    same_or_refuse(payload, binding);
  }
  std::vector<int> types = type_ids(request.filter);
  std::int64_t until = pos.has_latest ? pos.latest : 0;
  std::int64_t since = since_of(pos);
  if (request.selector == Selector::last_update) {
    since = std::max(since, request.oldest_updated);
    if (request.has_latest_updated) until = until ? std::min(until, request.latest_updated) : request.latest_updated;
  }
  int streams_max = static_cast<int>((types.size() + 9) / 10) *
                    static_cast<int>(std::max<std::size_t>(1, (keys.size() + 29) / 30));
  RestCost::require(rest_.gate(),
                    lookup_calls(rest_, "activity-types", "") + (has_offset ? 0 : lead_key_calls(keys) + 2) + streams_max,
                    "getLeadChanges");
  std::vector<int> leads;
  std::string extra;
  bool nobody = false;  // keys that match no lead: nothing to read
  if (has_offset) {
    same_or_refuse(payload, json{{"types", types}});
    if (!payload.contains("leads") || !payload["leads"].is_array() || !payload.contains("extra") || !payload["extra"].is_string())
      throw ServiceError::told(fc::bad_stream_position, "the position is not this question's");
    leads = payload["leads"].get<std::vector<int>>();
    extra = payload["extra"].get<std::string>();
    nobody = payload.value("nobody", false);
  } else if (request.selector == Selector::keys) {
    for (const std::vector<LeadMatch> &ms : resolve_lead_keys(rest_, keys))
      for (const LeadMatch &m : ms) leads.push_back(m.id);
    std::sort(leads.begin(), leads.end());
    leads.erase(std::unique(leads.begin(), leads.end()), leads.end());
    nobody = leads.empty();
  } else if (request.selector == Selector::static_list) {
    int list = request.has_list_id ? request.list_id : find_list(rest_, request.list_name).id;
    extra = "&listId=" + std::to_string(list);
  }
  ActivityPage page;
  page.next = pos;
  page.next.has_activity = false;
  std::vector<StreamQuery> queries = nobody ? std::vector<StreamQuery>() : stream_queries(types, leads, extra);
  std::vector<StreamCursor> cursors;
  if (has_offset) {
    if (!cursors_from(payload.value("streams", json()), queries.size(), cursors))
      throw ServiceError::told(fc::bad_stream_position, "the position's streams are not this question's");
  } else if (!queries.empty()) {
    std::string token = paging_token(rest_, since);
    cursors.assign(queries.size(), StreamCursor{token, 0, false});
  }
  bool more = false;
  std::vector<ActivityItem> items;
  if (!queries.empty())
    items = read_merged(rest_, queries, cursors, static_cast<std::size_t>(batch), until, more);
  for (const ActivityItem &it : items) page.records.push_back(record(it.rest));
  if (!items.empty()) {
    page.next.has_activity = true;
    page.next.activity = items.back().at;
  }
  page.remaining = more ? 1 : 0;
  json next = binding;
  next["types"] = types;
  next["leads"] = leads;
  next["extra"] = extra;
  next["nobody"] = nobody;
  next["streams"] = cursors_json(cursors);
  page.next.has_offset = true;
  page.next.offset = rest_.signer().seal(next);
  return page;
}

}  // namespace mktows_bridge
