// object_criteria.hpp: one MObjCriteria of getMObjects against a stored
// value: the six comparisons of ComparisonEnum, by the field's data type
// (numbers as numbers, dates and times in time order, text without ASCII
// case). docs/SANDBOX.md, "Objects", gives the rules.
#pragma once

#include "object_fields.hpp"
#include "objects_backend.hpp"

#include <string>

namespace mktows_sandbox {

// A criterion made ready for matching: its value in the stored form of the
// field's type.
struct Criterion {
  ValueKind kind = ValueKind::string;
  mktows_front::MObjComparison comparison = mktows_front::MObjComparison::eq;
  std::string value;
};

// Prepares `value` for a field of `kind`; false, with `why`, when the type
// cannot take it or the comparison means nothing for it (a boolean takes
// EQ and NE only).
bool make_criterion(ValueKind kind, mktows_front::MObjComparison comparison, const std::string &value,
                    Criterion &out, std::string &why);

// Whether a record whose value is `stored` (stored form; null: the record
// has none) meets `c`. A record with no value meets NE only.
bool meets(const Criterion &c, const std::string *stored);

}  // namespace mktows_sandbox
