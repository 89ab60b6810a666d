// custom_object_types.hpp: a SOAP objTypeName to the REST custom object
// type it names and that type's shape (dedupe fields, the lead link, the
// fields and their types, what REST can search by), through REST's
// customobjects.json and customobjects/{apiName}/describe.json once and
// then the lookup cache. Nothing about a type is written in the bridge: a
// REST peer whose types differ works the same (docs/BRIDGE.md, "Custom
// objects, channels and tags").
#pragma once

#include "rest_backend.hpp"
#include "service_error.hpp"

#include <string>
#include <vector>

namespace mktows_bridge {

struct RestObjectField {
  std::string name;  // REST's spelling
  std::string type;  // describe's dataType ("string", "integer", ...)
};

struct RestObjectType {
  std::string api_name;
  std::string own_name;  // the REST name the SOAP name matched (apiName or displayName): SOAP answers it
  std::vector<std::string> dedupe;  // dedupeFields, in key order
  std::string link;                 // the field that links a record to a lead; empty: none
  std::vector<RestObjectField> fields;  // describe's, in its order
  std::vector<std::vector<std::string>> searchable;  // searchableFields

  // The field `name` names, ASCII case-blind; the SOAP key MKTOID (the lead
  // id, as 2_2 callers spell it) names the link. Null: none.
  const RestObjectField *field(const std::string &name) const;
  bool is_dedupe(const std::string &rest_name) const;
  // Whether REST can read records by this one field (searchableFields).
  bool searchable_alone(const std::string &rest_name) const;
  // Set by the type itself (marketoGUID, createdAt, updatedAt).
  static bool is_system(const std::string &rest_name);
};

// The SOAP spelling of the lead link in keys (shared/mktows-operations.md
// §3.14's sample).
extern const char kSoapLeadLink[];

// The type `soap_name` names: REST's apiName, ASCII case-blind (the
// vendor's sample sends RoadShow for Roadshow), else its displayName;
// 20110 (told) when none or several. `fresh`: forget what was cached first
// (a cached apiName REST no longer knows).
RestObjectType find_custom_object_type(RestBackend &rest, const std::string &soap_name, bool fresh = false);
// REST calls find_custom_object_type would make now: 0 while cached.
int custom_object_type_calls(RestBackend &rest, const std::string &soap_name);

// A call on customobjects/{apiName}...json: REST's answer; a "not found"
// for the type itself (1013, 610) is raised as 20114, which
// with_custom_object_type catches (no other REST answer of such a call
// becomes 20114, and it never reaches the caller).
nlohmann::json type_call(RestBackend &rest, const std::string &method, const std::string &path_and_query,
                         const std::string &content_type, const std::string &body);

// `run` gets the type and makes its REST calls through type_call; when REST
// no longer knows the cached apiName, the name is resolved once more and
// `run` runs again with the new one (the same apiName again: 20110).
template <class Run>
auto with_custom_object_type(RestBackend &rest, const std::string &soap_name, Run run) -> decltype(run(RestObjectType())) {
  auto gone = [&](const RestObjectType &t) {
    return mktows_front::ServiceError::told(mktows::fault_code::bad_parameter,
                                            "objTypeName " + soap_name + ": REST no longer knows " + t.api_name);
  };
  RestObjectType type = find_custom_object_type(rest, soap_name);
  try {
    return run(type);
  } catch (const mktows_front::ServiceError &e) {
    if (e.code() != mktows::fault_code::bad_parameter_value) throw;
  }
  RestObjectType again = find_custom_object_type(rest, soap_name, true);
  if (again.api_name == type.api_name) throw gone(type);
  try {
    return run(again);
  } catch (const mktows_front::ServiceError &e) {
    if (e.code() != mktows::fault_code::bad_parameter_value) throw;
    throw gone(again);
  }
}

}  // namespace mktows_bridge
