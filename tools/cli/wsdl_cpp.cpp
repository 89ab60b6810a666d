// wsdl_cpp.cpp: wsdl2h's C++ for a schema member (the rules: wsdl_cpp.hpp).
#include "wsdl_cpp.hpp"

#include <algorithm>
#include <map>

namespace mktows_cli {
namespace wsdl {

namespace {

// wsdl2h's C++ for XML Schema's built-in types in C++ mode with our
// typemap; the others become a typedef named xsd__<type> (a value).
const std::map<std::string, std::string> &builtins() {
  static const std::map<std::string, std::string> m = {
      {"string", "std::string"},       {"boolean", "bool"},
      {"int", "int"},                  {"long", "LONG64"},
      {"short", "short"},              {"byte", "char"},
      {"unsignedInt", "unsigned int"}, {"unsignedLong", "ULONG64"},
      {"unsignedShort", "unsigned short"}, {"unsignedByte", "unsigned char"},
      {"float", "float"},              {"double", "double"},
      {"dateTime", "time_t"},
  };
  return m;
}

enum class Shape { value, object };  // object: a class, always held by pointer

const Type *find(const Definitions &d, const Name &n) {
  if (!n.ns.empty()) return nullptr;
  auto it = d.types.find(n.local);
  return it == d.types.end() ? nullptr : &it->second;
}

Shape shape(const Definitions &d, const Name &type) {
  if (type.ns == kXsdNamespace) return type.local == "anyType" ? Shape::object : Shape::value;
  const Type *t = find(d, type);
  return t && t->simple ? Shape::value : Shape::object;  // an undefined name: wsdl2h makes a class
}

bool is_enumeration(const Type &t) {
  if (!t.simple || t.derivation != "restriction" || t.values.empty()) return false;
  return std::none_of(t.values.begin(), t.values.end(),
                      [](const std::string &v) { return v.find('=') != std::string::npos; });
}

// The element a ref names, as the member it stands for.
Member dereferenced(const Definitions &d, const Member &m) {
  Member out = m;
  out.ref = false;
  out.key = m.type.local;
  auto it = d.elements.find(display(m.type));
  out.type = it == d.elements.end() ? Name{kXsdNamespace, "anyType"} : it->second.type;
  return out;
}

// A schema type's C++ name without "enum ": mktows__<name> in the target
// namespace (the prefix typemap.dat pins); an inline type is named after
// where it appears, like wsdl2h's _mktows__... names.
std::string cpp_name(const Name &type) {
  if (!type.ns.empty()) return display(type);
  if (!type.local.empty() && type.local[0] == '(') return "_mktows__" + type.local;
  return "mktows__" + type.local;
}

std::string head(const Definitions &d, const Type &t) {
  std::string name = cpp_name(Name{std::string(), t.name});
  if (is_enumeration(t)) return "enum " + name;
  if (t.simple)
    return "typedef " + (t.base.empty() || t.derivation != "restriction" ? std::string("std::string") : cpp_type(d, t.base)) +
           " " + name;
  std::string s = "class " + name;
  if (!t.base.empty())
    s += t.derivation == "extension" ? " : public " + cpp_type(d, t.base) : " (" + t.derivation + " of " + cpp_type(d, t.base) + ")";
  return s;
}

std::vector<std::string> constants(const Type &t) {
  std::vector<std::string> out;
  if (!is_enumeration(t)) return out;
  std::string name = cpp_name(Name{std::string(), t.name});
  for (const std::string &v : t.values) out.push_back(name + "__" + v);
  return out;
}

}  // namespace

std::string cpp_type(const Definitions &d, const Name &type) {
  if (type.ns == kXsdNamespace) {
    auto it = builtins().find(type.local);
    return it != builtins().end() ? it->second : "xsd__" + type.local;
  }
  const Type *t = find(d, type);
  return (t && is_enumeration(*t) ? "enum " : "") + cpp_name(type);
}

std::string cpp_class(const Type &t) { return cpp_name(Name{std::string(), t.name}); }

CppMember cpp_member(const Definitions &d, const Member &raw) {
  CppMember c;
  if (raw.key == "(any)" || raw.key == "@(any)") {
    c.generated = false;
    c.name = raw.key;
    return c;
  }
  if (raw.key.compare(0, 6, "group ") == 0 || raw.key.compare(0, 15, "attributeGroup ") == 0) {
    // wsdl2h copies a group's members in; the model does not read groups.
    c.name = raw.key;
    c.decl = raw.key;
    c.occurs = raw.min_occurs;
    return c;
  }
  const bool attribute = raw.key[0] == '@';
  Member m = raw.ref && !attribute ? dereferenced(d, raw) : raw;
  c.name = attribute ? raw.key : m.key;
  std::string t = cpp_type(d, m.type);
  Shape s = shape(d, m.type);
  if (attribute) {
    c.decl = m.min_occurs == "1" ? t : t + "*";
    c.occurs = m.min_occurs == "1" ? "1" : "0";
    return c;
  }
  const std::string &max = m.max_occurs;
  if (max != "1" && max != "0") {
    c.decl = "std::vector<" + t + (s == Shape::object ? "*" : "") + ">";
    c.occurs = m.min_occurs == "0" ? "0" : m.min_occurs;
    if (max != "unbounded") c.occurs += ":" + max;
    return c;
  }
  const bool optional = m.min_occurs == "0";
  c.decl = (s == Shape::object || optional || m.nillable) ? t + "*" : t;
  c.occurs = optional ? "0" : (m.nillable ? "nullptr 1" : "1");
  return c;
}

std::vector<CppChange> compare_cpp(const Definitions &od, const Type &o, const Definitions &nd, const Type &n) {
  std::vector<CppChange> out;
  std::string oh = head(od, o), nh = head(nd, n);
  if (oh != nh) out.push_back(CppChange{"head", "", oh, nh});
  std::vector<std::string> oc = constants(o), nc = constants(n);
  for (const std::string &c : oc)
    if (std::find(nc.begin(), nc.end(), c) == nc.end()) out.push_back(CppChange{"constant_removed", c, c, ""});
  for (const std::string &c : nc)
    if (std::find(oc.begin(), oc.end(), c) == oc.end()) out.push_back(CppChange{"constant_added", c, "", c});

  std::vector<std::pair<CppMember, const Member *>> om, nm;
  for (const Member &m : o.members) om.emplace_back(cpp_member(od, m), &m);
  for (const Member &m : n.members) nm.emplace_back(cpp_member(nd, m), &m);
  auto find_in = [](const std::vector<std::pair<CppMember, const Member *>> &v, const std::string &key) {
    return std::find_if(v.begin(), v.end(), [&](const std::pair<CppMember, const Member *> &x) {
      return x.second->key == key;
    });
  };
  std::vector<std::string> common_old, common_new;
  bool all_in_all = true;
  for (const auto &x : om) {
    if (!x.first.generated) continue;
    auto it = find_in(nm, x.second->key);
    if (it == nm.end() || !it->first.generated) {
      out.push_back(CppChange{"removed", x.first.name, x.first.decl, ""});
      continue;
    }
    common_old.push_back(x.first.name);
    if (x.first.decl != it->first.decl)
      out.push_back(CppChange{"changed", x.first.name, x.first.decl, it->first.decl});
    else if (x.first.occurs != it->first.occurs)
      out.push_back(CppChange{"occurs", x.first.name, x.first.decl + " " + x.first.occurs,
                              it->first.decl + " " + it->first.occurs});
  }
  for (const auto &x : nm) {
    if (!x.first.generated) continue;
    auto it = find_in(om, x.second->key);
    if (it == om.end() || !it->first.generated) {
      CppChange c{"added", x.first.name, "", x.first.decl};
      c.required = x.first.required();
      out.push_back(c);
    } else {
      common_new.push_back(x.first.name);
      if (x.second->group != "all" || it->second->group != "all") all_in_all = false;
    }
  }
  if (common_old != common_new) {
    auto join = [](const std::vector<std::string> &v) {
      std::string s;
      for (const std::string &x : v) s += (s.empty() ? "" : ", ") + x;
      return s;
    };
    CppChange c{"order", "", join(common_old), join(common_new)};
    c.in_all = all_in_all;
    out.push_back(c);
  }
  return out;
}

bool affects_callers(const CppChange &c) {
  if (c.kind == "added") return c.required;
  if (c.kind == "order") return !c.in_all;
  return true;
}

std::string cpp_change_text(const std::string &cpp_class, const CppChange &c) {
  std::string where = c.member.empty() ? cpp_class : cpp_class + "::" + c.member;
  if (c.kind == "constant_added" || c.kind == "constant_removed")
    where = c.member;
  if (c.kind == "added") return where + ": added, " + c.new_decl + (c.required ? " (required)" : " (optional)");
  if (c.kind == "removed") return where + ": removed (was " + c.old_decl + ")";
  if (c.kind == "constant_added") return where + ": enumeration constant added";
  if (c.kind == "constant_removed") return where + ": enumeration constant removed";
  if (c.kind == "order")
    return where + ": member order " + c.old_decl + " -> " + c.new_decl +
           (c.in_all ? " (xs:all: any order is valid on the wire)" : " (xs:sequence: the order on the wire)");
  return where + ": " + c.old_decl + " -> " + c.new_decl;
}

}  // namespace wsdl
}  // namespace mktows_cli
