// rest_custom_objects.cpp: a SOAP key set and attribute list to one flat
// REST record (MKTOID to the type's lead link, names to REST's spelling,
// values typed as describe types them), then one REST call of at most 100
// records; each record's REST status back in the order sent.
#include "rest_custom_objects.hpp"
#include "random_id.hpp"
#include "rest_values.hpp"

#include "ascii.hpp"
#include "custom_object_types.hpp"
#include "rest_cost.hpp"
#include "service_error.hpp"
#include "state_store.hpp"
#include "stream_position.hpp"

#include <mktows/limits.hpp>


#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;

namespace {

ServiceError input_error(const std::string &why) {
  // The vendor's answer to a wrong key set was 20110 "Input error" (the
  // sheet's §3.14).
  return ServiceError::told(fc::bad_parameter, "Input error: " + why);
}

void check_count(std::size_t n, const char *list, const char *item) {
  if (n == 0) throw ServiceError::told(fc::parameter_required, std::string(list) + " holds no " + item);
  if (n > mktows::kMaxCustomObjects)
    throw ServiceError::told(fc::bad_parameter, std::to_string(n) + " " + item + ": at most " +
                                                    std::to_string(mktows::kMaxCustomObjects) + " per call");
}

// Before any REST call: a key named twice.
void no_twice(const CustomFields &keys, const std::string &where) {
  std::set<std::string> seen;
  for (const CustomField &k : keys)
    if (!seen.insert(ascii_lower(k.name)).second) throw input_error(where + ": the key " + k.name + " is given twice");
}

// attrValue is text; REST gets numbers and booleans for the fields describe
// types so (text that does not parse goes as it is: REST judges it).
json typed(const RestObjectField *f, const std::string &v) {
  if (v.empty()) return json();  // a clear
  if (!f) return v;
  char *end = nullptr;
  errno = 0;
  if (f->type == "integer") {
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (!*end && errno == 0 && v.find_first_of(" +") == std::string::npos) return n;
  } else if (f->type == "float" || f->type == "currency" || f->type == "double") {
    double d = std::strtod(v.c_str(), &end);
    if (!*end && errno == 0) return d;
  } else if (f->type == "boolean") {
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
  }
  return v;
}

// A record's REST reason, "<code> - <message>" (the bridge's form for
// record-level reasons, as syncLead's).
std::string reason(const json &item) {
  std::string status = item.is_object() ? item.value("status", std::string()) : std::string();
  if (item.is_object() && item.contains("reasons") && item["reasons"].is_array() && !item["reasons"].empty() &&
      item["reasons"][0].is_object()) {
    const json &r = item["reasons"][0];
    return soap_text(r.value("code", json("?"))) + " - " + r.value("message", std::string());
  }
  return "REST status " + (status.empty() ? std::string("(none)") : status);
}

// A key set as one REST object: every key a dedupe field or the link, every
// dedupe field with a value; `link` gets the link's value when named.
json key_object(const RestObjectType &t, const CustomFields &keys, const std::string &where, std::string *link) {
  json out = json::object();
  for (const CustomField &k : keys) {
    const RestObjectField *f = t.field(k.name);
    bool is_link = f && !t.link.empty() && f->name == t.link;
    if (!f || (!is_link && !t.is_dedupe(f->name))) {
      std::string names;
      for (const std::string &d : t.dedupe) names += (names.empty() ? "" : ", ") + d;
      if (!t.link.empty()) names += std::string(", ") + kSoapLeadLink + " (" + t.link + ")";
      throw input_error(where + ": " + k.name + " is not a key of " + t.own_name + " (its keys: " + names + ")");
    }
    if (is_link && link) *link = k.value;
    out[f->name] = typed(f, k.value);
  }
  for (const std::string &d : t.dedupe)
    if (!out.contains(d) || out[d].is_null()) throw input_error(where + ": no value for the key " + d);
  return out;
}

std::string path_of(const RestObjectType &t, const char *tail = ".json") {
  return "/v1/customobjects/" + RestHttp::escape(t.api_name) + tail;
}

// The REST result items of a write, by their seq (else in order).
std::map<std::size_t, json> by_seq(const json &answer) {
  std::map<std::size_t, json> out;
  if (!answer.contains("result") || !answer["result"].is_array()) return out;
  const json &items = answer["result"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json &item = items[i];
    std::size_t seq = i;
    if (item.is_object() && item.contains("seq") && item["seq"].is_number_unsigned()) seq = item["seq"].get<std::size_t>();
    out.emplace(seq, item);
  }
  return out;
}

const char *rest_action(CustomSyncOperation op) {
  switch (op) {
    case CustomSyncOperation::insert: return "createOnly";
    case CustomSyncOperation::update: return "updateOnly";
    case CustomSyncOperation::upsert: break;
  }
  return "createOrUpdate";
}

json soap_keys_json(const CustomFields &keys) {
  json out = json::array();
  for (const CustomField &k : keys) out.push_back({k.name, k.value});
  return out;
}

// A position's key list and includeAttributes; false when they are not
// what soap_keys_json and the include list wrote.
bool position_lists(const json &p, CustomFields &keys, std::vector<std::string> &include) {
  if (!p.contains("keys") || !p["keys"].is_array() || p["keys"].empty() || !p.contains("inc") || !p["inc"].is_array())
    return false;
  keys.clear();
  include.clear();
  for (const json &k : p["keys"]) {
    if (!k.is_array() || k.size() != 2 || !k[0].is_string() || !k[1].is_string()) return false;
    keys.push_back(CustomField{k[0].get<std::string>(), k[1].get<std::string>()});
  }
  for (const json &i : p["inc"]) {
    if (!i.is_string()) return false;
    include.push_back(i.get<std::string>());
  }
  return true;
}

// A walk's name in the state store: random, so walks never collide.
std::string walk_id() { return random_hex(12, "a walk id"); }

}  // namespace

CustomObjectResult RestCustomObjects::sync_custom_objects(const std::string &type_name, CustomSyncOperation operation,
                                                          const std::vector<CustomObjectInput> &records) {
  RestCost cost("syncCustomObjects", rest_.verbose());
  if (type_name.empty()) throw ServiceError(fc::parameter_required, "no objTypeName");
  check_count(records.size(), "customObjList", "customObj");
  for (std::size_t i = 0; i < records.size(); ++i) no_twice(records[i].keys, "customObj " + std::to_string(i + 1));
  RestCost::require(rest_.gate(), custom_object_type_calls(rest_, type_name) + 1, "syncCustomObjects");
  return with_custom_object_type(rest_, type_name, [&](const RestObjectType &t) {
    // Every record's key set first: a wrong one refuses the call before
    // anything is written.
    std::vector<json> flat;
    for (std::size_t i = 0; i < records.size(); ++i)
      flat.push_back(key_object(t, records[i].keys, "customObj " + std::to_string(i + 1), nullptr));
    CustomObjectResult result;
    result.type_name = t.own_name;
    json input = json::array();
    std::vector<long> at(records.size(), -1);  // index in input, or -1: refused here
    for (std::size_t i = 0; i < records.size(); ++i) {
      CustomObjectOutcome o;
      o.keys = records[i].keys;
      std::string misplaced;
      for (const CustomField &a : records[i].attributes) {
        const RestObjectField *f = t.field(a.name);
        if (f && t.is_dedupe(f->name)) misplaced = a.name;
        flat[i][f ? f->name : a.name] = typed(f, a.value);  // a name the type lacks: REST judges it (1006)
      }
      if (!misplaced.empty()) {
        o.status = CustomObjectStatus::failed;
        o.error = misplaced + " is a key: it belongs in customObjKeyList";
      } else {
        at[i] = static_cast<long>(input.size());
        input.push_back(flat[i]);
      }
      result.outcomes.push_back(std::move(o));
    }
    if (input.empty()) return result;
    json body{{"action", rest_action(operation)}, {"dedupeBy", "dedupeFields"}, {"input", input}};
    std::map<std::size_t, json> items = by_seq(type_call(rest_, "POST", path_of(t), "application/json", body.dump()));
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (at[i] < 0) continue;
      CustomObjectOutcome &o = result.outcomes[i];
      auto it = items.find(static_cast<std::size_t>(at[i]));
      std::string status = it != items.end() && it->second.is_object() ? it->second.value("status", std::string()) : "";
      if (status == "created") o.status = CustomObjectStatus::created;
      else if (status == "updated") o.status = CustomObjectStatus::updated;
      else {
        // skipped (2_2's SyncStatusEnum has no SKIPPED: the sheet's §6 #5)
        o.status = CustomObjectStatus::failed;
        o.error = it == items.end() ? std::string("REST answered no status for this record") : reason(it->second);
      }
    }
    return result;
  });
}

CustomObjectResult RestCustomObjects::delete_custom_objects(const std::string &type_name,
                                                            const std::vector<CustomFields> &key_lists) {
  RestCost cost("deleteCustomObjects", rest_.verbose());
  if (type_name.empty()) throw ServiceError(fc::parameter_required, "no objTypeName");
  check_count(key_lists.size(), "customObjKeyLists", "keyList");
  for (std::size_t i = 0; i < key_lists.size(); ++i) no_twice(key_lists[i], "keyList " + std::to_string(i + 1));
  RestCost::require(rest_.gate(), custom_object_type_calls(rest_, type_name) + 1, "deleteCustomObjects");
  return with_custom_object_type(rest_, type_name, [&](const RestObjectType &t) {
    std::vector<json> keys;
    std::vector<std::string> links(key_lists.size());
    bool any_link = false;
    for (std::size_t i = 0; i < key_lists.size(); ++i) {
      std::string link = "\x1f";  // not named
      json k = key_object(t, key_lists[i], "keyList " + std::to_string(i + 1), &link);
      if (link != "\x1f") {
        any_link = true;
        k.erase(t.link);  // REST deletes by the dedupe fields alone
      }
      links[i] = link;
      keys.push_back(k);
    }
    CustomObjectResult result;
    result.type_name = t.own_name;
    for (const CustomFields &k : key_lists) {
      CustomObjectOutcome o;
      o.keys = k;
      result.outcomes.push_back(o);
    }
    auto outcome = [&](CustomObjectOutcome &o, const json *item) {
      if (item && item->is_object() && item->value("status", std::string()) == "deleted") {
        o.status = CustomObjectStatus::deleted;
      } else {
        // UNCHANGED is not in 2_2's SyncStatusEnum (the sheet's §6 #5).
        o.status = CustomObjectStatus::failed;
        o.error = item ? reason(*item) : std::string("REST answered no status for this record");
      }
    };
    if (!any_link) {
      json body{{"deleteBy", "dedupeFields"}, {"input", keys}};
      std::map<std::size_t, json> items = by_seq(type_call(rest_, "POST", path_of(t, "/delete.json"), "application/json", body.dump()));
      for (std::size_t i = 0; i < key_lists.size(); ++i) {
        auto it = items.find(i);
        outcome(result.outcomes[i], it == items.end() ? nullptr : &it->second);
      }
      return result;
    }
    // A key list that names the lead too deletes only that lead's record
    // (the sandbox's rule): REST deletes by dedupe fields or marketoGUID
    // alone, so the records are read first and those of the lead named are
    // deleted by marketoGUID.
    RestCost::require(rest_.gate(), RestCost::so_far() + 2, "deleteCustomObjects");
    json fields = json::array({"marketoGUID", t.link});
    for (const std::string &d : t.dedupe) fields.push_back(d);
    json read{{"filterType", "dedupeFields"}, {"fields", fields}, {"input", keys}};
    json found = type_call(rest_, "POST", path_of(t) + "?_method=GET", "application/json", read.dump());
    json doomed = json::array();
    std::vector<long> at(key_lists.size(), -1);
    for (std::size_t i = 0; i < key_lists.size(); ++i) {
      const json *record = nullptr;
      if (found.contains("result") && found["result"].is_array())
        for (const json &r : found["result"]) {
          bool same = r.is_object();
          for (const std::string &d : t.dedupe) same = same && r.contains(d) && soap_text(r[d]) == soap_text(keys[i][d]);
          if (same) record = &r;
        }
      CustomObjectOutcome &o = result.outcomes[i];
      bool lead_differs = record && links[i] != "\x1f" && (!record->contains(t.link) || soap_text((*record)[t.link]) != links[i]);
      if (!record || lead_differs || !record->contains("marketoGUID") || !(*record)["marketoGUID"].is_string()) {
        o.status = CustomObjectStatus::failed;
        o.error = "no " + t.own_name + (lead_differs ? " of lead " + links[i] : std::string()) + " with these keys";
        continue;
      }
      at[i] = static_cast<long>(doomed.size());
      doomed.push_back({{"marketoGUID", (*record)["marketoGUID"]}});
    }
    if (doomed.empty()) return result;
    json body{{"deleteBy", "idField"}, {"input", doomed}};
    std::map<std::size_t, json> items = by_seq(type_call(rest_, "POST", path_of(t, "/delete.json"), "application/json", body.dump()));
    for (std::size_t i = 0; i < key_lists.size(); ++i) {
      if (at[i] < 0) continue;
      auto it = items.find(static_cast<std::size_t>(at[i]));
      outcome(result.outcomes[i], it == items.end() ? nullptr : &it->second);
    }
    return result;
  });
}

CustomObjectPage RestCustomObjects::get_custom_objects(const CustomObjectQuery &query) {
  RestCost cost("getCustomObjects", rest_.verbose());
  if (query.type_name.empty()) throw ServiceError(fc::parameter_required, "no objTypeName");
  int page_size = mktows::kMaxCustomObjectPage;
  if (query.has_batch_size) {
    if (query.batch_size < 1) throw ServiceError::told(fc::bad_parameter, "batchSize must be at least 1");
    page_size = std::min(query.batch_size, mktows::kMaxCustomObjectPage);
  }
  no_twice(query.keys, "customObjKeyList");
  // What the position answers; the keys and includeAttributes, when the
  // call repeats them, must be the position's.
  json binding{{"op", "getCustomObjects"}, {"type", ascii_lower(query.type_name)}};
  CustomFields keys = query.keys;
  std::vector<std::string> include = query.include;
  std::string walk;  // the walk a position goes on with, and where
  std::size_t offset = 0;
  if (!query.stream_position.empty()) {
    json p = rest_.signer().open(query.stream_position);
    for (auto it = binding.begin(); it != binding.end(); ++it)
      if (!p.contains(it.key()) || p[it.key()] != *it)
        throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question (" + it.key() + " differs)");
    CustomFields kept_keys;
    std::vector<std::string> kept_include;
    if (!position_lists(p, kept_keys, kept_include) || !p.contains("walk") || !p["walk"].is_string() || !p.contains("o") ||
        !p["o"].is_number_unsigned())
      throw ServiceError::told(fc::bad_stream_position, "the position is not this question's");
    if (!keys.empty() && soap_keys_json(keys) != p["keys"])
      throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question (customObjKeyList differs)");
    if (!include.empty() && include != kept_include)
      throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question (includeAttributes differs)");
    keys = kept_keys;
    include = kept_include;
    walk = p["walk"].get<std::string>();
    offset = p["o"].get<std::size_t>();
  } else if (keys.empty()) {
    throw ServiceError::told(fc::bad_parameter,
                             "getCustomObjects without customObjKeyList (every record of the type) has no REST "
                             "equivalent: REST reads custom objects by a filter only (the bulk custom object export "
                             "is asynchronous); name the dedupe fields or the lead (" + std::string(kSoapLeadLink) + ")");
  }
  // A first page by one field reads the walk's ids, then its records.
  RestCost::require(rest_.gate(), custom_object_type_calls(rest_, query.type_name) + (walk.empty() ? 2 : 1),
                    "getCustomObjects");
  return with_custom_object_type(rest_, query.type_name, [&](const RestObjectType &t) {
    // The key set as REST reads it: every dedupe field (the lead may come
    // with them: records of another lead are left out here), or one field
    // REST searches by alone (the lead, say).
    json dedupe = json::object();
    const RestObjectField *single = nullptr;
    std::string single_value, link;
    bool has_link = false;
    for (const CustomField &k : keys) {
      const RestObjectField *f = t.field(k.name);
      bool is_link = f && !t.link.empty() && f->name == t.link;
      if (!f || (!is_link && !t.is_dedupe(f->name) && !t.searchable_alone(f->name)))
        throw input_error("customObjKeyList: " + k.name + " is not a key of " + t.own_name);
      if (is_link) has_link = true, link = k.value;
      if (t.is_dedupe(f->name) && !k.value.empty()) dedupe[f->name] = typed(f, k.value);
      single = f;
      single_value = k.value;
    }
    bool by_dedupe = dedupe.size() == t.dedupe.size() && keys.size() == t.dedupe.size() + (has_link ? 1 : 0);
    if (!by_dedupe && !(keys.size() == 1 && t.searchable_alone(single->name) && !single_value.empty())) {
      std::string ways;
      for (const std::vector<std::string> &s : t.searchable) {
        std::string set;
        for (const std::string &f : s) set += (set.empty() ? "" : "+") + f;
        ways += (ways.empty() ? "" : ", ") + set;
      }
      throw ServiceError::told(fc::bad_parameter, "customObjKeyList: REST reads " + t.own_name +
                                                      " records by all its dedupe fields or by one searchable field (" +
                                                      ways + "), not by these keys");
    }
    // The fields: the link, the dedupe fields, then those asked (none: every
    // field of the type).
    std::vector<std::string> fields;
    auto add = [&](const std::string &f) {
      if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
    };
    if (!t.link.empty()) add(t.link);
    for (const std::string &d : t.dedupe) add(d);
    std::set<std::string> wanted;
    for (const std::string &name : include) {
      const RestObjectField *f = t.field(name);
      if (!f) throw ServiceError::told(fc::bad_parameter, "includeAttributes: " + t.own_name + " has no field " + name);
      wanted.insert(f->name);
    }
    std::vector<std::string> attributes;
    for (const RestObjectField &f : t.fields) {
      if (RestObjectType::is_system(f.name) || f.name == t.link || t.is_dedupe(f.name)) continue;
      if (!wanted.empty() && !wanted.count(f.name)) continue;
      attributes.push_back(f.name);
      add(f.name);
    }
    std::string joined;
    for (const std::string &f : fields) joined += (joined.empty() ? "" : ",") + f;
    CustomObjectPage page;
    page.type_name = t.own_name;
    auto take = [&](const json &r) {
      CustomObjectRecord rec;
      if (!t.link.empty() && r.contains(t.link) && !r[t.link].is_null())
        rec.keys.push_back(CustomField{kSoapLeadLink, soap_text(r[t.link])});
      for (const std::string &d : t.dedupe)
        if (r.contains(d) && !r[d].is_null()) rec.keys.push_back(CustomField{d, soap_text(r[d])});
      for (const std::string &a : attributes)
        if (r.contains(a) && !r[a].is_null()) rec.attributes.push_back(CustomField{a, soap_text(r[a])});
      page.records.push_back(std::move(rec));
    };
    auto no_comma = [](const std::string &field, const std::string &value) {
      if (value.find(',') != std::string::npos)
        throw ServiceError::told(fc::bad_parameter, "the key " + field + " holds a comma, which REST's filterValues reads as two values");
    };
    if (by_dedupe) {
      // At most one record: one call, no position.
      if (!walk.empty()) throw ServiceError::told(fc::bad_stream_position, "the position is not this question's");
      json answer;
      if (t.dedupe.size() > 1) {
        // A compound key has no filterValues form: the long form, its
        // input object holding every dedupe field.
        json body{{"filterType", "dedupeFields"}, {"fields", fields}, {"input", json::array({dedupe})}};
        answer = type_call(rest_, "POST", path_of(t) + "?_method=GET", "application/json", body.dump());
      } else {
        const std::string &filter = t.dedupe[0];
        no_comma(filter, soap_text(dedupe[filter]));
        answer = type_call(rest_, "GET", path_of(t) + "?filterType=" + RestHttp::escape(filter) + "&filterValues=" +
                                             RestHttp::escape(soap_text(dedupe[filter])) + "&fields=" + RestHttp::escape(joined),
                           "", "");
      }
      if (answer.contains("result") && answer["result"].is_array())
        for (const json &r : answer["result"])
          if (r.is_object() && !(has_link && (!r.contains(t.link) || soap_text(r[t.link]) != link)))  // another lead's: left out
            take(r);
      return page;
    }
    // By one field: a walk. Its first page reads the marketoGUIDs of every
    // record the field matches (REST's pages, with its nextPageToken) and
    // keeps them in the state store, so that remainingCount is exact (REST
    // gives no count) and a restart loses nothing; each page then reads its
    // records by marketoGUID.
    std::vector<std::string> ids;
    if (walk.empty()) {
      no_comma(single->name, single_value);
      std::string token;
      std::set<std::string> seen;
      for (int pages = 0;; ++pages) {
        if (pages >= mktows::bridge_limits::kMaxFetchesPerPage)
          throw ServiceError::told(fc::bad_parameter, "more than " +
                                                          std::to_string(mktows::bridge_limits::kMaxFetchesPerPage *
                                                                         mktows::rest_limits::kMaxRecords) +
                                                          " records match: name the dedupe fields");
        // This read and the page's own after it must fit one window.
        RestCost::require(rest_.gate(), RestCost::so_far() + 2, "getCustomObjects");
        std::string q = path_of(t) + "?filterType=" + RestHttp::escape(single->name) + "&filterValues=" +
                        RestHttp::escape(single_value) + "&fields=marketoGUID&batchSize=" +
                        std::to_string(mktows::rest_limits::kMaxRecords);
        if (!token.empty()) q += "&nextPageToken=" + RestHttp::escape(token);
        json answer = type_call(rest_, "GET", q, "", "");
        if (answer.contains("result") && answer["result"].is_array())
          for (const json &r : answer["result"])
            if (r.is_object() && r.contains("marketoGUID") && r["marketoGUID"].is_string() &&
                seen.insert(r["marketoGUID"].get<std::string>()).second)
              ids.push_back(r["marketoGUID"].get<std::string>());
        if (!answer.value("moreResult", false) || !answer.contains("nextPageToken") || !answer["nextPageToken"].is_string())
          break;
        token = answer["nextPageToken"].get<std::string>();
      }
      walk = walk_id();
      if (ids.size() > static_cast<std::size_t>(page_size))
        rest_.state().put("custom-walk/" + walk, json(ids).dump(), mktows::bridge_limits::kImportBatchSeconds);
    } else {
      std::string kept;
      json list;
      if (!rest_.state().get("custom-walk/" + walk, kept) || !(list = json::parse(kept, nullptr, false)).is_array())
        throw ServiceError::told(fc::bad_stream_position, "the walk this position belongs to has expired");
      for (const json &g : list)
        if (g.is_string()) ids.push_back(g.get<std::string>());
      if (offset > ids.size()) throw ServiceError::told(fc::bad_stream_position, "the position is past its walk's end");
    }
    std::size_t end = std::min(ids.size(), offset + static_cast<std::size_t>(page_size));
    if (end > offset) {
      std::string values;
      for (std::size_t i = offset; i < end; ++i) values += (i > offset ? "," : "") + ids[i];
      // At most a page of ids (100 < 300), yet REST may answer it in short
      // pages: every one is read.
      std::map<std::string, json> by_id;
      std::string token;
      for (int pages = 0; pages < mktows::bridge_limits::kMaxFetchesPerPage; ++pages) {
        std::string q = path_of(t) + "?filterType=marketoGUID&filterValues=" + RestHttp::escape(values) +
                        "&fields=" + RestHttp::escape("marketoGUID," + joined);
        if (!token.empty()) q += "&nextPageToken=" + RestHttp::escape(token);
        json answer = type_call(rest_, "GET", q, "", "");
        if (answer.contains("result") && answer["result"].is_array())
          for (const json &r : answer["result"])
            if (r.is_object() && r.contains("marketoGUID") && r["marketoGUID"].is_string())
              by_id[r["marketoGUID"].get<std::string>()] = r;
        if (!answer.value("moreResult", false) || !answer.contains("nextPageToken") || !answer["nextPageToken"].is_string())
          break;
        token = answer["nextPageToken"].get<std::string>();
      }
      // In the walk's order; a record deleted since is left out.
      for (std::size_t i = offset; i < end; ++i) {
        auto it = by_id.find(ids[i]);
        if (it != by_id.end()) take(it->second);
      }
    }
    page.remaining = static_cast<int>(ids.size() - end);
    if (page.remaining > 0) {
      json next = binding;
      next["keys"] = soap_keys_json(keys);
      next["inc"] = include;
      next["walk"] = walk;
      next["o"] = end;
      page.next_position = rest_.signer().seal(next);
    }
    return page;
  });
}

}  // namespace mktows_bridge
