// mktows-sandbox --wsdl FILE: the file is served on ?WSDL with its
// soap:address pointed at the sandbox; its operations are served and a call
// of no 2_2 operation gets the vendor's 20019 fault; a file that
// cannot be served stops the start with a clear message and a non-zero exit.
#define BOOST_TEST_MODULE sandbox_wsdl_option_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/files.hpp"
#include "support/child_process.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

using namespace sandbox_test;
using mktows_test::ProcessResult;
using mktows_test::SandboxProcess;

namespace {

const std::string kVendorWsdl = mktows_test::fixture_path("vendor-2_2-shaped.wsdl");

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

SyncLeadCall simple(const std::string &email) {
  SyncLeadCall c;
  c.lead.email = email;
  c.lead.attributes = {{"FirstName", "George"}};
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_given_file_is_served_with_the_sandbox_address) {
  SandboxProcess sandbox({"--wsdl", kVendorWsdl});
  const std::string fixture = mktows_test::read_file(kVendorWsdl);
  BOOST_REQUIRE(fixture.find("https://na-aba.marketo.com/soap/mktows/2_2") != std::string::npos);
  Connection c(sandbox.port());
  for (std::string version : {"2_2", "1_7"}) {
    HttpResponse r = c.get("/soap/mktows/" + version + "?WSDL");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    std::string here = "http://127.0.0.1:" + std::to_string(sandbox.port()) + "/soap/mktows/" + version;
    BOOST_TEST(r.body.find("<soap:address location=\"" + here + "\"/>") != std::string::npos);
    BOOST_TEST(r.body.find("na-aba.marketo.com") == std::string::npos);
    // The file itself, not the built-in WSDL: its comment, its 23
    // operations in the portType and the binding, its documentation.
    BOOST_TEST(r.body.find("<!-- Marketo API Version 2_2 -->") != std::string::npos);
    BOOST_TEST(count(r.body, "<wsdl:operation name=") == 46u);
    BOOST_TEST(count(r.body, "<wsdl:operation name=") == count(fixture, "<wsdl:operation name="));
    BOOST_TEST(count(r.body, "<wsdl:documentation>") == count(fixture, "<wsdl:documentation>"));
  }
}

BOOST_AUTO_TEST_CASE(the_files_operations_are_served_and_others_get_20019) {
  SandboxProcess sandbox({"--wsdl", kVendorWsdl});
  const std::string path = path_of(sandbox.endpoint());
  const std::string delete_body =
      "<ns1:paramsDeleteMObjects><mObjectList><mObject><type>Opportunity</type><id>7</id></mObject>"
      "</mObjectList></ns1:paramsDeleteMObjects>";
  {
    // Signed properly, with the SOAPAction the file's binding names: the
    // sandbox serves every operation of 2_2 (no opportunity 7: its status).
    Connection c(sandbox.port());
    HttpResponse r = c.post(path, envelope(demo_auth(), delete_body), action("deleteMObjects"));
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(fault_code(r.body) == 0);
    BOOST_TEST(r.body.find("mObjStatusList") != std::string::npos, r.body);
  }
  {
    // Authentication comes first, as on the hosted service.
    Connection c(sandbox.port());
    HttpResponse r = c.post(path, envelope(auth_header(mktows_test::kDemoUserId, "wrong key"), delete_body),
                            action("deleteMObjects"));
    BOOST_TEST(fault_code(r.body) == 20014);
  }
  {
    // An element that names no operation of 2_2: the vendor's 20019.
    Connection c(sandbox.port());
    HttpResponse r = c.post(path, envelope(demo_auth(), "<ns1:paramsGetLeadsByTag><tag>x</tag></ns1:paramsGetLeadsByTag>"),
                            action("getLeadsByTag"));
    BOOST_TEST(r.status == 500);
    BOOST_TEST(fault_code(r.body) == 20019);
    BOOST_TEST(r.body.find("<faultstring>20019 - Unsupported Operation</faultstring>") != std::string::npos);
  }
  {
    Connection c(sandbox.port());
    HttpResponse r = c.post(path, sync_lead_request(simple("wsdl-option@x.com")), action("syncLead"));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(fault_code(r.body) == 0);
    BOOST_TEST(read_sync_outcome(r).status == "CREATED");
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_served_stops_the_start) {
  mktows_test::TempDir dir;
  const std::string missing = dir.path() + "/missing.wsdl";
  const std::string envelope_file = mktows_test::fixture_path("seed-synclead-request.xml");
  const std::string not_xml = dir.write("leads.csv", "Email,FirstName\nt@t.com,George\n");
  const std::string empty = dir.write("empty.wsdl", "");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {missing, "WSDL file " + missing + ": cannot open: No such file or directory"},
      {dir.path(), "WSDL file " + dir.path() + ": cannot read: Is a directory"},
      {empty, "WSDL file " + empty + ": empty"},
      {not_xml, "WSDL file " + not_xml + ": not XML (line 1: "},
      {envelope_file, "WSDL file " + envelope_file + ": not a WSDL 1.1 document (root element "
                      "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"},
  };
  for (const auto &c : cases) {
    ProcessResult r = mktows_test::run_process({mktows_test::paths::sandbox_bin, "--port", "0", "--wsdl", c.first}, 30);
    BOOST_TEST(!r.timed_out, c.first);
    BOOST_TEST(r.exit_code == 1, c.first);
    BOOST_TEST(r.output.find("mktows-sandbox: " + c.second) != std::string::npos, r.output);
    BOOST_TEST(r.output.find("listening on") == std::string::npos, c.first);
  }
  // `mktows sandbox` hands its options to the same program.
  ProcessResult cli = mktows_test::run_process({mktows_test::paths::cli_bin, "sandbox", "--port", "0", "--wsdl", missing}, 30);
  BOOST_TEST(cli.exit_code == 1);
  BOOST_TEST(cli.output.find("mktows-sandbox: WSDL file " + missing + ": cannot open") != std::string::npos, cli.output);
  ProcessResult no_value = mktows_test::run_process({mktows_test::paths::sandbox_bin, "--wsdl"}, 30);
  BOOST_TEST(no_value.exit_code == 2);
  BOOST_TEST(no_value.output.find("missing value after --wsdl") != std::string::npos, no_value.output);
}
