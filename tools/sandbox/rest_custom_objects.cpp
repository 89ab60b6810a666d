// rest_custom_objects.cpp: the REST custom object calls. Each record of a
// sync or delete gets its own status (created, updated, deleted, skipped
// with a reason), as the vendor's calls answer; a record is addressed by its
// dedupe fields or by marketoGUID, the integer id the SOAP face's records
// have too (CustomObjectService::guid).
#include "rest_custom_objects.hpp"

#include "rest_error.hpp"
#include "text_values.hpp"

#include <mktows/limits.hpp>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using mktows::rest_limits::kMaxRecords;
using Refusal = CustomObjectService::Refusal;

namespace {

const char kPrefix[] = "/rest/v1/customobjects/";

std::string param(const RestCustomObjects::Params &p, const std::string &name) {
  for (const auto &kv : p)
    if (kv.first == name) return kv.second;
  return std::string();
}

json reasons(int code, const std::string &message) {
  return json::array({{{"code", std::to_string(code)}, {"message", message}}});
}

// A JSON member's value as the store keeps it; false for an array or object.
bool to_text(const json &v, std::string &out) {
  if (v.is_string()) out = v.get<std::string>();
  else if (v.is_number_integer()) out = std::to_string(v.get<long long>());
  else if (v.is_number()) out = v.dump();
  else if (v.is_boolean()) out = v.get<bool>() ? "true" : "false";
  else if (v.is_null()) out.clear();
  else return false;
  return true;
}

// The `input` array of a write: 1..kMaxRecords objects.
const json &input_of(const json &in) {
  if (!in.is_object() || !in.contains("input") || !in["input"].is_array()) throw RestError(kInvalidData, "Invalid data: input");
  const json &input = in["input"];
  if (input.empty() || input.size() > kMaxRecords)
    throw RestError(kInvalidData, "Invalid data: input must hold 1 to " + std::to_string(kMaxRecords) + " records");
  return input;
}

std::string string_member(const json &in, const char *name, const char *fallback) {
  if (!in.contains(name)) return fallback;
  if (!in[name].is_string()) throw RestError(kInvalidData, std::string("Invalid data: ") + name);
  return in[name].get<std::string>();
}

// A record's skip reason, as the REST calls word a refusal.
json skip_reasons(const CustomObjectService::Outcome &o) {
  switch (o.refusal) {
    case Refusal::exists: return reasons(kLeadExists, "Record already exists");
    case Refusal::not_found: return reasons(kObjectNotFound, rest_message(kObjectNotFound));
    case Refusal::unknown_field: return reasons(kFieldNotFound, o.text);
    case Refusal::lead_not_found: return reasons(kLeadNotFound, o.text);
    case Refusal::missing_key:
    case Refusal::no_lead:
    case Refusal::bad_value:
    case Refusal::none: break;
  }
  return reasons(kInvalidData, o.text);
}

}  // namespace

bool RestCustomObjects::serves(const std::string &path) {
  return path == "/rest/v1/customobjects.json" || path.compare(0, sizeof kPrefix - 1, kPrefix) == 0;
}

void RestCustomObjects::handle(const std::string &method, const std::string &path, const Params &query,
                               const std::string &type, const std::string &request_body, json &body) {
  if (path == "/rest/v1/customobjects.json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    body["success"] = true;
    body["result"] = list(query);
    return;
  }
  // customobjects/{apiName}.json, .../describe.json, .../delete.json
  std::string rest = path.substr(sizeof kPrefix - 1);
  std::string name, call;
  std::size_t slash = rest.find('/');
  if (slash != std::string::npos) {
    name = rest.substr(0, slash);
    call = rest.substr(slash + 1);
    if (call != "describe.json" && call != "delete.json") throw RestError(kNotFound);
  } else if (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".json") == 0) {
    name = rest.substr(0, rest.size() - 5);
  } else {
    throw RestError(kNotFound);
  }
  const CustomObjectType *t = service_.world().custom_object_type(name);
  // The REST API names a type exactly (SOAP matches it case-blind).
  if (!t || t->name != name) throw RestError(kObjectNotFound, "Object not found: " + name);
  if (call == "describe.json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    body["success"] = true;
    body["result"] = json::array({describe(*t)});
    return;
  }
  auto json_body = [&]() {
    if (type != "application/json") throw RestError(kInvalidContentType);
    json in = json::parse(request_body, nullptr, false);
    if (in.is_discarded()) throw RestError(kInvalidJson);
    return in;
  };
  if (call == "delete.json") {
    if (method != "POST") throw RestError(kMethodNotSupported);
    body["success"] = true;
    body["result"] = erase(*t, json_body());
    return;
  }
  if (method == "GET") {
    get(*t, param(query, "filterType"), split_commas(param(query, "filterValues"), true), nullptr,
        param(query, "fields"), param(query, "batchSize"), param(query, "nextPageToken"), body);
    return;
  }
  if (method != "POST") throw RestError(kMethodNotSupported);
  if (param(query, "_method") == "GET") {
    // The long form of Get Custom Objects: the filter in a JSON body, where
    // `input` objects carry compound keys.
    json in = json_body();
    if (!in.is_object()) throw RestError(kInvalidData, "Invalid data: the body must be an object");
    std::string filter = string_member(in, "filterType", "");
    std::string fields;
    if (in.contains("fields")) {
      if (!in["fields"].is_array()) throw RestError(kInvalidData, "Invalid data: fields");
      for (const json &f : in["fields"]) {
        if (!f.is_string()) throw RestError(kInvalidData, "Invalid data: fields");
        fields += (fields.empty() ? "" : ",") + f.get<std::string>();
      }
    }
    std::vector<CustomFields> key_sets;
    std::vector<std::string> values;
    for (const json &item : input_of(in)) {
      if (!item.is_object()) throw RestError(kInvalidData, "Invalid data: input");
      CustomFields keys;
      for (auto it = item.begin(); it != item.end(); ++it) {
        std::string v;
        if (!to_text(it.value(), v)) throw RestError(kInvalidData, "Invalid data: input." + it.key());
        keys.push_back(CustomField{it.key(), v});
      }
      key_sets.push_back(keys);
    }
    std::string batch = in.contains("batchSize") ? in["batchSize"].dump() : std::string();
    get(*t, filter, values, &key_sets, fields, batch, string_member(in, "nextPageToken", ""), body);
    return;
  }
  body["success"] = true;
  body["result"] = sync(*t, json_body());
}

json RestCustomObjects::type_json(const CustomObjectType &t) const {
  json dedupe = json::array();
  for (const CustomObjectField &f : t.dedupe) dedupe.push_back(f.name);
  std::string at = rest_time(service_.created_at());
  return json{{"name", t.name},
              {"displayName", t.display_name},
              {"description", ""},
              {"createdAt", at},
              {"updatedAt", at},
              {"idField", "marketoGUID"},
              {"dedupeFields", dedupe},
              {"searchableFields", json::array({dedupe, json::array({t.lead_link}), json::array({"marketoGUID"})})},
              // The sheet's §6 #12: the list call says relatedTo, describe
              // object; the sandbox answers relatedTo in both.
              {"relationships", json::array({{{"field", t.lead_link},
                                               {"type", "child"},
                                               {"relatedTo", {{"name", "Lead"}, {"field", "Id"}}}}})}};
}

json RestCustomObjects::list(const Params &query) const {
  std::vector<std::string> names = split_commas(param(query, "names"), true);
  json out = json::array();
  for (const CustomObjectType &t : service_.world().custom_object_types) {
    bool wanted = names.empty();
    for (const std::string &n : names) wanted = wanted || n == t.name;
    if (wanted) out.push_back(type_json(t));
  }
  return out;
}

json RestCustomObjects::describe(const CustomObjectType &t) const {
  json d = type_json(t);
  json fields = json::array();
  auto field = [&](const std::string &name, const std::string &type, int length, bool updateable) {
    json f{{"name", name}, {"displayName", name}, {"dataType", type}, {"updateable", updateable}};
    if (length) f["length"] = length;
    fields.push_back(f);
  };
  field("marketoGUID", "string", 36, false);
  field("createdAt", "datetime", 0, false);
  field("updatedAt", "datetime", 0, false);
  for (const CustomObjectField &f : t.dedupe) field(f.name, f.type, f.type == "string" ? 255 : 0, false);
  field(t.lead_link, "integer", 0, true);
  for (const CustomObjectField &f : t.fields) field(f.name, f.type, f.type == "string" ? 255 : 0, true);
  d["fields"] = fields;
  return d;
}

json RestCustomObjects::sync(const CustomObjectType &t, const json &in) {
  if (!in.is_object()) throw RestError(kInvalidData, "Invalid data: the body must be an object");
  std::string action = string_member(in, "action", "createOrUpdate");
  std::string dedupe_by = string_member(in, "dedupeBy", "dedupeFields");
  CustomObjectService::Mode mode;
  if (action == "createOnly") mode = CustomObjectService::Mode::create_only;
  else if (action == "updateOnly") mode = CustomObjectService::Mode::update_only;
  else if (action == "createOrUpdate") mode = CustomObjectService::Mode::upsert;
  else throw RestError(kInvalidData, "Invalid data: action " + action);
  if (dedupe_by != "dedupeFields" && dedupe_by != "idField") throw RestError(kInvalidData, "Invalid data: dedupeBy " + dedupe_by);
  // marketoGUID addresses a record that exists: only an update can use it.
  bool by_id = dedupe_by == "idField";
  if (by_id && mode != CustomObjectService::Mode::update_only)
    throw RestError(kInvalidData, "Invalid data: dedupeBy idField needs action updateOnly");
  const json &input = input_of(in);
  std::vector<CustomFields> records(input.size());
  std::vector<int> ids(input.size(), 0);
  std::vector<json> early(input.size());  // a record refused before the store sees it
  for (std::size_t i = 0; i < input.size(); ++i) {
    const json &item = input[i];
    if (!item.is_object()) {
      early[i] = reasons(kInvalidData, "Invalid data: not an object");
      continue;
    }
    for (auto it = item.begin(); it != item.end(); ++it) {
      std::string v;
      if (!to_text(it.value(), v)) {
        early[i] = reasons(kInvalidData, "Invalid data: " + it.key());
        break;
      }
      if (it.key() == "marketoGUID") {
        if (!by_id) {
          early[i] = reasons(kInvalidData, "marketoGUID is set by the store; dedupeBy idField addresses it");
          break;
        }
        if (!CustomObjectService::parse_guid(v, ids[i])) ids[i] = -1;
        continue;
      }
      records[i].push_back(CustomField{it.key(), v});
    }
    if (by_id && early[i].is_null() && ids[i] == 0) early[i] = reasons(kInvalidData, "no marketoGUID");
    if (ids[i] == -1) early[i] = reasons(kObjectNotFound, rest_message(kObjectNotFound));
  }
  // The records refused early are not written; the others in one transaction.
  std::vector<CustomFields> to_write;
  std::vector<int> to_ids;
  for (std::size_t i = 0; i < input.size(); ++i)
    if (early[i].is_null()) {
      to_write.push_back(records[i]);
      to_ids.push_back(ids[i]);
    }
  std::vector<CustomObjectService::Outcome> done = service_.write(t, mode, to_write, to_ids);
  json out = json::array();
  std::size_t k = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    json r{{"seq", i}};
    if (!early[i].is_null()) {
      r["status"] = "skipped";
      r["reasons"] = early[i];
    } else {
      const CustomObjectService::Outcome &o = done[k++];
      if (o.refusal == Refusal::none) {
        r["status"] = o.created ? "created" : "updated";
        r["marketoGUID"] = CustomObjectService::guid(o.id);
      } else {
        r["status"] = "skipped";
        r["reasons"] = skip_reasons(o);
      }
    }
    out.push_back(r);
  }
  return out;
}

json RestCustomObjects::erase(const CustomObjectType &t, const json &in) {
  if (!in.is_object()) throw RestError(kInvalidData, "Invalid data: the body must be an object");
  std::string delete_by = string_member(in, "deleteBy", "dedupeFields");
  if (delete_by != "dedupeFields" && delete_by != "idField") throw RestError(kInvalidData, "Invalid data: deleteBy " + delete_by);
  bool by_id = delete_by == "idField";
  const json &input = input_of(in);
  std::vector<CustomFields> keys(input.size());
  std::vector<int> ids(input.size(), 0);
  std::vector<bool> bad(input.size(), false);
  for (std::size_t i = 0; i < input.size(); ++i) {
    const json &item = input[i];
    if (!item.is_object()) {
      bad[i] = true;
      continue;
    }
    if (by_id) {
      std::string g;
      if (!item.contains("marketoGUID") || !to_text(item["marketoGUID"], g) || !CustomObjectService::parse_guid(g, ids[i]))
        bad[i] = true;
      continue;
    }
    for (auto it = item.begin(); it != item.end(); ++it) {
      std::string v;
      // Only the dedupe fields name a record here.
      if (!t.is_dedupe(it.key()) || !to_text(it.value(), v)) bad[i] = true;
      else keys[i].push_back(CustomField{it.key(), v});
    }
  }
  std::vector<CustomFields> to_erase;
  std::vector<int> to_ids;
  for (std::size_t i = 0; i < input.size(); ++i)
    if (!bad[i]) {
      to_erase.push_back(keys[i]);
      to_ids.push_back(ids[i]);
    }
  std::vector<CustomObjectService::Outcome> done = service_.erase(t, to_erase, to_ids);
  json out = json::array();
  std::size_t k = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    json r{{"seq", i}};
    if (bad[i]) {
      r["status"] = "skipped";
      r["reasons"] = reasons(kInvalidData, "Invalid data: input[" + std::to_string(i) + "]");
      out.push_back(r);
      continue;
    }
    const CustomObjectService::Outcome &o = done[k++];
    if (o.refusal == Refusal::none) {
      r["status"] = "deleted";
      r["marketoGUID"] = CustomObjectService::guid(o.id);
    } else {
      r["status"] = "skipped";
      r["reasons"] = skip_reasons(o);
    }
    out.push_back(r);
  }
  return out;
}

json RestCustomObjects::record_json(const CustomObjectType &t, const CustomObject &o,
                                    const std::vector<std::string> &fields) const {
  json r;
  for (const std::string &f : fields) {
    if (f == "marketoGUID") r[f] = CustomObjectService::guid(o.id);
    else if (f == "createdAt") r[f] = rest_time(o.created_at);
    else if (f == "updatedAt") r[f] = rest_time(o.updated_at);
    else if (f == t.lead_link) r[f] = o.lead_id;
    else if (const std::string *v = o.value(f)) {
      long long n = 0;
      if (std::string(t.field_type(f)) == "integer" && to_long(*v, n)) r[f] = n;
      else r[f] = *v;
    }
  }
  return r;
}

void RestCustomObjects::get(const CustomObjectType &t, const std::string &filter_type,
                            const std::vector<std::string> &values, const std::vector<CustomFields> *key_sets,
                            const std::string &fields, const std::string &batch_size, const std::string &next,
                            json &body) {
  if (filter_type.empty()) throw RestError(kInvalidData, "Invalid data: filterType is required");
  // The fields: the default set, or those named (each a field of the type).
  std::vector<std::string> wanted;
  if (fields.empty()) {
    wanted.push_back("marketoGUID");
    for (const CustomObjectField &f : t.dedupe) wanted.push_back(f.name);
    wanted.push_back("createdAt");
    wanted.push_back("updatedAt");
  } else {
    for (const std::string &f : split_commas(fields, true)) {
      if (f != "marketoGUID" && f != "createdAt" && f != "updatedAt" && !t.field_type(f))
        throw RestError(kFieldNotFound, "Field '" + f + "' not found");
      wanted.push_back(f);
    }
  }
  std::size_t batch = kMaxRecords, offset = 0;
  int v = 0;
  if (!batch_size.empty()) {
    if (!parse_id(batch_size, v) || static_cast<std::size_t>(v) > kMaxRecords) throw RestError(kInvalidData, "Invalid data: batchSize");
    batch = static_cast<std::size_t>(v);
  }
  if (!next.empty()) {
    if (next.compare(0, 3, "sb-") != 0 || !parse_id(next.substr(3), v)) throw RestError(kInvalidData, "Invalid data: nextPageToken");
    offset = static_cast<std::size_t>(v);
  }
  std::vector<CustomObject> found;
  std::vector<std::size_t> seq;
  std::string filter = filter_type == "idField" ? "marketoGUID" : filter_type;
  if (key_sets) {
    // input objects: dedupeFields (the whole key, compound or not), or one
    // searchable field per object.
    if (filter == "dedupeFields") {
      for (const CustomFields &k : *key_sets)
        for (const CustomField &f : k)
          if (!t.is_dedupe(f.name)) throw RestError(kInvalidData, "Invalid data: " + f.name + " is not a dedupe field");
      found = service_.find_keys(t, *key_sets, seq);
    } else {
      std::vector<std::string> single;
      for (const CustomFields &k : *key_sets) {
        if (k.size() != 1 || k[0].name != filter) throw RestError(kInvalidData, "Invalid data: input must name " + filter);
        single.push_back(k[0].value);
      }
      if (filter != "marketoGUID" && !t.is_dedupe(filter) && filter != t.lead_link)
        throw RestError(kInvalidData, "Invalid data: filterType " + filter_type);
      found = service_.find(t, filter, single, seq);
    }
  } else {
    if (values.empty()) throw RestError(kInvalidData, "Invalid data: filterValues is required");
    if (values.size() > kMaxRecords) throw RestError(kInvalidData, "Invalid data: more than 300 filterValues");
    if (filter == "dedupeFields") {
      // A compound key has no one-value form: the POST form carries it.
      if (t.dedupe.size() != 1)
        throw RestError(kInvalidData, "Invalid data: " + t.name + " has a compound key; use POST ?_method=GET");
      filter = t.dedupe[0].name;
    }
    if (filter != "marketoGUID" && !t.is_dedupe(filter) && filter != t.lead_link)
      throw RestError(kInvalidData, "Invalid data: filterType " + filter_type);
    found = service_.find(t, filter, values, seq);
  }
  json result = json::array();
  std::size_t end = std::min(found.size(), offset + batch);
  for (std::size_t i = offset; i < end; ++i) {
    json r = record_json(t, found[i], wanted);
    r["seq"] = seq[i];
    result.push_back(r);
  }
  body["success"] = true;
  body["result"] = result;
  bool more = end < found.size();
  body["moreResult"] = more;
  if (more) body["nextPageToken"] = "sb-" + std::to_string(end);
}

}  // namespace mktows_sandbox
