// lists_backend.hpp: the lists domain of the operation table
// (mktows/operations.hpp: listOperation, importToList,
// getImportToListStatus), as the front end carries it out, in gSOAP-free
// types. The sandbox's ListService keeps the lists itself. Throws
// ServiceError with the mktows fault code of a refused request.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mktows_front {

// One LeadKey as it arrived: keyType by its LeadKeyRef name (IDNUM, EMAIL, ...).
struct ListMemberKey {
  std::string key_type;
  std::string key_value;
};

enum class ListAction { add, is_member, remove };

struct ListOperationRequest {
  ListAction action = ListAction::is_member;
  std::string list_key_type;  // the ListKeyType name (MKTOLISTNAME, ...)
  std::string list_key_value;
  std::vector<ListMemberKey> members;
  bool strict = false;
  bool skip_activity_log = false;
};

struct ListOperationResult {
  bool success = false;          // every status true
  std::vector<bool> statuses;    // one per member key, in order
};

enum class ImportMode { upsert_leads, list_only };

struct ImportRequest {
  std::string program;
  std::string list;
  std::string header;             // importFileHeader: one CSV line
  std::vector<std::string> rows;  // importFileRows: one CSV line each
  ImportMode mode = ImportMode::upsert_leads;
  bool clear_list = false;
  std::string campaign;  // empty: none
};

enum class ImportState { processing, complete, failed, canceled };

struct ImportStatus {
  ImportState state = ImportState::processing;
  std::int64_t started = 0;  // seconds since the epoch; 0: not given
  std::int64_t ended = 0;    // 0: not given (not ended yet)
  int rows_imported = 0;
  int rows_failed = 0;
  int rows_ignored = 0;
  std::string summary;  // empty: not given
};

class ListsBackend {
 public:
  virtual ~ListsBackend() = default;
  // One status per member key, in order.
  virtual ListOperationResult list_operation(const ListOperationRequest &request) = 0;
  // The import's state as importToList answers it.
  virtual ImportState import_to_list(const ImportRequest &request) = 0;
  // The last import into the list named by its program and its own name.
  virtual ImportStatus import_status(const std::string &program, const std::string &list) = 0;
};

}  // namespace mktows_front
