// detail/campaign_calls.hpp: getCampaignsForSource, requestCampaign and
// scheduleCampaign over a Runner (detail/runner.hpp). requestCampaign and
// scheduleCampaign are never resent once the service may have received
// them (operations.hpp: a resend would run the campaign again).
#ifndef MKTOWS_DETAIL_CAMPAIGN_CALLS_HPP
#define MKTOWS_DETAIL_CAMPAIGN_CALLS_HPP

#include "mktows/wire.hpp"

#include "mktows/campaign.hpp"
#include "mktows/detail/body.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/runner.hpp"
#include "mktows/limits.hpp"

#include <ctime>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource) || defined(MKTOWS_BINDINGS_HAS_requestCampaign)
inline enum wire::mktows__ReqCampSourceType to_wire(CampaignSource s) {
  return s == CampaignSource::sales ? wire::mktows__ReqCampSourceType__SALES : wire::mktows__ReqCampSourceType__MKTOWS;
}

#endif

#if defined(MKTOWS_BINDINGS_HAS_requestCampaign) || defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
// Program tokens as the wire has them.
class TokenSlot {
 public:
  TokenSlot() {}
  TokenSlot(const TokenSlot &) = delete;
  TokenSlot &operator=(const TokenSlot &) = delete;
  wire::mktows__ArrayOfAttrib *fill(const std::vector<ProgramToken> &tokens) {
    attribs_.resize(tokens.size());
    list_.attrib.clear();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      attribs_[i].name = tokens[i].name;
      attribs_[i].value = tokens[i].value;
      list_.attrib.push_back(&attribs_[i]);
    }
    return &list_;
  }

 private:
  std::vector<wire::mktows__Attrib> attribs_;
  wire::mktows__ArrayOfAttrib list_;
};

inline Error check_tokens(Operation op, const std::vector<ProgramToken> &tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Error e = check_required(op, ("program token #" + std::to_string(i + 1) + " name").c_str(), tokens[i].name);
    if (e.ok()) e = validate_text(("program token #" + std::to_string(i + 1) + " value").c_str(), tokens[i].value);
    if (!e.ok()) return e;
  }
  return Error();
}

#endif

#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource)
MKTOWS_DETAIL_BODY(getCampaignsForSource, SuccessGetCampaignsForSource, "successGetCampaignsForSource");

inline Result<std::vector<Campaign> > get_campaigns_for_source(Runner &runner, const Error &setup,
                                                                CampaignSource source, const std::string &name,
                                                                bool exact_name, const CallOptions &call) {
  const Operation op = Operation::get_campaigns_for_source;
  if (!setup.ok()) return setup;
  Error e = validate_text("getCampaignsForSource name", name);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  std::string wanted = name;
  bool exact = exact_name;
  wire::mktows__ParamsGetCampaignsForSource params;
  params.source = to_wire(source);
  params.name = name.empty() ? nullptr : &wanted;
  params.exactName = name.empty() ? nullptr : &exact;
  wire::__mktows__getCampaignsForSource message;
  message.mktows__paramsGetCampaignsForSource = &params;
  wire::mktows__SuccessGetCampaignsForSource answer;
  Request r = {op, false, workspace_of(wire::context_header_declared::getCampaignsForSource, call), soap_action(op),
               {&getCampaignsForSource_body::put, &message, &getCampaignsForSource_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successGetCampaignsForSource/result");
  std::vector<Campaign> out;
  if (answer.result->campaignRecordList) {
    const std::vector<wire::mktows__CampaignRecord *> &rs = answer.result->campaignRecordList->campaignRecord;
    for (std::size_t i = 0; i < rs.size(); ++i) {
      if (!rs[i]) continue;
      Campaign c;
      c.id = rs[i]->id;
      c.name = rs[i]->name;
      c.description = rs[i]->description;
      out.push_back(c);
    }
  }
  runner.answer_used();
  return out;
}

#endif  // getCampaignsForSource

#if defined(MKTOWS_BINDINGS_HAS_requestCampaign)
MKTOWS_DETAIL_BODY(requestCampaign, SuccessRequestCampaign, "successRequestCampaign");

// requestCampaign's two legal shapes: campaignId alone, or programName and
// campaignName (with tokens or none); 1..kMaxCampaignLeads lead keys (the
// service ignores the rest, so more are refused rather than lost).
inline Result<CampaignRunResult> request_campaign(Runner &runner, const Error &setup, const CampaignRef &campaign,
                                                  const std::vector<LeadKey> &leads, CampaignSource source,
                                                  const CallOptions &call) {
  const Operation op = Operation::request_campaign;
  if (!setup.ok()) return setup;
  Error e;
  if (campaign.is_by_id()) {
    if (campaign.id() <= 0)
      e = refuse(ValidationRule::value_required, op, "a campaign id must be positive", fault_code::parameter_required);
    else if (!campaign.tokens().empty())
      e = refuse(ValidationRule::bad_combination, op,
                 "program tokens go with a program and campaign name, not with a campaign id", fault_code::bad_parameter);
  } else {
    if (campaign.program().empty() || campaign.campaign().empty())
      e = refuse(ValidationRule::bad_combination, op, "a campaign by name needs both programName and campaignName",
                 fault_code::bad_parameter);
    if (e.ok()) e = validate_text("requestCampaign programName", campaign.program());
    if (e.ok()) e = validate_text("requestCampaign campaignName", campaign.campaign());
    if (e.ok()) e = check_tokens(op, campaign.tokens());
  }
  if (e.ok() && leads.empty())
    e = refuse(ValidationRule::lead_key_required, op, "at least one lead key is required", fault_code::lead_key_required);
  if (e.ok() && leads.size() > kMaxCampaignLeads)
    e = refuse(ValidationRule::too_many_keys, op,
               "at most " + std::to_string(kMaxCampaignLeads) + " lead keys, not " + std::to_string(leads.size()) +
                   " (the service would ignore the rest)",
               0);
  for (std::size_t i = 0; e.ok() && i < leads.size(); ++i) e = check_key(op, leads[i], "lead key #" + std::to_string(i + 1));
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;

  int id = campaign.id();
  std::string program = campaign.program(), name = campaign.campaign();
  std::vector<wire::mktows__LeadKey> keys(leads.size());
  wire::mktows__ArrayOfLeadKey lead_list;
  for (std::size_t i = 0; i < leads.size(); ++i) {
    keys[i].keyType = to_wire(leads[i].type);
    keys[i].keyValue = leads[i].value;
    lead_list.leadKey.push_back(&keys[i]);
  }
  TokenSlot tokens;
  wire::mktows__ParamsRequestCampaign params;
  params.source = to_wire(source);
  params.leadList = &lead_list;
  if (campaign.is_by_id()) {
    params.campaignId = &id;
  } else {
    params.programName = &program;
    params.campaignName = &name;
    if (!campaign.tokens().empty()) params.programTokenList = tokens.fill(campaign.tokens());
  }
  wire::__mktows__requestCampaign message;
  message.mktows__paramsRequestCampaign = &params;
  wire::mktows__SuccessRequestCampaign answer;
  Request r = {op, false, workspace_of(wire::context_header_declared::requestCampaign, call), soap_action(op),
               {&requestCampaign_body::put, &message, &requestCampaign_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successRequestCampaign/result");
  CampaignRunResult out;
  out.success = answer.result->success;
  out.leads = leads.size();
  out.tokens = campaign.tokens().size();
  runner.answer_used();
  return out;
}

#endif  // requestCampaign

#if defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
MKTOWS_DETAIL_BODY(scheduleCampaign, SuccessScheduleCampaign, "successScheduleCampaign");

// scheduleCampaign: 2_2 names the campaign by program and name only; `run_at`
// 0 runs it at once.
inline Result<CampaignRunResult> schedule_campaign(Runner &runner, const Error &setup, const std::string &program_name,
                                                   const std::string &campaign_name, std::time_t run_at,
                                                   const std::vector<ProgramToken> &tokens, const CallOptions &call) {
  const Operation op = Operation::schedule_campaign;
  if (!setup.ok()) return setup;
  Error e = check_required(op, "programName", program_name);
  if (e.ok()) e = check_required(op, "campaignName", campaign_name);
  if (e.ok()) e = check_tokens(op, tokens);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  std::time_t at = run_at;
  TokenSlot token_slot;
  wire::mktows__ParamsScheduleCampaign params;
  params.programName = program_name;
  params.campaignName = campaign_name;
  params.campaignRunAt = run_at ? &at : nullptr;
  params.programTokenList = tokens.empty() ? nullptr : token_slot.fill(tokens);
  wire::__mktows__scheduleCampaign message;
  message.mktows__paramsScheduleCampaign = &params;
  wire::mktows__SuccessScheduleCampaign answer;
  Request r = {op, false, workspace_of(wire::context_header_declared::scheduleCampaign, call), soap_action(op),
               {&scheduleCampaign_body::put, &message, &scheduleCampaign_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successScheduleCampaign/result");
  CampaignRunResult out;
  out.success = answer.result->success;
  out.tokens = tokens.size();
  runner.answer_used();
  return out;
}
#endif  // scheduleCampaign

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_CAMPAIGN_CALLS_HPP
