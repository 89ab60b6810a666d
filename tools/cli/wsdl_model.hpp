// wsdl_model.hpp: what `mktows wsdl-diff` reads from a WSDL 1.1 file: the
// operations as the SOAP binding exposes them, the global elements and the
// named types of the inline schemas, each type with its members.
//
// Read with libxml2 (network off, entities not substituted, a DTD refused),
// never with pattern matching: a vendor file and ours spell the same schema
// with other prefixes, attribute orders and defaults, and only a parser that
// resolves the namespaces sees that `tns:LeadRecord` and `ns1:LeadRecord`
// are one name.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {
namespace wsdl {

extern const char kXsdNamespace[];

// A reference to a schema component. Names in the file's own target
// namespace are stored with an empty `ns`, so two versions of a WSDL compare
// name by name; a change of the target namespace itself is compared apart
// (Definitions::target_namespace).
struct Name {
  std::string ns;
  std::string local;
  bool empty() const { return local.empty(); }
  bool operator==(const Name &o) const { return ns == o.ns && local == o.local; }
  bool operator!=(const Name &o) const { return !(*this == o); }
};

// "LeadRecord" for the target namespace, "xs:int" for XML Schema's built-in
// types, "{uri}local" for anything else.
std::string display(const Name &name);

// One member of a complex type: a local element, an element reference, an
// attribute, a wildcard or a group reference. Occurrences are normalised
// ("1" when the attribute is absent; an attribute is "0".."1" unless
// use="required"), so that spelling a default out is no change.
struct Member {
  std::string key;  // unique in its type: "Email", "@attr", "ref Foo", "(any)"
  Name type;        // for an element reference (ref): the referenced element
  bool ref = false;
  std::string min_occurs = "1";
  std::string max_occurs = "1";
  bool nillable = false;
  // The model group the member sits in: "sequence", "all" or "choice" (the
  // innermost one), "" for an attribute. Members of an xs:all may come in
  // any order on the wire.
  std::string group;
};

// A named type, or an anonymous one (an inline type of an element), which is
// named after where it appears: "(element paramsFoo)" for a global element,
// "Outer/member" for a member.
struct Type {
  std::string name;
  bool simple = false;
  bool abstract = false;
  std::string derivation;  // "", "extension", "restriction", "list", "union"
  Name base;               // of the derivation; empty when there is none
  std::vector<Member> members;
  std::vector<std::string> values;  // a simple type's facets: "CREATED", "maxLength=80"
};

struct Element {
  std::string name;
  Name type;
};

// One operation of the port type, with what its SOAP 1.1 binding says.
struct Operation {
  std::string name;
  bool bound = false;  // the binding has this operation
  std::string soap_action;
  std::string style;      // "document" or "rpc"
  std::string input_use;  // "literal" or "encoded"
  std::vector<Name> input_body;    // the elements of the body parts
  std::vector<Name> output_body;
  std::vector<Name> input_headers;  // the elements of the soap:header parts
  std::vector<Name> output_headers;
  std::vector<std::string> faults;  // the port type's fault names
};

struct Definitions {
  std::string source;  // the file name, for messages
  std::string target_namespace;
  std::string element_form_default = "unqualified";  // of the target namespace's schema
  std::map<std::string, Type> types;                 // by display name
  std::map<std::string, Element> elements;           // by display name
  std::map<std::string, Operation> operations;       // by name
  std::vector<std::string> notes;  // what was seen but not compared (imports, ...)
};

class ReadError : public std::runtime_error {
 public:
  enum class Kind {
    unreadable,  // missing, not a regular file, no permission, too large
    not_xml,     // libxml2 refused it
    not_wsdl,    // XML, but not a WSDL 1.1 definitions document
  };
  ReadError(Kind kind, const std::string &what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The largest file read: far above any mktows WSDL (the vendor's 2_2 file is
// under 100 KB), and below libxml2's int-sized memory parser.
constexpr long kMaxWsdlBytes = 64L * 1024 * 1024;

// Throws ReadError.
Definitions read_wsdl_file(const std::string &path);
Definitions read_wsdl_text(const std::string &text, const std::string &source);

}  // namespace wsdl
}  // namespace mktows_cli
