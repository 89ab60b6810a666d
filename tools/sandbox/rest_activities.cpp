// rest_activities.cpp: the REST activities calls.
#include "rest_activities.hpp"
#include "text_values.hpp"

#include "auth.hpp"
#include "rest_error.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <ctime>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using mktows::rest_limits::kMaxActivityLeadIds;
using mktows::rest_limits::kMaxActivityListMembers;
using mktows::rest_limits::kMaxActivityTypeIds;
using mktows::rest_limits::kMaxRecords;

namespace {

const char kTokenPrefix[] = "sb-act.";  // sb-act.<since>.<after id>: the sandbox's own form

std::string param(const RestActivities::Query &q, const std::string &name) {
  for (const auto &kv : q)
    if (kv.first == name) return kv.second;
  return std::string();
}

bool parse_number(const std::string &s, long long max, long long &out) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoll(s);
  return out <= max;
}


// A token's position: records at or after `since` with an id above `after`.
struct TokenPosition {
  long long since = 0;
  long long after = 0;
};

TokenPosition read_token(const std::string &token) {
  if (token.empty()) throw RestError(kBlank, "nextPageToken cannot be blank");
  TokenPosition p;
  const std::size_t n = sizeof kTokenPrefix - 1;
  std::size_t dot = token.find('.', n);
  if (token.compare(0, n, kTokenPrefix) != 0 || dot == std::string::npos ||
      !parse_number(token.substr(n, dot - n), 1LL << 40, p.since) ||
      !parse_number(token.substr(dot + 1), 1LL << 62, p.after))
    throw RestError(kInvalidData, "Invalid data: nextPageToken");
  return p;
}

std::string make_token(const TokenPosition &p) {
  return kTokenPrefix + std::to_string(p.since) + "." + std::to_string(p.after);
}

int batch_of(const std::string &text) {
  if (text.empty()) return static_cast<int>(kMaxRecords);
  long long b;
  if (!parse_number(text, static_cast<long long>(kMaxRecords), b) || b == 0)
    throw RestError(kInvalidData, "Invalid data: batchSize");
  return static_cast<int>(b);
}

// Whose records a call lists: every lead's, or those of `ids` (sorted).
struct LeadFilter {
  bool every = true;
  std::vector<int> ids;
};

// leadIds: at most kMaxActivityLeadIds; empty: every lead.
std::vector<int> lead_ids_of(const std::string &text) {
  std::vector<int> ids;
  if (text.empty()) return ids;
  std::vector<std::string> parts = split_commas(text);
  if (parts.size() > kMaxActivityLeadIds)
    throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(kMaxActivityLeadIds) + " leadIds");
  for (const std::string &s : parts) {
    long long id;
    if (!parse_number(s, 2147483647, id) || id == 0) throw RestError(kInvalidData, "Invalid data: leadIds");
    ids.push_back(static_cast<int>(id));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}


json base_item(const Activity &a) {
  return json{{"id", a.id},
              {"marketoGUID", std::to_string(a.id)},
              {"leadId", a.lead_id},
              {"activityDate", rest_time(a.at)},
              {"activityTypeId", rest_activity_type_id(a.type)}};
}

// leadIds or listId (the docs give them as alternatives: both → 1003). A
// listId names a list of the world (else 1013) of fewer than 10,000 members
// (else 1003, the vendor's rule since its 2026 change); the members are read
// under the lock, with the page (fill_list_locked). 0: no listId.
int list_id_of(const LeadService &leads, const RestActivities::Query &q) {
  std::string text = param(q, "listId");
  if (text.empty()) return 0;
  if (!param(q, "leadIds").empty()) throw RestError(kInvalidData, "Invalid data: leadIds and listId are alternatives");
  long long id;
  if (!parse_number(text, 2147483647, id) || id == 0) throw RestError(kInvalidData, "Invalid data: listId");
  if (!leads.config().world.list(static_cast<int>(id)))
    throw RestError(kObjectNotFound, std::string(rest_message(kObjectNotFound)) + ": list " + text);
  return static_cast<int>(id);
}

LeadFilter filter_of(const LeadService &leads, const RestActivities::Query &q, int &list_id) {
  list_id = list_id_of(leads, q);
  LeadFilter f;
  f.ids = lead_ids_of(param(q, "leadIds"));
  f.every = f.ids.empty() && !list_id;
  return f;
}

void fill_list_locked(const LeadService &leads, int list_id, LeadFilter &f) {
  if (!list_id) return;
  f.ids = leads.static_list_members_locked(true, list_id, std::string());
  if (f.ids.size() > kMaxActivityListMembers)
    throw RestError(kInvalidData, "Invalid data: listId names a list of " + std::to_string(f.ids.size()) +
                                      " leads (at most " + std::to_string(kMaxActivityListMembers) + ")");
  std::sort(f.ids.begin(), f.ids.end());
}

bool wanted_lead(const LeadFilter &f, int lead) {
  return f.every || std::binary_search(f.ids.begin(), f.ids.end(), lead);
}

// Reads the log after `p`: `keep` says whether a record is listed (and
// writes its item); at most `batch` items, `more` when another would follow.
template <class Keep>
json page(const ActivityLog &log, TokenPosition &p, int batch, bool &more, Keep keep) {
  json result = json::array();
  const std::vector<Activity> &all = log.all();
  auto from = std::upper_bound(all.begin(), all.end(), p.after, [](long long id, const Activity &a) { return id < a.id; });
  more = false;
  for (auto it = from; it != all.end(); ++it) {
    if (it->at < p.since) continue;
    json item;
    if (!keep(*it, item)) continue;
    if (static_cast<int>(result.size()) == batch) {
      more = true;
      break;
    }
    result.push_back(std::move(item));
    p.after = it->id;
  }
  return result;
}

}  // namespace

RestActivities::RestActivities(LeadService &leads) : leads_(leads) {}

bool RestActivities::serves(const std::string &path) {
  return path == "/rest/v1/activities.json" || path == "/rest/v1/activities/types.json" ||
         path == "/rest/v1/activities/pagingtoken.json" || path == "/rest/v1/activities/leadchanges.json";
}

void RestActivities::get(const std::string &path, const Query &q, json &body) {
  bool more = false;
  std::string next;
  if (path == "/rest/v1/activities/types.json") {
    body["success"] = true;
    body["result"] = types();
  } else if (path == "/rest/v1/activities/pagingtoken.json") {
    std::string token = paging_token(param(q, "sinceDatetime"));
    body["success"] = true;
    body["nextPageToken"] = token;
  } else {
    json result = path == "/rest/v1/activities.json" ? activities(q, more, next) : lead_changes(q, more, next);
    body["success"] = true;
    body["nextPageToken"] = next;
    body["moreResult"] = more;
    body["result"] = result;
  }
}

json RestActivities::types() const {
  json out = json::array();
  for (std::size_t t = 0; t < mktows::kActivityTypeCount; ++t) {
    const mktows::ActivityTypeInfo &info = mktows::kActivityTypes[t];
    // What the sandbox's records of a type carry: the two types the lead
    // writes record are described as they are written; the others name
    // their asset (mktgAssetName) and no attributes until a domain that
    // records them says more.
    json primary{{"name", "Asset Name"}, {"dataType", "string"}};
    json attributes = json::array();
    if (std::string(info.enum_name) == "ChangeDataValue") {
      primary = json{{"name", "Attribute Name"}, {"dataType", "string"}};
      for (const char *a : {"Old Value", "New Value", "Reason"}) attributes.push_back({{"name", a}, {"dataType", "string"}});
    } else if (std::string(info.enum_name) == "NewLead") {
      primary = json{{"name", "Lead ID"}, {"dataType", "integer"}};
    }
    out.push_back({{"id", rest_activity_type_id(t)},
                   {"name", info.display},
                   {"description", std::string("2_2 ActivityType ") + info.enum_name},
                   {"primaryAttribute", primary},
                   {"attributes", attributes}});
  }
  return out;
}

std::string RestActivities::paging_token(const std::string &since) const {
  if (since.empty()) throw RestError(kBlank, "sinceDatetime cannot be blank");
  std::time_t t = 0;
  if (!mktows_front::parse_w3c_timestamp(since, t)) {
    // A date alone is a day's start, UTC.
    std::tm tm{};
    const char *end = since.size() == 10 ? strptime(since.c_str(), "%Y-%m-%d", &tm) : nullptr;
    if (!end || *end) throw RestError(kInvalidData, "Invalid data: sinceDatetime");
    t = timegm(&tm);
  }
  TokenPosition p;
  p.since = t < 0 ? 0 : static_cast<long long>(t);
  return make_token(p);
}

json RestActivities::activities(const Query &q, bool &more, std::string &next) {
  TokenPosition p = read_token(param(q, "nextPageToken"));
  std::string type_text = param(q, "activityTypeIds");
  if (type_text.empty()) throw RestError(kBlank, "activityTypeIds cannot be blank");
  std::vector<std::string> type_ids = split_commas(type_text);
  if (type_ids.size() > kMaxActivityTypeIds)
    throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(kMaxActivityTypeIds) + " activityTypeIds");
  std::vector<bool> wanted(mktows::kActivityTypeCount, false);
  for (const std::string &s : type_ids) {
    long long id;
    std::size_t type;
    if (!parse_number(s, 2147483647, id) || !activity_type_of_rest_id(static_cast<int>(id), type))
      throw RestError(kInvalidData, "Invalid data: activityTypeIds");
    wanted[type] = true;
  }
  int list_id = 0;
  LeadFilter leads = filter_of(leads_, q, list_id);
  int batch = batch_of(param(q, "batchSize"));
  json result;
  leads_.read([&](const LeadStore &, const ActivityLog &log) {
    fill_list_locked(leads_, list_id, leads);
    result = page(log, p, batch, more, [&](const Activity &a, json &item) {
      if (!wanted[a.type] || !wanted_lead(leads, a.lead_id)) return false;
      item = base_item(a);
      if (!a.asset.empty()) item["primaryAttributeValue"] = a.asset;
      if (!a.attributes.empty()) {
        json attrs = json::array();
        for (const Attribute &at : a.attributes) attrs.push_back({{"name", at.name}, {"value", at.value}});
        item["attributes"] = attrs;
      }
      return true;
    });
  });
  next = make_token(p);
  return result;
}

json RestActivities::lead_changes(const Query &q, bool &more, std::string &next) {
  TokenPosition p = read_token(param(q, "nextPageToken"));
  std::string field_text = param(q, "fields");
  if (field_text.empty()) throw RestError(kBlank, "fields cannot be blank");
  // REST name -> the store's (SOAP) name: Email and the configured fields
  // that have a REST name.
  std::vector<std::pair<std::string, std::string>> fields;  // {soap, rest}
  for (const std::string &rest : split_commas(field_text)) {
    std::string soap;
    if (rest == "email") soap = "Email";
    for (const FieldConfig &f : leads_.config().fields)
      if (!f.rest_name.empty() && f.rest_name == rest) soap = f.name;
    if (soap.empty()) throw RestError(kFieldNotFound, std::string(rest_message(kFieldNotFound)) + " '" + rest + "'");
    fields.emplace_back(soap, rest);
  }
  int list_id = 0;
  LeadFilter leads = filter_of(leads_, q, list_id);
  int batch = batch_of(param(q, "batchSize"));
  std::size_t new_lead = 0, change = 0;
  activity_type_of("NewLead", new_lead);
  activity_type_of("ChangeDataValue", change);
  auto attribute = [](const Activity &a, const char *name) {
    for (const Attribute &at : a.attributes)
      if (at.name == name) return at.value;
    return std::string();
  };
  json result;
  leads_.read([&](const LeadStore &, const ActivityLog &log) {
    fill_list_locked(leads_, list_id, leads);
    result = page(log, p, batch, more, [&](const Activity &a, json &item) {
      if ((a.type != new_lead && a.type != change) || !wanted_lead(leads, a.lead_id)) return false;
      json changed = json::array();
      if (a.type == change) {
        std::string name = attribute(a, "Attribute Name");
        auto f = std::find_if(fields.begin(), fields.end(), [&](const std::pair<std::string, std::string> &x) { return x.first == name; });
        if (f == fields.end()) return false;  // a change to a field not asked for
        changed.push_back({{"name", f->second}, {"newValue", attribute(a, "New Value")}, {"oldValue", attribute(a, "Old Value")}});
      }
      item = base_item(a);
      item["fields"] = changed;
      json attrs = json::array();
      if (a.type == change) attrs.push_back({{"name", "Reason"}, {"value", attribute(a, "Reason")}});
      item["attributes"] = attrs;
      return true;
    });
  });
  next = make_token(p);
  return result;
}

}  // namespace mktows_sandbox
