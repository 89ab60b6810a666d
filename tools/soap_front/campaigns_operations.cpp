// campaigns_operations.cpp: the campaigns domain's operations
// (getCampaignsForSource, requestCampaign, scheduleCampaign): the wire types
// to the CampaignsBackend's and back. The rules are the backend's.
#include "soap_handler.hpp"

#include "service_error.hpp"

namespace mktows_front {

namespace {

CampaignSource to_source(wire::mktows__ReqCampSourceType s) {
  return s == wire::mktows__ReqCampSourceType__SALES ? CampaignSource::sales : CampaignSource::web_service;
}

std::vector<CampaignToken> to_tokens(const wire::mktows__ArrayOfAttrib &list) {
  std::vector<CampaignToken> out;
  out.reserve(list.attrib.size());
  for (const wire::mktows__Attrib *a : list.attrib)
    if (a) out.push_back(CampaignToken{a->name, a->value});
  return out;
}

}  // namespace

int SoapHandler::getCampaignsForSource(wire::mktows__ParamsGetCampaignsForSource *params,
                                       wire::mktows__SuccessGetCampaignsForSource &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetCampaignsForSource");
    std::vector<CampaignListing> found = context_.backends.campaigns->campaigns_for_source(
        to_source(params->source), params->name, params->exactName && *params->exactName);
    wire::mktows__ResultGetCampaignsForSource *result = wire::soap_new_mktows__ResultGetCampaignsForSource(soap);
    result->returnCount = static_cast<int>(found.size());
    result->campaignRecordList = wire::soap_new_mktows__ArrayOfCampaignRecord(soap);
    for (const CampaignListing &c : found) {
      wire::mktows__CampaignRecord *r = wire::soap_new_mktows__CampaignRecord(soap);
      r->id = c.id;
      r->name = c.name;
      r->description = c.description;  // a required element: empty, never left out
      result->campaignRecordList->campaignRecord.push_back(r);
    }
    response.result = result;
  });
}

int SoapHandler::requestCampaign(wire::mktows__ParamsRequestCampaign *params,
                                 wire::mktows__SuccessRequestCampaign &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsRequestCampaign");
    CampaignRequest request;
    request.source = to_source(params->source);
    if (params->campaignId) {
      request.has_campaign_id = true;
      request.campaign_id = *params->campaignId;
    }
    if (params->programName) {
      request.has_program_name = true;
      request.program_name = *params->programName;
    }
    if (params->campaignName) {
      request.has_campaign_name = true;
      request.campaign_name = *params->campaignName;
    }
    if (params->programTokenList) {
      request.has_tokens = true;
      request.tokens = to_tokens(*params->programTokenList);
    }
    if (params->leadList) {
      for (const wire::mktows__LeadKey *k : params->leadList->leadKey) {
        if (!k) continue;
        const char *type = wire::soap_mktows__LeadKeyRef2s(soap, k->keyType);
        request.leads.push_back(CampaignLeadKey{type ? type : "", k->keyValue});
        // The log names the first key's type (never a value).
        if (key_type_.empty() && type) key_type_ = type;
      }
    }
    context_.backends.campaigns->request_campaign(request);
    response.result = wire::soap_new_mktows__ResultRequestCampaign(soap);
    response.result->success = true;
  });
}

int SoapHandler::scheduleCampaign(wire::mktows__ParamsScheduleCampaign *params,
                                  wire::mktows__SuccessScheduleCampaign &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsScheduleCampaign");
    CampaignSchedule schedule;
    schedule.program_name = params->programName;
    schedule.campaign_name = params->campaignName;
    if (params->campaignRunAt) {
      schedule.has_run_at = true;
      schedule.run_at = static_cast<std::int64_t>(*params->campaignRunAt);
    }
    if (params->programTokenList) schedule.tokens = to_tokens(*params->programTokenList);
    context_.backends.campaigns->schedule_campaign(schedule);
    response.result = wire::soap_new_mktows__ResultScheduleCampaign(soap);
    response.result->success = true;
  });
}

}  // namespace mktows_front
