// object_fields.hpp: the fields of the objects the sandbox holds
// (Opportunity, OpportunityPersonRole) (the virtual ActivityRecord's are
// soap_front's activity_record_metadata.hpp, shared with the bridge),
// written once for both faces: a field's SOAP attrib name, its REST name,
// its display name, its data type, size and whether a write may set it.
// describeMObject, the REST describe calls, the sync rules and the criteria
// all read these tables (docs/SANDBOX.md, "Objects").
#pragma once

#include <string>
#include <vector>

namespace mktows_sandbox {

enum class ValueKind { string, text, integer, currency, date, datetime, boolean, array };

struct ObjectField {
  const char *soap;     // the attrib / attrName
  const char *rest;     // the REST field name; empty: none
  const char *display;  // displayName
  ValueKind kind;
  int size;             // 0: none (nil)
  bool read_only;       // only the sandbox sets it (the id, the times)
  bool required;        // a new record must have it
  const char *source;   // sourceObject
};

// The table of `type` (Opportunity, OpportunityPersonRole);
// empty for any other name.
const std::vector<ObjectField> &object_fields(const std::string &type);
// The field of `type` whose SOAP name is `name` (ASCII case-insensitive),
// or null.
const ObjectField *object_field(const std::string &type, const std::string &name);
// The field of `type` whose REST name is `name` (exact), or null.
const ObjectField *object_field_by_rest(const std::string &type, const std::string &name);

// The data type's name as describe answers it ("string", "currency", ...).
const char *kind_name(ValueKind kind);

// Checks `in` as a value of `kind` (and `size`, when not 0) and writes its
// stored form to `out` (booleans "true"/"false", numbers as sent, dates
// YYYY-MM-DD, times as seconds since the epoch in decimal). False, with
// `why`, for a value the type cannot take.
bool normalise_value(ValueKind kind, int size, const std::string &in, std::string &out, std::string &why);

}  // namespace mktows_sandbox
