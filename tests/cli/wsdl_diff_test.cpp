// wsdl_diff_test: `mktows wsdl-diff`, through its reader and comparison
// directly and through the program run as a process: our WSDL against the
// vendor-shaped fixture, that fixture against an edited copy, the member
// changes one by one, and the files it must refuse (each with its exit code).
#define BOOST_TEST_MODULE wsdl_diff
#include <boost/test/unit_test.hpp>

#include "cli_process.hpp"
#include "wsdl_cases.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include "wsdl_diff.hpp"
#include "wsdl_diff_report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace mktows_test;
using namespace mktows_cli::wsdl;
using nlohmann::json;

namespace {

const std::string kOurs = mktows_test::paths::our_wsdl;
const std::string kVendor = mktows_test::fixture_path("vendor-2_2-shaped.wsdl");
const std::string kVendor23 = mktows_test::fixture_path("vendor-like-2_3.wsdl");

// The 23 operations of 2_x (the fact sheet's list), the client's three included.
const std::set<std::string> kOperations = {
    "syncLead", "syncMultipleLeads", "getLead",
    "deleteMObjects",   "describeMObject",   "getMObjects",         "syncMObjects",        "getCampaignsForSource",
    "getImportToListStatus", "getLeadActivity", "getLeadChanges",   "getMultipleLeads",    "importToList",
    "listMObjects",     "listOperation",     "requestCampaign",     "scheduleCampaign",    "syncCustomObjects",
    "deleteCustomObjects", "getCustomObjects", "mergeLeads",        "getChannels",         "getTags"};

CliResult run(const std::vector<std::string> &args, const TempDir &dir) { return run_cli(args, {}, dir.path()); }

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Replaces a snippet that must occur exactly once.
std::string replace_once(std::string text, const std::string &from, const std::string &to) {
  BOOST_REQUIRE_EQUAL(count(text, from), 1u);
  text.replace(text.find(from), from.size(), to);
  return text;
}

const TypeChange *changed(const Diff &d, const std::string &type) {
  for (const TypeChange &t : d.types_changed)
    if (t.type == type) return &t;
  return nullptr;
}

bool mentions(const std::vector<std::string> &reasons, const std::string &what) {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const std::string &r) { return r.find(what) != std::string::npos; });
}

// A WSDL with one schema holding `types`, and no operations.
std::string schema_only(const std::string &types, const std::string &prefix = "tns") {
  return "<?xml version=\"1.0\"?>\n"
         "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"\n"
         "    xmlns:" + prefix + "=\"http://www.marketo.com/mktows/\" targetNamespace=\"http://www.marketo.com/mktows/\">\n"
         "  <wsdl:types><xs:schema targetNamespace=\"http://www.marketo.com/mktows/\">\n" +
         types + "\n  </xs:schema></wsdl:types>\n</wsdl:definitions>\n";
}

std::vector<std::string> names_of(const std::vector<Name> &v) {
  std::vector<std::string> out;
  for (const Name &n : v) out.push_back(display(n));
  return out;
}

json change(const std::string &kind, const std::string &member, const json &old_value, const json &new_value) {
  return json{{"kind", kind}, {"member", member}, {"old", old_value}, {"new", new_value}};
}

}  // namespace

// The 2_2 interface both our WSDL and the fixture describe, from the fact
// sheets: its size, its one abstract type and three extensions, and the
// facts the sheets single out.
void check_2_2_surface(const Definitions &d, std::size_t complex_expected, std::size_t elements_expected) {
  std::set<std::string> operations;
  for (const auto &kv : d.operations) operations.insert(kv.first);
  BOOST_TEST(operations == kOperations);
  BOOST_TEST(d.elements.size() == elements_expected);
  std::size_t complex = 0, simple = 0;
  std::vector<std::string> abstract;
  for (const auto &kv : d.types) {
    (kv.second.simple ? simple : complex) += 1;
    if (kv.second.abstract) abstract.push_back(kv.first);
  }
  BOOST_TEST(complex == complex_expected);
  BOOST_TEST(simple == 15u);
  BOOST_TEST(abstract == std::vector<std::string>{"LeadSelector"});
  for (const char *t : {"LeadKeySelector", "StaticListSelector", "LastUpdateAtSelector"}) {
    BOOST_TEST(d.types.at(t).derivation == "extension");
    BOOST_TEST(display(d.types.at(t).base) == "LeadSelector");
  }
  for (const Member &m : d.types.at("LeadRecord").members) {
    BOOST_TEST(m.min_occurs == "0", m.key);
    BOOST_TEST(m.nillable, m.key);
  }
  BOOST_TEST(d.types.at("LeadRecord").members.at(2).key == "ForeignSysPersonId");
  BOOST_TEST(d.types.at("AuthenticationHeaderInfo").members.size() == 5u);
  // getLeadActivity answers in leadActivityList, not result.
  const std::vector<Member> &activity = d.types.at("SuccessGetLeadActivity").members;
  BOOST_REQUIRE_EQUAL(activity.size(), 1u);
  BOOST_TEST(activity[0].key == "leadActivityList");
  BOOST_TEST(d.types.at("ActivityType").values.size() == 57u);
  BOOST_TEST(d.types.at("ActivityType").values.at(0) == "VisitWebpage");
  BOOST_TEST(display(d.types.at("MObjCriteria").members.at(2).type) == "xs:anySimpleType");
  // latestUpdatedAt comes first in LastUpdateAtSelector.
  BOOST_TEST(d.types.at("LastUpdateAtSelector").members.at(0).key == "latestUpdatedAt");
  // Declared although no element reaches them.
  for (const char *t : {"MObjectTypeEnum", "VersionedItem", "ArrayOfVersionedItem", "ArrayOfBase64Binary"})
    BOOST_TEST(d.types.count(t) == 1u, t);
  for (const auto &kv : d.operations) {
    const Operation &op = kv.second;
    BOOST_TEST(op.bound, op.name);
    BOOST_TEST(op.soap_action == "http://www.marketo.com/mktows/" + op.name);
    std::string cap = std::string(1, static_cast<char>(op.name[0] - 'a' + 'A')) + op.name.substr(1);
    BOOST_TEST(names_of(op.input_body) == std::vector<std::string>{"params" + cap});
    BOOST_TEST(names_of(op.output_body) == std::vector<std::string>{"success" + cap});
    BOOST_TEST(op.output_headers.empty(), op.name);
    std::vector<std::string> headers = {"AuthenticationHeader"};
    if (op.name == "syncLead") headers.push_back("MktowsContextHeader");
    BOOST_TEST(names_of(op.input_headers) == headers, op.name);
  }
}

// The fixture stands in for the vendor's 2_2 file: it keeps the traits the
// fact sheet lists ("What the vendor's own WSDL files look like").
BOOST_AUTO_TEST_CASE(the_vendor_shaped_fixture_has_the_vendor_traits) {
  std::string text = read_file(kVendor);
  BOOST_TEST(text.find("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Marketo API Version 2_2 -->\n") == 0u);
  BOOST_TEST(text.find("elementFormDefault") == std::string::npos);
  BOOST_TEST(text.find("wsdl:fault") == std::string::npos);
  BOOST_TEST(text.find("serviceException") == std::string::npos);
  BOOST_TEST(text.find("<xs:any") == std::string::npos);  // no wildcard (xs:anySimpleType is a type)
  BOOST_TEST(count(text, "<xs:extension base=\"tns:LeadSelector\">") == 3u);
  BOOST_TEST(count(text, "<xs:extension ") == 3u);
  BOOST_TEST(count(text, "<wsdl:documentation>") == 23u);
  BOOST_TEST(text.find("<wsdl:part element=\"tns:AuthenticationHeader\" name=\"authentication\"/>") != std::string::npos);
  BOOST_TEST(text.find("<wsdl:part element=\"tns:MktowsContextHeader\" name=\"mktowsContext\"/>") != std::string::npos);
  BOOST_TEST(text.find("<soap:address location=\"https://na-aba.marketo.com/soap/mktows/2_2\"/>") != std::string::npos);

  Definitions d = read_wsdl_file(kVendor);
  check_2_2_surface(d, 127u, 48u);
  for (const auto &kv : d.operations) BOOST_TEST(kv.second.faults.empty(), kv.first);
}

// Ours describes the same 2_2 interface, plus the serviceException fault
// detail: one more complex type and one more element.
BOOST_AUTO_TEST_CASE(our_wsdl_has_the_whole_2_2_interface) {
  std::string text = read_file(kOurs);
  BOOST_TEST(text.find("<xs:any") == std::string::npos);  // no wildcard (xs:anySimpleType is a type)
  BOOST_TEST(count(text, "<xs:extension ") == 3u);
  Definitions d = read_wsdl_file(kOurs);
  check_2_2_surface(d, 128u, 49u);
  BOOST_TEST(d.types.count("ServiceExceptionInfo") == 1u);
  BOOST_TEST(d.elements.count("serviceException") == 1u);
  for (const auto &kv : d.operations) BOOST_TEST(kv.second.faults == std::vector<std::string>{"serviceException"});
}

BOOST_AUTO_TEST_CASE(our_wsdl_against_the_vendor_shaped_fixture) {
  Definitions ours = read_wsdl_file(kOurs), vendor = read_wsdl_file(kVendor);
  BOOST_TEST(ours.operations.size() == 23u);
  BOOST_TEST(vendor.operations.size() == 23u);
  BOOST_TEST(vendor.elements.size() == 48u);
  BOOST_TEST(vendor.types.size() == 142u);  // 127 complex + 15 simple types
  BOOST_TEST(vendor.element_form_default == "unqualified");  // the default, not written

  Diff d = compare(ours, vendor);
  BOOST_TEST(d.operations_added.empty());
  BOOST_TEST(d.operations_removed.empty());
  // Our WSDL declares the serviceException fault; the vendor's files do
  // not. Nothing else is added, removed or changed.
  BOOST_TEST(d.elements_added.empty());
  BOOST_TEST(d.elements_removed == std::vector<std::string>{"serviceException"});
  BOOST_TEST(d.elements_changed.empty());
  BOOST_TEST(d.types_added.empty());
  BOOST_TEST(d.types_removed == std::vector<std::string>{"ServiceExceptionInfo"});
  BOOST_TEST(d.types_changed.empty(), diff_text(d));
  BOOST_TEST(d.schema_changes.empty());
  BOOST_TEST(d.operations_changed.size() == 23u);
  for (const OperationChange &o : d.operations_changed) {
    BOOST_TEST(o.changes.size() == 1u, o.operation);
    for (const Change &c : o.changes) BOOST_TEST(c.kind == "fault_removed", o.operation << ": " << c.kind);
  }
  BOOST_TEST(d.client_compatible);
  BOOST_TEST(d.client_reasons.empty());
  std::set<std::string> reached(d.client_types.begin(), d.client_types.end());
  for (const char *t : {"AuthenticationHeaderInfo", "MktowsContextHeaderInfo", "ParamsSyncLead", "LeadRecord",
                        "ArrayOfAttribute", "Attribute", "ForeignSysType", "ResultSyncLead", "SyncStatus",
                        "LeadSyncStatus", "ArrayOfLeadRecord", "ArrayOfSyncStatus", "LeadKey", "LeadKeyRef",
                        "SuccessGetLead", "ResultGetLead"})
    BOOST_TEST(reached.count(t) == 1u, t);
  BOOST_TEST(reached.count("LeadSelector") == 0u);  // getMultipleLeads's, not the client's
  BOOST_TEST(reached.count("ServiceExceptionInfo") == 0u);
}

BOOST_AUTO_TEST_CASE(the_program_reports_only_the_fault_detail_and_compatible) {
  TempDir dir;
  CliResult r = run({"wsdl-diff", kOurs, kVendor, "--json"}, dir);
  BOOST_TEST(r.exit_code == 0, r.err);
  json j = json::parse(r.out);
  BOOST_TEST(j.at("operations_added").empty());
  BOOST_TEST(j.at("operations_removed").empty());
  BOOST_TEST(j.at("types_changed").empty());
  BOOST_TEST(j.at("types_removed") == json::array({"ServiceExceptionInfo"}));
  BOOST_TEST(j.at("elements_removed") == json::array({"serviceException"}));
  BOOST_TEST(j.at("elements_added").empty());
  BOOST_TEST(j.at("types_added").empty());
  BOOST_TEST(j.at("client_compatible") == true);
  BOOST_TEST(j.at("client_reasons").empty());
  BOOST_TEST(j.at("client_operations") == json::array({"syncLead", "syncMultipleLeads", "getLead"}));

  CliResult text = run({"wsdl-diff", kOurs, kVendor}, dir);
  BOOST_TEST(text.exit_code == 0, text.err);
  BOOST_TEST(text.out.find("operations: 0 added, 0 removed, 23 changed") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("types: 0 added, 1 removed, 0 changed") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("compatible: its calls are unaffected") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(a_removed_member_and_a_changed_type_make_it_incompatible) {
  TempDir dir;
  std::string text = read_file(kVendor);
  text = replace_once(text, "          <xs:element name=\"returnLead\" type=\"xs:boolean\"/>\n", "");
  text = replace_once(text, "name=\"Email\" type=\"xs:string\"", "name=\"Email\" type=\"xs:int\"");
  std::string edited = dir.write("edited.wsdl", text);

  Diff d = compare(read_wsdl_file(kVendor), read_wsdl_text(text, "edited"));
  BOOST_TEST(d.types_changed.size() == 2u);
  const TypeChange *params = changed(d, "ParamsSyncLead");
  BOOST_REQUIRE(params);
  BOOST_REQUIRE_EQUAL(params->changes.size(), 1u);
  BOOST_TEST(params->changes[0].kind == "member_removed");
  BOOST_TEST(params->changes[0].member == "returnLead");
  const TypeChange *lead = changed(d, "LeadRecord");
  BOOST_REQUIRE(lead);
  BOOST_REQUIRE_EQUAL(lead->changes.size(), 1u);
  BOOST_TEST(lead->changes[0].kind == "type_changed");
  BOOST_TEST(*lead->changes[0].old_value == "xs:string");
  BOOST_TEST(*lead->changes[0].new_value == "xs:int");
  BOOST_TEST(d.operations_added.empty());
  BOOST_TEST(d.operations_changed.empty());
  BOOST_TEST(!d.client_compatible);
  BOOST_TEST(mentions(d.client_reasons, "ParamsSyncLead (reached from syncLead)"), diff_text(d));
  BOOST_TEST(mentions(d.client_reasons, "LeadRecord (reached from syncLead, syncMultipleLeads, getLead)"),
             diff_text(d));

  CliResult r = run({"wsdl-diff", kVendor, edited, "--json"}, dir);
  BOOST_TEST(r.exit_code == 0, r.err);
  json j = json::parse(r.out);
  BOOST_TEST(j.at("client_compatible") == false);
  BOOST_TEST(j.at("client_reasons").size() == 2u, j.at("client_reasons").dump());
  json by_type;
  for (const json &t : j.at("types_changed")) by_type[t.at("type").get<std::string>()] = t.at("changes");
  BOOST_TEST(by_type.size() == 2u);
  BOOST_TEST(by_type["ParamsSyncLead"] == json::array({change("member_removed", "returnLead", "xs:boolean [1..1]", nullptr)}),
             by_type.dump());
  BOOST_TEST(by_type["LeadRecord"] == json::array({change("type_changed", "Email", "xs:string", "xs:int")}),
             by_type.dump());

  CliResult human = run({"wsdl-diff", kVendor, edited}, dir);
  BOOST_TEST(human.exit_code == 0);
  BOOST_TEST(human.out.find("      returnLead: member_removed (was xs:boolean [1..1])\n") != std::string::npos,
             human.out);
  BOOST_TEST(human.out.find("      Email: type_changed xs:string -> xs:int\n") != std::string::npos, human.out);
  BOOST_TEST(human.out.find("NOT compatible") != std::string::npos);
}

// The cases the verdict build also judges (wsdl_cases.hpp): each gets its
// verdict, and wsdl_verdict checks that the build agrees.
BOOST_AUTO_TEST_CASE(every_case_gets_its_verdict) {
  for (const WsdlCase &c : wsdl_cases()) {
    Diff d = compare(read_wsdl_text(wsdl_case_text(c.old_file), c.name + " OLD"),
                     read_wsdl_text(wsdl_case_new_text(c), c.name + " NEW"));
    BOOST_TEST(d.client_compatible == c.compatible, c.name << " (" << c.why << "):\n" << diff_text(d));
    // Every case's two files differ (its edits applied).
    BOOST_TEST(wsdl_case_new_text(c) != wsdl_case_text(c.old_file), c.name);
  }
}

// The case: nillable on two optional elements is an XML change that
// makes the same C++, and is shown as such.
BOOST_AUTO_TEST_CASE(nillable_on_an_optional_element_makes_the_same_cpp) {
  const WsdlCase &c = wsdl_case("nillable_optional");
  Diff d = compare(read_wsdl_text(wsdl_case_text(c.old_file), "old"), read_wsdl_text(wsdl_case_new_text(c), "new"));
  const TypeChange *params = changed(d, "ParamsSyncMultipleLeads");
  BOOST_REQUIRE(params);
  BOOST_TEST(params->changes.size() == 1u);
  BOOST_TEST(params->changes.at(0).kind == "nillable_changed");
  BOOST_TEST(params->cpp.empty());
  BOOST_TEST(d.client_compatible);
  BOOST_TEST(mentions(d.client_unaffected, "ParamsSyncMultipleLeads (reached from syncMultipleLeads): "
                                           "nillable_changed dedupEnabled: false -> true; the same generated C++"),
             diff_text(d));
  BOOST_TEST(diff_text(d).find("      C++: unchanged (mktows__ResultGetLead)\n") != std::string::npos, diff_text(d));
}

// What a raw-proxy caller must change is said in C++ terms.
BOOST_AUTO_TEST_CASE(the_reasons_name_the_generated_cpp_that_changes) {
  auto diff_of = [](const std::string &name) {
    const WsdlCase &c = wsdl_case(name);
    return compare(read_wsdl_text(wsdl_case_text(c.old_file), "old"), read_wsdl_text(wsdl_case_new_text(c), "new"));
  };
  Diff r = diff_of("return_lead_optional");
  BOOST_TEST(mentions(r.client_reasons, "ParamsSyncLead (reached from syncLead): the generated C++ changes: "
                                        "mktows__ParamsSyncLead::returnLead: bool -> bool*"),
             diff_text(r));
  json j = diff_json(r);
  BOOST_TEST(j.at("types_changed").at(0).at("cpp") ==
                 json::array({json{{"kind", "changed"}, {"member", "returnLead"}, {"old", "bool"}, {"new", "bool*"},
                                   {"affects_callers", true},
                                   {"text", "mktows__ParamsSyncLead::returnLead: bool -> bool*"}}}),
             j.at("types_changed").dump(1));
  Diff e = diff_of("enumeration_value_added");
  BOOST_TEST(mentions(e.client_reasons, "mktows__LeadSyncStatus__DELETED: enumeration constant added"), diff_text(e));
  Diff a = diff_of("attribute_order");
  BOOST_TEST(mentions(a.client_reasons, "mktows__Attribute: member order attrName, attrType, attrValue -> "
                                        "attrType, attrValue, attrName (xs:sequence: the order on the wire)"),
             diff_text(a));
  Diff q = diff_of("required_member_added");
  BOOST_TEST(mentions(q.client_reasons, "mktows__ParamsGetLead::batchSize: added, int (required)"), diff_text(q));
  Diff o = diff_of("optional_member_added");
  BOOST_TEST(mentions(o.client_unaffected, "mktows__LeadRecord::Company: added, std::string* (optional), which the "
                                           "client does not use"),
             diff_text(o));
  Diff all = diff_of("all_reordered");
  BOOST_TEST(all.types_changed.size() == 1u);
  BOOST_TEST(all.types_changed.at(0).changes.empty());  // no XML change: an xs:all has no order
  BOOST_TEST(mentions(all.client_unaffected, "(xs:all: any order is valid on the wire)"), diff_text(all));
}

BOOST_AUTO_TEST_CASE(a_file_against_itself_has_no_change) {
  Diff d = compare(read_wsdl_file(kVendor), read_wsdl_file(kVendor));
  BOOST_TEST(d.operations_added.empty());
  BOOST_TEST(d.operations_changed.empty());
  BOOST_TEST(d.types_added.empty());
  BOOST_TEST(d.types_changed.empty());
  BOOST_TEST(d.elements_changed.empty());
  BOOST_TEST(d.client_compatible);
  BOOST_TEST(d.client_types.size() == 21u);
}

// Other prefixes, attribute order and spelled-out defaults are no change.
BOOST_AUTO_TEST_CASE(prefixes_and_written_defaults_are_not_changes) {
  Definitions a = read_wsdl_text(schema_only("<xs:complexType name=\"T\"><xs:sequence>"
                                             "<xs:element name=\"x\" type=\"tns:U\"/>"
                                             "<xs:element name=\"y\" type=\"xs:int\" nillable=\"false\"/>"
                                             "</xs:sequence></xs:complexType>"
                                             "<xs:complexType name=\"U\"><xs:sequence/></xs:complexType>"),
                                 "a");
  Definitions b = read_wsdl_text(schema_only("<xs:complexType name=\"T\"><xs:sequence>"
                                             "<xs:element type=\"ns1:U\" name=\"x\" minOccurs=\"1\" maxOccurs=\"1\"/>"
                                             "<xs:element name=\"y\" type=\"xs:int\"/>"
                                             "</xs:sequence></xs:complexType>"
                                             "<xs:complexType name=\"U\"><xs:sequence/></xs:complexType>",
                                             "ns1"),
                                 "b");
  Diff d = compare(a, b);
  BOOST_TEST(d.types_changed.empty(), diff_text(d));
}

BOOST_AUTO_TEST_CASE(every_kind_of_member_change_is_reported) {
  Definitions a = read_wsdl_text(
      schema_only("<xs:complexType name=\"Base\"><xs:sequence/></xs:complexType>"
                  "<xs:complexType name=\"Other\"><xs:sequence/></xs:complexType>"
                  "<xs:complexType name=\"T\"><xs:complexContent><xs:extension base=\"tns:Base\"><xs:sequence>"
                  "<xs:element name=\"a\" type=\"xs:string\"/>"
                  "<xs:element name=\"b\" type=\"xs:string\" minOccurs=\"0\"/>"
                  "<xs:element name=\"c\" type=\"xs:string\"/>"
                  "<xs:element name=\"d\" type=\"xs:string\"/>"
                  "</xs:sequence></xs:extension></xs:complexContent></xs:complexType>"
                  "<xs:simpleType name=\"E\"><xs:restriction base=\"xs:string\">"
                  "<xs:enumeration value=\"ONE\"/><xs:enumeration value=\"TWO\"/></xs:restriction></xs:simpleType>"),
      "a");
  Definitions b = read_wsdl_text(
      schema_only("<xs:complexType name=\"Base\"><xs:sequence/></xs:complexType>"
                  "<xs:complexType name=\"Other\"><xs:sequence/></xs:complexType>"
                  "<xs:complexType name=\"T\"><xs:complexContent><xs:extension base=\"tns:Other\"><xs:sequence>"
                  "<xs:element name=\"a\" type=\"xs:string\" maxOccurs=\"unbounded\"/>"
                  "<xs:element name=\"b\" type=\"xs:string\"/>"
                  "<xs:element name=\"c\" type=\"xs:string\" nillable=\"true\"/>"
                  "<xs:element name=\"e\" type=\"xs:long\" minOccurs=\"0\"/>"
                  "</xs:sequence></xs:extension></xs:complexContent></xs:complexType>"
                  "<xs:simpleType name=\"E\"><xs:restriction base=\"xs:string\">"
                  "<xs:enumeration value=\"ONE\"/><xs:enumeration value=\"THREE\"/></xs:restriction></xs:simpleType>"),
      "b");
  json j = diff_json(compare(a, b));
  json by_type;
  for (const json &t : j.at("types_changed")) by_type[t.at("type").get<std::string>()] = t.at("changes");
  BOOST_TEST(by_type["T"] == json::array({
                                 json{{"kind", "base_changed"}, {"member", nullptr}, {"old", "Base"}, {"new", "Other"}},
                                 change("max_occurs_changed", "a", "1", "unbounded"),
                                 change("min_occurs_changed", "b", "0", "1"),
                                 change("nillable_changed", "c", "false", "true"),
                                 change("member_removed", "d", "xs:string [1..1]", nullptr),
                                 change("member_added", "e", nullptr, "xs:long [0..1]"),
                             }),
             by_type["T"].dump(1));
  BOOST_TEST(by_type["E"] == json::array({change("value_removed", "TWO", "TWO", nullptr),
                                          change("value_added", "THREE", nullptr, "THREE")}),
             by_type["E"].dump(1));
}

// The client sends MktowsContextHeader where the binding declares it: the
// 2_3-like fixture declares it on getLead and syncMultipleLeads too, which
// moves it onto the wire of two calls.
BOOST_AUTO_TEST_CASE(a_context_header_declared_on_more_calls_is_reported) {
  Diff d = compare(read_wsdl_file(kOurs), read_wsdl_file(kVendor23));
  BOOST_TEST(!d.client_compatible);
  BOOST_TEST(mentions(d.client_reasons, "getLead: NEW's binding declares header MktowsContextHeader on its input, "
                                        "OLD's does not (the client starts sending it)"),
             diff_text(d));
  BOOST_TEST(mentions(d.client_reasons, "syncMultipleLeads: NEW's binding declares header MktowsContextHeader"));
  BOOST_TEST(d.elements_removed.empty());  // it keeps serviceException
}

BOOST_AUTO_TEST_CASE(a_removed_client_operation_and_a_changed_soap_action) {
  std::string text = read_file(kVendor);
  text = replace_once(text, "soapAction=\"http://www.marketo.com/mktows/getLead\"",
                      "soapAction=\"http://www.marketo.com/mktows/getLeadV2\"");
  text = replace_once(text, "<wsdl:operation name=\"syncMultipleLeads\">\n      <wsdl:documentation>",
                      "<wsdl:operation name=\"syncMultipleLeadsV2\">\n      <wsdl:documentation>");
  Diff d = compare(read_wsdl_file(kVendor), read_wsdl_text(text, "edited"));
  BOOST_TEST(d.operations_removed == std::vector<std::string>{"syncMultipleLeads"});
  BOOST_TEST(d.operations_added == std::vector<std::string>{"syncMultipleLeadsV2"});
  BOOST_TEST(!d.client_compatible);
  BOOST_TEST(mentions(d.client_reasons, "syncMultipleLeads: not an operation of NEW"), diff_text(d));
  BOOST_TEST(mentions(d.client_reasons, "getLead: soapAction is 'http://www.marketo.com/mktows/getLeadV2'"));
}

// Qualified child elements change every message on the wire; an import is
// not fetched, and is said so.
BOOST_AUTO_TEST_CASE(element_form_default_and_imports) {
  std::string text = read_file(kVendor);
  text = replace_once(text, "<xs:schema targetNamespace=\"http://www.marketo.com/mktows/\">",
                      "<xs:schema targetNamespace=\"http://www.marketo.com/mktows/\" elementFormDefault=\"qualified\">\n"
                      "      <xs:import namespace=\"urn:example:other\" schemaLocation=\"http://127.0.0.1:9/other.xsd\"/>");
  Diff d = compare(read_wsdl_file(kVendor), read_wsdl_text(text, "edited"));
  BOOST_REQUIRE_EQUAL(d.schema_changes.size(), 1u);
  BOOST_TEST(d.schema_changes[0].kind == "element_form_default_changed");
  BOOST_TEST(*d.schema_changes[0].old_value == "unqualified");
  BOOST_TEST(*d.schema_changes[0].new_value == "qualified");
  BOOST_TEST(!d.client_compatible);
  BOOST_TEST(mentions(d.client_reasons, "elementFormDefault changed: unqualified -> qualified"));
  BOOST_TEST(d.notes == std::vector<std::string>{"NEW: xs:import of http://127.0.0.1:9/other.xsd is not followed"});
  BOOST_TEST(d.types_changed.empty());
}

BOOST_AUTO_TEST_CASE(malformed_xml_has_its_exit_code_and_the_line) {
  TempDir dir;
  std::string bad = dir.write("bad.wsdl", "<?xml version=\"1.0\"?>\n<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">\n"
                                          "  <wsdl:types>\n  </wsdl:typo>\n</wsdl:definitions>\n");
  CliResult r = run({"wsdl-diff", kVendor, bad}, dir);
  BOOST_TEST(r.exit_code == 12);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.find(bad + ": not well-formed XML: line 4: ") != std::string::npos, r.err);
  BOOST_TEST(count(r.err, "\n") == 1u, r.err);  // one message, not libxml2's own as well

  std::string empty = dir.write("empty.wsdl", "");
  BOOST_TEST(run({"wsdl-diff", empty, kVendor}, dir).exit_code == 12);
}

BOOST_AUTO_TEST_CASE(xml_that_is_not_a_wsdl_has_its_exit_code) {
  TempDir dir;
  std::string other = dir.write("seed.xml", mktows_test::fixture("seed-synclead-request.xml"));
  CliResult r = run({"wsdl-diff", kVendor, other, "--json"}, dir);
  BOOST_TEST(r.exit_code == 13);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.find(other + ": not a WSDL 1.1 document: the root element is "
                                "{http://schemas.xmlsoap.org/soap/envelope/}Envelope") != std::string::npos,
             r.err);

  std::string wsdl20 = dir.write("w20.wsdl", "<description xmlns=\"http://www.w3.org/ns/wsdl\"/>");
  CliResult r20 = run({"wsdl-diff", wsdl20, kVendor}, dir);
  BOOST_TEST(r20.exit_code == 13);
  BOOST_TEST(r20.err.find("WSDL 2.0 is not supported") != std::string::npos, r20.err);
}

// A DTD is refused before anything is read from it: no entity is expanded
// (a billion-laughs file ends at once) and no external one is fetched.
BOOST_AUTO_TEST_CASE(a_doctype_is_refused_without_expanding_or_fetching) {
  TempDir dir;
  std::string secret = dir.write("secret.txt", "do-not-print-3141592653");
  // Ten levels of ten references: 10^10 bytes if anything expanded it.
  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE wsdl:definitions [\n  <!ENTITY a \"aaaaaaaaaa\">\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    lol += std::string("  <!ENTITY ") + c + " \"";
    for (int i = 0; i < 10; ++i) lol += std::string("&") + static_cast<char>(c - 1) + ";";
    lol += "\">\n";
  }
  lol += "  <!ENTITY x SYSTEM \"file://" + secret + "\">\n]>\n"
         "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" name=\"&j;\">\n"
         "  <wsdl:documentation>&x;</wsdl:documentation>\n</wsdl:definitions>\n";
  std::string bomb = dir.write("bomb.wsdl", lol);
  CliResult r = run({"wsdl-diff", bomb, kVendor, "--json"}, dir);
  BOOST_TEST(r.exit_code == 13, r.err);
  // Not libxml2's "entity reference loop" (exit 12): it stopped at the name.
  BOOST_TEST(r.err.find("has a DOCTYPE") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("do-not-print") == std::string::npos);
  BOOST_TEST(r.out.empty());

  // An external DTD alone: refused the same way, and never fetched.
  std::string external = dir.write("external.wsdl", "<?xml version=\"1.0\"?>\n"
                                                    "<!DOCTYPE wsdl:definitions SYSTEM \"http://127.0.0.1:9/wsdl.dtd\">\n"
                                                    "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>\n");
  CliResult e = run({"wsdl-diff", kVendor, external}, dir);
  BOOST_TEST(e.exit_code == 13, e.err);
  BOOST_TEST(e.err.find(external + ": has a DOCTYPE") != std::string::npos, e.err);
}

BOOST_AUTO_TEST_CASE(a_missing_or_unreadable_file_has_its_exit_code) {
  TempDir dir;
  std::string missing = dir.path() + "/no-such.wsdl";
  CliResult r = run({"wsdl-diff", missing, kVendor}, dir);
  BOOST_TEST(r.exit_code == 11);
  BOOST_TEST(r.err.find(missing + ": cannot open: No such file or directory") != std::string::npos, r.err);
  CliResult d = run({"wsdl-diff", kVendor, dir.path()}, dir);
  BOOST_TEST(d.exit_code == 11);
  BOOST_TEST(d.err.find(dir.path() + ": not a regular file") != std::string::npos, d.err);
}

BOOST_AUTO_TEST_CASE(the_command_line_is_checked) {
  TempDir dir;
  BOOST_TEST(run({"wsdl-diff", kVendor}, dir).exit_code == 2);
  BOOST_TEST(run({"wsdl-diff", kVendor, kVendor, kVendor}, dir).exit_code == 2);
  BOOST_TEST(run({"wsdl-diff", kVendor, kVendor, "--xml"}, dir).exit_code == 2);
  CliResult all = run({"--help"}, dir);
  BOOST_TEST(all.out.find("  wsdl-diff    compare two mktows WSDL files") != std::string::npos, all.out);
  BOOST_TEST(all.out.find("  12 wsdl-diff: a file is not well-formed XML") != std::string::npos);
  CliResult help = run({"wsdl-diff", "--help"}, dir);
  BOOST_TEST(help.exit_code == 0);
  BOOST_TEST(help.out.find("13 wsdl-diff: a file is XML but not a WSDL 1.1 document") != std::string::npos, help.out);
}
