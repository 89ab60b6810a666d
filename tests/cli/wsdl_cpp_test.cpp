// wsdl_cpp_test: wsdl-diff's model of the C++ gSOAP generates
// (tools/cli/wsdl_cpp.hpp) held against wsdl2h itself. wsdl2h runs on the
// fixtures and on a schema with every member form; each class's members
// (name, declaration, occurrence constraint) and each enumeration's
// constants in its output must be what the model says.
//
// Run as: wsdl_cpp_test [Boost.Test options] -- <wsdl2h> <typemap.dat>
#define BOOST_TEST_MODULE wsdl_cpp
#include <boost/test/unit_test.hpp>

#include "support/child_process.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include "wsdl_cpp.hpp"
#include "wsdl_diff.hpp"

#include <map>
#include <regex>
#include <sstream>

using namespace mktows_cli::wsdl;

namespace {

std::string arg(int i) {
  auto &suite = boost::unit_test::framework::master_test_suite();
  BOOST_REQUIRE_MESSAGE(suite.argc > i, "usage: wsdl_cpp_test -- <wsdl2h> <typemap.dat>");
  return suite.argv[i];
}

// A class's members or an enumeration's constants, as wsdl2h declares them:
// "name: decl [occurs]" in order.
using Declared = std::map<std::string, std::vector<std::string>>;

std::string squeeze(std::string s) {
  s = std::regex_replace(s, std::regex("\\s+"), " ");
  s = std::regex_replace(s, std::regex(" >"), ">");
  return std::regex_replace(s, std::regex("^ | $"), "");
}

// Reads wsdl2h's interface header: `class mktows__X ... { public:` up to
// `};`, a member per line ("    decl   name   occurs;  ///< ..."), the
// inherited ones in a comment; `enum mktows__E {` with a constant per line.
Declared read_header(const std::string &text) {
  Declared out;
  std::istringstream in(text);
  std::string line, current;
  bool is_enum = false, inherited = false;
  static const std::regex class_re("^class (mktows__\\w+)( : public [\\w:]+)?$");
  static const std::regex enum_re("^enum (mktows__\\w+)$");
  static const std::regex member_re("^ {4}(.*?\\S)\\s+(\\w+)\\s+((?:nullptr )?[0-9]+(?::[0-9]+)?);\\t///<.*");
  static const std::regex attribute_re("^  @ (.*\\S)\\s+(\\w+)\\s+([0-9]+);\\t///<.*");
  static const std::regex constant_re("^\\t(mktows__\\w+)(?: = [^,]+)?,\\t///<.*");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, class_re)) {
      current = m[1];
      is_enum = false;
      out[current];
    } else if (std::regex_match(line, m, enum_re)) {
      current = m[1];
      is_enum = true;
      out[current];
    } else if (line == "};") {
      current.clear();
    } else if (!current.empty()) {
      if (line.find("INHERITED FROM") != std::string::npos) inherited = line.find("END OF") == std::string::npos;
      if (inherited) continue;
      if (is_enum && std::regex_match(line, m, constant_re)) out[current].push_back(m[1]);
      else if (!is_enum && std::regex_match(line, m, member_re))
        out[current].push_back(std::string(m[2]) + ": " + squeeze(m[1]) + " [" + std::string(m[3]) + "]");
      else if (!is_enum && std::regex_match(line, m, attribute_re))
        out[current].push_back("@" + std::string(m[2]) + ": " + squeeze(m[1]) + " [" + std::string(m[3]) + "]");
    }
  }
  return out;
}

// The same from the model.
Declared predicted(const Definitions &d) {
  Declared out;
  for (const auto &kv : d.types) {
    const Type &t = kv.second;
    std::string cls = cpp_class(t);
    if (cls.compare(0, 8, "mktows__") != 0) continue;  // an inline type: named otherwise
    if (t.simple) {
      std::string enum_type = cpp_type(d, Name{std::string(), t.name});
      if (enum_type.compare(0, 5, "enum ") != 0) continue;  // a typedef
      for (const std::string &v : t.values) out[cls].push_back(cls + "__" + v);
      continue;
    }
    std::vector<std::string> &members = out[cls];
    for (const Member &m : t.members) {
      CppMember c = cpp_member(d, m);
      if (!c.generated) continue;
      std::string name = c.name[0] == '@' ? "@" + c.name.substr(1) : c.name;
      members.push_back(name + ": " + c.decl + " [" + c.occurs + "]");
    }
  }
  return out;
}

void check_against_wsdl2h(const std::string &wsdl_path, std::size_t at_least) {
  mktows_test::TempDir dir;
  std::string header = dir.path() + "/out.h";
  mktows_test::ProcessResult r =
      mktows_test::run_process({arg(1), "-x", "-t", arg(2), "-o", header, wsdl_path}, 60);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "wsdl2h failed on " << wsdl_path << ":\n" << r.output);
  Declared generated = read_header(mktows_test::read_file(header));
  Declared model = predicted(read_wsdl_file(wsdl_path));
  BOOST_TEST(model.size() >= at_least, wsdl_path);
  for (const auto &kv : model) {
    auto it = generated.find(kv.first);
    BOOST_TEST_CONTEXT(wsdl_path << ": " << kv.first) {
      BOOST_REQUIRE_MESSAGE(it != generated.end(), "wsdl2h declares no " << kv.first);
      BOOST_TEST(it->second == kv.second, boost::test_tools::per_element());
    }
  }
}

// Every member form the rules tell apart, on built-in, enumeration and
// class types.
const char kForms[] = R"(<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="http://www.marketo.com/mktows/" targetNamespace="http://www.marketo.com/mktows/">
  <wsdl:types><xs:schema targetNamespace="http://www.marketo.com/mktows/">
    <xs:simpleType name="E"><xs:restriction base="xs:string">
      <xs:enumeration value="ONE"/><xs:enumeration value="TWO"/></xs:restriction></xs:simpleType>
    <xs:complexType name="C"><xs:sequence><xs:element name="z" type="xs:string"/></xs:sequence></xs:complexType>
    <xs:complexType name="D"><xs:complexContent><xs:extension base="tns:C"><xs:sequence>
      <xs:element name="w" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
    <xs:element name="global" type="xs:long"/>
    <xs:complexType name="T"><xs:sequence>
      <xs:element name="s" type="xs:string"/>
      <xs:element name="sn" type="xs:string" nillable="true"/>
      <xs:element name="so" type="xs:string" minOccurs="0"/>
      <xs:element name="son" type="xs:string" minOccurs="0" nillable="true"/>
      <xs:element name="sv" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="svn" type="xs:string" minOccurs="0" maxOccurs="unbounded" nillable="true"/>
      <xs:element name="sv1" type="xs:string" maxOccurs="unbounded"/>
      <xs:element name="sv5" type="xs:string" minOccurs="0" maxOccurs="5"/>
      <xs:element name="i" type="xs:int"/>
      <xs:element name="in" type="xs:int" nillable="true"/>
      <xs:element name="io" type="xs:int" minOccurs="0"/>
      <xs:element name="b" type="xs:boolean"/>
      <xs:element name="bo" type="xs:boolean" minOccurs="0" nillable="true"/>
      <xs:element name="t" type="xs:dateTime"/>
      <xs:element name="l" type="xs:long"/>
      <xs:element name="dbl" type="xs:double"/>
      <xs:element name="e" type="tns:E"/>
      <xs:element name="en" type="tns:E" nillable="true"/>
      <xs:element name="eo" type="tns:E" minOccurs="0"/>
      <xs:element name="ev" type="tns:E" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="c" type="tns:C"/>
      <xs:element name="cn" type="tns:C" nillable="true"/>
      <xs:element name="co" type="tns:C" minOccurs="0"/>
      <xs:element name="con" type="tns:C" minOccurs="0" nillable="true"/>
      <xs:element name="cv" type="tns:C" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="cv1" type="tns:C" maxOccurs="unbounded" nillable="true"/>
      <xs:element ref="tns:global"/>
      <xs:any minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="a" type="xs:string"/>
    <xs:attribute name="ar" type="xs:string" use="required"/>
    <xs:attribute name="ai" type="xs:int"/>
    </xs:complexType>
    <xs:complexType name="A"><xs:all>
      <xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:string" minOccurs="0"/></xs:all></xs:complexType>
  </xs:schema></wsdl:types>
</wsdl:definitions>
)";

}  // namespace

BOOST_AUTO_TEST_CASE(every_member_form_as_wsdl2h_declares_it) {
  mktows_test::TempDir dir;
  check_against_wsdl2h(dir.write("forms.wsdl", kForms), 5);
}

BOOST_AUTO_TEST_CASE(the_vendor_shaped_fixtures_as_wsdl2h_declares_them) {
  check_against_wsdl2h(mktows_test::fixture_path("vendor-2_2-shaped.wsdl"), 140);
  check_against_wsdl2h(mktows_test::fixture_path("vendor-like-2_3.wsdl"), 20);
  check_against_wsdl2h(mktows_test::fixture_path("vendor-2_2-lead-calls.wsdl"), 21);
}

BOOST_AUTO_TEST_CASE(our_wsdl_as_wsdl2h_declares_it) {
  check_against_wsdl2h(mktows_test::paths::our_wsdl, 20);
}

// The reader of wsdl2h's output sees what it must: a test that reads
// nothing would pass every comparison above.
BOOST_AUTO_TEST_CASE(the_header_reader_reads_members_constants_and_skips_inherited_ones) {
  Declared d = read_header(
      "class mktows__D : public mktows__C\n{ public:\n/*  INHERITED FROM mktows__C:\n"
      "    std::string                          z                              1;\t///< Required element.\n"
      "    END OF INHERITED FROM mktows__C */\n"
      "    std::vector<int                    > w                              0:5;\t///< Multiple elements.\n"
      "    int*                                 n                              nullptr 1;\t///< Required nillable.\n"
      "  @ std::string*                         a                              0;\t///< Optional attribute.\n"
      "    struct soap                         *soap                          ;\n};\n"
      "enum mktows__E\n{\n\tmktows__E__ONE,\t///< xs:string value=\"ONE\"\n\tmktows__E__A = 'A',\t///< x\n};\n");
  BOOST_TEST(d["mktows__D"] == (std::vector<std::string>{"w: std::vector<int> [0:5]", "n: int* [nullptr 1]",
                                                          "@a: std::string* [0]"}),
             boost::test_tools::per_element());
  BOOST_TEST(d["mktows__E"] == (std::vector<std::string>{"mktows__E__ONE", "mktows__E__A"}),
             boost::test_tools::per_element());
}
