// rest_backend.cpp: syncLead, syncMultipleLeads and getLead as REST calls.
#include "rest_backend.hpp"
#include "rest_values.hpp"

#include "server_log.hpp"

#include "ascii.hpp"
#include "rest_cost.hpp"
#include "rest_fault_map.hpp"
#include "service_error.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <thread>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;

namespace {

// A REST result item's outcome for one record.
struct Outcome {
  int id = 0;
  bool created = false;
  std::string reason_code;  // non-empty: skipped
  std::string error;        // "<code> - <message>"
};

std::string code_text(const json &code) {
  if (code.is_string()) return code.get<std::string>();
  if (code.is_number_integer()) return std::to_string(code.get<long long>());
  return "?";
}

Outcome outcome_of(const json &item) {
  Outcome o;
  if (!item.is_object()) {
    o.reason_code = "?";
    o.error = "REST result item is not an object";
    return o;
  }
  std::string status = item.value("status", "");
  if (item.contains("id") && item["id"].is_number_integer()) o.id = item["id"].get<int>();
  if (status == "created" || status == "updated") {
    o.created = status == "created";
    return o;
  }
  o.reason_code = "?";
  o.error = "REST status " + status;
  auto reasons = item.find("reasons");
  if (reasons != item.end() && reasons->is_array() && !reasons->empty() && (*reasons)[0].is_object()) {
    const json &r = (*reasons)[0];
    o.reason_code = r.contains("code") ? code_text(r["code"]) : "?";
    o.error = o.reason_code + " - " + r.value("message", std::string());
  }
  return o;
}

// attrValue is text; the REST side gets numbers and booleans for fields
// Describe types so (text that does not parse goes as it is, and the REST
// side judges it).
json typed_value(const std::string &v, const std::string &type) {
  if (v.empty()) return v;  // REST stores "" as null
  char *end = nullptr;
  if (type == "integer") {
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (!*end) return n;
  } else if (type == "float" || type == "currency") {
    double d = std::strtod(v.c_str(), &end);
    if (!*end) return d;
  } else if (type == "boolean") {
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
  }
  return v;
}

}  // namespace

RestBackend::RestBackend(const BridgeConfig &config, RestHttp &http, TokenCache &tokens, CallGate &gate, bool verbose,
                         StateStore &state, StreamSigner &signer, LookupCache &lookups)
    : config_(config), http_(http), tokens_(tokens), gate_(gate), verbose_(verbose), state_(state), signer_(signer),
      lookups_(lookups) {}

json RestBackend::call(const std::string &method, const std::string &path_and_query, const std::string &content_type,
                       const std::string &body, std::initializer_list<RestCodeFault> codes) {
  // The bulk API sits beside /rest, not under it (/bulk/v1/...).
  const std::string tail = "/rest";
  bool bulk = path_and_query.compare(0, 6, "/bulk/") == 0;
  const std::string &base = config_.rest_endpoint;
  if (bulk && (base.size() < tail.size() || base.compare(base.size() - tail.size(), tail.size(), tail) != 0))
    throw ServiceError::told(mktows::fault_code::bad_parameter, "the REST endpoint does not end in /rest, so the bulk API's address is unknown");
  std::string url = (bulk ? base.substr(0, base.size() - tail.size()) : base) + path_and_query;
  bool renewed = false;
  int attempt = 0;
  for (;;) {
    ++attempt;
    std::string token = tokens_.get();
    HttpResult r;
    {
      CallGate::Pass pass = gate_.enter();
      RestCost::count();
      r = http_.call(method, url, token, content_type, body);
    }
    const RestFailureRule *rule = nullptr;
    std::string why;
    json j;
    if (r.status == 0) {
      rule = &rule_for_transport();
      why = "REST side unreachable: " + r.error;
    } else if (r.status != 200) {
      rule = &rule_for_http(r.status);
      why = "REST side answered HTTP " + std::to_string(r.status);
    } else {
      j = json::parse(r.body, nullptr, false);
      if (!j.is_object() || !j.contains("success") || !j["success"].is_boolean()) {
        rule = &rule_for_garbage();
        why = "REST side answered something that is not the API's JSON";
      } else if (j["success"].get<bool>()) {
        return j;
      } else {
        std::string code = "?", message;
        if (j.contains("errors") && j["errors"].is_array() && !j["errors"].empty() && j["errors"][0].is_object()) {
          code = j["errors"][0].contains("code") ? code_text(j["errors"][0]["code"]) : "?";
          message = j["errors"][0].value("message", std::string());
        }
        for (const RestCodeFault &c : codes)
          if (code == c.code) throw ServiceError::told(c.fault, "REST error " + code + " " + message);
        rule = &rule_for_code(code);
        why = "REST error " + code + " " + message;
      }
    }
    if (rule->retry == Retry::kNewToken) {
      // Refused even after a renewal: forget it too, the next call fetches.
      tokens_.invalidate(token);
      if (!renewed) {
        renewed = true;
        continue;
      }
    }
    if (rule->retry == Retry::kBackoff && attempt < config_.retry_attempts) {
      long delay = static_cast<long>(config_.retry_base_ms) << (attempt - 1);
      if (verbose_) mktows_front::log_line("mktows-bridge", why + "; retrying in " + std::to_string(delay) + " ms");
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
      continue;
    }
    throw ServiceError(rule->fault, why);
  }
}

std::shared_ptr<const RestBackend::Names> RestBackend::names(bool refresh) {
  {
    std::lock_guard<std::mutex> lock(names_mutex_);
    if (names_ && !refresh) return names_;
  }
  json d = call("GET", "/v1/leads/describe.json", "", "");
  auto fresh = std::make_shared<Names>();
  Names &n = *fresh;
  if (!d.contains("result") || !d["result"].is_array())
    throw ServiceError(mktows::fault_code::api_failure, "REST describe answered no result");
  for (const json &f : d["result"]) {
    if (!f.is_object() || !f.contains("rest") || !f.contains("soap")) continue;  // one side only: not mappable
    const json &rest = f["rest"], &soap = f["soap"];
    if (!rest.is_object() || !soap.is_object() || !rest.contains("name") || !soap.contains("name")) continue;
    if (!rest["name"].is_string() || !soap["name"].is_string()) continue;
    std::string r = rest["name"], s = soap["name"];
    n.soap_to_rest[s] = r;
    n.rest_to_soap[r] = s;
    if (f.contains("dataType") && f["dataType"].is_string()) n.soap_type[s] = f["dataType"];
    if (f.contains("displayName") && f["displayName"].is_string()) n.display_to_rest[f["displayName"]] = r;
  }
  std::lock_guard<std::mutex> lock(names_mutex_);
  names_ = fresh;
  return names_;
}

std::string RestBackend::attribute_type(const std::string &name) const {
  std::shared_ptr<const Names> n;
  {
    std::lock_guard<std::mutex> lock(names_mutex_);
    n = names_;
  }
  if (!n) return std::string();
  auto it = n->soap_type.find(name);
  // The SOAP service reported attrType for typed fields only.
  if (it == n->soap_type.end() || it->second == "string" || it->second == "email") return std::string();
  return it->second;
}

json RestBackend::rest_record(const LeadInput &in, const Names &n) const {
  json r = json::object();
  if (in.has_id) r["id"] = in.id;
  if (!in.email.empty()) r["email"] = in.email;
  if (!in.foreign_id.empty()) {
    if (config_.foreign_id_field.empty())
      throw ServiceError::told(mktows::fault_code::lead_key_bad, "ForeignSysPersonId has no REST field: set foreignIdField in the bridge's configuration");
    r[config_.foreign_id_field] = in.foreign_id;
  }
  for (const Attribute &a : in.attributes) {
    if (a.name.empty()) throw ServiceError(mktows::fault_code::parameter_required, "attribute without attrName");
    auto it = n.soap_to_rest.find(a.name);
    if (it == n.soap_to_rest.end() || it->second == "id" || it->second == "email")
      throw ServiceError(mktows::fault_code::lead_attribute_bad, "attribute " + a.name + " has no REST field");
    r[it->second] = typed_value(a.value, n.soap_type.count(a.name) ? n.soap_type.at(a.name) : std::string());
  }
  return r;
}

std::string RestBackend::partition_for(bool has_workspace, const std::string &workspace) const {
  if (!has_workspace) return std::string();
  for (const auto &w : config_.workspaces)
    if (iequals(w.first, workspace)) return w.second;
  // Unmapped: the default workspace means the default partition, any other
  // name is taken as the partition's own.
  return iequals(workspace, "Default") ? std::string() : workspace;
}

json RestBackend::sync_call(const std::string &action, const std::string &lookup, const std::string &partition,
                            const std::vector<const LeadInput *> &records) {
  for (int pass = 0;; ++pass) {
    std::shared_ptr<const Names> n = names(pass > 0);
    json input = json::array();
    for (const LeadInput *in : records) input.push_back(rest_record(*in, *n));
    json body{{"action", action}, {"input", input}};
    if (!lookup.empty()) body["lookupField"] = lookup;
    if (!partition.empty() && (action == "createOnly" || action == "createOrUpdate")) body["partitionName"] = partition;
    json r = call("POST", "/v1/leads.json", "application/json", body.dump());
    if (!r.contains("result") || !r["result"].is_array() || r["result"].size() != records.size())
      throw ServiceError(mktows::fault_code::api_failure, "Sync Leads answered a result of the wrong length");
    // A field the cached Describe knew but the instance no longer has:
    // describe again, once, and resend.
    bool unknown_field = false;
    for (const json &item : r["result"]) unknown_field = unknown_field || outcome_of(item).reason_code == "1006";
    if (!unknown_field || pass > 0) return r["result"];
  }
}

std::string RestBackend::all_fields(const Names &n) const {
  std::string f = "id,email";
  if (!config_.foreign_id_field.empty()) f += "," + config_.foreign_id_field;
  for (const auto &p : n.rest_to_soap)
    if (p.first != "id" && p.first != "email" && p.first != config_.foreign_id_field) f += "," + p.first;
  return f;
}

Lead RestBackend::to_lead(const json &rest, const Names &n) const {
  Lead lead;
  if (!rest.is_object()) throw ServiceError(mktows::fault_code::api_failure, "REST lead is not an object");
  for (auto it = rest.begin(); it != rest.end(); ++it) {
    const std::string &k = it.key();
    const json &v = *it;
    if (v.is_null()) continue;
    if (k == "id") {
      if (v.is_number_integer()) lead.id = v.get<int>();
    } else if (k == "email") {
      lead.email = soap_text(v);
    } else if (!config_.foreign_id_field.empty() && k == config_.foreign_id_field) {
      lead.foreign_id = soap_text(v);
      lead.foreign_type = config_.foreign_sys_type;
    } else {
      auto s = n.rest_to_soap.find(k);
      std::string value = soap_text(v);
      // The SOAP service omitted empty attributes.
      if (s != n.rest_to_soap.end() && !value.empty()) lead.set_attribute(s->second, value);
    }
  }
  return lead;
}

Lead RestBackend::fetch_lead(int id) {
  std::shared_ptr<const Names> n = names(false);
  json r = call("GET", "/v1/lead/" + std::to_string(id) + ".json?fields=" + RestHttp::escape(all_fields(*n)), "", "");
  if (!r.contains("result") || !r["result"].is_array() || r["result"].empty())
    throw ServiceError(mktows::fault_code::lead_not_found, "REST has no lead " + std::to_string(id) + " after the sync");
  return to_lead(r["result"][0], *n);
}

namespace {

void validate(const LeadInput &in) {
  if (!in.has_id && in.email.empty() && in.foreign_id.empty())
    throw ServiceError(mktows::fault_code::lead_key_required, "one of Id, Email, ForeignSysPersonId is required");
  if (!in.foreign_id.empty() && in.foreign_type.empty())
    throw ServiceError(mktows::fault_code::parameter_required, "ForeignSysType is required with ForeignSysPersonId");
}

}  // namespace

SyncResult RestBackend::sync_lead(const SyncRequest &request) {
  RestCost cost("syncLead", verbose_);
  const LeadInput &in = request.lead;
  validate(in);
  std::string partition = partition_for(request.has_workspace, request.workspace);
  std::vector<const LeadInput *> one{&in};
  Outcome o;
  if (in.has_id) {
    // Id beats every other key; the record's Email is written to the lead.
    o = outcome_of(sync_call("updateOnly", "id", partition, one)[0]);
  } else if (!in.foreign_id.empty()) {
    if (config_.foreign_id_field.empty())
      throw ServiceError::told(mktows::fault_code::lead_key_bad, "ForeignSysPersonId has no REST field: set foreignIdField in the bridge's configuration");
    o = outcome_of(sync_call("updateOnly", config_.foreign_id_field, partition, one)[0]);
    // Nothing holds that foreign id: fall back to Email, as the SOAP
    // service did (the foreign id is then written to the lead found).
    if (o.reason_code == "1004")
      o = outcome_of(in.email.empty() ? sync_call("createOnly", config_.foreign_id_field, partition, one)[0]
                                      : sync_call("createOrUpdate", "email", partition, one)[0]);
  } else {
    o = outcome_of(sync_call("createOrUpdate", "email", partition, one)[0]);
  }
  SyncResult result;
  result.lead_id = o.id ? o.id : (in.has_id ? in.id : 0);
  result.created = o.created;
  if (!o.reason_code.empty()) {
    result.error = o.error;
    return result;
  }
  if (!request.cookie.empty()) {
    try {
      call("POST", "/v1/leads/" + std::to_string(o.id) + "/associate.json?cookie=" + RestHttp::escape(request.cookie),
           "", "");
    } catch (const ServiceError &e) {
      // The lead is written; only the cookie could not be attached.
      throw ServiceError(e.code() == mktows::fault_code::api_failure ? mktows::fault_code::lead_sync_failed : e.code(),
                         std::string("Associate Lead failed after the sync: ") + e.what());
    }
  }
  if (request.return_lead) result.record = fetch_lead(o.id);
  return result;
}

std::vector<BatchResult> RestBackend::sync_multiple(const std::vector<LeadInput> &records, bool has_workspace,
                                                    const std::string &workspace, bool dedup) {
  RestCost cost("syncMultipleLeads", verbose_);
  std::vector<BatchResult> out(records.size());
  std::string partition = partition_for(has_workspace, workspace);
  // One Sync Leads call per key kind present (a call has one lookupField).
  std::vector<std::size_t> by_id, by_foreign, by_email, duplicates;
  for (std::size_t i = 0; i < records.size(); ++i) {
    try {
      validate(records[i]);
      if (!records[i].foreign_id.empty() && config_.foreign_id_field.empty())
        throw ServiceError(mktows::fault_code::lead_key_bad, "ForeignSysPersonId has no REST field");
    } catch (const ServiceError &e) {
      out[i].error_code = e.code();
      if (records[i].has_id) out[i].lead_id = records[i].id;
      continue;
    }
    if (records[i].has_id) by_id.push_back(i);
    else if (!dedup) duplicates.push_back(i);
    else if (!records[i].foreign_id.empty()) by_foreign.push_back(i);
    else by_email.push_back(i);
  }
  auto run = [&](const std::vector<std::size_t> &group, const std::string &action, const std::string &lookup,
                 std::vector<std::size_t> *not_found) {
    // A record with an attribute that has no REST field fails alone (20105).
    std::shared_ptr<const Names> n = names(false);
    std::vector<std::size_t> sent;
    std::vector<const LeadInput *> in;
    for (std::size_t i : group) {
      try {
        rest_record(records[i], *n);
        sent.push_back(i);
        in.push_back(&records[i]);
      } catch (const ServiceError &bad) {
        out[i].error_code = bad.code();
      }
    }
    if (in.empty()) return;
    json result = sync_call(action, lookup, partition, in);
    for (std::size_t k = 0; k < sent.size(); ++k) {
      Outcome o = outcome_of(result[k]);
      std::size_t i = sent[k];
      if (not_found && o.reason_code == "1004") {
        not_found->push_back(i);
        continue;
      }
      out[i].lead_id = o.id ? o.id : (records[i].has_id ? records[i].id : 0);
      out[i].created = o.created;
      if (!o.reason_code.empty()) {
        out[i].error_code = mktows::fault_code::lead_sync_failed;
        out[i].error = o.error;
      }
    }
  };
  run(by_id, "updateOnly", "id", nullptr);
  std::vector<std::size_t> foreign_missing;
  run(by_foreign, "updateOnly", config_.foreign_id_field, &foreign_missing);
  std::vector<std::size_t> fallback_email, fallback_create;
  for (std::size_t i : foreign_missing) (records[i].email.empty() ? fallback_create : fallback_email).push_back(i);
  by_email.insert(by_email.end(), fallback_email.begin(), fallback_email.end());
  run(by_email, "createOrUpdate", "email", nullptr);
  run(fallback_create, "createOnly", config_.foreign_id_field, nullptr);
  run(duplicates, "createDuplicate", "", nullptr);
  return out;
}

const char *RestBackend::filter_type(const std::string &key_type) {
  static const std::pair<const char *, const char *> kFilter[] = {
      {"IDNUM", "id"},
      {"EMAIL", "email"},
      {"COOKIE", "cookies"},
      {"SFDCLEADID", "sfdcLeadId"},
      {"SFDCCONTACTID", "sfdcContactId"},
      {"SFDCACCOUNTID", "sfdcAccountId"},
      {"SFDCLEADOWNERID", "sfdcLeadOwnerId"},
      {"SFDCOPPTYID", "sfdcOpptyId"},
  };
  for (const auto &f : kFilter)
    if (key_type == f.first) return f.second;
  throw ServiceError::told(mktows::fault_code::lead_key_bad, "keyType " + key_type + " has no REST filterType equivalent");
}

std::vector<json> RestBackend::filter_records(const char *filter, const std::string &values, const std::string &fields) {
  std::vector<json> out;
  std::string page;
  // Always POST with _method=GET (the form of the vendor's long-URI
  // advice), so the keys never meet a URI limit. Paged to the end, at most
  // the 1000 leads a filter may match.
  for (int pages = 0; pages < 4; ++pages) {
    std::string form = "filterType=" + std::string(filter) + "&filterValues=" + RestHttp::escape(values) +
                       "&fields=" + RestHttp::escape(fields);
    if (!page.empty()) form += "&nextPageToken=" + RestHttp::escape(page);
    json r = call("POST", "/v1/leads.json?_method=GET", "application/x-www-form-urlencoded", form);
    if (!r.contains("result") || !r["result"].is_array()) throw ServiceError(mktows::fault_code::api_failure, "REST filter: no result");
    for (const json &l : r["result"]) out.push_back(l);
    if (!r.value("moreResult", false) || !r.contains("nextPageToken") || !r["nextPageToken"].is_string()) break;
    page = r["nextPageToken"].get<std::string>();
  }
  return out;
}

std::vector<Lead> RestBackend::filter_leads(const char *filter, const std::string &values, const Names &n) {
  std::vector<Lead> out;
  for (const json &l : filter_records(filter, values, all_fields(n))) out.push_back(to_lead(l, n));
  return out;
}

// A key value that can go into a filterValues list.
void RestBackend::check_key_value(const std::string &key_type, const std::string &value) {
  if (value.empty()) throw ServiceError(mktows::fault_code::lead_key_required, "empty keyValue");
  if (key_type == "IDNUM" && value.find_first_not_of("0123456789") != std::string::npos)
    throw ServiceError(mktows::fault_code::lead_key_bad, "IDNUM must be a positive integer");
  // filterValues is a comma-separated list: a comma would make it two keys.
  if (value.find(',') != std::string::npos) throw ServiceError(mktows::fault_code::lead_key_bad, "keyValue contains a comma");
}

std::vector<Lead> RestBackend::get_leads(const std::string &key_type, const std::string &key_value) {
  RestCost cost("getLead", verbose_);
  check_key_value(key_type, key_value);
  const char *filter = filter_type(key_type);
  std::vector<Lead> out = filter_leads(filter, key_value, *names(false));
  if (out.empty()) throw ServiceError(mktows::fault_code::lead_not_found, key_type + " matched no lead");
  return out;
}

void RestBackend::keep_only(Lead &l, const std::vector<std::string> &include) {
  bool email = false, foreign = false;
  std::vector<Attribute> kept;
  for (const std::string &a : include) {
    email = email || a == "Email";
    foreign = foreign || a == "ForeignSysPersonId" || a == "ForeignSysType";
  }
  for (const Attribute &at : l.attributes)
    if (std::find(include.begin(), include.end(), at.name) != include.end()) kept.push_back(at);
  l.attributes.swap(kept);
  if (!email) l.email.clear();
  if (!foreign) l.foreign_id.clear(), l.foreign_type.clear();
}

MultipleLeadsPage RestBackend::get_multiple_leads(const MultipleLeadsRequest &request) {
  RestCost cost("getMultipleLeads", verbose_);
  const LeadSelection &sel = request.selection;
  int page_size = mktows::kDefaultLeadPage;
  if (request.has_batch_size) {
    if (request.batch_size < 1) throw ServiceError::told(mktows::fault_code::bad_parameter, "batchSize must be at least 1");
    page_size = std::min(request.batch_size, mktows::kMaxLeadPage);
  }
  if (sel.kind == LeadSelection::Kind::static_list) return list_leads_page(request, page_size);
  if (sel.kind == LeadSelection::Kind::last_update) return updated_leads_page(request, page_size);
  if (!request.stream_position.empty())
    throw ServiceError::told(mktows::fault_code::bad_stream_position,
                             "the bridge answers a LeadKeySelector in one page and hands out no position");
  if (sel.key_values.empty()) throw ServiceError(mktows::fault_code::lead_key_required, "LeadKeySelector has no keyValues");
  const char *filter = filter_type(sel.key_type);
  std::size_t n = std::min(sel.key_values.size(), mktows::kMaxSelectorKeys);  // the rest ignored, as documented
  std::string values;
  for (std::size_t i = 0; i < n; ++i) {
    check_key_value(sel.key_type, sel.key_values[i]);
    values += (i ? "," : "") + sel.key_values[i];
  }
  std::shared_ptr<const Names> names_now = names(false);
  for (const std::string &a : request.include)
    if (a != "Email" && a != "ForeignSysPersonId" && a != "ForeignSysType" && !names_now->soap_to_rest.count(a))
      throw ServiceError::told(mktows::fault_code::lead_attribute_bad, "includeAttributes names no lead field " + a);
  std::vector<Lead> found = filter_leads(filter, values, *names_now);
  if (found.size() > static_cast<std::size_t>(page_size))
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             "the keys match " + std::to_string(found.size()) + " leads, more than one page of " +
                                 std::to_string(page_size) + "; ask with fewer keys or a larger batchSize (at most " +
                                 std::to_string(mktows::kMaxLeadPage) + ")");
  MultipleLeadsPage page;
  for (Lead &l : found) {
    if (request.has_include) keep_only(l, request.include);
    page.leads.push_back(std::move(l));
  }
  return page;
}

MergeResult RestBackend::merge_leads(const LeadKeyList &winner, const std::vector<LeadKeyList> &losers) {
  RestCost cost("mergeLeads", verbose_);
  if (losers.empty()) throw ServiceError::told(mktows::fault_code::parameter_required, "no losing lead");
  // The REST side refuses more losers in one call (1080): refused here,
  // before any REST call.
  if (losers.size() > mktows::rest_limits::kMaxMergeIds)
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             "more than " + std::to_string(mktows::rest_limits::kMaxMergeIds) +
                                 " losing leads: REST Merge Leads takes no more");
  auto one_lead = [&](const LeadKeyList &keys) {
    if (keys.empty()) throw ServiceError(mktows::fault_code::lead_key_required, "an empty key list");
    int id = 0;
    for (const Attribute &k : keys) {
      std::vector<Lead> leads = get_leads(k.name, k.value);  // 20103 when none
      if (leads.size() > 1)
        throw ServiceError::told(mktows::fault_code::bad_parameter, k.name + " matches " + std::to_string(leads.size()) + " leads");
      if (id && id != leads.front().id)
        throw ServiceError::told(mktows::fault_code::bad_parameter, "the keys of one key list name different leads");
      id = leads.front().id;
    }
    return id;
  };
  MergeResult result;
  result.winner_id = one_lead(winner);
  for (const LeadKeyList &l : losers) {
    int id = one_lead(l);
    if (id == result.winner_id) throw ServiceError::told(mktows::fault_code::bad_parameter, "a losing lead is the winning lead");
    if (std::find(result.loser_ids.begin(), result.loser_ids.end(), id) != result.loser_ids.end())
      throw ServiceError::told(mktows::fault_code::bad_parameter, "a losing lead is named twice");
    result.loser_ids.push_back(id);
  }
  std::string ids;
  for (int id : result.loser_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  call("POST", "/v1/leads/" + std::to_string(result.winner_id) + "/merge.json?leadIds=" + RestHttp::escape(ids), "", "");
  return result;
}

}  // namespace mktows_bridge
