// rest_campaigns.cpp: campaign names to ids (rest_names), lead keys to ids
// (lead_keys), then one REST write.
#include "rest_campaigns.hpp"

#include "ascii.hpp"
#include "lead_keys.hpp"
#include "rest_cost.hpp"
#include "rest_names.hpp"
#include "service_error.hpp"
#include "times.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <ctime>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;

namespace {

// Sales Insight campaigns have no REST call: refused before any.
void web_service_only(CampaignSource source) {
  if (source == CampaignSource::sales)
    throw ServiceError::told(fc::bad_parameter,
                             "source SALES (Sales Insight) has no REST equivalent: REST lists and triggers only the "
                             "campaigns the Web Service API may request");
}

// {{my.NAME}} tokens, at most REST's 100: checked before any REST call.
json rest_tokens(const std::vector<CampaignToken> &tokens) {
  if (tokens.size() > mktows::rest_limits::kMaxCampaignTokens)
    throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::rest_limits::kMaxCampaignTokens) +
                                                    " tokens: REST takes no more");
  json out = json::array();
  for (const CampaignToken &t : tokens) {
    const std::string &n = t.name;
    bool ok = n.size() > 7 && n.compare(0, 5, "{{my.") == 0 && n.compare(n.size() - 2, 2, "}}") == 0 &&
              n.find_first_of("{}", 5) == n.size() - 2;
    if (!ok) throw ServiceError::told(fc::bad_parameter, "token name " + n + " is not {{my.NAME}}");
    out.push_back({{"name", t.name}, {"value", t.value}});
  }
  return out;
}

std::string lower(const std::string &s) { return ascii_lower(s); }

}  // namespace

std::vector<CampaignListing> RestCampaigns::campaigns_for_source(CampaignSource source, const std::string *name,
                                                                 bool exact_name) {
  RestCost cost("getCampaignsForSource", rest_.verbose());
  web_service_only(source);
  std::vector<CampaignListing> out;
  std::string token;
  // isTriggerable=true: the active trigger campaigns the Web Service API
  // may request, what MKTOWS lists. Every page; the name filter is the
  // bridge's (REST's name filter is whole names only).
  for (;;) {
    std::string q = "/v1/campaigns.json?isTriggerable=true&batchSize=" + std::to_string(mktows::rest_limits::kMaxRecords);
    if (!token.empty()) q += "&nextPageToken=" + RestHttp::escape(token);
    json r = rest_.call("GET", q, "", "");
    if (!r.contains("result") || !r["result"].is_array())
      throw ServiceError(fc::api_failure, "campaigns.json answered no result");
    for (const json &c : r["result"]) {
      if (!c.is_object() || !c.contains("id") || !c["id"].is_number_integer()) continue;
      CampaignListing l;
      l.id = c["id"].get<int>();
      std::string own = c.value("name", std::string()), program = c.value("programName", std::string());
      l.name = program.empty() ? own : program + "." + own;
      if (c.contains("description") && c["description"].is_string()) l.description = c["description"];
      if (name && !name->empty()) {
        bool hit = exact_name ? iequals(l.name, *name) || iequals(own, *name)
                              : lower(l.name).find(lower(*name)) != std::string::npos;
        if (!hit) continue;
      }
      out.push_back(l);
    }
    if (!r.value("moreResult", false) || !r.contains("nextPageToken") || !r["nextPageToken"].is_string()) break;
    token = r["nextPageToken"].get<std::string>();
  }
  std::sort(out.begin(), out.end(), [](const CampaignListing &a, const CampaignListing &b) { return a.id < b.id; });
  return out;
}

void RestCampaigns::request_campaign(const CampaignRequest &request) {
  RestCost cost("requestCampaign", rest_.verbose());
  // The two legal shapes (the sandbox's rules, docs/SANDBOX.md): the id
  // alone, or the name pair with or without tokens.
  bool by_id = request.has_campaign_id, by_name = request.has_program_name || request.has_campaign_name;
  if (!by_id && !by_name) throw ServiceError(fc::parameter_required, "no campaignId or campaign name");
  if (by_id && (by_name || request.has_tokens))
    throw ServiceError::told(fc::bad_parameter, "campaignId goes alone (no names, no programTokenList)");
  if (by_name && (!request.has_program_name || !request.has_campaign_name))
    throw ServiceError::told(fc::bad_parameter, "programName and campaignName go together");
  if (by_id && request.campaign_id <= 0) throw ServiceError(fc::campaign_not_found, "campaignId not positive");
  web_service_only(request.source);
  if (request.leads.empty()) throw ServiceError(fc::lead_key_required, "no lead in leadList");
  std::vector<LeadKeyRef> keys;
  for (std::size_t i = 0; i < request.leads.size() && i < mktows::kMaxCampaignLeads; ++i)  // the rest ignored
    keys.push_back(LeadKeyRef{request.leads[i].type, request.leads[i].value});
  check_lead_keys(keys);
  json tokens = rest_tokens(request.tokens);
  // The whole cost, before the first call: the look-up, the keys, the trigger.
  int needed = (by_name ? lookup_calls(rest_, "campaign", request.program_name, request.campaign_name) : 0) +
               lead_key_calls(keys) + 1;
  RestCost::require(rest_.gate(), needed, "requestCampaign");

  int id = by_id ? request.campaign_id : find_campaign(rest_, request.program_name, request.campaign_name).id;
  std::vector<std::vector<LeadMatch>> found = resolve_lead_keys(rest_, keys);
  json leads = json::array();
  std::vector<int> seen;
  for (std::size_t i = 0; i < found.size(); ++i) {
    int lead = newest(found[i]);
    if (!lead)
      throw ServiceError::told(fc::lead_not_found, "lead key " + std::to_string(i + 1) + " (" + keys[i].type + ") matches no lead");
    if (std::find(seen.begin(), seen.end(), lead) != seen.end()) continue;  // a lead named twice runs once
    seen.push_back(lead);
    leads.push_back({{"id", lead}});
  }
  json input{{"leads", leads}};
  if (!tokens.empty()) input["tokens"] = tokens;
  std::string body = json{{"input", input}}.dump();
  // 1013: no such campaign; 1003: a batch campaign, or one the Web Service
  // API may not request (REST's "Invalid data").
  std::initializer_list<RestCodeFault> codes = {{"1013", fc::campaign_not_found}, {"1003", fc::bad_parameter},
                                                {"1004", fc::lead_not_found}};
  try {
    rest_.call("POST", "/v1/campaigns/" + std::to_string(id) + "/trigger.json", "application/json", body, codes);
  } catch (const ServiceError &e) {
    // A cached id REST no longer knows: resolve the names once more.
    if (!by_name || e.code() != fc::campaign_not_found) throw;
    int again = find_campaign(rest_, request.program_name, request.campaign_name, true).id;
    if (again == id) throw;
    rest_.call("POST", "/v1/campaigns/" + std::to_string(again) + "/trigger.json", "application/json", body, codes);
  }
}

void RestCampaigns::schedule_campaign(const CampaignSchedule &schedule) {
  RestCost cost("scheduleCampaign", rest_.verbose());
  if (schedule.program_name.empty() || schedule.campaign_name.empty())
    throw ServiceError(fc::parameter_required, "programName and campaignName are required");
  json input = json::object();
  json tokens = rest_tokens(schedule.tokens);
  if (!tokens.empty()) input["tokens"] = tokens;
  std::int64_t now = std::time(nullptr);
  if (schedule.has_run_at) {
    if (schedule.run_at - now > mktows::rest_limits::kMaxRunAtAheadSeconds)
      throw ServiceError::told(fc::bad_parameter, "campaignRunAt is more than two years ahead: REST refuses it");
    // A time already past means now; REST's earliest is its own default
    // (five minutes on), so such a run goes without runAt.
    if (schedule.run_at > now + mktows::rest_limits::kDefaultRunAtDelaySeconds) input["runAt"] = rest_time(schedule.run_at);
  }
  int needed = lookup_calls(rest_, "campaign", schedule.program_name, schedule.campaign_name) + 1;
  RestCost::require(rest_.gate(), needed, "scheduleCampaign");
  RestCampaign c = find_campaign(rest_, schedule.program_name, schedule.campaign_name);
  if (c.type == "trigger")
    throw ServiceError::told(fc::bad_parameter, "campaign " + schedule.program_name + "." + schedule.campaign_name +
                                                    " is a trigger campaign: it runs when requested, not on a schedule");
  std::string body = json{{"input", input}}.dump();
  std::initializer_list<RestCodeFault> codes = {{"1013", fc::campaign_not_found}, {"1003", fc::bad_parameter},
                                                {"1042", fc::bad_parameter}};
  try {
    rest_.call("POST", "/v1/campaigns/" + std::to_string(c.id) + "/schedule.json", "application/json", body, codes);
  } catch (const ServiceError &e) {
    if (e.code() != fc::campaign_not_found) throw;
    int again = find_campaign(rest_, schedule.program_name, schedule.campaign_name, true).id;
    if (again == c.id) throw;
    rest_.call("POST", "/v1/campaigns/" + std::to_string(again) + "/schedule.json", "application/json", body, codes);
  }
}

}  // namespace mktows_bridge
