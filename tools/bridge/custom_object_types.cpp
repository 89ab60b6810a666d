// custom_object_types.cpp: customobjects.json and describe.json as cached
// look-ups.
#include "custom_object_types.hpp"

#include "ascii.hpp"

namespace mktows_bridge {

using mktows_front::ServiceError;
using mktows_front::iequals;
using nlohmann::json;
namespace fc = mktows::fault_code;

const char kSoapLeadLink[] = "MKTOID";

namespace {

const char kTypesKey[] = "custom-object-types";

std::string type_key(const std::string &soap_name) {
  return std::string("custom-object-type\x1f") + mktows_front::ascii_lower(soap_name);
}

std::string text(const json &o, const char *k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const json &a) {
  std::vector<std::string> out;
  if (a.is_array())
    for (const json &s : a)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

// The field a relationship to Lead names. The fact sheet (§6 #12) has the
// related object under `relatedTo` in the list call and `object` in
// describe: either is read.
std::string lead_link(const json &relationships) {
  if (!relationships.is_array()) return std::string();
  for (const json &r : relationships) {
    if (!r.is_object()) continue;
    for (const char *k : {"relatedTo", "object"}) {
      auto it = r.find(k);
      if (it != r.end() && it->is_object() && iequals(text(*it, "name"), "Lead")) return text(r, "field");
    }
  }
  return std::string();
}

// Every type the instance has: customobjects.json, as its records.
json all_types(RestBackend &rest, bool fresh) {
  if (fresh) rest.lookups().forget(kTypesKey);
  return rest.lookups().get(kTypesKey, [&] {
    json a = rest.call("GET", "/v1/customobjects.json", "", "");
    json out = json::array();
    if (a.contains("result") && a["result"].is_array())
      for (const json &t : a["result"])
        if (t.is_object() && t.contains("name") && t["name"].is_string()) out.push_back(t);
    return out;
  });
}

// The record of the type `soap_name` names in `types` (null when none) and
// the name of it that matched.
struct Picked {
  json record;
  std::string matched;
};

Picked pick(const json &types, const std::string &soap_name) {
  for (const char *member : {"name", "displayName"}) {
    json hits = json::array();
    for (const json &t : types)
      if (iequals(text(t, member), soap_name)) hits.push_back(t);
    if (hits.size() > 1) {
      // Case apart, REST's own spelling wins; several otherwise: 20110.
      for (const json &t : hits)
        if (text(t, member) == soap_name) return Picked{t, soap_name};
      std::string names;
      for (const json &t : hits) names += (names.empty() ? "" : ", ") + text(t, "name");
      throw ServiceError::told(fc::bad_parameter, "objTypeName " + soap_name + " matches " + std::to_string(hits.size()) +
                                                      " REST custom object types (" + names + "): name its apiName exactly");
    }
    if (hits.size() == 1) return Picked{hits[0], text(hits[0], member)};
  }
  return Picked{};
}

RestObjectType shape(const Picked &picked, const json &described) {
  const json &listed = picked.record;
  // Describe has every member; the list's record fills what it lacks.
  auto member = [&](const char *k) -> const json & {
    static const json none;
    if (described.contains(k)) return described[k];
    if (listed.contains(k)) return listed[k];
    return none;
  };
  RestObjectType t;
  t.api_name = text(listed, "name");
  t.own_name = picked.matched;
  t.dedupe = strings(member("dedupeFields"));
  t.link = lead_link(member("relationships"));
  if (member("fields").is_array())
    for (const json &f : member("fields"))
      if (f.is_object() && f.contains("name") && f["name"].is_string())
        t.fields.push_back(RestObjectField{f["name"].get<std::string>(), text(f, "dataType")});
  const json &s = member("searchableFields");
  if (s.is_array())
    for (const json &set : s) t.searchable.push_back(strings(set));
  if (t.searchable.empty()) {
    // Not said: what every custom object type can be read by.
    t.searchable.push_back(t.dedupe);
    if (!t.link.empty()) t.searchable.push_back({t.link});
  }
  if (t.dedupe.empty()) throw ServiceError(fc::api_failure, "REST describes " + t.api_name + " with no dedupeFields");
  return t;
}

json type_json(const RestObjectType &t) {
  json fields = json::array();
  for (const RestObjectField &f : t.fields) fields.push_back({{"name", f.name}, {"type", f.type}});
  return json{{"api", t.api_name}, {"own", t.own_name}, {"dedupe", t.dedupe}, {"link", t.link}, {"fields", fields}, {"searchable", t.searchable}};
}

RestObjectType from_json(const json &j) {
  RestObjectType t;
  t.api_name = j["api"].get<std::string>();
  t.own_name = j["own"].get<std::string>();
  t.dedupe = j["dedupe"].get<std::vector<std::string>>();
  t.link = j["link"].get<std::string>();
  for (const json &f : j["fields"]) t.fields.push_back(RestObjectField{f["name"].get<std::string>(), f["type"].get<std::string>()});
  t.searchable = j["searchable"].get<std::vector<std::vector<std::string>>>();
  return t;
}

}  // namespace

const RestObjectField *RestObjectType::field(const std::string &name) const {
  const std::string &wanted = !link.empty() && iequals(name, kSoapLeadLink) ? link : name;
  for (const RestObjectField &f : fields)
    if (f.name == wanted) return &f;
  for (const RestObjectField &f : fields)
    if (iequals(f.name, wanted)) return &f;
  return nullptr;
}

bool RestObjectType::is_dedupe(const std::string &rest_name) const {
  for (const std::string &d : dedupe)
    if (d == rest_name) return true;
  return false;
}

bool RestObjectType::searchable_alone(const std::string &rest_name) const {
  for (const std::vector<std::string> &s : searchable)
    if (s.size() == 1 && s[0] == rest_name) return true;
  return false;
}

bool RestObjectType::is_system(const std::string &rest_name) {
  return rest_name == "marketoGUID" || rest_name == "createdAt" || rest_name == "updatedAt";
}

json type_call(RestBackend &rest, const std::string &method, const std::string &path_and_query,
               const std::string &content_type, const std::string &body) {
  return rest.call(method, path_and_query, content_type, body,
                   {{"1013", fc::bad_parameter_value}, {"610", fc::bad_parameter_value}});
}

RestObjectType find_custom_object_type(RestBackend &rest, const std::string &soap_name, bool fresh) {
  if (soap_name.empty()) throw ServiceError(fc::parameter_required, "no objTypeName");
  std::string key = type_key(soap_name);
  if (fresh) rest.lookups().forget(key);
  return from_json(rest.lookups().get(key, [&] {
    // A name missing from a list that came from the cache (a type made
    // since), or listed there but gone from REST: the list once more.
    bool retry = !fresh && rest.lookups().has(kTypesKey);
    for (bool again = fresh;; again = true, retry = false) {
      Picked picked = pick(all_types(rest, again), soap_name);
      const json &listed = picked.record;
      if (listed.is_null()) {
        if (retry) continue;
        throw ServiceError::told(fc::bad_parameter, "objTypeName " + soap_name + " names no custom object type on the REST side");
      }
      json d;
      try {
        d = type_call(rest, "GET", "/v1/customobjects/" + RestHttp::escape(text(listed, "name")) + "/describe.json", "", "");
      } catch (const ServiceError &e) {
        if (e.code() != fc::bad_parameter_value) throw;
        if (retry) continue;
        throw ServiceError::told(fc::bad_parameter, "objTypeName " + soap_name + ": REST lists " + text(listed, "name") +
                                                        " but does not describe it");
      }
      json described = d.contains("result") && d["result"].is_array() && !d["result"].empty() && d["result"][0].is_object()
                           ? d["result"][0]
                           : json::object();
      return type_json(shape(picked, described));
    }
  }));
}

int custom_object_type_calls(RestBackend &rest, const std::string &soap_name) {
  // The list (fetched, or fetched again when the name is not in the
  // cached one) and the describe.
  return rest.lookups().has(type_key(soap_name)) ? 0 : 2;
}

}  // namespace mktows_bridge
