// list_operation.hpp: static lists: listOperation (add, remove, is-member,
// with a status per lead), importToList and its status. Plain C++11, no
// gSOAP (the wire side is detail/list_calls.hpp).
#ifndef MKTOWS_LIST_OPERATION_HPP
#define MKTOWS_LIST_OPERATION_HPP

#include "mktows/lead.hpp"

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

enum class ListOperation { add, remove, is_member };  // ADDTOLIST, REMOVEFROMLIST, ISMEMBEROFLIST

inline const char *to_string(ListOperation op) {
  switch (op) {
    case ListOperation::add: return "ADDTOLIST";
    case ListOperation::remove: return "REMOVEFROMLIST";
    case ListOperation::is_member: return "ISMEMBEROFLIST";
  }
  return "";
}

// 2_2's ListKey: a static list by name ("Program.List"), or a Sales
// Insight list by its owner.
enum class ListKeyType { list_name, sales_user_id, sfdc_lead_owner_id };  // MKTOLISTNAME, MKTOSALESUSERID, SFDCLEADOWNERID

struct ListKey {
  ListKeyType type;
  std::string value;
  ListKey(ListKeyType t, std::string v) : type(t), value(std::move(v)) {}
  static ListKey named(std::string program_dot_list) { return ListKey(ListKeyType::list_name, std::move(program_dot_list)); }
};

// What the service said of one lead: added, removed, or a member (true);
// or not (false: unknown lead, not a member, or a strict call refused).
struct LeadListStatus {
  LeadKey key;
  bool status;
  LeadListStatus(LeadKey k, bool s) : key(std::move(k)), status(s) {}
};

// One status per lead key, in the order given; `success`: every status is
// true. `requests`: calls made (more than kMaxListOperationLeads keys go in
// several, unless strict).
struct ListOperationResult {
  bool success = false;
  std::vector<LeadListStatus> statuses;
  std::size_t requests = 0;
};

struct ListOperationOptions {
  // All or nothing (the service's `strict`); then at most
  // kMaxListOperationLeads keys, in one call.
  bool strict = false;
  bool has_skip_activity_log = false;
  bool skip_activity_log = false;  // 2_2 only: no Add to List / Remove from List records
};

enum class ImportMode { upsert_leads, list_only };  // UPSERTLEADS, LISTONLY

// importToList: CSV rows under a header of display names ("Email
// Address,First Name"), into `list_name` of `program_name`.
struct ImportToListRequest {
  std::string program_name;
  std::string list_name;
  std::string header;
  std::vector<std::string> rows;
  ImportMode mode = ImportMode::upsert_leads;
  bool clear_list = false;
  std::string campaign_name;  // empty: none
};

enum class ImportStatus { processing, complete, failed, canceled };

inline const char *to_string(ImportStatus s) {
  switch (s) {
    case ImportStatus::processing: return "PROCESSING";
    case ImportStatus::complete: return "COMPLETE";
    case ImportStatus::failed: return "FAILED";
    case ImportStatus::canceled: return "CANCELED";
  }
  return "";
}

// getImportToListStatus: the counts are -1 and the times 0 when the service
// sent none.
struct ImportListStatus {
  ImportStatus status = ImportStatus::processing;
  std::time_t started = 0;
  std::time_t ended = 0;
  int estimated_time = -1;
  int estimated_rows = -1;
  int rows_imported = -1;
  int rows_failed = -1;
  int rows_ignored = -1;
  std::string summary;
};

}  // namespace mktows

#endif  // MKTOWS_LIST_OPERATION_HPP
