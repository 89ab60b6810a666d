// custom_objects_backend.hpp: the custom objects domain of the operation
// table (mktows/operations.hpp: syncCustomObjects, getCustomObjects,
// deleteCustomObjects), as the front end carries it out. The sandbox's
// CustomObjectService holds the records. Methods throw ServiceError with the
// mktows fault code of a refused request; a record the call could not
// write or delete is an outcome, not a fault.
#pragma once

#include <string>
#include <vector>

namespace mktows_front {

// An Attribute of a key or attribute list (attrName, attrValue).
struct CustomField {
  std::string name;
  std::string value;
};
using CustomFields = std::vector<CustomField>;

// One customObj of syncCustomObjects, as sent.
struct CustomObjectInput {
  CustomFields keys;
  CustomFields attributes;
};

// SyncOperationEnum; absent on the wire: upsert (docs/SANDBOX.md).
enum class CustomSyncOperation { upsert, insert, update };

// SyncStatusEnum: the 2_2 enum has no UNCHANGED or SKIPPED (the sheet's §6
// #5), so a record left as it was is FAILED with the reason in `error`.
enum class CustomObjectStatus { created, updated, deleted, failed };

struct CustomObjectOutcome {
  CustomFields keys;  // the request's keys, as sent
  CustomObjectStatus status = CustomObjectStatus::failed;
  std::string error;  // empty unless failed
};

struct CustomObjectResult {
  std::string type_name;  // the type's own spelling
  std::vector<CustomObjectOutcome> outcomes;  // one per record, in order
};

struct CustomObjectQuery {
  std::string type_name;
  std::string stream_position;  // empty: the first page
  bool has_batch_size = false;
  int batch_size = 0;
  CustomFields keys;  // every one must match; none: every record of the type
  std::vector<std::string> include;  // empty: every field
};

struct CustomObjectRecord {
  CustomFields keys;        // the lead link, then the dedupe fields
  CustomFields attributes;  // the other fields asked for that have a value
};

struct CustomObjectPage {
  std::string type_name;
  std::vector<CustomObjectRecord> records;
  int remaining = 0;          // records after this page
  std::string next_position;  // empty: the walk is done
};

class CustomObjectsBackend {
 public:
  virtual ~CustomObjectsBackend() = default;
  virtual CustomObjectResult sync_custom_objects(const std::string &type_name, CustomSyncOperation operation,
                                                 const std::vector<CustomObjectInput> &records) = 0;
  virtual CustomObjectPage get_custom_objects(const CustomObjectQuery &query) = 0;
  virtual CustomObjectResult delete_custom_objects(const std::string &type_name,
                                                   const std::vector<CustomFields> &key_lists) = 0;
};

}  // namespace mktows_front
