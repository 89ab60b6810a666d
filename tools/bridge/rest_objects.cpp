// rest_objects.cpp: opportunities and their roles over REST's
// opportunities.json / opportunities/roles.json, the describes, and the
// object names. SOAP field names come from the REST describe (soap_name
// below); SOAP's integer ids from ObjectIds.
#include "rest_objects.hpp"
#include "random_id.hpp"
#include "rest_values.hpp"

#include "activity_record_metadata.hpp"
#include "ascii.hpp"
#include "lead_keys.hpp"
#include "rest_cost.hpp"
#include "rest_dates.hpp"
#include "service_error.hpp"
#include "stream_position.hpp"
#include "times.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;

namespace {

const char kOpportunity[] = "Opportunity";
// The external keys the bridge makes up for an Opportunity created without
// one (REST needs externalOpportunityId to create it).
const char kMintedKeyPrefix[] = "mktows-bridge-";
const char kRole[] = "OpportunityPersonRole";
const char kProgram[] = "Program";

const char *type_name(bool role) { return role ? kRole : kOpportunity; }
std::string base(bool role) { return role ? "/v1/opportunities/roles" : "/v1/opportunities"; }
std::string describe_key(bool role) { return role ? "describe:opportunity-role" : "describe:opportunity"; }

// A REST field's SOAP name: the REST name with its first letter in capitals
// (closeDate → CloseDate), but for the ids and times, which SOAP names its
// own way, and a role's two links (docs/BRIDGE.md, "Objects"). Empty: the
// field is no attrib (an opportunity's externalOpportunityId is the
// MObject's externalKey).
std::string soap_name(const std::string &rest, bool role) {
  if (rest == "marketoGUID") return "Id";
  if (rest == "createdAt") return "Created At";
  if (rest == "updatedAt") return "Updated At";
  if (rest == "externalOpportunityId") return role ? "OpportunityId" : "";
  if (role && rest == "leadId") return "PersonId";
  std::string s = rest;
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

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

bool is_int_type(const std::string &t) { return t == "integer"; }
bool is_number_type(const std::string &t) {
  return t == "currency" || t == "float" || t == "double" || t == "decimal" || t == "percent";
}

// A SOAP attrib's text as the JSON value REST takes for the field; `why`
// when the text is none of the field's type. An empty text clears (null).
bool rest_value(const RestObjects::Field &f, const std::string &v, json &out, std::string &why) {
  if (v.empty()) {
    out = nullptr;
    return true;
  }
  if (is_int_type(f.data_type)) {
    long long n = 0;
    if (!parse_int(v, n)) return why = f.soap + " is not an integer", false;
    out = n;
  } else if (is_number_type(f.data_type)) {
    errno = 0;
    char *end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    if (errno || !end || *end || !std::isfinite(d)) return why = f.soap + " is not a number", false;
    long long whole = 0;
    out = parse_int(v, whole) ? json(whole) : json(d);  // 120 stays 120, not 120.0
  } else if (f.data_type == "boolean") {
    if (v == "true" || v == "1") out = true;
    else if (v == "false" || v == "0") out = false;
    else return why = f.soap + " is not true or false", false;
  } else {
    if (f.has_length && v.size() > static_cast<std::size_t>(f.length))
      return why = f.soap + " is longer than " + std::to_string(f.length) + " characters", false;
    out = v;
  }
  return true;
}

// REST's filterValues is a comma-separated list: a value holding a comma
// cannot be asked for.
void filter_value(const std::string &what, const std::string &v) {
  if (v.find(',') != std::string::npos)
    throw ServiceError::told(fc::bad_parameter, what + " holds a comma, which REST's filterValues reads as two values");
  if (v.empty()) throw ServiceError::told(fc::bad_parameter, what + " is empty: REST filters on a value");
}

std::string join(const std::vector<std::string> &v) {
  std::string s;
  for (const std::string &x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}


// What a position is bound to: the query without its position.
json query_json(const MObjQuery &q) {
  json c = json::array(), a = json::array();
  for (const MObjCriterion &k : q.criteria) c.push_back({k.name, comparison_name(k.comparison), k.value});
  for (const MObjAssociationData &x : q.associations)
    a.push_back({x.type, x.has_id ? json(x.id) : json(nullptr),
                 x.has_external_key ? json::array({x.external_key.name, x.external_key.value}) : json(nullptr)});
  return json{{"op", "getMObjects"},
              {"type", q.type},
              {"id", q.has_id ? json(q.id) : json(nullptr)},
              {"key", q.has_external_key ? json::array({q.external_key.name, q.external_key.value}) : json(nullptr)},
              {"criteria", c},
              {"associations", a},
              {"details", q.include_details}};
}

MObjStatusData status_for(const MObjectData &o) {
  MObjStatusData s;
  s.id = o.has_id ? o.id : 0;
  s.has_external_key = o.has_external_key;
  s.external_key = o.external_key;
  s.status = MObjStatusCode::failed;
  return s;
}

// A skipped record's first reason, as SOAP's error text.
std::string reason_text(const json &item) {
  if (item.contains("reasons") && item["reasons"].is_array() && !item["reasons"].empty() && item["reasons"][0].is_object()) {
    const json &r = item["reasons"][0];
    return "REST " + str(r, "code") + ": " + str(r, "message");
  }
  return "REST skipped the record without a reason";
}

std::string reason_code(const json &item) {
  if (item.contains("reasons") && item["reasons"].is_array() && !item["reasons"].empty() && item["reasons"][0].is_object())
    return str(item["reasons"][0], "code");
  return "";
}

// The result item for input record k: by seq when REST gives one.
const json *item_for(const json &answer, std::size_t k) {
  if (!answer.contains("result") || !answer["result"].is_array()) return nullptr;
  const json &r = answer["result"];
  for (const json &i : r)
    if (i.is_object() && i.contains("seq") && i["seq"].is_number_integer() && i["seq"].get<long long>() == static_cast<long long>(k))
      return &i;
  return k < r.size() && r[k].is_object() && !r[k].contains("seq") ? &r[k] : nullptr;
}

}  // namespace

// --- the describes -----------------------------------------------------------

const RestObjects::Field *RestObjects::Schema::by_soap(const std::string &name) const {
  for (const Field &f : fields)
    if (!f.soap.empty() && iequals(f.soap, name)) return &f;
  return nullptr;
}

const RestObjects::Field *RestObjects::Schema::by_rest(const std::string &name) const {
  for (const Field &f : fields)
    if (f.rest == name) return &f;
  return nullptr;
}

int RestObjects::schema_calls(bool role) const { return rest_.lookups().has(describe_key(role)) ? 0 : 1; }

RestObjects::Schema RestObjects::schema(bool role, bool fresh) {
  if (fresh) rest_.lookups().forget(describe_key(role));
  json d = rest_.lookups().get(describe_key(role), [&] {
    json a = rest_.call("GET", base(role) + "/describe.json", "", "");
    if (!a.contains("result") || !a["result"].is_array() || a["result"].empty() || !a["result"][0].is_object() ||
        !a["result"][0].contains("fields") || !a["result"][0]["fields"].is_array())
      throw ServiceError(fc::api_failure, base(role) + "/describe.json answered no fields");
    return a["result"][0];
  });
  Schema s;
  for (const json &f : d["fields"]) {
    if (!f.is_object() || str(f, "name").empty()) continue;
    Field x;
    x.rest = str(f, "name");
    x.soap = soap_name(x.rest, role);
    x.display = str(f, "displayName");
    x.data_type = str(f, "dataType");
    if (f.contains("length") && f["length"].is_number_integer()) x.has_length = true, x.length = f["length"].get<int>();
    x.updateable = f.value("updateable", true);
    if (x.rest == "marketoGUID" || (role && x.rest == "externalOpportunityId")) {
      // SOAP's integers stand for them (ObjectIds).
      x.data_type = "integer";
      x.has_length = false;
      x.updateable = x.rest != "marketoGUID";
    }
    s.fields.push_back(x);
  }
  if (d.contains("searchableFields") && d["searchableFields"].is_array())
    for (const json &group : d["searchableFields"])
      if (group.is_array() && group.size() == 1 && group[0].is_string()) s.searchable.push_back(group[0].get<std::string>());
  if (d.contains("dedupeFields") && d["dedupeFields"].is_array())
    for (const json &f : d["dedupeFields"])
      if (f.is_string()) s.dedupe.push_back(f.get<std::string>());
  std::string updated = str(d, "updatedAt");
  if (!updated.empty()) parse_rest_date(updated, s.updated_at);
  return s;
}

std::vector<std::string> RestObjects::object_names() {
  // REST has no such list (sheet §3.17): the four names 2_2 documents.
  return {"ActivityRecord", "LeadRecord", kOpportunity, kRole};
}

MObjDescription RestObjects::describe(const std::string &name) {
  RestCost cost("describeMObject", rest_.verbose());
  if (name.empty()) throw ServiceError::told(fc::parameter_required, "no objectName");
  if (name == "ActivityRecord") return activity_record_description();
  MObjDescription d;
  d.name = name;
  if (name == "LeadRecord") {
    json all = rest_.lookups().get("describe:lead", [&] {
      json a = rest_.call("GET", "/v1/leads/describe.json", "", "");
      if (!a.contains("result") || !a["result"].is_array()) throw ServiceError(fc::api_failure, "REST describe answered no result");
      return a["result"];
    });
    for (const json &f : all) {
      // A field without a soap member is not one SOAP could name.
      if (!f.is_object() || !f.contains("soap") || !f["soap"].is_object() || str(f["soap"], "name").empty()) continue;
      MObjField m;
      m.name = str(f["soap"], "name");
      m.display_name = str(f, "displayName");
      m.source_object = "Lead";
      m.data_type = str(f, "dataType");
      if (f.contains("length") && f["length"].is_number_integer()) m.has_size = true, m.size = f["length"].get<int>();
      m.read_only = f["soap"].value("readOnly", false);
      m.primary_key = m.name == "Id";
      d.fields.push_back(m);
    }
    return d;
  }
  if (name != kOpportunity && name != kRole)
    throw ServiceError::told(fc::bad_parameter, "describeMObject describes ActivityRecord, LeadRecord, Opportunity or "
                                                "OpportunityPersonRole, not " + name);
  bool role = name == kRole;
  Schema s = schema(role, false);
  d.updated_at = s.updated_at;
  for (const Field &f : s.fields) {
    if (f.soap.empty()) continue;
    MObjField m;
    m.name = f.soap;
    m.display_name = f.display;
    m.source_object = f.soap == "PersonId" ? "Lead" : f.soap == "OpportunityId" ? kOpportunity : name;
    m.data_type = f.data_type;
    m.has_size = f.has_length;
    m.size = f.length;
    // A dedupe field is written when the record is made, never changed.
    bool dedupe = std::find(s.dedupe.begin(), s.dedupe.end(), f.rest) != s.dedupe.end();
    m.read_only = !f.updateable && !dedupe;
    m.update_blocked = !f.updateable;
    m.is_name = f.soap == "Name";
    m.primary_key = f.soap == "Id";
    d.fields.push_back(m);
  }
  return d;
}

// --- getMObjects ---------------------------------------------------------------

MObjPage RestObjects::get_objects(const MObjQuery &q) {
  RestCost cost("getMObjects", rest_.verbose());
  if (q.type.empty()) throw ServiceError::told(fc::parameter_required, "no type");
  if (q.type == kProgram) return get_programs(q);
  if (q.type != kOpportunity && q.type != kRole)
    throw ServiceError::told(fc::bad_parameter, "getMObjects reads Opportunity, OpportunityPersonRole or Program, not " + q.type);
  return get_opportunities(q, q.type == kRole);
}

std::map<std::string, std::string> RestObjects::external_ids(const std::vector<std::string> &guids) {
  std::map<std::string, std::string> out;
  if (guids.empty()) return out;
  json a = rest_.call("GET", "/v1/opportunities.json?filterType=marketoGUID&filterValues=" + RestHttp::escape(join(guids)) +
                                 "&fields=marketoGUID,externalOpportunityId",
                      "", "");
  if (a.contains("result") && a["result"].is_array())
    for (const json &r : a["result"])
      if (r.is_object() && !str(r, "marketoGUID").empty()) out[str(r, "marketoGUID")] = str(r, "externalOpportunityId");
  return out;
}

MObjPage RestObjects::get_opportunities(const MObjQuery &q, bool role) {
  const std::string type = type_name(role);
  MObjPage page;
  // One REST filter per call: the query names exactly one thing to filter on.
  std::size_t selectors = (q.has_id ? 1 : 0) + (q.has_external_key ? 1 : 0) + q.criteria.size() + q.associations.size();
  if (selectors == 0)
    throw ServiceError::told(fc::bad_parameter, type + ": REST has no call that lists every record; name an id, an "
                                                       "externalKey, one criterion or one association");
  if (selectors > 1)
    throw ServiceError::told(fc::bad_parameter, "REST filters " + type + " records on one field per call: send one of "
                                                "id, externalKey, one criterion or one association");
  // The filter, or what must be resolved first (an opportunity's
  // externalOpportunityId, a lead's email).
  std::string filter, value;
  int opportunity = 0;  // a role's opportunity by SOAP id
  std::string email;    // a role's lead by EMAIL
  bool names_nothing = false;
  bool need_schema = false;
  std::string field_name;  // a criterion's SOAP name, checked against the describe below
  if (q.has_id) {
    filter = "marketoGUID";
    names_nothing = !ids_.guid_of(type, q.id, value);
  } else if (q.has_external_key) {
    if (role)
      throw ServiceError::told(fc::bad_parameter, "an OpportunityPersonRole has no externalKey: REST finds roles by "
                                                  "marketoGUID, leadId or externalOpportunityId");
    filter = "externalOpportunityId";
    value = q.external_key.value;
    filter_value("externalKey " + q.external_key.name, value);
  } else if (!q.criteria.empty()) {
    const MObjCriterion &c = q.criteria[0];
    if (c.comparison != MObjComparison::eq)
      throw ServiceError::told(fc::bad_parameter, std::string("comparison ") + comparison_name(c.comparison) + " on " + c.name +
                                                      " has no REST equivalent: REST's " + type + " filters match exact values only");
    long long n = 0;
    if (iequals(c.name, "Id")) {
      if (!parse_int(c.value, n)) throw ServiceError::told(fc::bad_parameter, "criterion Id " + c.value + " is not an integer");
      filter = "marketoGUID";
      names_nothing = n <= 0 || n > 2147483647LL || !ids_.guid_of(type, static_cast<int>(n), value);
    } else if (!role && iequals(c.name, "CRM Id")) {
      filter = "externalOpportunityId";
      value = c.value;
      filter_value("CRM Id", value);
    } else if (role && iequals(c.name, "OpportunityId")) {
      if (!parse_int(c.value, n) || n <= 0 || n > 2147483647LL)
        throw ServiceError::told(fc::bad_parameter, "criterion OpportunityId " + c.value + " is not an opportunity id");
      filter = "externalOpportunityId";
      opportunity = static_cast<int>(n);
    } else {
      need_schema = true;
      field_name = c.name;
      value = c.value;
      filter_value("criterion " + c.name, value);
    }
  } else {
    const MObjAssociationData &a = q.associations[0];
    if (!role) {
      if (a.type == "Company" && a.has_external_key && !a.has_id) {
        need_schema = true;
        field_name = "ExternalCompanyId";
        value = a.external_key.value;
        filter_value("Company externalKey", value);
      } else if (a.type == "Company") {
        throw ServiceError::told(fc::bad_parameter, "a Company association by id has no REST equivalent: REST "
                                                    "opportunities name their company by externalCompanyId (send a "
                                                    "Company externalKey)");
      } else if (a.type == "Lead") {
        throw ServiceError::told(fc::bad_parameter, "REST finds opportunities by their own fields, not by lead: ask for "
                                                    "OpportunityPersonRole with the Lead association");
      } else {
        throw ServiceError::told(fc::bad_parameter, "an Opportunity takes a Company association, not " + a.type);
      }
    } else if (a.type == "Lead") {
      filter = "leadId";
      if (a.has_id) {
        value = std::to_string(a.id);
      } else if (a.has_external_key && iequals(a.external_key.name, "IDNUM")) {
        long long n = 0;
        if (!parse_int(a.external_key.value, n)) throw ServiceError::told(fc::bad_parameter, "IDNUM " + a.external_key.value + " is not a lead id");
        value = std::to_string(n);
      } else if (a.has_external_key && iequals(a.external_key.name, "EMAIL")) {
        email = a.external_key.value;
        check_lead_keys({LeadKeyRef{"EMAIL", email}});
      } else {
        throw ServiceError::told(fc::bad_parameter, "a Lead association is an id or an externalKey IDNUM or EMAIL");
      }
    } else if (a.type == kOpportunity) {
      filter = "externalOpportunityId";
      if (a.has_id) {
        opportunity = a.id;
      } else if (a.has_external_key) {
        value = a.external_key.value;
        filter_value("Opportunity externalKey", value);
      } else {
        throw ServiceError::told(fc::bad_parameter, "an Opportunity association names an id or an externalKey");
      }
    } else {
      throw ServiceError::told(fc::bad_parameter, "an OpportunityPersonRole takes a Lead or Opportunity association, not " + a.type);
    }
  }
  json binding = query_json(q);
  std::string token;
  if (q.has_position && !q.position.empty()) {
    json p = rest_.signer().open(q.position);
    json bound = p.value("q", json());
    if (bound != binding) throw ServiceError::told(fc::bad_stream_position, "the position belongs to another question");
    token = str(p, "t");
    if (token.empty()) throw ServiceError::told(fc::stream_at_end, "the walk ended at this position");
  }
  std::string opportunity_guid;
  if (opportunity) names_nothing = !ids_.guid_of(kOpportunity, opportunity, opportunity_guid);
  if (names_nothing) return page;
  int needed = schema_calls(role) + (opportunity ? 1 : 0) + (email.empty() ? 0 : lead_key_calls({LeadKeyRef{"EMAIL", email}})) +
               1 + (role ? 1 : 0);
  RestCost::require(rest_.gate(), needed, "getMObjects");
  Schema s = schema(role, false);
  if (need_schema) {
    const Field *f = s.by_soap(field_name);
    if (!f) f = (s = schema(role, true)).by_soap(field_name);  // a field REST added since: describe once more
    if (!f || f->rest == "marketoGUID" || f->rest == "createdAt" || f->rest == "updatedAt")
      throw ServiceError::told(fc::bad_parameter, type + " has no field " + field_name + " REST filters on");
    filter = f->rest;
  }
  if (!s.searchable.empty() && std::find(s.searchable.begin(), s.searchable.end(), filter) == s.searchable.end())
    throw ServiceError::told(fc::bad_parameter, "REST cannot filter " + type + " records on " + filter +
                                                    " (not one of its describe's searchableFields)");
  if (opportunity) {
    std::map<std::string, std::string> ext = external_ids({opportunity_guid});
    if (!ext.count(opportunity_guid)) return page;  // deleted on the REST side since
    value = ext[opportunity_guid];
    if (value.empty())
      throw ServiceError::told(fc::bad_parameter, "opportunity " + std::to_string(opportunity) +
                                                      " has no externalOpportunityId, by which REST names a role's opportunity");
    filter_value("the opportunity's externalOpportunityId", value);
  }
  if (!email.empty()) {
    std::vector<std::string> leads;
    std::vector<std::vector<LeadMatch>> found = resolve_lead_keys(rest_, {LeadKeyRef{"EMAIL", email}});
    for (const LeadMatch &m : found[0]) leads.push_back(std::to_string(m.id));
    if (leads.empty()) return page;
    value = join(leads);
  }
  std::vector<std::string> fields;
  for (const Field &f : s.fields) fields.push_back(f.rest);
  std::string path = base(role) + ".json?filterType=" + RestHttp::escape(filter) + "&filterValues=" + RestHttp::escape(value) +
                     "&fields=" + RestHttp::escape(join(fields)) + "&batchSize=" + std::to_string(mktows::kMaxMObjects);
  if (!token.empty()) path += "&nextPageToken=" + RestHttp::escape(token);
  json a = rest_.call("GET", path, "", "");
  json records = a.contains("result") && a["result"].is_array() ? a["result"] : json::array();
  page.objects = to_objects(records, role, s);
  std::string next = str(a, "nextPageToken");
  page.has_more = a.value("moreResult", false) && !next.empty();
  // The last page hands out a position too (an empty walk goes on
  // nowhere): following it is 20123.
  if (page.has_more || !page.objects.empty()) page.position = rest_.signer().seal(json{{"q", binding}, {"t", page.has_more ? next : ""}});
  return page;
}

std::vector<MObjectData> RestObjects::to_objects(const json &records, bool role, const Schema &s) {
  // A role's opportunity: REST names it by externalOpportunityId; SOAP by
  // the opportunity's id, found with one more call for the whole page.
  std::map<std::string, int> opportunity_of;
  if (role) {
    std::vector<std::string> keys;
    for (const json &r : records) {
      std::string k = r.is_object() ? str(r, "externalOpportunityId") : "";
      if (!k.empty() && k.find(',') == std::string::npos && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    if (!keys.empty()) {
      json a = rest_.call("GET", "/v1/opportunities.json?filterType=externalOpportunityId&filterValues=" +
                                     RestHttp::escape(join(keys)) + "&fields=marketoGUID,externalOpportunityId",
                          "", "");
      if (a.contains("result") && a["result"].is_array())
        for (const json &o : a["result"])
          if (o.is_object() && !str(o, "marketoGUID").empty() && !str(o, "externalOpportunityId").empty())
            opportunity_of[str(o, "externalOpportunityId")] = ids_.id_of(kOpportunity, str(o, "marketoGUID"));
    }
  }
  std::vector<MObjectData> out;
  for (const json &r : records) {
    if (!r.is_object()) continue;
    MObjectData d;
    d.type = type_name(role);
    d.has_id = true;
    d.id = ids_.id_of(d.type, str(r, "marketoGUID"));
    if (!role && !str(r, "externalOpportunityId").empty()) {
      d.has_external_key = true;
      d.external_key = MObjAttrib{"externalOpportunityId", str(r, "externalOpportunityId")};
    }
    parse_rest_date(str(r, "createdAt"), d.created_at);
    parse_rest_date(str(r, "updatedAt"), d.updated_at);
    MObjAssociationData opp, lead;
    for (const Field &f : s.fields) {
      if (f.soap.empty() || f.rest == "marketoGUID" || f.rest == "createdAt" || f.rest == "updatedAt" || !r.contains(f.rest)) continue;
      std::string v;
      if (!soap_text(r[f.rest], v)) continue;
      if (role && f.rest == "externalOpportunityId") {
        auto it = opportunity_of.find(v);
        if (it == opportunity_of.end()) continue;  // an opportunity REST no longer has
        v = std::to_string(it->second);
        opp = MObjAssociationData{kOpportunity, true, it->second, false, MObjAttrib()};
      } else if (role && f.rest == "leadId") {
        long long n = 0;
        if (parse_int(v, n)) lead = MObjAssociationData{"Lead", true, static_cast<int>(n), false, MObjAttrib()};
      } else if (f.data_type == "datetime" || f.data_type == "dateTime") {
        std::int64_t t = 0;
        if (parse_rest_date(v, t)) v = soap_time(t);
      }
      if (!v.empty()) d.attribs.push_back(MObjAttrib{f.soap, v});
    }
    if (opp.has_id) d.associations.push_back(opp);
    if (lead.has_id) d.associations.push_back(lead);
    out.push_back(d);
  }
  return out;
}

// --- syncMObjects ------------------------------------------------------------------

std::vector<MObjStatusData> RestObjects::sync_objects(const std::vector<MObjectData> &objects, MObjSyncOperation op) {
  RestCost cost("syncMObjects", rest_.verbose());
  if (objects.size() > mktows::kMaxMObjects)
    throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::kMaxMObjects) + " objects");
  std::vector<MObjStatusData> out;
  for (const MObjectData &o : objects) out.push_back(status_for(o));
  std::vector<std::size_t> records, programs;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const std::string &t = objects[i].type;
    if (t == kOpportunity || t == kRole) records.push_back(i);
    else if (t == kProgram) programs.push_back(i);
    else out[i].error = "syncMObjects writes Opportunity, OpportunityPersonRole or Program, not " + (t.empty() ? "(no type)" : t);
  }
  // The whole cost before the first call: the describes, the look-ups,
  // one write per (type, dedupeBy) group, the programs' calls.
  int needed = 0;
  bool type_seen[2] = {false, false}, group_seen[4] = {false, false, false, false};
  bool lookup_opportunities = false;
  std::vector<LeadKeyRef> emails;
  for (std::size_t i : records) {
    const MObjectData &o = objects[i];
    bool role = o.type == kRole;
    type_seen[role] = true;
    group_seen[role * 2 + (o.has_id ? 1 : 0)] = true;
    for (const MObjAttrib &a : o.attribs) lookup_opportunities = lookup_opportunities || (role && iequals(a.name, "OpportunityId"));
    for (const MObjAssociationData &a : o.associations) {
      if (role && a.type == kOpportunity && a.has_id) lookup_opportunities = true;
      if (role && a.type == "Lead" && !a.has_id && a.has_external_key && iequals(a.external_key.name, "EMAIL"))
        emails.push_back(LeadKeyRef{"EMAIL", a.external_key.value});
    }
  }
  for (int r = 0; r < 2; ++r) needed += type_seen[r] ? schema_calls(r == 1) : 0;
  for (bool g : group_seen) needed += g ? 1 : 0;
  needed += (lookup_opportunities ? 1 : 0) + (emails.empty() ? 0 : lead_key_calls(emails));
  for (std::size_t i : programs) needed += program_calls(objects[i], op);
  RestCost::require(rest_.gate(), needed, "syncMObjects");
  if (!records.empty()) sync_opportunities(objects, op, records, out);
  for (std::size_t i : programs) out[i] = sync_program(objects[i], op);
  return out;
}

void RestObjects::sync_opportunities(const std::vector<MObjectData> &objects, MObjSyncOperation op, std::vector<std::size_t> &at,
                                     std::vector<MObjStatusData> &out) {
  struct Pending {
    std::size_t i = 0;
    bool role = false, by_id = false;
    json record = json::object();
    int opportunity = 0;     // a role's opportunity by SOAP id, to resolve
    std::string email;       // a role's lead by EMAIL, to resolve
    bool minted = false;     // externalOpportunityId made up by the bridge
  };
  Schema schemas[2];
  bool have[2] = {false, false}, refreshed[2] = {false, false};
  std::vector<Pending> pending;
  for (std::size_t i : at) {
    const MObjectData &o = objects[i];
    bool role = o.type == kRole;
    MObjStatusData &st = out[i];
    if (!have[role]) schemas[role] = schema(role, false), have[role] = true;
    Pending p;
    p.i = i;
    p.role = role;
    p.by_id = o.has_id;
    std::string why;
    if (o.has_id && op == MObjSyncOperation::insert) why = "INSERT takes no id (REST makes the record's id)";
    else if (role && o.has_external_key) why = "an OpportunityPersonRole takes no externalKey";
    else if (o.has_id) {
      std::string guid;
      if (!ids_.guid_of(o.type, o.id, guid)) why = "id " + std::to_string(o.id) + " names no " + o.type + " this bridge handed out";
      else p.record["marketoGUID"] = guid;
    } else if (!role) {
      if (o.has_external_key && !o.external_key.value.empty()) {
        p.record["externalOpportunityId"] = o.external_key.value;
      } else if (op == MObjSyncOperation::update) {
        why = "an UPDATE of an Opportunity needs its id or externalKey";
      } else {
        // 2_2 creates an opportunity from its fields alone; REST dedupes
        // opportunities on externalOpportunityId, so a create without one
        // gets a key the bridge makes up, handed back in the status.
        p.record["externalOpportunityId"] = kMintedKeyPrefix + random_hex(12, "an opportunity's external key");
        p.minted = true;
      }
    }
    for (const MObjAttrib &a : o.attribs) {
      if (!why.empty()) break;
      if (role && iequals(a.name, "OpportunityId")) {
        long long n = 0;
        if (!parse_int(a.value, n) || n <= 0 || n > 2147483647LL) why = "OpportunityId " + a.value + " is not an opportunity id";
        else p.opportunity = static_cast<int>(n);
        continue;
      }
      const Field *f = schemas[role].by_soap(a.name);
      if (!f && !refreshed[role]) {  // a field REST added since: describe once more
        schemas[role] = schema(role, true);
        refreshed[role] = true;
        f = schemas[role].by_soap(a.name);
      }
      json v;
      if (!f) why = o.type + " has no field " + a.name + " on the REST side";
      else if (!f->updateable && std::find(schemas[role].dedupe.begin(), schemas[role].dedupe.end(), f->rest) == schemas[role].dedupe.end())
        why = a.name + " is read-only on the REST side";
      else if (rest_value(*f, a.value, v, why)) p.record[f->rest] = v;
    }
    for (const MObjAssociationData &a : o.associations) {
      if (!why.empty()) break;
      if (!role && a.type == "Company" && a.has_external_key && !a.has_id && schemas[0].by_rest("externalCompanyId")) {
        p.record["externalCompanyId"] = a.external_key.value;
      } else if (!role && a.type == "Company") {
        why = "a Company by id has no REST equivalent: REST opportunities name their company by externalCompanyId";
      } else if (role && a.type == kOpportunity && a.has_id) {
        p.opportunity = a.id;
      } else if (role && a.type == kOpportunity && a.has_external_key) {
        p.record["externalOpportunityId"] = a.external_key.value;
      } else if (role && a.type == "Lead" && a.has_id) {
        p.record["leadId"] = a.id;
      } else if (role && a.type == "Lead" && a.has_external_key && iequals(a.external_key.name, "IDNUM")) {
        long long n = 0;
        if (!parse_int(a.external_key.value, n)) why = "IDNUM " + a.external_key.value + " is not a lead id";
        else p.record["leadId"] = n;
      } else if (role && a.type == "Lead" && a.has_external_key && iequals(a.external_key.name, "EMAIL")) {
        p.email = a.external_key.value;
      } else {
        why = "a " + o.type + " takes " + (role ? "Lead or Opportunity" : "Company (by externalKey)") +
              " associations, not " + (a.type.empty() ? "(no type)" : a.type) + (a.has_id || a.has_external_key ? "" : " without id or key");
      }
    }
    if (!why.empty()) {
      st.error = why;
      continue;
    }
    pending.push_back(p);
  }
  // The look-ups, one call each for the whole SOAP call.
  std::vector<std::string> guids;
  std::map<int, std::string> guid_of_opportunity;
  std::vector<LeadKeyRef> emails;
  for (Pending &p : pending) {
    if (!p.email.empty()) emails.push_back(LeadKeyRef{"EMAIL", p.email});
    if (p.opportunity) {
      std::string g;
      if (!ids_.guid_of(kOpportunity, p.opportunity, g)) {
        out[p.i].error = "OpportunityId " + std::to_string(p.opportunity) + " names no opportunity this bridge handed out";
        continue;
      }
      guid_of_opportunity[p.opportunity] = g;
      if (std::find(guids.begin(), guids.end(), g) == guids.end()) guids.push_back(g);
    }
  }
  std::map<std::string, std::string> ext = external_ids(guids);
  if (!emails.empty()) check_lead_keys(emails);
  std::vector<std::vector<LeadMatch>> leads = emails.empty() ? std::vector<std::vector<LeadMatch>>() : resolve_lead_keys(rest_, emails);
  std::size_t e = 0;
  std::vector<Pending *> groups[4];
  for (Pending &p : pending) {
    if (!out[p.i].error.empty()) {
      if (!p.email.empty()) ++e;
      continue;
    }
    std::string why;
    if (p.opportunity) {
      const std::string &g = guid_of_opportunity[p.opportunity];
      auto it = ext.find(g);
      if (it == ext.end()) why = "opportunity " + std::to_string(p.opportunity) + " is not on the REST side";
      else if (it->second.empty())
        why = "opportunity " + std::to_string(p.opportunity) + " has no externalOpportunityId, by which REST names a role's opportunity";
      else p.record["externalOpportunityId"] = it->second;
    }
    if (!p.email.empty()) {
      int lead = newest(leads[e++]);
      if (!lead) why = "lead EMAIL " + p.email + " matches no lead";
      else p.record["leadId"] = lead;
    }
    if (why.empty() && p.role && !p.by_id &&
        (!p.record.contains("externalOpportunityId") || !p.record.contains("leadId") || !p.record.contains("role") || p.record["role"].is_null()))
      why = "a role without id needs its Opportunity, its Lead and Role (REST's dedupe fields for roles)";
    if (!why.empty()) {
      out[p.i].error = why;
      continue;
    }
    groups[p.role * 2 + (p.by_id ? 1 : 0)].push_back(&p);
  }
  const char *action = op == MObjSyncOperation::insert ? "createOnly" : op == MObjSyncOperation::update ? "updateOnly" : "createOrUpdate";
  for (int g = 0; g < 4; ++g) {
    if (groups[g].empty()) continue;
    bool role = g >= 2;
    json input = json::array();
    for (const Pending *p : groups[g]) input.push_back(p->record);
    json body{{"action", action}, {"dedupeBy", g % 2 ? "idField" : "dedupeFields"}, {"input", input}};
    json a = rest_.call("POST", base(role) + ".json", "application/json", body.dump());
    for (std::size_t k = 0; k < groups[g].size(); ++k) {
      MObjStatusData &st = out[groups[g][k]->i];
      const json *item = item_for(a, k);
      if (!item) {
        st.error = "REST answered no result for the record";
        continue;
      }
      std::string status = str(*item, "status");
      if (status == "created" || status == "updated") {
        st.status = status == "created" ? MObjStatusCode::created : MObjStatusCode::updated;
        st.id = ids_.id_of(type_name(role), str(*item, "marketoGUID"));
        if (groups[g][k]->minted) {  // the caller learns the key the opportunity now has
          st.has_external_key = true;
          st.external_key = MObjAttrib{"externalOpportunityId", groups[g][k]->record["externalOpportunityId"].get<std::string>()};
        }
      } else if (reason_code(*item) == "1017") {  // createOnly of a record that exists: left as it is
        st.status = MObjStatusCode::skipped;
        st.error = reason_text(*item);
      } else {
        st.error = reason_text(*item);
      }
    }
  }
}

// --- deleteMObjects ---------------------------------------------------------------

std::vector<MObjStatusData> RestObjects::delete_objects(const std::vector<MObjectData> &objects) {
  RestCost cost("deleteMObjects", rest_.verbose());
  if (objects.size() > mktows::kMaxMObjects)
    throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::kMaxMObjects) + " objects");
  std::vector<MObjStatusData> out;
  std::vector<std::pair<std::size_t, json>> groups[4];  // (role, by id)
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const MObjectData &o = objects[i];
    out.push_back(status_for(o));
    MObjStatusData &st = out.back();
    bool role = o.type == kRole;
    if (o.type != kOpportunity && !role) {
      st.error = "deleteMObjects deletes Opportunity or OpportunityPersonRole records, not " + (o.type.empty() ? "(no type)" : o.type);
    } else if (o.has_id) {
      std::string guid;
      if (!ids_.guid_of(o.type, o.id, guid)) st.status = MObjStatusCode::unchanged;  // names nothing: nothing to delete
      else groups[role * 2 + 1].emplace_back(i, json{{"marketoGUID", guid}});
    } else if (!role && o.has_external_key && !o.external_key.value.empty()) {
      groups[0].emplace_back(i, json{{"externalOpportunityId", o.external_key.value}});
    } else {
      st.error = role ? "deleteMObjects finds an OpportunityPersonRole by its id" : "deleteMObjects finds an Opportunity by id or externalKey";
    }
  }
  int needed = 0;
  for (const auto &g : groups) needed += g.empty() ? 0 : 1;
  RestCost::require(rest_.gate(), needed, "deleteMObjects");
  for (int g = 0; g < 4; ++g) {
    if (groups[g].empty()) continue;
    bool role = g >= 2;
    json input = json::array();
    for (const auto &x : groups[g]) input.push_back(x.second);
    json body{{"deleteBy", g % 2 ? "idField" : "dedupeFields"}, {"input", input}};
    json a = rest_.call("POST", base(role) + "/delete.json", "application/json", body.dump());
    for (std::size_t k = 0; k < groups[g].size(); ++k) {
      MObjStatusData &st = out[groups[g][k].first];
      const json *item = item_for(a, k);
      if (!item) {
        st.error = "REST answered no result for the record";
        continue;
      }
      if (str(*item, "status") == "deleted") {
        st.status = MObjStatusCode::deleted;
        if (!str(*item, "marketoGUID").empty()) st.id = ids_.id_of(type_name(role), str(*item, "marketoGUID"));
      } else if (reason_code(*item) == "1013") {  // not there (deleted already): nothing changed
        st.status = MObjStatusCode::unchanged;
      } else {
        st.error = reason_text(*item);
      }
    }
  }
  return out;
}

}  // namespace mktows_bridge
