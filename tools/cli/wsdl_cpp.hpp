// wsdl_cpp.hpp: the C++ that gSOAP generates from a mktows WSDL's schema
// (wsdl2h -x with wsdl/typemap.dat, then soapcpp2), as far as wsdl-diff
// needs it to judge a change by its code rather than by its XML: a member's
// declaration (value, pointer, container, type) and gSOAP's occurrence
// constraint on it, a class's base, an enumeration's constants.
//
// The rules are wsdl2h 2.8.124's, observed on its output (the test
// wsdl_cpp_test runs wsdl2h on the fixtures and holds every member of
// every type against them):
//   - maxOccurs > 1: std::vector<T>, T a value for a simple type and a
//     pointer for a class; nillable and minOccurs change only the
//     constraint ("0", "1", "0:5").
//   - a class (complex type, xs:anyType): always a pointer; "1" when
//     required, "nullptr 1" when required and nillable, "0" when optional.
//   - a simple type: a value when required and not nillable, else a pointer
//     ("nullptr 1" required and nillable, "0" optional): nillability of an
//     optional element changes nothing.
//   - an attribute: a value when use="required", else a pointer.
//   - xs:any: nothing (wsdl2h -x leaves the catch-alls out).
#pragma once

#include "wsdl_model.hpp"

#include <string>
#include <vector>

namespace mktows_cli {
namespace wsdl {

struct CppMember {
  bool generated = true;  // false: wsdl2h -x declares nothing for it
  std::string name;       // the C++ member's name
  std::string decl;       // "bool", "std::string*", "std::vector<mktows__LeadRecord*>"
  std::string occurs;     // gSOAP's constraint: "1", "0", "0:5", "nullptr 1"
  bool required() const { return !occurs.empty() && occurs[0] != '0'; }
};

// One difference in the generated C++ of a type. `kind`:
//   head      the class's base, or enum <-> typedef <-> class
//   changed   a member's declaration
//   occurs    same declaration, another occurrence constraint: the
//             serializer writes a null pointer otherwise (an empty element
//             or xsi:nil instead of none), or checks another bound
//   added, removed   a member
//   constant_added, constant_removed   an enumeration constant
//   order     the members' order (on the wire for an xs:sequence; any
//             order is valid for an xs:all)
struct CppChange {
  std::string kind;
  std::string member;  // the C++ member or constant; empty for head and order
  std::string old_decl, new_decl;
  bool in_all = false;       // order: every reordered member is in an xs:all
  bool required = false;     // added: the new member is required
};

// "LeadRecord" -> "mktows__LeadRecord" (the prefix typemap.dat pins for the
// target namespace); a built-in type as wsdl2h maps it ("xs:int" -> "int").
std::string cpp_type(const Definitions &d, const Name &type);
// The C++ name of a type of the file: "mktows__LeadRecord".
std::string cpp_class(const Type &t);

CppMember cpp_member(const Definitions &d, const Member &m);

// The generated C++ of `o` (in `od`) and `n` (in `nd`) compared.
std::vector<CppChange> compare_cpp(const Definitions &od, const Type &o, const Definitions &nd, const Type &n);

// Whether code written against the old bindings, such as mktows::Client,
// may break or put other bytes on the wire: every change but an added
// optional member (left unset, it is not sent) and a reordered xs:all.
bool affects_callers(const CppChange &c);

// "mktows__ParamsSyncLead::returnLead: bool -> bool*" and the like.
std::string cpp_change_text(const std::string &cpp_class, const CppChange &c);

}  // namespace wsdl
}  // namespace mktows_cli
