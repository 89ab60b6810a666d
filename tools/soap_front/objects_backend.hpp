// objects_backend.hpp: the objects domain of the operation table
// (mktows/operations.hpp: listMObjects, describeMObject, getMObjects,
// syncMObjects, deleteMObjects), as the front end carries it out. The
// sandbox's ObjectService holds the opportunities, their person roles and
// the programs' costs and tags. Methods throw ServiceError with the mktows
// fault code of a refused request; a refused object of a sync or delete is
// a status of its own instead.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mktows_front {

// An Attrib (name, value).
struct MObjAttrib {
  std::string name;
  std::string value;
};

// MObjAssociation: another object named by id or by external key.
struct MObjAssociationData {
  std::string type;  // mObjType: Lead, Company, Opportunity
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  MObjAttrib external_key;
};

// TypeAttrib: a typed group of attribs (a program's Cost or Tag).
struct MObjTypeAttribData {
  std::string type;
  std::vector<MObjAttrib> attribs;
};

struct MObjectData {
  std::string type;  // Opportunity, OpportunityPersonRole, Program
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  MObjAttrib external_key;
  std::int64_t created_at = 0;  // seconds since the epoch (answers only)
  std::int64_t updated_at = 0;
  std::vector<MObjAttrib> attribs;
  std::vector<MObjTypeAttribData> type_attribs;
  std::vector<MObjAssociationData> associations;
};

enum class MObjComparison { eq, ne, lt, le, gt, ge };  // ComparisonEnum

// ComparisonEnum's name of `c` (EQ, NE, ...), for positions' question keys
// and for faults that name the comparison.
inline const char *comparison_name(MObjComparison c) {
  switch (c) {
    case MObjComparison::eq: return "EQ";
    case MObjComparison::ne: return "NE";
    case MObjComparison::lt: return "LT";
    case MObjComparison::le: return "LE";
    case MObjComparison::gt: return "GT";
    case MObjComparison::ge: return "GE";
  }
  return "EQ";
}

struct MObjCriterion {
  std::string name;
  MObjComparison comparison = MObjComparison::eq;
  std::string value;
};

// getMObjects' members; has_*: the element was sent.
struct MObjQuery {
  std::string type;
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  MObjAttrib external_key;
  std::vector<MObjCriterion> criteria;
  std::vector<MObjAssociationData> associations;
  bool include_details = false;
  bool has_position = false;
  std::string position;
};

struct MObjPage {
  std::vector<MObjectData> objects;
  bool has_more = false;
  std::string position;  // newStreamPosition
};

enum class MObjSyncOperation { upsert, insert, update };
enum class MObjStatusCode { created, updated, deleted, failed, unchanged, skipped };

// An MObjStatus of syncMObjects / deleteMObjects.
struct MObjStatusData {
  int id = 0;  // 0 when no object was found or made
  bool has_external_key = false;
  MObjAttrib external_key;
  MObjStatusCode status = MObjStatusCode::failed;
  std::string error;  // empty: none
};

// MObjFieldMetadata.
struct MObjField {
  std::string name;
  std::string display_name;
  std::string source_object;
  std::string data_type;
  bool has_size = false;  // nil for dateTime, Array, ...
  int size = 0;
  bool read_only = false;
  bool update_blocked = false;
  bool is_name = false;
  bool primary_key = false;
  bool custom = false;
};

// MObjectMetadata.
struct MObjDescription {
  std::string name;
  bool custom = false;
  bool is_virtual = false;
  std::vector<MObjField> fields;
  std::int64_t updated_at = 0;
};

class ObjectsBackend {
 public:
  virtual ~ObjectsBackend() = default;
  virtual std::vector<std::string> object_names() = 0;
  virtual MObjDescription describe(const std::string &name) = 0;
  virtual MObjPage get_objects(const MObjQuery &query) = 0;
  // One status per object, in the order sent.
  virtual std::vector<MObjStatusData> sync_objects(const std::vector<MObjectData> &objects,
                                                   MObjSyncOperation operation) = 0;
  virtual std::vector<MObjStatusData> delete_objects(const std::vector<MObjectData> &objects) = 0;
};

}  // namespace mktows_front
