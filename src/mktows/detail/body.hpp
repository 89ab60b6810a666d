// detail/body.hpp: the pieces every call of detail/*_calls.hpp shares:
// the put/get pair of a request and answer element (detail::Body), the
// soapAction and workspace of an operation, and the checks of what a call
// may send (a refusal names the rule and the fault the service would give,
// fault_codes.hpp).
#ifndef MKTOWS_DETAIL_BODY_HPP
#define MKTOWS_DETAIL_BODY_HPP

#include "mktows/wire.hpp"

#include "mktows/detail/call.hpp"
#include "mktows/error.hpp"
#include "mktows/fault_codes.hpp"
#include "mktows/lead.hpp"
#include "mktows/operations.hpp"
#include "mktows/validation.hpp"

#include <cstddef>
#include <string>
#include <vector>

// The body functions of operation `op` (syncLead's style, client.hpp): the
// request's wrapper __mktows__<op>, the answer mktows__<Success> read from
// the element "mktows:<success_tag>".
#define MKTOWS_DETAIL_BODY(op, Success, success_tag)                                                         \
  struct op##_body {                                                                                         \
    static int put(struct soap *soap, const void *m) {                                                       \
      return ::mktows::wire::soap_put___mktows__##op(soap, static_cast<const ::mktows::wire::__mktows__##op *>(m), \
                                                     "-mktows:" #op, "");                                    \
    }                                                                                                        \
    static void get(struct soap *soap, void *a) {                                                            \
      ::mktows::wire::mktows__##Success *answer = static_cast<::mktows::wire::mktows__##Success *>(a);       \
      answer->soap_default(soap);                                                                            \
      answer->soap_get(soap, "mktows:" success_tag, nullptr);                                                \
    }                                                                                                        \
  }

namespace mktows {
namespace detail {

// "http://www.marketo.com/mktows/getMultipleLeads": the namespace and the
// operation's name (operations.hpp).
inline const char *soap_action(Operation op) {
  struct Table {
    std::string action[kOperationCount];
    Table() {
      for (std::size_t i = 0; i < kOperationCount; ++i) action[i] = std::string(kMktowsNamespace) + kOperations[i].name;
    }
  };
  static const Table table;
  return table.action[static_cast<std::size_t>(op)].c_str();
}

// The workspace header to send: none where the binding does not declare
// it on the operation, else the call's (or the client's).
inline const char *workspace_of(bool declared, const CallOptions &call) {
  if (!declared) return "";
  return call.has_workspace() ? call.workspace().c_str() : nullptr;
}

// A request refused before sending: the rule, what is wrong, and the fault
// the service would have answered (0: none to name).
inline Error refuse(ValidationRule rule, Operation op, const std::string &what, int fault) {
  std::string m = std::string(to_string(rule)) + ": " + to_string(op) + ": " + what;
  if (fault) m += " (the service would answer " + fault_string(fault) + ")";
  return validation_error(rule, m);
}

// A lead key's value: present, and text XML can carry.
inline Error check_key(Operation op, const LeadKey &key, const std::string &which) {
  if (key.value.empty())
    return refuse(ValidationRule::lead_key_value_required, op, which + " has an empty value", fault_code::lead_key_required);
  Error e = validate_text((std::string(to_string(op)) + " " + which).c_str(), key.value);
  return e;
}

// A required string: non-empty, text XML can carry.
inline Error check_required(Operation op, const char *field, const std::string &value) {
  if (value.empty()) return refuse(ValidationRule::value_required, op, std::string(field) + " is required", fault_code::parameter_required);
  return validate_text((std::string(to_string(op)) + " " + field).c_str(), value);
}

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_BODY_HPP
