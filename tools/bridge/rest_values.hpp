// rest_values.hpp: a REST JSON value as the text a SOAP attribute carries,
// one rule for every domain of the bridge (leads, activity, objects,
// programs, custom objects), so the same stored value reads the same
// through the bridge as through the sandbox's SOAP face.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace mktows_bridge {

// Text for strings as they are, booleans as true/false, integers in
// decimal. A JSON number with a fraction part of zero (REST's `1200.0` for
// an amount SOAP wrote as `1200`) is written as the integer it is while it
// is exact in a double (|x| < 2^53); any other number as JSON writes it
// (shortest round-trip form). False, `out` untouched, for null, objects and
// arrays (no SOAP text).
bool soap_text(const nlohmann::json &v, std::string &out);

// soap_text's text, or "" where it has none.
std::string soap_text(const nlohmann::json &v);

}  // namespace mktows_bridge
