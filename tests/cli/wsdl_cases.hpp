// wsdl_cases.hpp: the pairs of WSDL files on which wsdl-diff's verdict about
// mktows::Client is tested, and the verdict each must get. Two tests read
// this one list: wsdl_diff_test runs wsdl-diff on each pair, and
// wsdl_verdict (tests/wsdl_verdict.cmake) builds the client against each
// NEW file and runs it against the sandbox, so the verdict is held against
// the build itself.
//
// Each NEW file is its base with edits, each of which must apply (a text
// that no longer occurs fails the tests instead of making a case that
// tests nothing). The bases are fixtures with the vendor's traits; the
// small one, vendor-2_2-lead-calls.wsdl (the client's three operations and
// the types they reach), keeps the nested build cheap.
#pragma once

#include "support/files.hpp"
#include "support/test_paths.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_test {

struct WsdlEdit {
  std::string from, to;
  bool every = false;  // every occurrence (at least one), not exactly one
};

struct WsdlCase {
  std::string name;
  std::string old_file;  // a fixture, "ours" (wsdl/mktows.wsdl) or "case:<name>" (that case's NEW)
  std::string new_base;  // likewise
  std::vector<WsdlEdit> edits;
  bool compatible;  // wsdl-diff's verdict, and what the build must agree with
  std::string why;  // what the case shows
};

inline const std::vector<WsdlCase> &wsdl_cases() {
  static const std::string kLeadCalls = "vendor-2_2-lead-calls.wsdl";
  static const std::string kSyncStatusSequence =
      "<xs:complexType name=\"SyncStatus\">\n        <xs:sequence>\n"
      "          <xs:element name=\"leadId\" type=\"xs:int\"/>\n"
      "          <xs:element name=\"status\" type=\"tns:LeadSyncStatus\"/>\n"
      "          <xs:element minOccurs=\"0\" name=\"error\" type=\"xs:string\" nillable=\"true\"/>\n"
      "        </xs:sequence>";
  static const std::string kSyncStatusAll =
      "<xs:complexType name=\"SyncStatus\">\n        <xs:all>\n"
      "          <xs:element name=\"leadId\" type=\"xs:int\"/>\n"
      "          <xs:element name=\"status\" type=\"tns:LeadSyncStatus\"/>\n"
      "          <xs:element minOccurs=\"0\" name=\"error\" type=\"xs:string\" nillable=\"true\"/>\n"
      "        </xs:all>";
  static const std::string kSyncStatusAllReordered =
      "<xs:complexType name=\"SyncStatus\">\n        <xs:all>\n"
      "          <xs:element minOccurs=\"0\" name=\"error\" type=\"xs:string\" nillable=\"true\"/>\n"
      "          <xs:element name=\"status\" type=\"tns:LeadSyncStatus\"/>\n"
      "          <xs:element name=\"leadId\" type=\"xs:int\"/>\n"
      "        </xs:all>";
  static const std::vector<WsdlCase> cases = {
      {"ours_vs_vendor_lead_calls", "ours", kLeadCalls, {}, true,
       "our WSDL against a vendor-shaped file (no wsdl:fault, other part names, prefixes and attribute order)"},
      {"nillable_optional", kLeadCalls, kLeadCalls,
       {{"<xs:element minOccurs=\"0\" name=\"dedupEnabled\" type=\"xs:boolean\"/>",
         "<xs:element minOccurs=\"0\" name=\"dedupEnabled\" nillable=\"true\" type=\"xs:boolean\"/>"},
        {"<xs:element minOccurs=\"0\" name=\"leadRecordList\" type=\"tns:ArrayOfLeadRecord\"/>",
         "<xs:element minOccurs=\"0\" name=\"leadRecordList\" nillable=\"true\" type=\"tns:ArrayOfLeadRecord\"/>"}},
       true, "nillable on elements already optional: the same pointer members"},
      {"prefix_and_documentation", kLeadCalls, kLeadCalls,
       {{"xmlns:tns=", "xmlns:mk=", false},
        {"\"tns:", "\"mk:", true},
        {"<wsdl:documentation>", "<wsdl:documentation>Rewritten prose. ", true}},
       true, "another prefix for the target namespace and other documentation"},
      {"sequence_to_all", kLeadCalls, kLeadCalls, {{kSyncStatusSequence, kSyncStatusAll}}, true,
       "a type the client reads becomes an xs:all with the same members"},
      {"all_reordered", "case:sequence_to_all", "case:sequence_to_all", {{kSyncStatusAll, kSyncStatusAllReordered}},
       true, "the members of an xs:all in another order"},
      {"optional_member_added", kLeadCalls, kLeadCalls,
       {{"<xs:element minOccurs=\"0\" name=\"ForeignSysType\" type=\"tns:ForeignSysType\" nillable=\"true\"/>",
         "<xs:element minOccurs=\"0\" name=\"ForeignSysType\" type=\"tns:ForeignSysType\" nillable=\"true\"/>\n"
         "          <xs:element minOccurs=\"0\" name=\"Company\" type=\"xs:string\"/>"}},
       true, "an optional member added: the client leaves it unset, so it is not sent"},
      {"required_member_added", kLeadCalls, kLeadCalls,
       {{"<xs:element name=\"leadKey\" type=\"tns:LeadKey\"/>",
         "<xs:element name=\"leadKey\" type=\"tns:LeadKey\"/>\n"
         "          <xs:element name=\"batchSize\" type=\"xs:int\"/>"}},
       false, "a required member added to a request: gSOAP sends its default (<batchSize>0</batchSize>)"},
      {"return_lead_optional", kLeadCalls, kLeadCalls,
       {{"<xs:element name=\"returnLead\" type=\"xs:boolean\"/>",
         "<xs:element minOccurs=\"0\" name=\"returnLead\" type=\"xs:boolean\"/>"}},
       false, "a required boolean becomes optional: bool -> bool*"},
      {"removed_member_and_changed_type", kLeadCalls, kLeadCalls,
       {{"          <xs:element name=\"returnLead\" type=\"xs:boolean\"/>\n", ""},
        {"name=\"Email\" type=\"xs:string\"", "name=\"Email\" type=\"xs:int\""}},
       false, "a member removed and another's type changed"},
      {"attribute_order", kLeadCalls, kLeadCalls,
       {{"          <xs:element name=\"attrName\" type=\"xs:string\"/>\n", ""},
        {"          <xs:element name=\"attrValue\" type=\"xs:string\"/>\n",
         "          <xs:element name=\"attrValue\" type=\"xs:string\"/>\n"
         "          <xs:element name=\"attrName\" type=\"xs:string\"/>\n"}},
       false, "the members of a request's xs:sequence in another order"},
      {"enumeration_value_added", kLeadCalls, kLeadCalls,
       {{"<xs:enumeration value=\"UPDATED\"/>", "<xs:enumeration value=\"UPDATED\"/>\n"
                                                "          <xs:enumeration value=\"DELETED\"/>"}},
       false, "a value added to an enumeration the client maps (LeadSyncStatus)"},
      {"removed_operation_and_changed_soap_action", kLeadCalls, kLeadCalls,
       {{"soapAction=\"http://www.marketo.com/mktows/getLead\"",
         "soapAction=\"http://www.marketo.com/mktows/getLeadV2\""},
        {"<wsdl:operation name=\"syncMultipleLeads\">", "<wsdl:operation name=\"syncMultipleLeadsV2\">", true}},
       false, "a client operation renamed, another's soapAction changed"},
      {"qualified_elements", kLeadCalls, kLeadCalls,
       {{"<xs:schema targetNamespace=\"http://www.marketo.com/mktows/\">",
         "<xs:schema targetNamespace=\"http://www.marketo.com/mktows/\" elementFormDefault=\"qualified\">"}},
       false, "elementFormDefault=qualified: every child element on the wire"},
      {"context_header_on_more_calls", "ours", "vendor-like-2_3.wsdl", {}, false,
       "a 2_3-like file that declares MktowsContextHeader on getLead and syncMultipleLeads too"},
  };
  return cases;
}

inline const WsdlCase &wsdl_case(const std::string &name) {
  for (const WsdlCase &c : wsdl_cases())
    if (c.name == name) return c;
  throw std::runtime_error("no WSDL case " + name);
}

std::string wsdl_case_text(const std::string &file);

// The text of a case's NEW file (its base with its edits).
inline std::string wsdl_case_new_text(const WsdlCase &c) {
  std::string text = wsdl_case_text(c.new_base);
  for (const WsdlEdit &e : c.edits) {
    std::size_t at = text.find(e.from), n = 0;
    if (at == std::string::npos) throw std::runtime_error(c.name + ": the edit's text is not in the base: " + e.from);
    for (; at != std::string::npos; at = text.find(e.from, at + e.to.size()), ++n) {
      if (!e.every && n > 0) throw std::runtime_error(c.name + ": the edit's text occurs more than once: " + e.from);
      text.replace(at, e.from.size(), e.to);
    }
  }
  return text;
}

// A fixture's, our WSDL's or a case's text ("case:<name>": its NEW file).
inline std::string wsdl_case_text(const std::string &file) {
  if (file == "ours") return read_file(paths::our_wsdl);
  if (file.compare(0, 5, "case:") == 0) return wsdl_case_new_text(wsdl_case(file.substr(5)));
  return fixture(file);
}

}  // namespace mktows_test
