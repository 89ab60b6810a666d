// rest_objects.cpp: GET/POST /rest/v1/opportunities.json,
// .../opportunities/delete.json, .../describe.json and the same under
// /rest/v1/opportunities/roles. The writes go through ObjectService's sync
// and remove, so they follow the SOAP calls' rules; this file maps the REST
// shapes onto them.
#include "rest_objects.hpp"

#include "rest_error.hpp"
#include "text_values.hpp"
#include "times.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <climits>
#include <functional>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using Query = RestObjects::Query;

namespace {

const char kBase[] = "/rest/v1/opportunities";

const std::string *param(const Query &q, const char *name) {
  for (const auto &kv : q)
    if (kv.first == name) return &kv.second;
  return nullptr;
}

// The stored form of a value as REST writes it: numbers and booleans as
// JSON's own.
json rest_value(ValueKind kind, const std::string &v) {
  switch (kind) {
    case ValueKind::integer: return std::strtoll(v.c_str(), nullptr, 10);
    case ValueKind::currency: return std::strtod(v.c_str(), nullptr);
    case ValueKind::boolean: return v == "true";
    case ValueKind::datetime: return mktows_front::rest_time(std::strtoll(v.c_str(), nullptr, 10));
    default: return v;
  }
}

// A JSON member's value as the SOAP attrib text the sync rules check.
bool soap_text(const json &v, std::string &out) {
  if (v.is_null()) out.clear();  // null clears the field
  else if (v.is_string()) out = v.get<std::string>();
  else if (v.is_boolean()) out = v.get<bool>() ? "true" : "false";
  else if (v.is_number_integer()) out = std::to_string(v.get<long long>());
  else if (v.is_number()) out = v.dump();
  else return false;
  return true;
}

json reason(int code, const std::string &message) {
  return json::array({{{"code", std::to_string(code)}, {"message", message}}});
}

json reason_for(const ObjectService::Outcome &o) {
  using R = ObjectService::Reason;
  switch (o.reason) {
    case R::not_found: return reason(kObjectNotFound, std::string(rest_message(kObjectNotFound)) + ": " + o.status.error);
    case R::exists: return reason(kObjectExists, std::string(rest_message(kObjectExists)) + ": " + o.status.error);
    case R::lead_not_found: return reason(kLeadNotFound, rest_message(kLeadNotFound));
    case R::field_not_found: return reason(kFieldNotFound, o.status.error);
    case R::invalid:
    case R::read_only:
    case R::none: break;
  }
  return reason(kInvalidData, std::string(rest_message(kInvalidData)) + ": " + o.status.error);
}

}  // namespace

RestObjects::RestObjects(ObjectService &objects) : objects_(objects) {}

bool RestObjects::owns(const std::string &path) {
  const std::size_t n = sizeof kBase - 1;
  return path.compare(0, n, kBase) == 0 && path.size() > n && (path[n] == '.' || path[n] == '/');
}

void RestObjects::handle(const std::string &method, const std::string &path, Query q, const std::string &type,
                         const std::string &request_body, json &body) {
  const std::string base = kBase;
  bool role = path.compare(0, base.size() + 6, base + "/roles") == 0;
  std::string rest = path.substr(base.size() + (role ? 6 : 0));
  if (rest == ".json") {
    const std::string *m = param(q, "_method");
    bool reading = method == "GET" || (method == "POST" && m && *m == "GET");
    if (reading) {
      json input;
      bool has_input = false;
      if (method == "POST" && type == "application/json") {
        // The compound-key form: {filterType, fields, input: [...]} in a body.
        input = json::parse(request_body, nullptr, false);
        if (input.is_discarded() || !input.is_object()) throw RestError(kInvalidJson);
        for (const char *k : {"filterType", "fields", "batchSize", "nextPageToken"})
          if (input.contains(k)) {
            std::string v;
            if (input[k].is_array()) {
              for (const json &f : input[k])
                if (f.is_string()) v += (v.empty() ? "" : ",") + f.get<std::string>();
            } else if (!soap_text(input[k], v)) {
              throw RestError(kInvalidData, std::string("Invalid data: ") + k);
            }
            q.emplace_back(k, v);
          }
        has_input = input.contains("input");
      } else if (method == "POST" && type != "application/x-www-form-urlencoded") {
        throw RestError(kInvalidContentType);
      }
      bool more = false;
      std::string next;
      body["result"] = get(role, q, has_input ? &input["input"] : nullptr, more, next);
      body["success"] = true;
      body["moreResult"] = more;
      if (more) body["nextPageToken"] = next;
      return;
    }
    if (method != "POST") throw RestError(kMethodNotSupported);
  } else if (rest == "/delete.json") {
    if (method != "POST") throw RestError(kMethodNotSupported);
  } else if (rest == "/describe.json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    body["result"] = describe(role);
    body["success"] = true;
    return;
  } else {
    throw RestError(kNotFound);
  }
  if (type != "application/json") throw RestError(kInvalidContentType);
  json in = json::parse(request_body, nullptr, false);
  if (in.is_discarded() || !in.is_object()) throw RestError(kInvalidJson);
  body["result"] = rest == ".json" ? sync(role, in) : remove(role, in);
  body["success"] = true;
}

json RestObjects::to_json(const StoredObject &o, const std::vector<std::string> &fields,
                          const std::vector<StoredObject> &opportunities) const {
  json j{{"marketoGUID", ObjectService::guid_of(o.id)}};
  auto want = [&](const char *name) { return fields.empty() || std::find(fields.begin(), fields.end(), name) != fields.end(); };
  if (o.type == kOpportunity) {
    if (want("externalOpportunityId")) j["externalOpportunityId"] = o.has_key ? json(o.key.value) : json(nullptr);
  } else if (want("externalOpportunityId")) {
    // A role names its opportunity by the opportunity's external key.
    json key = nullptr;
    int opp = o.int_value("OpportunityId");
    for (const StoredObject &k : opportunities)
      if (k.id == opp && k.has_key) key = k.key.value;
    j["externalOpportunityId"] = key;
  }
  for (const ObjectField &f : object_fields(o.type)) {
    if (!*f.rest || !want(f.rest)) continue;
    std::string held;
    const std::string *v = nullptr;
    if (std::string(f.soap) == "Created At") held = std::to_string(o.created_at), v = &held;
    else if (std::string(f.soap) == "Updated At") held = std::to_string(o.updated_at), v = &held;
    else v = o.value(f.soap);
    j[f.rest] = v ? rest_value(f.kind, *v) : json(nullptr);
  }
  return j;
}

json RestObjects::get(bool role, const Query &q, const json *input, bool &more, std::string &next) {
  const std::string type = role ? kRole : kOpportunity;
  const std::string *filter = param(q, "filterType");
  if (!filter || filter->empty()) throw RestError(kBlank, "filterType cannot be blank");
  std::vector<std::string> fields;
  if (const std::string *f = param(q, "fields")) fields = split_commas(*f, true);
  std::size_t batch = mktows::rest_limits::kMaxRecords, offset = 0;
  if (const std::string *b = param(q, "batchSize")) {
    int v = 0;
    if (!parse_id(*b, v) || static_cast<std::size_t>(v) > mktows::rest_limits::kMaxRecords)
      throw RestError(kInvalidData, "Invalid data: batchSize");
    batch = static_cast<std::size_t>(v);
  }
  if (const std::string *t = param(q, "nextPageToken")) {
    int v = 0;
    if (t->compare(0, 4, "sbo-") != 0 || !parse_id(t->substr(4), v)) throw RestError(kInvalidData, "Invalid data: nextPageToken");
    offset = static_cast<std::size_t>(v);
  }
  std::vector<StoredObject> all = objects_.objects(type);
  std::vector<StoredObject> opportunities = role ? objects_.objects(kOpportunity) : all;
  auto opp_key = [&](int id) -> const std::string * {
    for (const StoredObject &o : opportunities)
      if (o.id == id && o.has_key) return &o.key.value;
    return nullptr;
  };
  // What a record must match: one of the values of the filter field.
  std::vector<std::function<bool(const StoredObject &)>> tests;
  if (*filter == "dedupeFields") {
    if (!role || !input || !input->is_array()) throw RestError(kInvalidData, "Invalid data: dedupeFields needs input");
    if (input->size() > mktows::rest_limits::kMaxRecords) throw RestError(kInvalidData, "Invalid data: input");
    for (const json &k : *input) {
      if (!k.is_object() || !k.contains("externalOpportunityId") || !k.contains("leadId") || !k.contains("role"))
        throw RestError(kInvalidData, "Invalid data: a dedupeFields key is externalOpportunityId, leadId and role");
      std::string ext, lead, name;
      if (!soap_text(k["externalOpportunityId"], ext) || !soap_text(k["leadId"], lead) || !soap_text(k["role"], name))
        throw RestError(kInvalidData, "Invalid data: input");
      tests.push_back([=](const StoredObject &o) {
        const std::string *key = opp_key(o.int_value("OpportunityId"));
        const std::string *r = o.value("Role");
        return key && *key == ext && std::to_string(o.int_value("PersonId")) == lead && r && iequals(*r, name);
      });
    }
  } else {
    const std::string *values = param(q, "filterValues");
    if (!values || values->empty()) throw RestError(kBlank, "filterValues cannot be blank");
    std::vector<std::string> vs = split_commas(*values, true);
    if (vs.size() > mktows::rest_limits::kMaxRecords) throw RestError(kInvalidData, "Invalid data: filterValues");
    std::string f = *filter;
    const ObjectField *field = object_field_by_rest(type, f);
    bool searchable = f == "marketoGUID" || f == "externalOpportunityId" ||
                      (field && !field->read_only && (field->kind == ValueKind::string || field->kind == ValueKind::integer));
    if (!searchable) throw RestError(kFieldNotSupported, std::string(rest_message(kFieldNotSupported)) + " '" + f + "'");
    tests.push_back([=](const StoredObject &o) {
      std::string held;
      const std::string *v = nullptr;
      if (f == "marketoGUID") held = ObjectService::guid_of(o.id), v = &held;
      else if (f == "externalOpportunityId") v = role ? opp_key(o.int_value("OpportunityId")) : (o.has_key ? &o.key.value : nullptr);
      else v = o.value(field->soap);
      return v && std::find(vs.begin(), vs.end(), *v) != vs.end();
    });
  }
  for (const std::string &f : fields)
    if (f != "marketoGUID" && f != "externalOpportunityId" && !object_field_by_rest(type, f))
      throw RestError(kFieldNotFound, "Field '" + f + "' not found");
  std::vector<const StoredObject *> hits;
  for (const StoredObject &o : all)
    if (std::any_of(tests.begin(), tests.end(), [&](const std::function<bool(const StoredObject &)> &t) { return t(o); }))
      hits.push_back(&o);
  json out = json::array();
  for (std::size_t i = offset; i < hits.size() && i < offset + batch; ++i) {
    json j = to_json(*hits[i], fields, opportunities);
    j["seq"] = static_cast<int>(i - offset);
    out.push_back(j);
  }
  more = offset + batch < hits.size();
  next = more ? "sbo-" + std::to_string(offset + batch) : std::string();
  return out;
}

json RestObjects::sync(bool role, const json &in) {
  const std::string type = role ? kRole : kOpportunity;
  std::string action = in.value("action", std::string("createOrUpdate"));
  std::string dedupe = in.value("dedupeBy", std::string("dedupeFields"));
  MObjSyncOperation op = action == "createOnly"       ? MObjSyncOperation::insert
                         : action == "updateOnly"     ? MObjSyncOperation::update
                         : action == "createOrUpdate" ? MObjSyncOperation::upsert
                                                      : throw RestError(kInvalidData, "Invalid data: action");
  if (dedupe != "dedupeFields" && dedupe != "idField") throw RestError(kInvalidData, "Invalid data: dedupeBy");
  auto input = in.find("input");
  if (input == in.end() || !input->is_array()) throw RestError(kBlank, "input cannot be blank");
  if (input->size() > mktows::rest_limits::kMaxRecords) throw RestError(kInvalidData, "Invalid data: more than 300 records");
  // Each record becomes the SOAP object it means; a record that cannot be
  // one is skipped here with its reason, the rest go to one sync.
  std::vector<MObjectData> objs;
  std::vector<json> early(input->size());
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < input->size(); ++i) {
    const json &r = (*input)[i];
    if (!r.is_object()) {
      early[i] = reason(kInvalidData, "Invalid data: not an object");
      continue;
    }
    MObjectData d;
    d.type = type;
    json why;
    for (auto it = r.begin(); it != r.end() && why.is_null(); ++it) {
      std::string v;
      if (!soap_text(it.value(), v)) {
        why = reason(kInvalidData, "Invalid data: " + it.key());
        break;
      }
      if (it.key() == "marketoGUID") {
        if (dedupe != "idField") continue;  // found by the dedupe fields instead
        if (!ObjectService::id_of_guid(v, d.id)) why = reason(kObjectNotFound, rest_message(kObjectNotFound));
        d.has_id = true;
      } else if (it.key() == "externalOpportunityId") {
        if (role) {
          MObjAssociationData a;
          a.type = kOpportunity;
          a.has_external_key = true;
          a.external_key = MObjAttrib{"externalOpportunityId", v};
          d.associations.push_back(a);
        } else {
          d.has_external_key = true;
          d.external_key = MObjAttrib{"externalOpportunityId", v};
        }
      } else if (const ObjectField *f = object_field_by_rest(type, it.key())) {
        if (f->read_only) why = reason(kInvalidData, "Invalid data: " + it.key() + " is read-only");
        else d.attribs.push_back(MObjAttrib{f->soap, v});
      } else {
        why = reason(kFieldNotFound, "Field '" + it.key() + "' not found");
      }
    }
    if (why.is_null() && dedupe == "idField" && !d.has_id) why = reason(kBlank, "marketoGUID cannot be blank");
    if (why.is_null() && dedupe == "dedupeFields" && !role && !d.has_external_key)
      why = reason(kBlank, "externalOpportunityId cannot be blank");
    if (why.is_null() && dedupe == "dedupeFields" && role && (d.associations.empty() || !r.contains("leadId") || !r.contains("role")))
      why = reason(kBlank, "externalOpportunityId, leadId and role cannot be blank");
    if (dedupe == "idField") d.associations.clear();  // the record keeps its opportunity
    if (!why.is_null()) {
      early[i] = why;
      continue;
    }
    objs.push_back(d);
    at.push_back(i);
  }
  std::vector<ObjectService::Outcome> outcomes = objs.empty() ? std::vector<ObjectService::Outcome>() : objects_.sync(objs, op);
  json out = json::array();
  std::size_t k = 0;
  for (std::size_t i = 0; i < input->size(); ++i) {
    json j{{"seq", static_cast<int>(i)}};
    if (k < at.size() && at[k] == i) {
      const ObjectService::Outcome &o = outcomes[k++];
      if (o.status.status == MObjStatusCode::created || o.status.status == MObjStatusCode::updated ||
          o.status.status == MObjStatusCode::unchanged) {
        j["status"] = o.status.status == MObjStatusCode::created ? "created" : "updated";
        j["marketoGUID"] = ObjectService::guid_of(o.status.id);
      } else {
        j["status"] = "skipped";
        j["reasons"] = reason_for(o);
      }
    } else {
      j["status"] = "skipped";
      j["reasons"] = early[i];
    }
    out.push_back(j);
  }
  return out;
}

json RestObjects::remove(bool role, const json &in) {
  const std::string type = role ? kRole : kOpportunity;
  std::string by = in.value("deleteBy", std::string("dedupeFields"));
  if (by != "dedupeFields" && by != "idField") throw RestError(kInvalidData, "Invalid data: deleteBy");
  auto input = in.find("input");
  if (input == in.end() || !input->is_array()) throw RestError(kBlank, "input cannot be blank");
  if (input->size() > mktows::rest_limits::kMaxRecords) throw RestError(kInvalidData, "Invalid data: more than 300 records");
  std::vector<StoredObject> roles = role ? objects_.objects(kRole) : std::vector<StoredObject>();
  std::vector<MObjectData> objs;
  std::vector<json> early(input->size());
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < input->size(); ++i) {
    const json &r = (*input)[i];
    MObjectData d;
    d.type = type;
    std::string v;
    if (!r.is_object()) {
      early[i] = reason(kInvalidData, "Invalid data: not an object");
      continue;
    }
    if (by == "idField") {
      if (!r.contains("marketoGUID") || !soap_text(r["marketoGUID"], v) || !ObjectService::id_of_guid(v, d.id)) {
        early[i] = reason(kObjectNotFound, rest_message(kObjectNotFound));
        continue;
      }
      d.has_id = true;
    } else if (!role) {
      if (!r.contains("externalOpportunityId") || !soap_text(r["externalOpportunityId"], v) || v.empty()) {
        early[i] = reason(kBlank, "externalOpportunityId cannot be blank");
        continue;
      }
      d.has_external_key = true;
      d.external_key = MObjAttrib{"externalOpportunityId", v};
    } else {
      std::string ext, lead, name;
      if (!r.contains("externalOpportunityId") || !r.contains("leadId") || !r.contains("role") ||
          !soap_text(r["externalOpportunityId"], ext) || !soap_text(r["leadId"], lead) || !soap_text(r["role"], name)) {
        early[i] = reason(kBlank, "externalOpportunityId, leadId and role cannot be blank");
        continue;
      }
      StoredObject opp = objects_.opportunity_by_key(ext);
      for (const StoredObject &o : roles) {
        const std::string *rn = o.value("Role");
        if (opp.id && o.int_value("OpportunityId") == opp.id && std::to_string(o.int_value("PersonId")) == lead && rn &&
            iequals(*rn, name))
          d.id = o.id;
      }
      if (d.id == 0) {
        early[i] = reason(kObjectNotFound, rest_message(kObjectNotFound));
        continue;
      }
      d.has_id = true;
    }
    objs.push_back(d);
    at.push_back(i);
  }
  std::vector<ObjectService::Outcome> outcomes = objs.empty() ? std::vector<ObjectService::Outcome>() : objects_.remove(objs);
  json out = json::array();
  std::size_t k = 0;
  for (std::size_t i = 0; i < input->size(); ++i) {
    json j{{"seq", static_cast<int>(i)}};
    if (k < at.size() && at[k] == i) {
      const ObjectService::Outcome &o = outcomes[k++];
      if (o.status.status == MObjStatusCode::deleted) {
        j["status"] = "deleted";
        j["marketoGUID"] = ObjectService::guid_of(o.status.id);
      } else {
        j["status"] = "skipped";
        j["reasons"] = reason_for(o);
      }
    } else {
      j["status"] = "skipped";
      j["reasons"] = early[i];
    }
    out.push_back(j);
  }
  return out;
}

json RestObjects::describe(bool role) const {
  const std::string type = role ? kRole : kOpportunity;
  json fields = json::array({{{"name", "marketoGUID"}, {"displayName", "Marketo GUID"}, {"dataType", "string"},
                              {"length", 36}, {"updateable", false}},
                             {{"name", "externalOpportunityId"}, {"displayName", "External Opportunity Id"},
                              {"dataType", "string"}, {"length", 50}, {"updateable", false}}});
  for (const ObjectField &f : object_fields(type)) {
    if (!*f.rest) continue;
    json j{{"name", f.rest}, {"displayName", f.display}, {"dataType", kind_name(f.kind)}, {"updateable", !f.read_only}};
    if (f.size > 0) j["length"] = f.size;
    fields.push_back(j);
  }
  json d{{"name", role ? "opportunityRole" : "opportunity"},
         {"displayName", role ? "Opportunity Role" : "Opportunity"},
         {"createdAt", mktows_front::rest_time(ObjectService::kWorldTime)},
         {"updatedAt", mktows_front::rest_time(ObjectService::kWorldTime)},
         {"idField", "marketoGUID"},
         {"fields", fields}};
  if (role) {
    d["dedupeFields"] = {"externalOpportunityId", "leadId", "role"};
    d["searchableFields"] = {{"externalOpportunityId", "leadId", "role"}, {"marketoGUID"}, {"leadId"}, {"externalOpportunityId"}};
  } else {
    d["dedupeFields"] = {"externalOpportunityId"};
    json searchable = {{"externalOpportunityId"}, {"marketoGUID"}};
    for (const ObjectField &f : object_fields(type))
      if (*f.rest && !f.read_only && (f.kind == ValueKind::string || f.kind == ValueKind::integer))
        searchable.push_back({f.rest});
    d["searchableFields"] = searchable;
  }
  return json::array({d});
}

}  // namespace mktows_sandbox
