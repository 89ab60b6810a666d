// The sandbox on the wire: the seed's request, verbatim, gets a response of
// the seed's shape; ?WSDL; faults of the vendor's shape.
#define BOOST_TEST_MODULE sandbox_wire_test
#include <boost/test/unit_test.hpp>

#include "sandbox_client.hpp"
#include "support/files.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

using namespace sandbox_test;
using mktows_test::TempDir;
using mktows_test::SandboxProcess;

namespace {

std::string seed(const std::string &name) { return mktows_test::fixture(name); }

// The seed's request with its (2013, unknown-key) header replaced by a valid
// one for the demo user; everything else byte for byte.
std::string seed_request_signed() {
  std::string req = seed("seed-synclead-request.xml");
  std::size_t b = req.find("<ns1:AuthenticationHeader>");
  std::size_t e = req.find("</ns1:AuthenticationHeader>");
  BOOST_REQUIRE(b != std::string::npos && e != std::string::npos);
  e += std::strlen("</ns1:AuthenticationHeader>");
  return req.substr(0, b) + auth_header(mktows_test::kDemoUserId, mktows_test::kDemoEncryptionKey) + req.substr(e);
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_request_updates_the_seed_lead_and_gets_the_seed_response) {
  TempDir dir;
  // The seed's response names lead 1089965 as UPDATED: give the sandbox that
  // lead, so the whole response can be compared with the seed's.
  std::string config = dir.write("config.json", R"({"leads": [{"id": 1089965, "email": "t@t.com"}]})");
  SandboxProcess sandbox({"--config", config});
  Connection c(sandbox.port());
  HttpResponse r = c.post(path_of(sandbox.endpoint()), seed_request_signed(), action("syncLead"));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(mktows_test::envelope_part(r.body, "Body").canonical() ==
             mktows_test::envelope_part(seed("seed-synclead-response.xml"), "Body").canonical());
  // The seed's response has no Header; neither does ours.
  BOOST_CHECK_THROW(mktows_test::envelope_part(r.body, "Header"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(seed_request_on_an_empty_sandbox_creates_then_updates) {
  SandboxProcess sandbox;
  Connection c(sandbox.port());
  HttpResponse first = c.post(path_of(sandbox.endpoint()), seed_request_signed(), action("syncLead"));
  BOOST_REQUIRE_EQUAL(first.status, 200);
  auto body = mktows_test::envelope_part(first.body, "Body");
  BOOST_TEST(find(body, "status")->text == "CREATED");
  BOOST_TEST(find(body, "error")->nil);
  BOOST_TEST(find(body, "leadRecord")->nil);
  std::string id = find(body, "leadId")->text;
  // Same connection: keep-alive.
  HttpResponse second = c.post(path_of(sandbox.endpoint()), seed_request_signed(), action("syncLead"));
  BOOST_REQUIRE_EQUAL(second.status, 200);
  auto body2 = mktows_test::envelope_part(second.body, "Body");
  BOOST_TEST(find(body2, "status")->text == "UPDATED");
  BOOST_TEST(find(body2, "leadId")->text == id);
}

BOOST_AUTO_TEST_CASE(fault_has_the_vendor_shape_and_nothing_else_in_its_detail) {
  SandboxProcess sandbox;
  Connection c(sandbox.port());
  std::string req = seed_request_signed();
  std::size_t at = req.find("<requestSignature>") + std::strlen("<requestSignature>");
  req[at] = req[at] == '0' ? '1' : '0';  // one wrong hex digit
  HttpResponse r = c.post(path_of(sandbox.endpoint()), req, action("syncLead"));
  BOOST_TEST(r.status == 500);
  auto body = mktows_test::envelope_part(r.body, "Body");
  BOOST_TEST(body.canonical() ==
             "{http://schemas.xmlsoap.org/soap/envelope/}Body({http://schemas.xmlsoap.org/soap/envelope/}Fault("
             "{}faultcode=\"SOAP-ENV:Client\",{}faultstring=\"20014 - Authentication failed\",{}detail("
             "{http://www.marketo.com/mktows/}serviceException({}name=\"mktServiceException\","
             "{}message=\"Authentication failed (20014)\",{}code=\"20014\"))))");
}

BOOST_AUTO_TEST_CASE(wsdl_is_served_with_the_sandbox_address_for_any_version) {
  SandboxProcess sandbox;
  Connection c(sandbox.port());
  for (std::string version : {"2_2", "1_7", "2_3"}) {
    HttpResponse r = c.get("/soap/mktows/" + version + "?WSDL");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    std::string expect = "location=\"http://127.0.0.1:" + std::to_string(sandbox.port()) + "/soap/mktows/" + version + "\"";
    BOOST_TEST(r.body.find(expect) != std::string::npos);
    BOOST_TEST(r.body.find("instance.mktoapi.com") == std::string::npos);
    BOOST_TEST(r.body.find("http://www.marketo.com/mktows/syncLead") != std::string::npos);
  }
  BOOST_TEST(c.get("/soap/mktows/2_2?wsdl").status == 200);
}

BOOST_AUTO_TEST_CASE(other_paths_get_404) {
  SandboxProcess sandbox;
  {
    Connection c(sandbox.port());
    BOOST_TEST(c.get("/index.html").status == 404);
  }
  {
    Connection c(sandbox.port());
    BOOST_TEST(c.post("/soap/other/2_2", seed_request_signed(), action("syncLead")).status == 404);
  }
  {
    Connection c(sandbox.port());
    BOOST_TEST(c.get("/soap/mktows/2_2").status == 404);  // a GET without ?WSDL
  }
}

BOOST_AUTO_TEST_CASE(first_line_names_the_endpoint) {
  SandboxProcess sandbox;
  BOOST_TEST(sandbox.endpoint() == "http://127.0.0.1:" + std::to_string(sandbox.port()) + "/soap/mktows/2_2");
  BOOST_TEST(sandbox.port() > 0);
  BOOST_TEST(sandbox.stop() == 0);  // SIGTERM is a clean exit
}
