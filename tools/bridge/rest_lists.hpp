// rest_lists.hpp: the lists domain (listOperation, importToList,
// getImportToListStatus) carried to REST's list membership calls and the
// bulk lead import; the import's batch id is kept in the state store
// (docs/BRIDGE.md, "Lists").
#pragma once

#include "lists_backend.hpp"
#include "rest_backend.hpp"

namespace mktows_bridge {

class RestLists : public mktows_front::ListsBackend {
 public:
  explicit RestLists(RestBackend &rest) : rest_(rest) {}

  mktows_front::ListOperationResult list_operation(const mktows_front::ListOperationRequest &request) override;
  mktows_front::ImportState import_to_list(const mktows_front::ImportRequest &request) override;
  mktows_front::ImportStatus import_status(const std::string &program, const std::string &list) override;

 private:
  // One membership call per 300 ids: each id's REST status, in order.
  std::vector<std::string> membership(const std::string &method, const std::string &path, const std::vector<int> &ids);

  RestBackend &rest_;
};

}  // namespace mktows_bridge
