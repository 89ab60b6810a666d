// campaigns_service.cpp: the campaigns' rules (docs/SANDBOX.md, "Campaigns").
#include "campaigns_service.hpp"

#include <mktows/limits.hpp>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <set>

namespace mktows_sandbox {

using mktows_front::ServiceError;

const char CampaignService::kKind[] = "CRUN";

namespace {

const char *source_text(CampaignSource s) {
  return s == CampaignSource::sales ? "Sales Insight" : "Web Service API";
}

// A strictly positive decimal int, nothing else.
bool parse_positive(const std::string &s, long long &out) {
  if (s.empty() || s.size() > 19) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return false;
  out = v;
  return true;
}

bool parse_signed(const std::string &s, long long &out) {
  if (s.empty()) return false;
  errno = 0;
  char *end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno || !end || *end) return false;
  out = v;
  return true;
}

// The SOAP face's fault for a refusal both faces share.
ServiceError soap_fault(const CampaignService::Refused &r) {
  using R = CampaignService::Refusal;
  switch (r.why()) {
    case R::not_found: return ServiceError::told(fault_code::campaign_not_found, r.what());
    case R::lead_not_found: return ServiceError::told(fault_code::lead_not_found, r.what());
    case R::batch_requested:
    case R::not_requestable:
    case R::trigger_scheduled:
    case R::bad_token:
    case R::too_many_tokens:
    case R::run_at_too_late: break;
  }
  return ServiceError::told(fault_code::bad_parameter, r.what());
}

}  // namespace

CampaignService::CampaignService(LeadService &leads) : leads_(leads), world_(leads.config().world) {
  leads_.add_record_kind(kKind, [this](const std::vector<std::string> &fields) {
    CampaignRun run;
    if (!decode(fields, run)) return false;
    runs_.push_back(std::move(run));
    return true;
  });
}

std::vector<std::string> CampaignService::encode(const CampaignRun &run) {
  std::vector<std::string> f{kKind,
                             std::to_string(run.id),
                             std::to_string(run.campaign_id),
                             std::to_string(run.requested_at),
                             std::to_string(run.run_at),
                             run.via};
  for (const CampaignToken &t : run.tokens) {
    f.push_back(t.name);
    f.push_back(t.value);
  }
  return f;
}

bool CampaignService::decode(const std::vector<std::string> &f, CampaignRun &out) {
  // kind, id, campaign, requested at, run at, via, then name/value pairs.
  if (f.size() < 6 || (f.size() - 6) % 2 != 0 || f[0] != kKind) return false;
  long long id = 0, campaign = 0, requested = 0, run_at = 0;
  if (!parse_positive(f[1], id) || !parse_positive(f[2], campaign) || campaign > 2147483647 ||
      !parse_signed(f[3], requested) || !parse_signed(f[4], run_at))
    return false;
  out.id = id;
  out.campaign_id = static_cast<int>(campaign);
  out.requested_at = requested;
  out.run_at = run_at;
  out.via = f[5];
  out.tokens.clear();
  for (std::size_t i = 6; i < f.size(); i += 2) out.tokens.push_back(CampaignToken{f[i], f[i + 1]});
  return true;
}

void CampaignService::check_tokens(const std::vector<CampaignToken> &tokens) {
  if (tokens.size() > mktows::rest_limits::kMaxCampaignTokens)
    throw Refused(Refusal::too_many_tokens,
                  "more than " + std::to_string(mktows::rest_limits::kMaxCampaignTokens) + " tokens");
  for (const CampaignToken &t : tokens) {
    // A program's My Token is {{my.name}}: anything else names no token the
    // run could replace, so the call is refused rather than the token
    // silently dropped (docs/SANDBOX.md).
    const std::string &n = t.name;
    bool ok = n.size() > 7 && n.compare(0, 5, "{{my.") == 0 && n.compare(n.size() - 2, 2, "}}") == 0;
    for (std::size_t i = 5; ok && i + 2 < n.size(); ++i)
      if (n[i] == '{' || n[i] == '}') ok = false;
    if (!ok) throw Refused(Refusal::bad_token, "token name not of the form {{my.name}}");
  }
}

void CampaignService::check_requestable(const Campaign &c, CampaignSource source) {
  if (!c.trigger) throw Refused(Refusal::batch_requested, "campaign " + c.qualified_name() + " is a batch campaign");
  bool ok = source == CampaignSource::sales ? c.requestable_sales : c.requestable_web_service;
  if (!ok)
    throw Refused(Refusal::not_requestable,
                  "campaign " + c.qualified_name() + " cannot be requested from " + source_text(source));
}

std::vector<CampaignListing> CampaignService::campaigns_for_source(CampaignSource source, const std::string *name,
                                                                   bool exact_name) {
  // An empty name filters nothing, as no name does.
  const bool filter = name && !name->empty();
  const std::string wanted = filter ? ascii_lower(*name) : std::string();
  std::vector<CampaignListing> out;
  for (const Campaign &c : world_.campaigns) {
    bool listed = c.trigger && (source == CampaignSource::sales ? c.requestable_sales : c.requestable_web_service);
    if (!listed) continue;
    std::string qualified = c.qualified_name();
    if (filter) {
      // exactName: the listed name or the campaign's own name, without
      // case; otherwise a substring of the listed name, without case.
      bool match = exact_name ? iequals(qualified, *name) || iequals(c.name, *name)
                              : ascii_lower(qualified).find(wanted) != std::string::npos;
      if (!match) continue;
    }
    out.push_back(CampaignListing{c.id, qualified, c.description});
  }
  return out;
}

int CampaignService::resolve(const LeadStore &store, const mktows_front::CampaignLeadKey &key, std::size_t position) {
  std::string where = "leadKey " + std::to_string(position + 1);
  if (key.value.empty()) throw ServiceError::told(fault_code::lead_key_required, where + ": empty keyValue");
  const Lead *lead = nullptr;
  if (key.type == "IDNUM") {
    long long id = 0;
    if (!parse_positive(key.value, id) || id > 2147483647)
      throw ServiceError::told(fault_code::lead_key_bad, where + ": IDNUM must be a positive integer");
    lead = store.by_id(static_cast<int>(id));
  } else if (key.type == "EMAIL") {
    lead = store.by_email(key.value);  // several with the address: the most recently written
  } else if (key.type == "COOKIE") {
    lead = store.by_cookie(key.value);
  } else if (key.type == "SFDCLEADID" || key.type == "SFDCCONTACTID") {
    lead = store.by_foreign_id(key.value);
    if (lead && lead->foreign_type != "SFDC") lead = nullptr;
  } else {
    throw ServiceError::told(fault_code::lead_key_bad, where + ": key type " + key.type + " is not supported");
  }
  if (!lead) throw ServiceError::told(fault_code::lead_not_found, where + ": " + key.type + " matched no lead");
  return lead->id;
}

void CampaignService::run_for(LeadService::Writes &w, const Campaign &c, const std::vector<int> &lead_ids,
                              const std::vector<CampaignToken> &tokens, CampaignSource source) {
  const std::int64_t now = std::time(nullptr);
  std::set<int> done;
  std::size_t type = 0;
  activity_type_of("RequestCampaign", type);
  for (int id : lead_ids) {
    if (!done.insert(id).second) continue;  // a lead named twice runs once
    Activity a;
    a.lead_id = id;
    a.at = now;
    a.type = type;
    a.asset = c.qualified_name();
    a.campaign = c.name;
    a.attributes.push_back(Attribute{"Source", source_text(source)});
    for (const CampaignToken &t : tokens) a.attributes.push_back(Attribute{t.name, t.value});
    w.add_activity(std::move(a));
  }
}

void CampaignService::request_campaign(const CampaignRequest &r) {
  // The two legal shapes: campaignId alone, or programName + campaignName
  // (+ programTokenList). Nothing at all is a missing parameter.
  const bool by_id = r.has_campaign_id && !r.has_program_name && !r.has_campaign_name && !r.has_tokens;
  const bool by_name = !r.has_campaign_id && r.has_program_name && r.has_campaign_name;
  if (!r.has_campaign_id && !r.has_program_name && !r.has_campaign_name && !r.has_tokens)
    throw ServiceError::told(fault_code::parameter_required, "campaignId, or programName and campaignName");
  if (!by_id && !by_name)
    throw ServiceError::told(fault_code::bad_parameter,
                             "give campaignId alone, or programName and campaignName (with programTokenList)");
  if (r.leads.empty()) throw ServiceError::told(fault_code::lead_key_required, "leadList names no lead");
  try {
    const Campaign *c = by_id ? world_.campaign(r.campaign_id) : world_.campaign(r.program_name, r.campaign_name);
    if (!c)
      throw Refused(Refusal::not_found, by_id ? "no campaign " + std::to_string(r.campaign_id)
                                              : "no campaign " + r.campaign_name + " in program " + r.program_name);
    check_requestable(*c, r.source);
    check_tokens(r.tokens);
    leads_.transact([&](LeadService::Writes &w) {
      // The vendor documents "up to 100 lead keys; extras are ignored".
      const std::size_t n = r.leads.size() < mktows::kMaxCampaignLeads ? r.leads.size() : mktows::kMaxCampaignLeads;
      std::vector<int> ids;
      ids.reserve(n);
      for (std::size_t i = 0; i < n; ++i) ids.push_back(resolve(w.store(), r.leads[i], i));
      run_for(w, *c, ids, r.tokens, r.source);
    });
  } catch (const Refused &e) {
    throw soap_fault(e);
  }
}

void CampaignService::schedule_campaign(const CampaignSchedule &s) {
  if (s.program_name.empty() || s.campaign_name.empty())
    throw ServiceError::told(fault_code::parameter_required, "programName and campaignName are required");
  try {
    const Campaign *c = world_.campaign(s.program_name, s.campaign_name);
    if (!c) throw Refused(Refusal::not_found, "no campaign " + s.campaign_name + " in program " + s.program_name);
    // No campaignRunAt: the SOAP documentation says the campaign runs
    // immediately (REST's +5 minutes is REST's).
    const std::int64_t run_at = s.has_run_at ? s.run_at : static_cast<std::int64_t>(std::time(nullptr));
    schedule(c->id, run_at, s.tokens, "SOAP");
  } catch (const Refused &e) {
    throw soap_fault(e);
  }
}

void CampaignService::trigger(int campaign_id, const std::vector<int> &lead_ids,
                              const std::vector<CampaignToken> &tokens) {
  const Campaign *c = world_.campaign(campaign_id);
  if (!c) throw Refused(Refusal::not_found, "no campaign " + std::to_string(campaign_id));
  check_requestable(*c, CampaignSource::web_service);
  check_tokens(tokens);
  leads_.transact([&](LeadService::Writes &w) {
    for (int id : lead_ids)
      if (!w.store().by_id(id)) throw Refused(Refusal::lead_not_found, "no lead " + std::to_string(id));
    run_for(w, *c, lead_ids, tokens, CampaignSource::web_service);
  });
}

CampaignRun CampaignService::schedule(int campaign_id, std::int64_t run_at, const std::vector<CampaignToken> &tokens,
                                      const char *via) {
  const Campaign *c = world_.campaign(campaign_id);
  if (!c) throw Refused(Refusal::not_found, "no campaign " + std::to_string(campaign_id));
  if (c->trigger)
    throw Refused(Refusal::trigger_scheduled,
                  "campaign " + c->qualified_name() + " is a trigger campaign: it runs when requested");
  check_tokens(tokens);
  const std::int64_t now = std::time(nullptr);
  if (run_at - now > mktows::rest_limits::kMaxRunAtAheadSeconds)
    throw Refused(Refusal::run_at_too_late, "run time more than two years ahead");
  CampaignRun run;
  leads_.transact([&](LeadService::Writes &w) { run = schedule_locked(w, *c, run_at < now ? now : run_at, tokens, via); });
  return run;
}

CampaignRun CampaignService::schedule_locked(LeadService::Writes &w, const Campaign &c, std::int64_t run_at,
                                             const std::vector<CampaignToken> &tokens, const char *via) {
  CampaignRun run;
  run.id = runs_.empty() ? 1 : runs_.back().id + 1;
  run.campaign_id = c.id;
  run.requested_at = std::time(nullptr);
  run.run_at = run_at;
  run.via = via;
  run.tokens = tokens;
  w.journal(encode(run));
  runs_.push_back(run);
  return run;
}

std::vector<CampaignRun> CampaignService::runs() {
  std::vector<CampaignRun> out;
  leads_.read([&](const LeadStore &) { out = runs_; });
  return out;
}

}  // namespace mktows_sandbox
