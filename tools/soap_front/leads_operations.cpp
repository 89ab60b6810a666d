// leads_operations.cpp: the leads domain's operations (syncLead,
// syncMultipleLeads, getLead): the wire types to the LeadsBackend's and back.
#include "soap_handler.hpp"

#include "service_error.hpp"

#include <mktows/limits.hpp>

namespace mktows_front {

namespace {

// The keys a LeadRecord gives, by element name, for the log (the values are
// never logged).
std::string key_types(const LeadInput &in) {
  std::string k;
  if (in.has_id) k = "Id";
  if (!in.foreign_id.empty()) k += k.empty() ? "ForeignSysPersonId" : "+ForeignSysPersonId";
  if (!in.email.empty()) k += k.empty() ? "Email" : "+Email";
  return k;
}

}  // namespace

LeadInput SoapHandler::to_input(const wire::mktows__LeadRecord &r) {
  LeadInput in;
  if (r.Id) {
    in.has_id = true;
    in.id = *r.Id;
  }
  if (r.Email) in.email = *r.Email;
  if (r.ForeignSysPersonId) in.foreign_id = *r.ForeignSysPersonId;
  if (r.ForeignSysType) in.foreign_type = wire::soap_mktows__ForeignSysType2s(soap, *r.ForeignSysType);
  if (r.leadAttributeList)
    for (const wire::mktows__Attribute *a : r.leadAttributeList->attribute)
      if (a) in.attributes.push_back(Attribute{a->attrName, a->attrValue});
  return in;
}

wire::mktows__LeadRecord *SoapHandler::to_record(const Lead &lead) {
  wire::mktows__LeadRecord *r = wire::soap_new_mktows__LeadRecord(soap);
  r->Id = wire::soap_new_int(soap);
  *r->Id = lead.id;
  if (!lead.email.empty()) {
    r->Email = wire::soap_new_std__string(soap);
    *r->Email = lead.email;
  }
  if (!lead.foreign_id.empty()) {
    r->ForeignSysPersonId = wire::soap_new_std__string(soap);
    *r->ForeignSysPersonId = lead.foreign_id;
    r->ForeignSysType = static_cast<wire::mktows__ForeignSysType *>(soap_malloc(soap, sizeof(wire::mktows__ForeignSysType)));
    if (wire::soap_s2mktows__ForeignSysType(soap, lead.foreign_type.c_str(), r->ForeignSysType)) r->ForeignSysType = nullptr;
    soap->error = SOAP_OK;
  }
  r->leadAttributeList = wire::soap_new_mktows__ArrayOfAttribute(soap);
  for (const Attribute &a : lead.attributes) {
    wire::mktows__Attribute *out = wire::soap_new_mktows__Attribute(soap);
    out->attrName = a.name;
    out->attrValue = a.value;
    std::string type = context_.backends.leads->attribute_type(a.name);
    if (!type.empty()) {
      out->attrType = wire::soap_new_std__string(soap);
      *out->attrType = type;
    }
    r->leadAttributeList->attribute.push_back(out);
  }
  return r;
}

int SoapHandler::syncLead(wire::mktows__ParamsSyncLead *params, wire::mktows__SuccessSyncLead &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsSyncLead");
    if (!params->leadRecord) throw ServiceError(fault_code::lead_detail_required, "no leadRecord");
    SyncRequest request;
    request.lead = to_input(*params->leadRecord);
    key_type_ = key_types(request.lead);
    if (params->marketoCookie) request.cookie = *params->marketoCookie;
    request.has_workspace = has_workspace_;
    request.workspace = workspace_;
    request.return_lead = params->returnLead;
    SyncResult r = context_.backends.leads->sync_lead(request);
    wire::mktows__ResultSyncLead *result = wire::soap_new_mktows__ResultSyncLead(soap);
    result->leadId = r.lead_id;
    result->syncStatus = wire::soap_new_mktows__SyncStatus(soap);
    result->syncStatus->leadId = r.lead_id;
    result->syncStatus->status = r.created ? wire::mktows__LeadSyncStatus__CREATED : wire::mktows__LeadSyncStatus__UPDATED;
    result->syncStatus->error = nullptr;
    if (!r.error.empty()) {
      result->syncStatus->status = wire::mktows__LeadSyncStatus__FAILED;
      result->syncStatus->error = wire::soap_new_std__string(soap);
      *result->syncStatus->error = r.error;
    }
    result->leadRecord = params->returnLead && r.error.empty() ? to_record(r.record) : nullptr;
    response.result = result;
  });
}

int SoapHandler::syncMultipleLeads(wire::mktows__ParamsSyncMultipleLeads *params,
                                   wire::mktows__SuccessSyncMultipleLeads &response) {
  return answer([&] {
    if (!params || !params->leadRecordList) throw ServiceError(fault_code::parameter_required, "no leadRecordList");
    const std::vector<wire::mktows__LeadRecord *> &records = params->leadRecordList->leadRecord;
    // The hosted service refused batches above its limit (mktows/limits.hpp).
    if (records.size() > mktows::kMaxBatch)
      throw ServiceError(fault_code::bad_parameter, "more than " + std::to_string(mktows::kMaxBatch) + " records");
    std::vector<LeadInput> inputs;
    inputs.reserve(records.size());
    std::vector<bool> missing(records.size(), false);
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (records[i]) {
        inputs.push_back(to_input(*records[i]));
      } else {
        missing[i] = true;
        inputs.emplace_back();  // no key at all: fails with 20101
      }
    }
    bool dedup = params->dedupEnabled ? *params->dedupEnabled : true;
    std::vector<BatchResult> out = context_.backends.leads->sync_multiple(inputs, has_workspace_, workspace_, dedup);
    wire::mktows__ResultSyncMultipleLeads *result = wire::soap_new_mktows__ResultSyncMultipleLeads(soap);
    result->syncStatusList = wire::soap_new_mktows__ArrayOfSyncStatus(soap);
    for (std::size_t i = 0; i < out.size(); ++i) {
      wire::mktows__SyncStatus *s = wire::soap_new_mktows__SyncStatus(soap);
      s->leadId = out[i].lead_id;
      if (out[i].error_code) {
        s->status = wire::mktows__LeadSyncStatus__FAILED;
        s->error = wire::soap_new_std__string(soap);
        *s->error = missing[i]                ? mktows::fault_string(fault_code::lead_detail_required)
                    : out[i].error.empty() ? mktows::fault_string(out[i].error_code)
                                           : out[i].error;
      } else {
        s->status = out[i].created ? wire::mktows__LeadSyncStatus__CREATED : wire::mktows__LeadSyncStatus__UPDATED;
        s->error = nullptr;
      }
      result->syncStatusList->syncStatus.push_back(s);
    }
    response.result = result;
  });
}

int SoapHandler::getLead(wire::mktows__ParamsGetLead *params, wire::mktows__SuccessGetLead &response) {
  return answer([&] {
    if (!params || !params->leadKey) throw ServiceError(fault_code::lead_key_required, "no leadKey");
    const char *type = wire::soap_mktows__LeadKeyRef2s(soap, params->leadKey->keyType);
    key_type_ = type ? type : "";
    std::vector<Lead> leads = context_.backends.leads->get_leads(type ? type : "", params->leadKey->keyValue);
    wire::mktows__ResultGetLead *result = wire::soap_new_mktows__ResultGetLead(soap);
    result->count = static_cast<int>(leads.size());
    result->leadRecordList = wire::soap_new_mktows__ArrayOfLeadRecord(soap);
    for (const Lead &l : leads) result->leadRecordList->leadRecord.push_back(to_record(l));
    response.result = result;
  });
}

int SoapHandler::getMultipleLeads(wire::mktows__ParamsGetMultipleLeads *params,
                                  wire::mktows__SuccessGetMultipleLeads &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetMultipleLeads");
    MultipleLeadsRequest request;
    LeadSelection &sel = request.selection;
    // The selector's kind is its xsi:type (gSOAP instantiates the subtype
    // it names); without one the abstract base arrives, which names nothing.
    if (params->leadSelector) {
      if (auto *k = dynamic_cast<wire::mktows__LeadKeySelector *>(params->leadSelector)) {
        sel.kind = LeadSelection::Kind::keys;
        const char *type = wire::soap_mktows__LeadKeyRef2s(soap, k->keyType);
        sel.key_type = type ? type : "";
        key_type_ = sel.key_type;
        if (k->keyValues) sel.key_values = k->keyValues->stringItem;
      } else if (auto *l = dynamic_cast<wire::mktows__StaticListSelector *>(params->leadSelector)) {
        sel.kind = LeadSelection::Kind::static_list;
        if (l->staticListId) {
          sel.has_list_id = true;
          sel.list_id = *l->staticListId;
        }
        if (l->staticListName) sel.list_name = *l->staticListName;
      } else if (auto *u = dynamic_cast<wire::mktows__LastUpdateAtSelector *>(params->leadSelector)) {
        sel.kind = LeadSelection::Kind::last_update;
        sel.oldest = static_cast<std::int64_t>(u->oldestUpdatedAt);
        if (u->latestUpdatedAt) {
          sel.has_latest = true;
          sel.latest = static_cast<std::int64_t>(*u->latestUpdatedAt);
        }
      } else {
        throw ServiceError::told(fault_code::request_not_understood,
                                 "leadSelector needs an xsi:type: LeadKeySelector, StaticListSelector or "
                                 "LastUpdateAtSelector");
      }
    } else if (params->lastUpdatedAt) {
      // The deprecated form: leads updated since then.
      sel.kind = LeadSelection::Kind::last_update;
      sel.oldest = static_cast<std::int64_t>(*params->lastUpdatedAt);
    } else {
      throw ServiceError::told(fault_code::parameter_required, "leadSelector is required");
    }
    if (params->streamPosition) request.stream_position = *params->streamPosition;
    if (params->batchSize) {
      request.has_batch_size = true;
      request.batch_size = *params->batchSize;
    }
    if (params->includeAttributes) {
      request.has_include = true;
      request.include = params->includeAttributes->stringItem;
    }
    MultipleLeadsPage page = context_.backends.leads->get_multiple_leads(request);
    wire::mktows__ResultGetMultipleLeads *result = wire::soap_new_mktows__ResultGetMultipleLeads(soap);
    result->returnCount = static_cast<int>(page.leads.size());
    result->remainingCount = page.remaining;
    result->newStreamPosition = page.next_position;  // an empty element once done
    result->leadRecordList = wire::soap_new_mktows__ArrayOfLeadRecord(soap);
    for (const Lead &l : page.leads) {
      wire::mktows__LeadRecord *r = to_record(l);
      // Asked for no attribute: the list is nil, as the vendor answered.
      if (request.has_include && l.attributes.empty()) r->leadAttributeList = nullptr;
      result->leadRecordList->leadRecord.push_back(r);
    }
    response.result = result;
  });
}

namespace {

LeadKeyList key_list(const wire::mktows__ArrayOfAttribute *a) {
  LeadKeyList out;
  if (a)
    for (const wire::mktows__Attribute *k : a->attribute)
      if (k) out.push_back(Attribute{k->attrName, k->attrValue});
  return out;
}

}  // namespace

int SoapHandler::mergeLeads(wire::mktows__ParamsMergeLeads *params, wire::mktows__SuccessMergeLeads &response) {
  return answer([&] {
    if (!params || !params->winningLeadKeyList || !params->losingLeadKeyLists)
      throw ServiceError(fault_code::parameter_required, "winningLeadKeyList and losingLeadKeyLists are required");
    LeadKeyList winner = key_list(params->winningLeadKeyList);
    std::vector<LeadKeyList> losers;
    for (const wire::mktows__ArrayOfAttribute *l : params->losingLeadKeyLists->keyList) losers.push_back(key_list(l));
    if (!winner.empty()) key_type_ = winner.front().name;
    MergeResult merged = context_.backends.leads->merge_leads(winner, losers);
    wire::mktows__ResultMergeLeads *result = wire::soap_new_mktows__ResultMergeLeads(soap);
    result->mergeStatus = wire::soap_new_mktows__MergeStatus(soap);
    result->mergeStatus->winningLeadId = wire::soap_new_int(soap);
    *result->mergeStatus->winningLeadId = merged.winner_id;
    result->mergeStatus->losingLeadIdList = wire::soap_new_mktows__ArrayOfInteger(soap);
    result->mergeStatus->losingLeadIdList->integerItem = merged.loser_ids;
    result->mergeStatus->status = wire::mktows__LeadMergeStatusEnum__MERGED;
    result->mergeStatus->error = nullptr;
    response.result = result;
  });
}

}  // namespace mktows_front
