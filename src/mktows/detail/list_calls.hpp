// detail/list_calls.hpp: listOperation, importToList and
// getImportToListStatus over a Runner (detail/runner.hpp).
#ifndef MKTOWS_DETAIL_LIST_CALLS_HPP
#define MKTOWS_DETAIL_LIST_CALLS_HPP

#include "mktows/wire.hpp"

#include "mktows/detail/body.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/runner.hpp"
#include "mktows/limits.hpp"
#include "mktows/list_operation.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

#if defined(MKTOWS_BINDINGS_HAS_listOperation)
MKTOWS_DETAIL_BODY(listOperation, SuccessListOperation, "successListOperation");

inline enum wire::mktows__ListOperationType to_wire(ListOperation op) {
  switch (op) {
    case ListOperation::add: return wire::mktows__ListOperationType__ADDTOLIST;
    case ListOperation::remove: return wire::mktows__ListOperationType__REMOVEFROMLIST;
    case ListOperation::is_member: return wire::mktows__ListOperationType__ISMEMBEROFLIST;
  }
  return wire::mktows__ListOperationType__ISMEMBEROFLIST;
}

inline enum wire::mktows__ListKeyType to_wire(ListKeyType t) {
  switch (t) {
    case ListKeyType::list_name: return wire::mktows__ListKeyType__MKTOLISTNAME;
    case ListKeyType::sales_user_id: return wire::mktows__ListKeyType__MKTOSALESUSERID;
    case ListKeyType::sfdc_lead_owner_id: return wire::mktows__ListKeyType__SFDCLEADOWNERID;
  }
  return wire::mktows__ListKeyType__MKTOLISTNAME;
}

#endif  // listOperation

#if defined(MKTOWS_BINDINGS_HAS_importToList) || defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
inline ImportStatus from_wire(enum wire::mktows__ImportToListStatusEnum s) {
  switch (s) {
    case wire::mktows__ImportToListStatusEnum__PROCESSING: return ImportStatus::processing;
    case wire::mktows__ImportToListStatusEnum__COMPLETE: return ImportStatus::complete;
    case wire::mktows__ImportToListStatusEnum__FAILED: return ImportStatus::failed;
    case wire::mktows__ImportToListStatusEnum__CANCELED: return ImportStatus::canceled;
  }
  return ImportStatus::failed;
}

#endif

#if defined(MKTOWS_BINDINGS_HAS_listOperation)
// listOperation: keys in calls of at most kMaxListOperationLeads (more is
// the service's 20110), one status per key in order. A strict call is all
// or nothing in the service, so it must fit in one call.
inline Result<ListOperationResult> list_operation(Runner &runner, const Error &setup, ListOperation operation,
                                                  const ListKey &list, const std::vector<LeadKey> &leads,
                                                  const ListOperationOptions &options, const CallOptions &call) {
  const Operation op = Operation::list_operation;
  if (!setup.ok()) return setup;
  Error e = check_required(op, "the list key's value", list.value);
  if (e.ok() && leads.empty())
    e = refuse(ValidationRule::lead_key_required, op, "at least one lead key is required", fault_code::lead_key_required);
  if (e.ok() && options.strict && leads.size() > kMaxListOperationLeads)
    e = refuse(ValidationRule::too_many_keys, op,
               "a strict call takes at most " + std::to_string(kMaxListOperationLeads) + " lead keys, not " +
                   std::to_string(leads.size()) + " (several calls could not be all or nothing)",
               fault_code::bad_parameter);
  for (std::size_t i = 0; e.ok() && i < leads.size(); ++i) e = check_key(op, leads[i], "lead key #" + std::to_string(i + 1));
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;

  wire::mktows__ListKey list_key;
  list_key.keyType = to_wire(list.type);
  list_key.keyValue = list.value;
  wire::mktows__ArrayOfLeadKey members;
  std::vector<wire::mktows__LeadKey> keys(leads.size() < kMaxListOperationLeads ? leads.size() : kMaxListOperationLeads);
  bool strict = options.strict, skip = options.skip_activity_log;
  wire::mktows__ParamsListOperation params;
  params.listOperation = to_wire(operation);
  params.listKey = &list_key;
  params.listMemberList = &members;
  params.strict = &strict;
  params.skipActivityLog = options.has_skip_activity_log ? &skip : nullptr;
  wire::__mktows__listOperation message;
  message.mktows__paramsListOperation = &params;
  wire::mktows__SuccessListOperation answer;

  ListOperationResult out;
  out.success = true;
  out.statuses.reserve(leads.size());
  for (std::size_t first = 0; first < leads.size(); first += kMaxListOperationLeads) {
    std::size_t count = leads.size() - first < kMaxListOperationLeads ? leads.size() - first : kMaxListOperationLeads;
    members.leadKey.clear();
    for (std::size_t i = 0; i < count; ++i) {
      keys[i].keyType = to_wire(leads[first + i].type);
      keys[i].keyValue = leads[first + i].value;
      members.leadKey.push_back(&keys[i]);
    }
    Request r = {op, false, workspace_of(wire::context_header_declared::listOperation, call), soap_action(op),
                 {&listOperation_body::put, &message, &listOperation_body::get, &answer}};
    e = runner.run(r, call);
    if (e.ok() && !answer.result) e = runner.answer_lacks("successListOperation/result");
    const std::vector<wire::mktows__LeadStatus *> *statuses =
        e.ok() && answer.result->statusList ? &answer.result->statusList->leadStatus : nullptr;
    if (e.ok() && (statuses ? statuses->size() : 0) != count) {
      std::size_t got = statuses ? statuses->size() : 0;
      runner.free_now();
      e.kind = ErrorKind::protocol;
      e.may_have_been_applied = true;
      e.message = "the service answered " + std::to_string(got) + " statuses for " + std::to_string(count) + " lead keys";
    }
    if (!e.ok()) {
      e.completed = first;  // the keys of the calls before this one were carried out
      if (leads.size() > kMaxListOperationLeads)
        e.message = "lead keys #" + std::to_string(first + 1) + "-#" + std::to_string(first + count) + ": " + e.message;
      return e;
    }
    // One status per key, in request order; the key is the one sent.
    for (std::size_t i = 0; i < count; ++i) {
      bool ok = (*statuses)[i] && (*statuses)[i]->status;
      out.statuses.push_back(LeadListStatus(leads[first + i], ok));
      if (!ok) out.success = false;
    }
    if (!answer.result->success) out.success = false;
    ++out.requests;
    runner.answer_used();
  }
  return out;
}

#endif  // listOperation

#if defined(MKTOWS_BINDINGS_HAS_importToList)
MKTOWS_DETAIL_BODY(importToList, SuccessImportToList, "successImportToList");

inline Result<ImportStatus> import_to_list(Runner &runner, const Error &setup, const ImportToListRequest &request,
                                           const CallOptions &call) {
  const Operation op = Operation::import_to_list;
  if (!setup.ok()) return setup;
  Error e = check_required(op, "programName", request.program_name);
  if (e.ok()) e = check_required(op, "listName", request.list_name);
  if (e.ok()) e = check_required(op, "importFileHeader", request.header);
  if (e.ok()) e = validate_text("importToList campaignName", request.campaign_name);
  for (std::size_t i = 0; e.ok() && i < request.rows.size(); ++i)
    e = validate_text(("importToList row #" + std::to_string(i + 1)).c_str(), request.rows[i]);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;

  wire::mktows__ArrayOfString rows;
  rows.stringItem = request.rows;
  std::string campaign = request.campaign_name;
  wire::mktows__ParamsImportToList params;
  params.programName = request.program_name;
  params.importFileHeader = request.header;
  params.importFileRows = &rows;
  params.importListMode = request.mode == ImportMode::list_only ? wire::mktows__ImportToListModeEnum__LISTONLY
                                                                 : wire::mktows__ImportToListModeEnum__UPSERTLEADS;
  params.listName = request.list_name;
  params.clearList = request.clear_list;
  params.campaignName = campaign.empty() ? nullptr : &campaign;  // nil: the element is required, its value nillable
  wire::__mktows__importToList message;
  message.mktows__paramsImportToList = &params;
  wire::mktows__SuccessImportToList answer;
  // Never resent once it may have been received: an import runs once
  // (operations.hpp: never).
  Request r = {op, false, workspace_of(wire::context_header_declared::importToList, call), soap_action(op),
               {&importToList_body::put, &message, &importToList_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successImportToList/result");
  ImportStatus status = from_wire(answer.result->importStatus);
  runner.answer_used();
  return status;
}

#endif  // importToList

#if defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
MKTOWS_DETAIL_BODY(getImportToListStatus, SuccessGetImportToListStatus, "successGetImportToListStatus");

inline Result<ImportListStatus> get_import_to_list_status(Runner &runner, const Error &setup,
                                                           const std::string &program_name,
                                                           const std::string &list_name, const CallOptions &call) {
  const Operation op = Operation::get_import_to_list_status;
  if (!setup.ok()) return setup;
  Error e = check_required(op, "programName", program_name);
  if (e.ok()) e = check_required(op, "listName", list_name);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;
  std::string program = program_name, list = list_name;
  wire::mktows__ParamsGetImportToListStatus params;
  params.programName = &program;
  params.listName = &list;
  wire::__mktows__getImportToListStatus message;
  message.mktows__paramsGetImportToListStatus = &params;
  wire::mktows__SuccessGetImportToListStatus answer;
  Request r = {op, false, workspace_of(wire::context_header_declared::getImportToListStatus, call), soap_action(op),
               {&getImportToListStatus_body::put, &message, &getImportToListStatus_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result) return runner.answer_lacks("successGetImportToListStatus/result");
  const wire::mktows__ResultGetImportToListStatus &w = *answer.result;
  ImportListStatus out;
  out.status = from_wire(w.status);
  if (w.startedTime) out.started = *w.startedTime;
  if (w.endedTime) out.ended = *w.endedTime;
  if (w.estimatedTime) out.estimated_time = *w.estimatedTime;
  if (w.estimatedRows) out.estimated_rows = *w.estimatedRows;
  if (w.rowsImported) out.rows_imported = *w.rowsImported;
  if (w.rowsFailed) out.rows_failed = *w.rowsFailed;
  if (w.rowsIgnored) out.rows_ignored = *w.rowsIgnored;
  if (w.importSummary) out.summary = *w.importSummary;
  runner.answer_used();
  return out;
}
#endif  // getImportToListStatus

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_LIST_CALLS_HPP
