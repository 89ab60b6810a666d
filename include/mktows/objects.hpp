// objects.hpp: the plain types of the object, custom-object, channel and
// tag calls of mktows::Client: listMObjects, describeMObject, getMObjects,
// syncMObjects, deleteMObjects (opportunities, their person roles,
// programs), syncCustomObjects, getCustomObjects, deleteCustomObjects,
// getChannels, getTags. Plain C++11, no gSOAP (the wire side is
// src/mktows/detail/object_calls.hpp, compiled into the bindings library).
#ifndef MKTOWS_OBJECTS_HPP
#define MKTOWS_OBJECTS_HPP

#include "mktows/lead.hpp"  // Attribute: a custom object's keys and fields

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

// The wire's Attrib: a name and a value (an MObject's fields and external
// key, a program's tags and costs, a channel's progression statuses).
struct NameValue {
  std::string name;
  std::string value;
  NameValue() {}
  NameValue(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
};

// SyncOperationEnum: what a sync does with a record that exists or not.
enum class SyncOperation { upsert, insert, update };

// An object's outcome (MObjStatusEnum; a custom object's SyncStatusEnum
// is its first four).
enum class ObjectStatus { created, updated, deleted, failed, unchanged, skipped };

inline const char *to_string(ObjectStatus s) {
  switch (s) {
    case ObjectStatus::created: return "CREATED";
    case ObjectStatus::updated: return "UPDATED";
    case ObjectStatus::deleted: return "DELETED";
    case ObjectStatus::failed: return "FAILED";
    case ObjectStatus::unchanged: return "UNCHANGED";
    case ObjectStatus::skipped: return "SKIPPED";
  }
  return "FAILED";
}

// --- describeMObject -------------------------------------------------------
struct ObjectField {
  std::string name;
  std::string description;
  std::string display_name;
  std::string source_object;
  std::string data_type;
  bool has_size = false;  // nil for dateTime and Array fields
  int size = 0;
  bool is_readonly = false;
  bool is_update_blocked = false;
  bool is_name = false;
  bool is_primary_key = false;
  bool is_custom = false;
  bool is_dynamic = false;
  std::string dynamic_field_ref;
  std::time_t updated_at = 0;
};

struct ObjectDescription {
  std::string name;
  std::string description;
  bool is_custom = false;
  bool is_virtual = false;
  std::vector<ObjectField> fields;
  std::time_t updated_at = 0;
};

// --- MObjects: Opportunity, OpportunityPersonRole, Program -----------------
// An object another one is tied to (a role's Lead or Opportunity, an
// opportunity's Company): by id or by external key.
struct ObjectAssociation {
  std::string type;
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  NameValue external_key;
  static ObjectAssociation by_id(std::string type, int id) {
    ObjectAssociation a;
    a.type = std::move(type);
    a.has_id = true;
    a.id = id;
    return a;
  }
  static ObjectAssociation by_key(std::string type, std::string name, std::string value) {
    ObjectAssociation a;
    a.type = std::move(type);
    a.has_external_key = true;
    a.external_key = NameValue(std::move(name), std::move(value));
    return a;
  }
};

// A typed group of attributes: a program's Tag {Type, Value}, Cost {Month,
// Amount, Id, Note}, Token {Name, Value}.
struct TypeAttribute {
  std::string type;
  std::vector<NameValue> attributes;
};

struct MObject {
  std::string type;  // "Opportunity", "OpportunityPersonRole", "Program"
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  NameValue external_key;
  std::time_t created_at = 0;  // 0: not in the answer (never sent)
  std::time_t updated_at = 0;
  std::vector<NameValue> attributes;
  std::vector<TypeAttribute> type_attributes;
  std::vector<ObjectAssociation> associations;
};

enum class Comparison { eq, ne, lt, le, gt, ge };

struct ObjectCriterion {
  std::string attribute;  // "Name", "Stage", "Updated At", "Tag Type", ...
  Comparison comparison = Comparison::eq;
  std::string value;
};

// One getMObjects page: the objects of `type` the query names; `position`
// empty for the first page, else the previous page's.
struct MObjectQuery {
  std::string type;
  bool has_id = false;
  int id = 0;
  bool has_external_key = false;
  NameValue external_key;
  std::vector<ObjectCriterion> criteria;
  std::vector<ObjectAssociation> associations;
  bool include_details = false;  // Program only
  std::string position;
};

struct MObjectPage {
  std::vector<MObject> objects;
  bool has_more = false;
  std::string position;  // where the next page starts
};

// syncMObjects' and deleteMObjects' outcome of one object, in order.
struct MObjectStatus {
  int id = 0;
  bool has_external_key = false;
  NameValue external_key;
  ObjectStatus status = ObjectStatus::failed;
  std::string error;
};

// --- custom objects --------------------------------------------------------
struct CustomObject {
  std::vector<Attribute> keys;        // the dedupe fields (and the lead link)
  std::vector<Attribute> attributes;  // the other fields
};

struct CustomObjectStatus {
  std::string type;
  std::vector<Attribute> keys;
  ObjectStatus status = ObjectStatus::failed;
  std::string error;
};

// One getCustomObjects page of `type`, optionally those matching `keys`,
// with `fields` (empty: all).
struct CustomObjectQuery {
  std::string type;
  std::vector<Attribute> keys;
  std::vector<std::string> fields;
  int batch_size = 0;  // 0: the service's default; at most kMaxCustomObjectPage
  std::string position;
};

struct CustomObjectPage {
  std::string type;
  std::vector<CustomObject> objects;
  int remaining = 0;     // records after this page
  std::string position;  // where the next page starts
};

// --- tags and channels -----------------------------------------------------
// A tag type and its values (getTags), or a filter naming some.
struct TagType {
  std::string type;
  std::vector<std::string> values;
};

// One progression status of a channel: Status, Step, Success (and
// Check-in Status on event channels), as the service lists them.
struct ChannelStatus {
  std::vector<NameValue> attributes;
  // The value of the attribute `name`, empty if there is none.
  std::string value(const std::string &name) const {
    for (std::size_t i = 0; i < attributes.size(); ++i)
      if (attributes[i].name == name) return attributes[i].value;
    return std::string();
  }
};

struct Channel {
  std::string name;  // the channel tag's value
  std::vector<ChannelStatus> statuses;
};

}  // namespace mktows

#endif  // MKTOWS_OBJECTS_HPP
