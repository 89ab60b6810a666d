// lists_operations.cpp: the lists domain's operations (listOperation,
// importToList, getImportToListStatus): the wire types to the
// ListsBackend's and back.
#include "soap_handler.hpp"

#include "service_error.hpp"

#include <mktows/limits.hpp>

namespace mktows_front {

int SoapHandler::listOperation(wire::mktows__ParamsListOperation *params,
                               wire::mktows__SuccessListOperation &response) {
  return answer([&] {
    if (!params || !params->listKey) throw ServiceError(fault_code::parameter_required, "no listKey");
    if (!params->listMemberList || params->listMemberList->leadKey.empty())
      throw ServiceError(fault_code::lead_key_required, "no lead key in listMemberList");
    const std::vector<wire::mktows__LeadKey *> &keys = params->listMemberList->leadKey;
    // Checked here, before anything is resolved: the limit is the call's.
    if (keys.size() > mktows::kMaxListOperationLeads)
      throw ServiceError::told(fault_code::bad_parameter,
                               "more than " + std::to_string(mktows::kMaxListOperationLeads) + " leads in listMemberList");
    ListOperationRequest request;
    switch (params->listOperation) {
      case wire::mktows__ListOperationType__ADDTOLIST: request.action = ListAction::add; break;
      case wire::mktows__ListOperationType__REMOVEFROMLIST: request.action = ListAction::remove; break;
      case wire::mktows__ListOperationType__ISMEMBEROFLIST: request.action = ListAction::is_member; break;
    }
    const char *list_type = wire::soap_mktows__ListKeyType2s(soap, params->listKey->keyType);
    request.list_key_type = list_type ? list_type : "";
    request.list_key_value = params->listKey->keyValue;
    request.strict = params->strict && *params->strict;
    request.skip_activity_log = params->skipActivityLog && *params->skipActivityLog;
    request.members.reserve(keys.size());
    for (const wire::mktows__LeadKey *k : keys) {
      if (!k) throw ServiceError(fault_code::lead_key_required, "an empty leadKey");
      const char *type = wire::soap_mktows__LeadKeyRef2s(soap, k->keyType);
      request.members.push_back(ListMemberKey{type ? type : "", k->keyValue});
    }
    if (!request.members.empty()) key_type_ = request.members.front().key_type;
    ListOperationResult r = context_.backends.lists->list_operation(request);
    wire::mktows__ResultListOperation *result = wire::soap_new_mktows__ResultListOperation(soap);
    result->success = r.success;
    result->statusList = wire::soap_new_mktows__ArrayOfLeadStatus(soap);
    for (std::size_t i = 0; i < r.statuses.size() && i < keys.size(); ++i) {
      wire::mktows__LeadStatus *s = wire::soap_new_mktows__LeadStatus(soap);
      s->leadKey = keys[i];  // echoed as sent: the caller matches statuses by key
      s->status = r.statuses[i];
      result->statusList->leadStatus.push_back(s);
    }
    response.result = result;
  });
}

int SoapHandler::importToList(wire::mktows__ParamsImportToList *params, wire::mktows__SuccessImportToList &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsImportToList");
    ImportRequest request;
    request.program = params->programName;
    request.list = params->listName;
    request.header = params->importFileHeader;
    if (params->importFileRows) request.rows = params->importFileRows->stringItem;
    request.mode = params->importListMode == wire::mktows__ImportToListModeEnum__LISTONLY ? ImportMode::list_only
                                                                                           : ImportMode::upsert_leads;
    request.clear_list = params->clearList;
    if (params->campaignName) request.campaign = *params->campaignName;
    ImportState state = context_.backends.lists->import_to_list(request);
    wire::mktows__ResultImportToList *result = wire::soap_new_mktows__ResultImportToList(soap);
    result->importStatus = state == ImportState::complete ? wire::mktows__ImportToListStatusEnum__COMPLETE
                           : state == ImportState::failed ? wire::mktows__ImportToListStatusEnum__FAILED
                           : state == ImportState::canceled ? wire::mktows__ImportToListStatusEnum__CANCELED
                                                            : wire::mktows__ImportToListStatusEnum__PROCESSING;
    response.result = result;
  });
}

int SoapHandler::getImportToListStatus(wire::mktows__ParamsGetImportToListStatus *params,
                                       wire::mktows__SuccessGetImportToListStatus &response) {
  return answer([&] {
    // Both are optional in the WSDL but required by the vendor's page.
    if (!params || !params->programName || params->programName->empty())
      throw ServiceError(fault_code::parameter_required, "no programName");
    if (!params->listName || params->listName->empty()) throw ServiceError(fault_code::parameter_required, "no listName");
    ImportStatus st = context_.backends.lists->import_status(*params->programName, *params->listName);
    wire::mktows__ResultGetImportToListStatus *result = wire::soap_new_mktows__ResultGetImportToListStatus(soap);
    result->status = st.state == ImportState::complete ? wire::mktows__ImportToListStatusEnum__COMPLETE
                     : st.state == ImportState::failed ? wire::mktows__ImportToListStatusEnum__FAILED
                     : st.state == ImportState::canceled ? wire::mktows__ImportToListStatusEnum__CANCELED
                                                         : wire::mktows__ImportToListStatusEnum__PROCESSING;
    auto time_of = [&](std::int64_t t) -> time_t * {
      if (!t) return nullptr;
      time_t *p = static_cast<time_t *>(soap_malloc(soap, sizeof(time_t)));
      *p = static_cast<time_t>(t);
      return p;
    };
    auto int_of = [&](int v) {
      int *p = wire::soap_new_int(soap);
      *p = v;
      return p;
    };
    result->startedTime = time_of(st.started);
    result->endedTime = time_of(st.ended);
    result->rowsImported = int_of(st.rows_imported);
    result->rowsFailed = int_of(st.rows_failed);
    result->rowsIgnored = int_of(st.rows_ignored);
    if (!st.summary.empty()) {
      result->importSummary = wire::soap_new_std__string(soap);
      *result->importSummary = st.summary;
    }
    response.result = result;
  });
}

}  // namespace mktows_front
