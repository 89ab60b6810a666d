// rest_names.cpp: lists.json, campaigns.json and activities/types.json as
// cached look-ups.
#include "rest_names.hpp"

#include "ascii.hpp"
#include "service_error.hpp"

namespace mktows_bridge {

using mktows_front::ServiceError;
using mktows_front::iequals;
using nlohmann::json;

namespace {

std::string key_of(const std::string &kind, const std::string &a, const std::string &b) {
  return kind + "\x1f" + mktows_front::ascii_lower(a) + "\x1f" + mktows_front::ascii_lower(b);
}

// REST's name filters are comma-separated lists: a name holding a comma
// cannot be asked for.
void no_comma(const std::string &what, const std::string &name) {
  if (name.find(',') != std::string::npos)
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             what + " name holds a comma, which REST's name filter reads as two names");
}

std::string text(const json &o, const char *k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The records of one look-up call whose name (and program, when given)
// are these, without case.
json matching(const json &answer, const std::string &name, const std::string *program) {
  json out = json::array();
  if (!answer.contains("result") || !answer["result"].is_array()) return out;
  for (const json &r : answer["result"]) {
    if (!r.is_object() || !r.contains("id") || !r["id"].is_number_integer()) continue;
    if (!iequals(text(r, "name"), name)) continue;
    if (program && !iequals(text(r, "programName"), *program)) continue;
    out.push_back(r);
  }
  return out;
}

// `path` ("/v1/lists.json") asked by name (and program); the matches.
json ask(RestBackend &rest, const std::string &path, const std::string &name, const std::string *program,
         const std::string &extra) {
  std::string q = path + "?name=" + RestHttp::escape(name) + extra;
  if (program) q += "&programName=" + RestHttp::escape(*program);
  return matching(rest.call("GET", q, "", ""), name, program);
}

// The one record a SOAP name names (see the header), or throws.
json resolve(RestBackend &rest, const std::string &what, const std::string &path, const std::string &program,
             const std::string &name, bool whole_fallback, int not_found, const std::string &extra) {
  no_comma(what, name);
  json found = json::array();
  if (!program.empty()) {
    no_comma(what, program);
    found = ask(rest, path, name, &program, extra);
  }
  if (found.empty() && whole_fallback) {
    std::string whole = program.empty() ? name : program + "." + name;
    found = ask(rest, path, whole, nullptr, extra);
  }
  if (found.empty())
    throw ServiceError::told(not_found, what + " " + (program.empty() ? name : program + "." + name) + " is not on the REST side");
  if (found.size() > 1) {
    std::string ids;
    for (const json &r : found) ids += (ids.empty() ? "" : ", ") + std::to_string(r["id"].get<long long>());
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             what + " " + (program.empty() ? name : program + "." + name) + " matches " +
                                 std::to_string(found.size()) + " REST records (ids " + ids + "): name it as Program.Name");
  }
  return found[0];
}

void split(const std::string &soap_name, std::string &program, std::string &name) {
  std::size_t dot = soap_name.find('.');
  if (dot == std::string::npos) {
    program.clear();
    name = soap_name;
  } else {
    program = soap_name.substr(0, dot);
    name = soap_name.substr(dot + 1);
  }
}

RestList to_list(const json &r) {
  return RestList{r["id"].get<int>(), text(r, "name"), text(r, "programName")};
}

}  // namespace

RestList find_list(RestBackend &rest, const std::string &soap_name, bool fresh) {
  if (soap_name.empty()) throw ServiceError(mktows::fault_code::parameter_required, "no list name");
  std::string program, name;
  split(soap_name, program, name);
  std::string key = key_of("list", soap_name, "");
  if (fresh) rest.lookups().forget(key);
  return to_list(rest.lookups().get(key, [&] {
    return resolve(rest, "list", "/v1/lists.json", program, name, true, mktows::fault_code::list_not_found, "");
  }));
}

RestList find_list_in(RestBackend &rest, const std::string &program, const std::string &name, bool fresh) {
  if (name.empty()) throw ServiceError(mktows::fault_code::parameter_required, "no listName");
  std::string key = key_of("list-in", program, name);
  if (fresh) rest.lookups().forget(key);
  return to_list(rest.lookups().get(key, [&] {
    return resolve(rest, "list", "/v1/lists.json", program, name, program.empty(), mktows::fault_code::list_not_found, "");
  }));
}

RestCampaign find_campaign(RestBackend &rest, const std::string &program, const std::string &name, bool fresh) {
  std::string key = key_of("campaign", program, name);
  if (fresh) rest.lookups().forget(key);
  json r = rest.lookups().get(key, [&] {
    return resolve(rest, "campaign", "/v1/campaigns.json", program, name, false, mktows::fault_code::campaign_not_found, "");
  });
  return RestCampaign{r["id"].get<int>(), text(r, "name"), text(r, "programName"), text(r, "type"), text(r, "description")};
}

std::string campaign_name(RestBackend &rest, int id) {
  json r = rest.lookups().get(key_of("campaign-id", std::to_string(id), ""), [&] {
    json a = rest.call("GET", "/v1/campaigns.json?id=" + std::to_string(id), "", "");
    if (a.contains("result") && a["result"].is_array())
      for (const json &c : a["result"])
        if (c.is_object() && c.value("id", 0) == id) return json(text(c, "name"));
    return json("");
  });
  return r.is_string() ? r.get<std::string>() : std::string();
}

std::vector<RestActivityType> activity_types(RestBackend &rest) {
  json all = rest.lookups().get("activity-types", [&] {
    json a = rest.call("GET", "/v1/activities/types.json", "", "");
    json out = json::array();
    if (a.contains("result") && a["result"].is_array())
      for (const json &t : a["result"])
        if (t.is_object() && t.contains("id") && t["id"].is_number_integer() && t.contains("name") && t["name"].is_string())
          out.push_back({{"id", t["id"]}, {"name", t["name"]}});
    if (out.empty()) throw ServiceError(mktows::fault_code::api_failure, "REST lists no activity type");
    return out;
  });
  std::vector<RestActivityType> out;
  for (const json &t : all) out.push_back(RestActivityType{t["id"].get<int>(), t["name"].get<std::string>()});
  return out;
}

int lookup_calls(RestBackend &rest, const std::string &kind, const std::string &a, const std::string &b) {
  std::string key = kind == "activity-types" ? kind : key_of(kind, a, b);
  if (rest.lookups().has(key)) return 0;
  // A list's Program.Name that finds nothing is asked again as a whole name.
  return kind == "list" && a.find('.') != std::string::npos ? 2 : 1;
}

}  // namespace mktows_bridge
