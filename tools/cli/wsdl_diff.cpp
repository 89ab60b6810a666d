// wsdl_diff.cpp: the comparison of two WSDL models, and the client check.
#include "wsdl_diff.hpp"

#include "wsdl_client_surface.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mktows_cli {
namespace wsdl {

namespace {

std::string join(const std::vector<std::string> &v, const char *sep = ", ") {
  std::string s;
  for (const std::string &x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::vector<std::string> names(const std::vector<Name> &v) {
  std::vector<std::string> out;
  for (const Name &n : v) out.push_back(display(n));
  return out;
}

std::string member_type(const Member &m) { return (m.ref ? "ref " : "") + display(m.type); }

template <class Map>
void added_removed(const Map &old_map, const Map &new_map, std::vector<std::string> &added,
                   std::vector<std::string> &removed) {
  for (const auto &kv : new_map)
    if (!old_map.count(kv.first)) added.push_back(kv.first);
  for (const auto &kv : old_map)
    if (!new_map.count(kv.first)) removed.push_back(kv.first);
}

void compare_values(const std::string &kind, const std::string &member, const std::string &o, const std::string &n,
                    std::vector<Change> &out) {
  if (o != n) out.push_back(Change{kind, member, o, n});
}

// Set differences, in the order each list has its items.
void compare_sets(const std::vector<std::string> &o, const std::vector<std::string> &n, const std::string &added_kind,
                  const std::string &removed_kind, std::vector<Change> &out) {
  for (const std::string &x : o)
    if (std::find(n.begin(), n.end(), x) == n.end()) out.push_back(Change{removed_kind, x, x, std::nullopt});
  for (const std::string &x : n)
    if (std::find(o.begin(), o.end(), x) == o.end()) out.push_back(Change{added_kind, x, std::nullopt, x});
}

std::vector<Change> compare_type(const Type &o, const Type &n) {
  std::vector<Change> out;
  if (o.simple != n.simple) {
    out.push_back(Change{"kind_changed", "", o.simple ? "simpleType" : "complexType",
                         n.simple ? "simpleType" : "complexType"});
    return out;
  }
  compare_values("abstract_changed", "", o.abstract ? "true" : "false", n.abstract ? "true" : "false", out);
  compare_values("derivation_changed", "", o.derivation, n.derivation, out);
  compare_values("base_changed", "", display(o.base), display(n.base), out);
  std::vector<std::string> common_old, common_new;
  for (const Member &m : o.members) {
    auto it = std::find_if(n.members.begin(), n.members.end(), [&](const Member &x) { return x.key == m.key; });
    if (it == n.members.end()) {
      out.push_back(Change{"member_removed", m.key, describe(m), std::nullopt});
      continue;
    }
    common_old.push_back(m.key);
    compare_values("type_changed", m.key, member_type(m), member_type(*it), out);
    compare_values("min_occurs_changed", m.key, m.min_occurs, it->min_occurs, out);
    compare_values("max_occurs_changed", m.key, m.max_occurs, it->max_occurs, out);
    compare_values("nillable_changed", m.key, m.nillable ? "true" : "false", it->nillable ? "true" : "false", out);
    compare_values("group_changed", m.key, m.group, it->group, out);
  }
  for (const Member &m : n.members) {
    bool in_old = std::any_of(o.members.begin(), o.members.end(), [&](const Member &x) { return x.key == m.key; });
    if (!in_old) out.push_back(Change{"member_added", m.key, std::nullopt, describe(m)});
    else common_new.push_back(m.key);
  }
  // A sequence is read in order: the members both have, in another order,
  // are a change of the wire format; an xs:all's come in any order.
  auto in_all = [](const Type &t, const std::string &key) {
    auto it = std::find_if(t.members.begin(), t.members.end(), [&](const Member &x) { return x.key == key; });
    return it != t.members.end() && it->group == "all";
  };
  bool all_in_all = std::all_of(common_old.begin(), common_old.end(),
                                [&](const std::string &k) { return in_all(o, k) && in_all(n, k); });
  if (common_old != common_new && !all_in_all)
    out.push_back(Change{"order_changed", "", join(common_old), join(common_new)});
  compare_sets(o.values, n.values, "value_added", "value_removed", out);
  return out;
}

std::vector<Change> compare_operation(const Operation &o, const Operation &n) {
  std::vector<Change> out;
  compare_values("bound_changed", "", o.bound ? "true" : "false", n.bound ? "true" : "false", out);
  compare_values("soap_action_changed", "", o.soap_action, n.soap_action, out);
  compare_values("style_changed", "", o.style, n.style, out);
  compare_values("input_use_changed", "", o.input_use, n.input_use, out);
  compare_values("input_body_changed", "", join(names(o.input_body)), join(names(n.input_body)), out);
  compare_values("output_body_changed", "", join(names(o.output_body)), join(names(n.output_body)), out);
  compare_sets(names(o.input_headers), names(n.input_headers), "input_header_added", "input_header_removed", out);
  compare_sets(names(o.output_headers), names(n.output_headers), "output_header_added", "output_header_removed", out);
  compare_sets(o.faults, n.faults, "fault_added", "fault_removed", out);
  return out;
}

// The type a name refers to in `d` (none for a built-in XML Schema type or a
// name it does not define).
const Type *find_type(const Definitions &d, const Name &n) {
  auto it = d.types.find(display(n));
  return it == d.types.end() ? nullptr : &it->second;
}

// Every type reached from `elements`: their types, then bases, member types
// and referenced elements' types, transitively; and every type derived from
// a reached one, since an xsi:type can put it where its base is expected.
std::set<std::string> reach(const Definitions &d, const std::vector<Name> &elements) {
  std::set<std::string> seen;
  std::vector<Name> todo;
  auto element_type = [&](const Name &e) {
    auto it = d.elements.find(display(e));
    if (it != d.elements.end()) todo.push_back(it->second.type);
  };
  for (const Name &e : elements) element_type(e);
  for (bool grew = true; grew;) {
    while (!todo.empty()) {
      Name n = todo.back();
      todo.pop_back();
      const Type *t = find_type(d, n);
      if (!t || !seen.insert(t->name).second) continue;
      if (!t->base.empty()) todo.push_back(t->base);
      for (const Member &m : t->members) {
        if (m.ref) element_type(m.type);
        else todo.push_back(m.type);
      }
    }
    grew = false;
    for (const auto &kv : d.types)
      if (!seen.count(kv.first) && !kv.second.base.empty() && seen.count(display(kv.second.base))) {
        // An empty ns displays as the bare key: find_type finds it by that.
        todo.push_back(Name{std::string(), kv.first});
        grew = true;
      }
  }
  return seen;
}

std::vector<Name> client_roots(const Operation &op) {
  std::vector<Name> roots = op.input_body;
  roots.insert(roots.end(), op.output_body.begin(), op.output_body.end());
  roots.insert(roots.end(), op.input_headers.begin(), op.input_headers.end());
  roots.insert(roots.end(), op.output_headers.begin(), op.output_headers.end());
  return roots;
}

bool declares(const std::vector<Name> &headers, const char *element) {
  return std::any_of(headers.begin(), headers.end(), [&](const Name &h) { return h == Name{std::string(), element}; });
}

std::string change_text(const Change &c) {
  std::string s = c.kind;
  if (!c.member.empty()) s += " " + c.member;
  if (c.old_value && c.new_value) s += ": " + *c.old_value + " -> " + *c.new_value;
  else if (c.new_value && c.member != *c.new_value) s += ": " + *c.new_value;
  else if (c.old_value && c.member != *c.old_value) s += ": " + *c.old_value;
  return s;
}

// Whether the client's calls are unaffected. Fault declarations are not part
// of it: the client reads the serviceException detail (and falls back on the
// faultstring) whatever the WSDL declares, as the vendor's files declare no
// fault at all.
void check_client(const Definitions &o, const Definitions &n, Diff &diff) {
  std::vector<std::string> &why = diff.client_reasons;
  if (o.target_namespace != n.target_namespace)
    why.push_back("the target namespace changed: " + o.target_namespace + " -> " + n.target_namespace);
  if (o.element_form_default != n.element_form_default)
    why.push_back("elementFormDefault changed: " + o.element_form_default + " -> " + n.element_form_default +
                  " (the qualification of every child element on the wire)");

  std::map<std::string, std::vector<std::string>> reached_by;  // type -> client operations
  std::set<std::string> root_elements;
  for (const ClientOperation &c : kClientOperations) {
    auto oi = o.operations.find(c.name);
    auto ni = n.operations.find(c.name);
    if (ni == n.operations.end()) {
      why.push_back(std::string(c.name) + ": not an operation of NEW");
    } else {
      const Operation &op = ni->second;
      std::string name = c.name;
      if (!op.bound) why.push_back(name + ": not in NEW's SOAP binding");
      if (op.soap_action != c.soap_action)
        why.push_back(name + ": soapAction is '" + op.soap_action + "'; the client sends '" + c.soap_action + "'");
      if (op.style != "document" || (op.input_use != "literal" && !op.input_use.empty()))
        why.push_back(name + ": " + op.style + "/" + op.input_use + "; the client speaks document/literal");
      if (names(op.input_body) != std::vector<std::string>{c.input_element})
        why.push_back(name + ": the request body is '" + join(names(op.input_body)) + "'; the client sends " +
                      c.input_element);
      if (names(op.output_body) != std::vector<std::string>{c.output_element})
        why.push_back(name + ": the response body is '" + join(names(op.output_body)) + "'; the client reads " +
                      c.output_element);
      if (!declares(op.input_headers, kClientAuthenticationHeader))
        why.push_back(name + ": NEW's binding declares no " + kClientAuthenticationHeader +
                      " on its input; the client cannot authenticate");
      if (oi != o.operations.end()) {
        // The client sends the context header where the binding declares it:
        // a change moves it on or off the wire. Any other header is one the
        // client does not write.
        std::vector<std::string> oh = names(oi->second.input_headers), nh = names(op.input_headers);
        for (const std::string &h : oh)
          if (std::find(nh.begin(), nh.end(), h) == nh.end())
            why.push_back(name + ": OLD's binding declares header " + h + " on its input, NEW's does not" +
                          (h == kClientContextHeader ? " (the client stops sending it)" : ""));
        for (const std::string &h : nh)
          if (std::find(oh.begin(), oh.end(), h) == oh.end())
            why.push_back(name + ": NEW's binding declares header " + h + " on its input, OLD's does not" +
                          (h == kClientContextHeader ? " (the client starts sending it)"
                                                     : " (the client does not send it)"));
      }
    }
    for (const Definitions *d : {&o, &n}) {
      auto it = d->operations.find(c.name);
      if (it == d->operations.end()) continue;
      std::vector<Name> roots = client_roots(it->second);
      for (const Name &r : roots) root_elements.insert(display(r));
      for (const std::string &t : reach(*d, roots)) {
        std::vector<std::string> &ops = reached_by[t];
        if (std::find(ops.begin(), ops.end(), c.name) == ops.end()) ops.push_back(c.name);
      }
    }
  }

  for (const std::string &e : root_elements) {
    auto oe = o.elements.find(e), ne = n.elements.find(e);
    if (ne == n.elements.end()) why.push_back("element " + e + ": not declared in NEW");
    else if (oe != o.elements.end() && oe->second.type != ne->second.type)
      why.push_back("element " + e + ": its type changed: " + display(oe->second.type) + " -> " +
                    display(ne->second.type));
  }

  for (const auto &kv : reached_by) {
    diff.client_types.push_back(kv.first);
    std::string where = kv.first + " (reached from " + join(kv.second) + ")";
    auto ot = o.types.find(kv.first), nt = n.types.find(kv.first);
    if (nt == n.types.end()) {
      why.push_back("type " + where + ": not defined in NEW");
    } else if (ot == o.types.end()) {
      why.push_back("type " + where + ": new in NEW");
    } else {
      // Judged by the code gSOAP generates from each version: the client
      // compiles against it and its serializers write the wire.
      std::vector<Change> changes = compare_type(ot->second, nt->second);
      std::vector<CppChange> cpp = compare_cpp(o, ot->second, n, nt->second);
      if (changes.empty() && cpp.empty()) continue;
      std::vector<std::string> breaking, harmless;
      std::string cls = cpp_class(nt->second);
      for (const CppChange &c : cpp) (affects_callers(c) ? breaking : harmless).push_back(cpp_change_text(cls, c));
      if (!breaking.empty()) {
        why.push_back("type " + where + ": the generated C++ changes: " + join(breaking, "; "));
        continue;
      }
      std::vector<std::string> parts;
      for (const Change &c : changes) parts.push_back(change_text(c));
      if (harmless.empty()) parts.push_back("the same generated C++");
      else parts.push_back(join(harmless, "; ") + ", which the client does not use");
      diff.client_unaffected.push_back("type " + where + ": " + join(parts, "; "));
    }
  }
  diff.client_compatible = why.empty();
}

}  // namespace

std::string describe(const Member &m) {
  std::string s = member_type(m) + " [" + m.min_occurs + ".." + (m.max_occurs == "unbounded" ? "*" : m.max_occurs) +
                  "]";
  if (m.nillable) s += " nillable";
  return s;
}

Diff compare(const Definitions &o, const Definitions &n) {
  Diff d;
  d.old_source = o.source;
  d.new_source = n.source;
  compare_values("target_namespace_changed", "", o.target_namespace, n.target_namespace, d.schema_changes);
  compare_values("element_form_default_changed", "", o.element_form_default, n.element_form_default,
                 d.schema_changes);

  added_removed(o.operations, n.operations, d.operations_added, d.operations_removed);
  for (const auto &kv : o.operations) {
    auto it = n.operations.find(kv.first);
    if (it == n.operations.end()) continue;
    std::vector<Change> c = compare_operation(kv.second, it->second);
    if (!c.empty()) d.operations_changed.push_back(OperationChange{kv.first, std::move(c)});
  }

  added_removed(o.elements, n.elements, d.elements_added, d.elements_removed);
  for (const auto &kv : o.elements) {
    auto it = n.elements.find(kv.first);
    if (it != n.elements.end() && kv.second.type != it->second.type)
      d.elements_changed.push_back(ElementChange{kv.first, display(kv.second.type), display(it->second.type)});
  }

  added_removed(o.types, n.types, d.types_added, d.types_removed);
  for (const auto &kv : o.types) {
    auto it = n.types.find(kv.first);
    if (it == n.types.end()) continue;
    std::vector<Change> c = compare_type(kv.second, it->second);
    std::vector<CppChange> cpp = compare_cpp(o, kv.second, n, it->second);
    if (!c.empty() || !cpp.empty())
      d.types_changed.push_back(TypeChange{kv.first, std::move(c), cpp_class(it->second), std::move(cpp)});
  }

  check_client(o, n, d);
  for (const std::string &s : o.notes) d.notes.push_back("OLD: " + s);
  for (const std::string &s : n.notes) d.notes.push_back("NEW: " + s);
  return d;
}

}  // namespace wsdl
}  // namespace mktows_cli
