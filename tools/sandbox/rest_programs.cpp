// rest_programs.cpp: the asset API's programs.json, program/{id}.json and
// program/byName.json.
#include "rest_programs.hpp"

#include "auth.hpp"
#include "rest_error.hpp"
#include "text_values.hpp"
#include "times.hpp"

#include <algorithm>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using Query = RestPrograms::Query;

namespace {

const char kPrograms[] = "/rest/asset/v1/programs.json";
const char kProgramPath[] = "/rest/asset/v1/program/";
const char kNoAssets[] = "No assets found for the given search criteria.";
const std::size_t kDefaultMaxReturn = 20;  // the asset API's
const std::size_t kMaxReturn = 200;

const std::string *param(const Query &q, const char *name) {
  for (const auto &kv : q)
    if (kv.first == name) return &kv.second;
  return nullptr;
}

// The asset API writes times with both a Z and an offset
// (2015-07-15T11:40:57Z+0000), as its documentation shows.
std::string asset_time(std::int64_t t) { return mktows_front::rest_time(t) + "+0000"; }

bool flag(const Query &q, const char *name) {
  const std::string *v = param(q, name);
  if (!v) return false;
  if (*v == "true") return true;
  if (*v == "false") return false;
  throw RestError(kInvalidData, std::string("Invalid data: ") + name);
}

std::int64_t time_param(const Query &q, const char *name, std::int64_t fallback) {
  const std::string *v = param(q, name);
  if (!v) return fallback;
  std::time_t t = 0;
  if (!mktows_front::parse_w3c_timestamp(*v, t)) throw RestError(kInvalidData, std::string("Invalid data: ") + name);
  return static_cast<std::int64_t>(t);
}

}  // namespace

RestPrograms::RestPrograms(ObjectService &objects) : objects_(objects) {}

bool RestPrograms::owns(const std::string &path) {
  return path == kPrograms || path.compare(0, sizeof kProgramPath - 1, kProgramPath) == 0;
}

void RestPrograms::handle(const std::string &method, const std::string &path, const Query &q, json &body) {
  body["warnings"] = json::array();
  json result;
  if (path == kPrograms) {
    if (method != "GET") throw RestError(kMethodNotSupported);
    result = list(q);
  } else if (path == std::string(kProgramPath) + "byName.json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    const std::string *name = param(q, "name");
    if (!name || name->empty()) throw RestError(kBlank, "name cannot be blank");
    bool tags = flag(q, "includeTags"), costs = flag(q, "includeCosts");
    result = json::array();
    for (const ProgramView &p : objects_.programs())
      if (iequals(p.program.name, *name)) result.push_back(to_json(p, tags, costs));
  } else {
    std::string rest = path.substr(sizeof kProgramPath - 1);
    int id = 0;
    if (rest.size() <= 5 || rest.compare(rest.size() - 5, 5, ".json") != 0 || !parse_id(rest.substr(0, rest.size() - 5), id))
      throw RestError(kNotFound);
    if (method == "GET") {
      ProgramView p;
      result = json::array();
      if (objects_.program(id, p)) result.push_back(to_json(p, true, true));
    } else if (method == "POST") {
      result = update(id, q);
    } else {
      throw RestError(kMethodNotSupported);
    }
  }
  body["success"] = true;
  body["errors"] = json::array();
  if (result.empty()) body["warnings"].push_back(kNoAssets);  // an empty search: no result member at all
  else body["result"] = result;
}

json RestPrograms::list(const Query &q) {
  std::size_t max = kDefaultMaxReturn, offset = 0;
  if (const std::string *v = param(q, "maxReturn")) {
    int n = 0;
    if (!parse_id(*v, n) || static_cast<std::size_t>(n) > kMaxReturn) throw RestError(kInvalidData, "Invalid data: maxReturn");
    max = static_cast<std::size_t>(n);
  }
  if (const std::string *v = param(q, "offset")) {
    long long n = 0;
    if (!to_long(*v, n) || n < 0) throw RestError(kInvalidData, "Invalid data: offset");
    offset = static_cast<std::size_t>(n);
  }
  std::vector<std::string> values;
  const std::string *filter = param(q, "filterType");
  if (filter) {
    if (*filter != "id" && *filter != "programId" && *filter != "folderId" && *filter != "workspace")
      throw RestError(kInvalidData, "Invalid data: filterType");
    const std::string *v = param(q, "filterValues");
    if (!v || v->empty()) throw RestError(kBlank, "filterValues cannot be blank");
    values = split_commas(*v, true);
  }
  std::int64_t earliest = time_param(q, "earliestUpdatedAt", 0);
  std::int64_t latest = time_param(q, "latestUpdatedAt", INT64_MAX);
  std::vector<ProgramView> hits;
  for (const ProgramView &p : objects_.programs()) {
    if (filter) {
      // Every program of the sandbox is in the Default workspace's
      // Marketing Activities folder (id 1).
      std::string mine = *filter == "workspace" ? "Default" : *filter == "folderId" ? "1" : std::to_string(p.program.id);
      if (std::none_of(values.begin(), values.end(), [&](const std::string &v) { return iequals(v, mine); })) continue;
    }
    if (p.state.updated_at < earliest || p.state.updated_at > latest) continue;
    hits.push_back(p);
  }
  json out = json::array();
  for (std::size_t i = offset; i < hits.size() && i < offset + max; ++i) out.push_back(to_json(hits[i], false, false));
  return out;
}

json RestPrograms::update(int id, const Query &q) {
  for (const auto &kv : q)
    if (kv.first != "costs" && kv.first != "costsDestructiveUpdate" && kv.first != "tags" && kv.first != "_method")
      throw RestError(kBusinessRule, std::string(rest_message(kBusinessRule)) + ": the sandbox updates a program's costs "
                                                                               "and tags only, not " + kv.first);
  ProgramChange change;
  change.replace_costs = flag(q, "costsDestructiveUpdate");
  if (const std::string *c = param(q, "costs")) {
    json costs = json::parse(*c, nullptr, false);
    if (!costs.is_array()) throw RestError(kInvalidData, "Invalid data: costs");
    for (const json &k : costs) {
      if (!k.is_object() || !k.contains("startDate") || !k["startDate"].is_string() || !k.contains("cost") ||
          !k["cost"].is_number())
        throw RestError(kInvalidData, "Invalid data: a cost is {startDate, cost, note}");
      std::string start = k["startDate"].get<std::string>();
      ProgramCost cost;
      cost.month = start.substr(0, 7);  // a cost is per month: the day is dropped
      cost.amount = k["cost"].is_number_integer() ? std::to_string(k["cost"].get<long long>()) : k["cost"].dump();
      if (k.contains("note") && k["note"].is_string()) cost.note = k["note"].get<std::string>();
      change.costs.push_back(cost);
    }
  }
  if (const std::string *t = param(q, "tags")) {
    json tags = json::parse(*t, nullptr, false);
    if (!tags.is_array()) throw RestError(kInvalidData, "Invalid data: tags");
    for (const json &k : tags) {
      if (!k.is_object() || !k.contains("tagType") || !k["tagType"].is_string() || !k.contains("tagValue") ||
          !k["tagValue"].is_string())
        throw RestError(kInvalidData, "Invalid data: a tag is {tagType, tagValue}");
      change.tags.push_back({k["tagType"].get<std::string>(), k["tagValue"].get<std::string>()});
    }
  }
  try {
    return json::array({to_json(objects_.update_program(id, change), true, true)});
  } catch (const ObjectService::Refused &e) {
    ProgramView p;
    if (!objects_.program(id, p)) return json::array();  // no such program: the empty-search warning
    throw RestError(kBusinessRule, std::string(rest_message(kBusinessRule)) + ": " + e.what());
  }
}

json RestPrograms::to_json(const ProgramView &p, bool tags, bool costs) const {
  json j{{"id", p.program.id},
         {"name", p.program.name},
         {"description", ""},
         {"createdAt", asset_time(p.created_at)},
         {"updatedAt", asset_time(p.state.updated_at)},
         {"type", p.program.type},
         {"channel", p.state.channel},
         {"folder", {{"type", "Folder"}, {"value", 1}, {"folderName", "Marketing Activities"}}},
         {"status", ""},
         {"workspace", "Default"}};
  if (tags) {
    json t = json::array();
    for (const ProgramTag &k : p.state.tags) t.push_back({{"tagType", k.type}, {"tagValue", k.value}});
    j["tags"] = t;
  }
  if (costs) {
    json c = json::array();
    for (const ProgramCost &k : p.state.costs) {
      json cost = json::parse(k.amount, nullptr, false);
      c.push_back({{"startDate", k.month + "-01"}, {"cost", cost.is_number() ? cost : json(0)}, {"note", k.note}});
    }
    j["costs"] = c;
  }
  return j;
}

}  // namespace mktows_sandbox
