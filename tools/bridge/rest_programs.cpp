// rest_programs.cpp: getMObjects and syncMObjects of type Program over the
// asset API (programs.json, program/{id}.json, program/byName.json).
// Program ids are REST's own integers: no id map.
#include "rest_objects.hpp"
#include "rest_values.hpp"

#include "ascii.hpp"
#include "auth.hpp"
#include "rest_cost.hpp"
#include "rest_dates.hpp"
#include "service_error.hpp"
#include "stream_position.hpp"
#include "times.hpp"

#include <mktows/limits.hpp>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;

namespace {

// Programs per page when each needs its own call for its tags and costs
// (includeDetails over programs.json): one list call and this many
// program/{id}.json calls fit one REST window with room to spare.
const int kDetailedPage = 20;

std::string str(const json &o, const char *k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool parse_int(const std::string &s, long long &v) {
  if (s.empty()) return false;
  errno = 0;
  char *end = nullptr;
  v = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end && *end == '\0';
}

[[noreturn]] void no_equivalent(const std::string &why) { throw ServiceError::told(fc::bad_parameter, why); }

json records_of(const json &answer) {
  return answer.contains("result") && answer["result"].is_array() ? answer["result"] : json::array();
}

// The bits of a query getMObjects binds its position to.
json program_binding(const MObjQuery &q) {
  json c = json::array();
  for (const MObjCriterion &k : q.criteria) c.push_back({k.name, comparison_name(k.comparison), k.value});
  return json{{"op", "getMObjects/Program"}, {"id", q.has_id ? json(q.id) : json(nullptr)}, {"criteria", c},
              {"details", q.include_details}};
}

bool valid_month(const std::string &m) {
  return m.size() == 7 && m[4] == '-' && std::isdigit(static_cast<unsigned char>(m[0])) &&
         std::isdigit(static_cast<unsigned char>(m[1])) && std::isdigit(static_cast<unsigned char>(m[2])) &&
         std::isdigit(static_cast<unsigned char>(m[3])) && ((m[5] == '0' && m[6] >= '1' && m[6] <= '9') || (m[5] == '1' && m[6] >= '0' && m[6] <= '2'));
}

// A typeAttrib's attrib by name (ASCII case ignored); null when absent.
const MObjAttrib *attrib(const MObjTypeAttribData &t, const char *name) {
  for (const MObjAttrib &a : t.attribs)
    if (iequals(a.name, name)) return &a;
  return nullptr;
}

bool has_cost_id(const MObjectData &o) {
  for (const MObjTypeAttribData &t : o.type_attribs)
    if (iequals(t.type, "Cost") && attrib(t, "Id")) return true;
  return false;
}

}  // namespace

MObjectData RestObjects::to_program(const json &r, bool details) const {
  MObjectData d;
  d.type = "Program";
  d.has_id = true;
  d.id = r.value("id", 0);
  parse_rest_date(str(r, "createdAt"), d.created_at);
  parse_rest_date(str(r, "updatedAt"), d.updated_at);
  std::string name = str(r, "name");
  d.attribs.push_back(MObjAttrib{"Name", name});
  d.attribs.push_back(MObjAttrib{"Description", str(r, "description")});
  d.attribs.push_back(MObjAttrib{"Type", str(r, "type")});
  if (!str(r, "workspace").empty()) d.attribs.push_back(MObjAttrib{"Workspace Name", str(r, "workspace")});
  // REST names the program's own folder only, not the whole path.
  if (r.contains("folder") && r["folder"].is_object() && !str(r["folder"], "folderName").empty())
    d.attribs.push_back(MObjAttrib{"Tree Path", str(r["folder"], "folderName") + "/" + name});
  if (!details) return d;
  // The channel is the program's tag of type Channel, first.
  if (!str(r, "channel").empty())
    d.type_attribs.push_back(MObjTypeAttribData{"Tag", {{"Type", "Channel"}, {"Value", str(r, "channel")}}});
  if (r.contains("tags") && r["tags"].is_array())
    for (const json &t : r["tags"])
      if (t.is_object())
        d.type_attribs.push_back(MObjTypeAttribData{"Tag", {{"Type", str(t, "tagType")}, {"Value", str(t, "tagValue")}}});
  if (r.contains("costs") && r["costs"].is_array()) {
    int n = 0;
    for (const json &c : r["costs"]) {
      if (!c.is_object()) continue;
      ++n;  // REST costs have no id: SOAP's Id is the cost's place in REST's list
      std::string amount = c.contains("cost") && c["cost"].is_number() ? soap_text(c["cost"]) : std::string();
      d.type_attribs.push_back(MObjTypeAttribData{
          "Cost", {{"Id", std::to_string(n)}, {"Month", str(c, "startDate").substr(0, 7)}, {"Amount", amount}, {"Note", str(c, "note")}}});
    }
  }
  return d;
}

MObjPage RestObjects::get_programs(const MObjQuery &q) {
  MObjPage page;
  if (q.has_external_key) no_equivalent("a Program has no externalKey: name it by id or by the Name criterion");
  if (!q.associations.empty()) no_equivalent("a Program takes no associations");
  // What the criteria become: one program by id or name, or programs.json
  // with a workspace filter and an updatedAt window.
  long long id = q.has_id ? q.id : 0;
  std::string name, workspace, earliest, latest;
  for (const MObjCriterion &c : q.criteria) {
    bool eq = c.comparison == MObjComparison::eq;
    std::string cmp = comparison_name(c.comparison);
    if (iequals(c.name, "Id")) {
      long long n = 0;
      if (!eq) no_equivalent("comparison " + cmp + " on Id has no REST equivalent: REST reads a program by its exact id");
      if (!parse_int(c.value, n) || n <= 0) no_equivalent("criterion Id " + c.value + " is not a program id");
      if (id && id != n) return page;  // two ids: nothing is both
      id = n;
    } else if (iequals(c.name, "Name")) {
      if (!eq) no_equivalent("comparison " + cmp + " on Name has no REST equivalent: REST finds a program by its exact name");
      if (!name.empty()) no_equivalent("REST finds a program by one name");
      name = c.value;
    } else if (iequals(c.name, "Workspace Name")) {
      if (!eq) no_equivalent("comparison " + cmp + " on Workspace Name has no REST equivalent: REST filters on a workspace's name");
      if (!workspace.empty()) no_equivalent("REST filters programs on one workspace");
      if (c.value.find(',') != std::string::npos) no_equivalent("Workspace Name holds a comma, which REST's filterValues reads as two values");
      workspace = c.value;
    } else if (iequals(c.name, "Updated At")) {
      std::time_t t = 0;
      if (!parse_w3c_timestamp(c.value, t)) no_equivalent("criterion Updated At " + c.value + " is not a dateTime");
      // REST's bounds take whole seconds and include themselves.
      std::int64_t s = static_cast<std::int64_t>(t);
      switch (c.comparison) {
        case MObjComparison::ge: earliest = rest_time(s); break;
        case MObjComparison::gt: earliest = rest_time(s + 1); break;
        case MObjComparison::le: latest = rest_time(s); break;
        case MObjComparison::lt: latest = rest_time(s - 1); break;
        case MObjComparison::eq: earliest = latest = rest_time(s); break;
        case MObjComparison::ne:
          no_equivalent("comparison NE on Updated At has no REST equivalent: REST takes an updatedAt window");
      }
    } else {
      no_equivalent("criterion " + c.name + " on Program has no REST equivalent: REST's program calls filter on Id, "
                    "Name, Workspace Name and Updated At only");
    }
  }
  bool by_one = id || !name.empty();
  if (by_one && (!workspace.empty() || !earliest.empty() || !latest.empty()))
    no_equivalent("REST reads one program by id or name without further filters: send Workspace Name or Updated At alone");
  if (id && !name.empty()) no_equivalent("REST reads a program by id or by name, not both");
  json binding = program_binding(q);
  long long offset = 0;
  if (q.has_position && !q.position.empty()) {
    json p = rest_.signer().open(q.position);
    if (p.value("q", json()) != binding) throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question");
    if (!p.contains("o") || !p["o"].is_number_integer() || p["o"].get<long long>() < 0)
      throw ServiceError::told(fc::stream_at_end, "the walk ended at this position");
    offset = p["o"].get<long long>();
  }
  if (by_one) {
    RestCost::require(rest_.gate(), 1, "getMObjects");
    json a = id ? rest_.call("GET", "/asset/v1/program/" + std::to_string(id) + ".json", "", "")
                : rest_.call("GET", "/asset/v1/program/byName.json?name=" + RestHttp::escape(name) + "&includeTags=true&includeCosts=true", "", "");
    for (const json &r : records_of(a))
      if (r.is_object() && r.contains("id") && r["id"].is_number_integer()) page.objects.push_back(to_program(r, q.include_details));
    return page;
  }
  int size = q.include_details ? kDetailedPage : static_cast<int>(mktows::kMaxMObjects);
  RestCost::require(rest_.gate(), 1 + (q.include_details ? size : 0), "getMObjects");
  std::string path = "/asset/v1/programs.json?maxReturn=" + std::to_string(size) + "&offset=" + std::to_string(offset);
  if (!workspace.empty()) path += "&filterType=workspace&filterValues=" + RestHttp::escape(workspace);
  if (!earliest.empty()) path += "&earliestUpdatedAt=" + RestHttp::escape(earliest);
  if (!latest.empty()) path += "&latestUpdatedAt=" + RestHttp::escape(latest);
  json list = records_of(rest_.call("GET", path, "", ""));
  for (const json &r : list) {
    if (!r.is_object() || !r.contains("id") || !r["id"].is_number_integer()) continue;
    if (!q.include_details) {
      page.objects.push_back(to_program(r, false));
      continue;
    }
    // programs.json carries no tags or costs: each program's own call does.
    json one = records_of(rest_.call("GET", "/asset/v1/program/" + std::to_string(r["id"].get<long long>()) + ".json", "", ""));
    if (!one.empty() && one[0].is_object()) page.objects.push_back(to_program(one[0], true));
  }
  // The asset API says nothing of more: a full page may have a next one.
  page.has_more = list.size() == static_cast<std::size_t>(size);
  if (page.has_more || !page.objects.empty())
    page.position = rest_.signer().seal(json{{"q", binding}, {"o", page.has_more ? json(offset + size) : json(-1)}});
  return page;
}

int RestObjects::program_calls(const MObjectData &o, MObjSyncOperation op) const {
  if (op != MObjSyncOperation::update || !o.has_id || !o.attribs.empty() || !o.associations.empty()) return 0;
  return 1 + (has_cost_id(o) ? 1 : 0);
}

MObjStatusData RestObjects::sync_program(const MObjectData &o, MObjSyncOperation op) {
  MObjStatusData st;
  st.id = o.has_id ? o.id : 0;
  st.has_external_key = o.has_external_key;
  st.external_key = o.external_key;
  st.status = MObjStatusCode::failed;
  if (op != MObjSyncOperation::update) return st.error = "a Program is written by UPDATE only (its costs and tags)", st;
  if (!o.has_id || o.id <= 0) return st.error = "a Program is named by its id", st;
  if (!o.attribs.empty()) return st.error = "syncMObjects changes a program's costs and tags, not its attribs", st;
  if (!o.associations.empty()) return st.error = "a Program takes no associations", st;
  json costs = json::array(), tags = json::array();
  std::vector<std::pair<long long, json>> edits;  // (cost Id, the cost as REST writes it)
  for (const MObjTypeAttribData &t : o.type_attribs) {
    if (iequals(t.type, "Cost")) {
      const MObjAttrib *month = attrib(t, "Month"), *amount = attrib(t, "Amount"), *note = attrib(t, "Note"), *cid = attrib(t, "Id");
      for (const MObjAttrib &a : t.attribs)
        if (!iequals(a.name, "Month") && !iequals(a.name, "Amount") && !iequals(a.name, "Note") && !iequals(a.name, "Id"))
          return st.error = "a Cost takes Id, Month, Amount and Note, not " + a.name, st;
      if (!month || !valid_month(month->value)) return st.error = "a Cost needs a Month YYYY-MM", st;
      errno = 0;
      char *end = nullptr;
      double v = amount ? std::strtod(amount->value.c_str(), &end) : 0;
      if (!amount || amount->value.empty() || errno || !end || *end || !std::isfinite(v)) return st.error = "a Cost needs an Amount that is a number", st;
      long long whole = 0;
      json c{{"startDate", month->value + "-01"}, {"cost", parse_int(amount->value, whole) ? json(whole) : json(v)}};
      if (note) c["note"] = note->value;
      long long n = 0;
      if (cid && (!parse_int(cid->value, n) || n <= 0)) return st.error = "cost Id " + cid->value + " is not a cost id", st;
      if (cid) edits.emplace_back(n, c);
      else costs.push_back(c);
    } else if (iequals(t.type, "Tag")) {
      const MObjAttrib *type = attrib(t, "Type"), *value = attrib(t, "Value");
      if (!type || !value || type->value.empty() || value->value.empty()) return st.error = "a Tag needs a Type and a Value", st;
      tags.push_back({{"tagType", type->value}, {"tagValue", value->value}});
    } else {
      return st.error = "a Program's typeAttribs are Cost and Tag, not " + t.type, st;
    }
  }
  const std::string path = "/asset/v1/program/" + std::to_string(o.id) + ".json";
  bool destructive = false;
  if (!edits.empty()) {
    // REST's costs have no address: read them, edit the one at that place,
    // write them all back in place of the old (costsDestructiveUpdate).
    json now = records_of(rest_.call("GET", path, "", ""));
    if (now.empty() || !now[0].is_object()) return st.error = "program " + std::to_string(o.id) + " is not on the REST side", st;
    json all = json::array();
    if (now[0].contains("costs") && now[0]["costs"].is_array())
      for (const json &c : now[0]["costs"])
        if (c.is_object()) all.push_back(json{{"startDate", str(c, "startDate")}, {"cost", c.value("cost", json(0))}, {"note", str(c, "note")}});
    for (const auto &e : edits) {
      if (e.first > static_cast<long long>(all.size()))
        return st.error = "cost Id " + std::to_string(e.first) + ": the program has " + std::to_string(all.size()) + " costs", st;
      json &c = all[static_cast<std::size_t>(e.first - 1)];
      json edited = e.second;
      if (!edited.contains("note")) edited["note"] = c.value("note", json(""));  // a Note not sent is kept
      c = edited;
    }
    for (const json &c : costs) all.push_back(c);
    costs = all;
    destructive = true;
  }
  std::string body;
  if (!costs.empty()) body += "costs=" + RestHttp::escape(costs.dump());
  if (destructive) body += std::string(body.empty() ? "" : "&") + "costsDestructiveUpdate=true";
  if (!tags.empty()) body += std::string(body.empty() ? "" : "&") + "tags=" + RestHttp::escape(tags.dump());
  if (body.empty()) return st.status = MObjStatusCode::unchanged, st;  // nothing to write
  // 709: REST refused the change (a tag value the type lacks, say).
  try {
    json a = rest_.call("POST", path, "application/x-www-form-urlencoded", body, {{"709", fc::bad_parameter}});
    if (records_of(a).empty()) return st.error = "program " + std::to_string(o.id) + " is not on the REST side", st;
  } catch (const ServiceError &e) {
    if (e.code() != fc::bad_parameter) throw;
    return st.error = e.what(), st;
  }
  st.status = MObjStatusCode::updated;
  return st;
}

}  // namespace mktows_bridge
