// wsdl_diff_report.cpp: JSON and text renderings of a wsdl-diff result.
#include "wsdl_diff_report.hpp"

#include "wsdl_client_surface.hpp"

namespace mktows_cli {
namespace wsdl {

namespace {

nlohmann::json optional_json(const std::optional<std::string> &v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json changes_json(const std::vector<Change> &changes) {
  nlohmann::json a = nlohmann::json::array();
  for (const Change &c : changes)
    a.push_back({{"kind", c.kind},
                 {"member", c.member.empty() ? nlohmann::json() : nlohmann::json(c.member)},
                 {"old", optional_json(c.old_value)},
                 {"new", optional_json(c.new_value)}});
  return a;
}

// "  Email: type_changed xs:string -> xs:int" and the like.
std::string change_line(const Change &c) {
  std::string s = "      ";
  if (!c.member.empty()) s += c.member + ": ";
  s += c.kind;
  // A value, fault or header added or removed is its own member: said once.
  if (c.old_value && c.new_value) s += " " + *c.old_value + " -> " + *c.new_value;
  else if (c.new_value && *c.new_value != c.member) s += " " + *c.new_value;
  else if (c.old_value && *c.old_value != c.member) s += " (was " + *c.old_value + ")";
  return s + "\n";
}

void list(std::string &out, const char *mark, const std::vector<std::string> &items) {
  for (const std::string &i : items) out += std::string("  ") + mark + " " + i + "\n";
}

std::string counts(std::size_t added, std::size_t removed, std::size_t changed) {
  return std::to_string(added) + " added, " + std::to_string(removed) + " removed, " + std::to_string(changed) +
         " changed";
}

}  // namespace

nlohmann::json diff_json(const Diff &d) {
  nlohmann::json j;
  j["old"] = d.old_source;
  j["new"] = d.new_source;
  j["schema_changes"] = changes_json(d.schema_changes);
  j["operations_added"] = d.operations_added;
  j["operations_removed"] = d.operations_removed;
  j["operations_changed"] = nlohmann::json::array();
  for (const OperationChange &o : d.operations_changed)
    j["operations_changed"].push_back({{"operation", o.operation}, {"changes", changes_json(o.changes)}});
  j["elements_added"] = d.elements_added;
  j["elements_removed"] = d.elements_removed;
  j["elements_changed"] = nlohmann::json::array();
  for (const ElementChange &e : d.elements_changed)
    j["elements_changed"].push_back({{"element", e.element}, {"old", e.old_type}, {"new", e.new_type}});
  j["types_added"] = d.types_added;
  j["types_removed"] = d.types_removed;
  j["types_changed"] = nlohmann::json::array();
  for (const TypeChange &t : d.types_changed) {
    nlohmann::json cpp = nlohmann::json::array();
    for (const CppChange &c : t.cpp)
      cpp.push_back({{"kind", c.kind},
                     {"member", c.member.empty() ? nlohmann::json() : nlohmann::json(c.member)},
                     {"old", c.old_decl.empty() ? nlohmann::json() : nlohmann::json(c.old_decl)},
                     {"new", c.new_decl.empty() ? nlohmann::json() : nlohmann::json(c.new_decl)},
                     {"affects_callers", affects_callers(c)},
                     {"text", cpp_change_text(t.cpp_class, c)}});
    j["types_changed"].push_back(
        {{"type", t.type}, {"changes", changes_json(t.changes)}, {"cpp_class", t.cpp_class}, {"cpp", cpp}});
  }
  nlohmann::json ops = nlohmann::json::array();
  for (const ClientOperation &c : kClientOperations) ops.push_back(c.name);
  j["client_operations"] = ops;
  j["client_types"] = d.client_types;
  j["client_compatible"] = d.client_compatible;
  j["client_reasons"] = d.client_reasons;
  j["client_unaffected"] = d.client_unaffected;
  j["notes"] = d.notes;
  return j;
}

std::string diff_text(const Diff &d) {
  std::string out = "OLD " + d.old_source + "\nNEW " + d.new_source + "\n";
  if (!d.schema_changes.empty()) {
    out += "\nschema:\n";
    for (const Change &c : d.schema_changes) out += change_line(c);
  }
  out += "\noperations: " + counts(d.operations_added.size(), d.operations_removed.size(),
                                   d.operations_changed.size()) + "\n";
  list(out, "+", d.operations_added);
  list(out, "-", d.operations_removed);
  for (const OperationChange &o : d.operations_changed) {
    out += "  ~ " + o.operation + "\n";
    for (const Change &c : o.changes) out += change_line(c);
  }
  out += "\nglobal elements: " + counts(d.elements_added.size(), d.elements_removed.size(),
                                        d.elements_changed.size()) + "\n";
  list(out, "+", d.elements_added);
  list(out, "-", d.elements_removed);
  for (const ElementChange &e : d.elements_changed)
    out += "  ~ " + e.element + ": type " + e.old_type + " -> " + e.new_type + "\n";
  out += "\ntypes: " + counts(d.types_added.size(), d.types_removed.size(), d.types_changed.size()) + "\n";
  list(out, "+", d.types_added);
  list(out, "-", d.types_removed);
  for (const TypeChange &t : d.types_changed) {
    out += "  ~ " + t.type + "\n";
    for (const Change &c : t.changes) out += change_line(c);
    // What a raw-proxy caller's code meets: the generated declarations.
    if (t.cpp.empty()) out += "      C++: unchanged (" + t.cpp_class + ")\n";
    for (const CppChange &c : t.cpp) out += "      C++: " + cpp_change_text(t.cpp_class, c) + "\n";
  }
  std::string ops;
  for (const ClientOperation &c : kClientOperations) ops += (ops.empty() ? "" : ", ") + std::string(c.name);
  out += "\nmktows::Client (" + ops + "; headers " + kClientAuthenticationHeader + ", " + kClientContextHeader +
         "; " + std::to_string(d.client_types.size()) + " types reached):\n";
  if (d.client_compatible) {
    out += "  compatible: its calls are unaffected\n";
  } else {
    out += "  NOT compatible:\n";
    for (const std::string &r : d.client_reasons) out += "    - " + r + "\n";
  }
  if (!d.client_unaffected.empty()) {
    out += "  changed, but not for the client:\n";
    for (const std::string &r : d.client_unaffected) out += "    - " + r + "\n";
  }
  if (!d.notes.empty()) {
    out += "\nnotes (not compared):\n";
    for (const std::string &n : d.notes) out += "  " + n + "\n";
  }
  return out;
}

}  // namespace wsdl
}  // namespace mktows_cli
