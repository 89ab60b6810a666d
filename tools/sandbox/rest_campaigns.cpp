// rest_campaigns.cpp: GET /rest/v1/campaigns.json, POST
// /rest/v1/campaigns/{id}/trigger.json and .../schedule.json.
#include "rest_campaigns.hpp"

#include "auth.hpp"
#include "rest_error.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <climits>
#include <ctime>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using Query = std::vector<std::pair<std::string, std::string>>;

namespace {

const char kCampaigns[] = "/rest/v1/campaigns";

const std::string *param(const Query &q, const char *name) {
  for (const auto &kv : q)
    if (kv.first == name) return &kv.second;
  return nullptr;
}

// A comma-separated filter's values (empty ones dropped).
std::vector<std::string> split(const std::string &s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    std::string v = s.substr(at, comma - at);
    if (!v.empty()) out.push_back(v);
    at = comma + 1;
  }
  return out;
}

bool positive_int(const std::string &s, int &out) {
  if (s.empty() || s.size() > 10) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v <= 0 || v > INT_MAX) return false;
  out = static_cast<int>(v);
  return true;
}

bool any_iequal(const std::vector<std::string> &values, const std::string &s) {
  for (const std::string &v : values)
    if (iequals(v, s)) return true;
  return false;
}

// The REST face's code for a refusal both faces share.
RestError rest_refusal(const CampaignService::Refused &r) {
  using R = CampaignService::Refusal;
  switch (r.why()) {
    case R::not_found: return RestError(kObjectNotFound);
    case R::lead_not_found: return RestError(kLeadNotFound, std::string(rest_message(kLeadNotFound)) + ": " + r.what());
    case R::run_at_too_late: return RestError(kInvalidRunAt);
    case R::batch_requested:
    case R::not_requestable:
    case R::trigger_scheduled:
    case R::bad_token:
    case R::too_many_tokens: break;
  }
  return RestError(kInvalidData, std::string(rest_message(kInvalidData)) + ": " + r.what());
}

// input.tokens: absent or null is none; otherwise [{name, value}] strings.
std::vector<CampaignToken> read_tokens(const json &input) {
  std::vector<CampaignToken> out;
  auto t = input.find("tokens");
  if (t == input.end() || t->is_null()) return out;
  if (!t->is_array()) throw RestError(kInvalidData, "Invalid data: tokens");
  for (const json &item : *t) {
    if (!item.is_object()) throw RestError(kInvalidData, "Invalid data: tokens");
    auto n = item.find("name");
    auto v = item.find("value");
    if (n == item.end() || !n->is_string() || v == item.end() || !v->is_string())
      throw RestError(kInvalidData, "Invalid data: tokens");
    out.push_back(CampaignToken{n->get<std::string>(), v->get<std::string>()});
  }
  return out;
}

}  // namespace

RestCampaigns::RestCampaigns(CampaignService &campaigns) : campaigns_(campaigns) {}

bool RestCampaigns::serves(const std::string &path) {
  const std::size_t n = sizeof kCampaigns - 1;
  return path.compare(0, n, kCampaigns) == 0 && path.size() > n && (path[n] == '.' || path[n] == '/');
}

void RestCampaigns::handle(const std::string &method, const std::string &path, const Query &query,
                           const std::string &type, const std::string &request_body, json &body) {
  const std::string base = kCampaigns;
  if (path == base + ".json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    bool more = false;
    std::string next;
    body["result"] = list(query, more, next);
    body["success"] = true;
    body["moreResult"] = more;
    if (more) body["nextPageToken"] = next;
    return;
  }
  // /rest/v1/campaigns/{id}/trigger.json or .../schedule.json
  std::size_t id_at = base.size() + 1;
  std::size_t slash = path.find('/', id_at);
  int id = 0;
  if (slash == std::string::npos || !positive_int(path.substr(id_at, slash - id_at), id)) throw RestError(kNotFound);
  std::string action = path.substr(slash);
  if (action != "/trigger.json" && action != "/schedule.json") throw RestError(kNotFound);
  if (method != "POST") throw RestError(kMethodNotSupported);
  json in = json::object();
  // Schedule Campaign's input is optional, so an empty body is allowed.
  if (!request_body.empty()) {
    if (type != "application/json") throw RestError(kInvalidContentType);
    in = json::parse(request_body, nullptr, false);
    if (in.is_discarded()) throw RestError(kInvalidJson);
  }
  if (!in.is_object()) throw RestError(kInvalidJson);
  body["result"] = action == "/trigger.json" ? trigger(id, in) : schedule(id, in);
  body["success"] = true;
}

json RestCampaigns::list(const Query &q, bool &more, std::string &next) {
  std::vector<std::string> names, programs, workspaces;
  std::vector<int> ids;
  if (const std::string *v = param(q, "name")) names = split(*v);
  if (const std::string *v = param(q, "programName")) programs = split(*v);
  if (const std::string *v = param(q, "workspaceName")) workspaces = split(*v);
  if (const std::string *v = param(q, "id"))
    for (const std::string &s : split(*v)) {
      int id = 0;
      if (!positive_int(s, id)) throw RestError(kInvalidData, "Invalid data: id");
      ids.push_back(id);
    }
  int triggerable = -1;  // -1: either
  if (const std::string *v = param(q, "isTriggerable")) {
    if (*v == "true") triggerable = 1;
    else if (*v == "false") triggerable = 0;
    else throw RestError(kInvalidData, "Invalid data: isTriggerable");
  }
  std::size_t batch = mktows::rest_limits::kMaxRecords, offset = 0;
  if (const std::string *v = param(q, "batchSize")) {
    int b = 0;
    if (!positive_int(*v, b) || static_cast<std::size_t>(b) > mktows::rest_limits::kMaxRecords)
      throw RestError(kInvalidData, "Invalid data: batchSize");
    batch = static_cast<std::size_t>(b);
  }
  if (const std::string *v = param(q, "nextPageToken")) {
    // The sandbox's own token: "sbc-" and the offset of the next page.
    int o = 0;
    if (v->compare(0, 4, "sbc-") != 0 || !positive_int(v->substr(4), o))
      throw RestError(kInvalidData, "Invalid data: nextPageToken");
    offset = static_cast<std::size_t>(o);
  }
  std::vector<const Campaign *> hits;
  for (const Campaign &c : campaigns_.world().campaigns) {
    if (!names.empty() && !any_iequal(names, c.name)) continue;
    if (!programs.empty() && !any_iequal(programs, c.program)) continue;
    if (!workspaces.empty() && !any_iequal(workspaces, "Default")) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), c.id) == ids.end()) continue;
    // Triggerable: an active trigger campaign that the Web Service API may
    // request.
    bool can = c.trigger && c.requestable_web_service;
    if (triggerable >= 0 && can != (triggerable == 1)) continue;
    hits.push_back(&c);
  }
  std::vector<CampaignRun> runs = campaigns_.runs();
  json out = json::array();
  for (std::size_t i = offset; i < hits.size() && i < offset + batch; ++i) out.push_back(to_json(*hits[i], runs));
  more = offset + batch < hits.size();
  next = more ? "sbc-" + std::to_string(offset + batch) : std::string();
  return out;
}

json RestCampaigns::to_json(const Campaign &c, const std::vector<CampaignRun> &runs) const {
  const Program *p = campaigns_.world().program(c.program);
  json j{{"id", c.id},
         {"name", c.name},
         {"description", c.description},
         {"type", c.trigger ? "trigger" : "batch"},
         {"programName", c.program},
         {"programId", p ? p->id : 0},
         {"workspaceName", "Default"},
         {"active", true}};
  if (!c.trigger) {
    // The sandbox's own member: the runs scheduled so far (a batch campaign
    // has no smart list here, so a run touches no lead: this is where it
    // shows).
    json list = json::array();
    for (const CampaignRun &r : runs) {
      if (r.campaign_id != c.id) continue;
      json tokens = json::array();
      for (const CampaignToken &t : r.tokens) tokens.push_back({{"name", t.name}, {"value", t.value}});
      list.push_back({{"id", r.id},
                      {"runAt", mktows_front::rest_time(r.run_at)},
                      {"requestedAt", mktows_front::rest_time(r.requested_at)},
                      {"via", r.via},
                      {"tokens", tokens}});
    }
    j["sandboxRuns"] = list;
  }
  return j;
}

json RestCampaigns::trigger(int id, const json &in) {
  auto input = in.find("input");
  if (input == in.end() || !input->is_object()) throw RestError(kBlank, "input cannot be blank");
  auto leads = input->find("leads");
  if (leads == input->end() || leads->is_null() || (leads->is_array() && leads->empty()))
    throw RestError(kBlank, "leads cannot be blank");
  if (!leads->is_array()) throw RestError(kInvalidData, "Invalid data: leads");
  if (leads->size() > mktows::rest_limits::kMaxTriggerLeads)
    throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(mktows::rest_limits::kMaxTriggerLeads) +
                                      " leads");
  std::vector<int> ids;
  for (const json &l : *leads) {
    auto v = l.is_object() ? l.find("id") : l.end();
    if (!l.is_object() || v == l.end() || !v->is_number_integer() || v->get<long long>() <= 0 ||
        v->get<long long>() > INT_MAX)
      throw RestError(kInvalidData, "Invalid data: leads");
    ids.push_back(static_cast<int>(v->get<long long>()));
  }
  std::vector<CampaignToken> tokens = read_tokens(*input);
  try {
    campaigns_.trigger(id, ids, tokens);
  } catch (const CampaignService::Refused &e) {
    throw rest_refusal(e);
  }
  return json::array({{{"id", id}}});
}

json RestCampaigns::schedule(int id, const json &in) {
  json input = json::object();
  auto it = in.find("input");
  if (it != in.end() && !it->is_null()) {
    if (!it->is_object()) throw RestError(kInvalidData, "Invalid data: input");
    input = *it;
  }
  auto clone = input.find("cloneToProgramName");
  if (clone != input.end() && !clone->is_null())
    throw RestError(kInvalidData, "Invalid data: cloneToProgramName is not supported by the sandbox");
  const std::int64_t now = std::time(nullptr);
  std::int64_t run_at = now + mktows::rest_limits::kDefaultRunAtDelaySeconds;
  auto r = input.find("runAt");
  if (r != input.end() && !r->is_null()) {
    std::time_t t = 0;
    if (!r->is_string() || !mktows_front::parse_w3c_timestamp(r->get<std::string>(), t)) throw RestError(kInvalidRunAt);
    run_at = static_cast<std::int64_t>(t);
  }
  std::vector<CampaignToken> tokens = read_tokens(input);
  try {
    campaigns_.schedule(id, run_at, tokens, "REST");
  } catch (const CampaignService::Refused &e) {
    throw rest_refusal(e);
  }
  return json::array({{{"id", id}}});
}

}  // namespace mktows_sandbox
