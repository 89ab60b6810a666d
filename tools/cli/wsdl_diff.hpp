// wsdl_diff.hpp: compares two mktows WSDL files (wsdl_model.hpp) and decides
// whether mktows::Client's calls (wsdl_client_surface.hpp) are unaffected.
#pragma once

#include "wsdl_cpp.hpp"
#include "wsdl_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mktows_cli {
namespace wsdl {

// One difference. `kind` is one of:
//   types:      member_added, member_removed, type_changed, min_occurs_changed,
//               max_occurs_changed, nillable_changed, order_changed (of an
//               xs:sequence's members), group_changed (sequence, all, choice),
//               base_changed, derivation_changed, abstract_changed,
//               kind_changed (simple <-> complex), value_added, value_removed
//   operations: soap_action_changed, style_changed, input_use_changed,
//               bound_changed, input_body_changed, output_body_changed,
//               input_header_added, input_header_removed, output_header_added,
//               output_header_removed, fault_added, fault_removed
//   the schema: target_namespace_changed, element_form_default_changed
// `member` names the member, header, fault or value concerned (empty for a
// change of the whole type or operation).
struct Change {
  std::string kind;
  std::string member;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

// A type whose XML or generated C++ differs. `cpp` is what changes in the
// code gSOAP generates from it (empty: the XML changes make the same code,
// e.g. nillability on an optional element).
struct TypeChange {
  std::string type;
  std::vector<Change> changes;
  std::string cpp_class;  // "mktows__LeadRecord"
  std::vector<CppChange> cpp;
};

struct OperationChange {
  std::string operation;
  std::vector<Change> changes;
};

struct ElementChange {
  std::string element;
  std::string old_type;
  std::string new_type;
};

struct Diff {
  std::string old_source, new_source;
  std::vector<Change> schema_changes;
  std::vector<std::string> operations_added, operations_removed;
  std::vector<OperationChange> operations_changed;
  std::vector<std::string> elements_added, elements_removed;
  std::vector<ElementChange> elements_changed;
  std::vector<std::string> types_added, types_removed;
  std::vector<TypeChange> types_changed;

  // True when nothing the client's calls use differs in the generated C++
  // or on the wire, and the new file still has what the client sends and
  // expects; else `client_reasons` says why. `client_unaffected` lists the
  // changes to types it reaches that make no difference to it (the same
  // generated code, an added optional member, a reordered xs:all).
  bool client_compatible = true;
  std::vector<std::string> client_reasons;
  std::vector<std::string> client_unaffected;
  std::vector<std::string> client_types;  // the types its calls reach, in either file
  std::vector<std::string> notes;         // "OLD: ..." / "NEW: ..." from the readers
};

Diff compare(const Definitions &old_defs, const Definitions &new_defs);

// A member as the reports show it: "xs:int [0..1] nillable".
std::string describe(const Member &m);

}  // namespace wsdl
}  // namespace mktows_cli
