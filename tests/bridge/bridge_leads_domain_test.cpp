// getMultipleLeads and mergeLeads through mktows-bridge in front of the
// sandbox's REST face: what is carried (a LeadKeySelector that fits one
// page; Merge Leads by any key), what is refused with its reason before a
// REST call (LastUpdateAtSelector, a loser list longer than REST takes), and
// the result read back through the sandbox's own SOAP face.
#define BOOST_TEST_MODULE bridge_leads_domain_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_setup.hpp"
#include "sandbox/lead_requests.hpp"

#include <set>
#include <string>
#include <vector>

using namespace sandbox_test;
using bridge_test::Pair;

namespace {

const char kXsi[] = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

HttpResponse post(int port, const std::string &op, const std::string &body) {
  Connection c(port);
  return c.post("/soap/mktows/2_2", envelope(auth_header(bridge_test::kUser, bridge_test::kKey), body), action(op));
}

int sync(int port, const std::string &email, const std::string &first) {
  SyncLeadCall s;
  s.lead.email = email;
  s.lead.attributes = {{"FirstName", first}};
  std::string body = sync_lead_body(s);
  SyncOutcome o = read_sync_outcome(post(port, "syncLead", body));
  BOOST_REQUIRE_MESSAGE(o.lead_id > 0, email);
  return o.lead_id;
}

std::string key_selector(const std::string &type, const std::vector<std::string> &values, const std::string &extra = "") {
  std::string x = "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\" " + std::string(kXsi) +
                  "><keyType>" + type + "</keyType><keyValues>";
  for (const std::string &v : values) x += "<stringItem>" + v + "</stringItem>";
  return x + "</keyValues></leadSelector>" + extra + "</ns1:paramsGetMultipleLeads>";
}

std::string detail_message(const std::string &body) {
  mktows_test::XmlNode b = mktows_test::envelope_part(body, "Body");
  const mktows_test::XmlNode *m = find(b, "message");
  return m ? m->text : std::string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(get_multiple_leads_by_keys_through_the_bridge) {
  Pair p;
  int port = p.bridge->port();
  int ada = sync(port, "ada@bridge.example", "Ada");
  int bob = sync(port, "bob@bridge.example", "Bob");
  HttpResponse r = post(port, "getMultipleLeads",
                        key_selector("EMAIL", {"ada@bridge.example", "bob@bridge.example", "none@bridge.example"}));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  BOOST_TEST(find(body, "returnCount")->text == "2");
  BOOST_TEST(find(body, "remainingCount")->text == "0");
  std::vector<const mktows_test::XmlNode *> ids;
  find_all(body, "Id", ids);
  BOOST_REQUIRE(ids.size() == 2u);
  std::set<std::string> got = {ids[0]->text, ids[1]->text};
  BOOST_TEST(got.count(std::to_string(ada)) == 1u);
  BOOST_TEST(got.count(std::to_string(bob)) == 1u);
  BOOST_TEST(r.body.find("Ada") != std::string::npos);
  // More matches than the page holds: refused with its reason, not cut.
  r = post(port, "getMultipleLeads",
           key_selector("EMAIL", {"ada@bridge.example", "bob@bridge.example"}, "<batchSize>1</batchSize>"));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("more than one page of 1") != std::string::npos, detail_message(r.body));
}

BOOST_AUTO_TEST_CASE(selectors_with_no_rest_equivalent_are_refused_before_any_rest_call) {
  Pair p;
  // A window wider than 30 days: the SOAP service's 20022, before any call.
  std::string last = "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\" " +
                     std::string(kXsi) + "><latestUpdatedAt>2026-12-01T00:00:00Z</latestUpdatedAt>"
                     "<oldestUpdatedAt>2026-10-01T00:00:00Z</oldestUpdatedAt></leadSelector></ns1:paramsGetMultipleLeads>";
  HttpResponse r = post(p.bridge->port(), "getMultipleLeads", last);
  BOOST_TEST(fault_code(r.body) == 20022);
  BOOST_TEST(detail_message(r.body).find("more than 30 days") != std::string::npos, detail_message(r.body));
  r = post(p.bridge->port(), "getMultipleLeads", key_selector("LEADOWNEREMAIL", {"boss@bridge.example"}));
  BOOST_TEST(fault_code(r.body) == 20102);
  p.bridge->stop();
  p.sandbox->stop();
  // The refusals made no REST call (the sandbox logs each one it answers).
  std::string sandbox_log = mktows_test::read_file(p.sandbox_log());
  BOOST_TEST(sandbox_log.find("rest POST /rest/v1/leads.json") == std::string::npos, sandbox_log);
  BOOST_TEST(sandbox_log.find("rest GET /rest/v1/activities") == std::string::npos, sandbox_log);
}

BOOST_AUTO_TEST_CASE(merge_leads_through_the_bridge) {
  Pair p;
  int port = p.bridge->port();
  int winner = sync(port, "win@bridge.example", "Winnie");
  int loser = sync(port, "lose@bridge.example", "Luke");
  std::string body = "<ns1:paramsMergeLeads><winningLeadKeyList><attribute><attrName>IDNUM</attrName><attrValue>" +
                     std::to_string(winner) +
                     "</attrValue></attribute></winningLeadKeyList><losingLeadKeyLists><keyList><attribute>"
                     "<attrName>EMAIL</attrName><attrValue>lose@bridge.example</attrValue></attribute></keyList>"
                     "</losingLeadKeyLists></ns1:paramsMergeLeads>";
  HttpResponse r = post(port, "mergeLeads", body);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  mktows_test::XmlNode b = mktows_test::envelope_part(r.body, "Body");
  BOOST_TEST(find(b, "status")->text == "MERGED");
  BOOST_TEST(find(b, "winningLeadId")->text == std::to_string(winner));
  BOOST_TEST(find(b, "integerItem")->text == std::to_string(loser));
  // Read back through the sandbox's own SOAP face: the loser is gone.
  Connection c(p.sandbox->port());
  HttpResponse back = c.post("/soap/mktows/2_2",
                             envelope(auth_header(bridge_test::kUser, bridge_test::kKey),
                                      "<ns1:paramsGetLead><leadKey><keyType>IDNUM</keyType><keyValue>" +
                                          std::to_string(loser) + "</keyValue></leadKey></ns1:paramsGetLead>"),
                             action("getLead"));
  BOOST_TEST(fault_code(back.body) == 20103);
  // A loser list longer than REST takes: refused before any REST write.
  std::string many = "<ns1:paramsMergeLeads><winningLeadKeyList><attribute><attrName>IDNUM</attrName><attrValue>" +
                     std::to_string(winner) + "</attrValue></attribute></winningLeadKeyList><losingLeadKeyLists>";
  for (int i = 0; i < 26; ++i)
    many += "<keyList><attribute><attrName>IDNUM</attrName><attrValue>" + std::to_string(900000 + i) +
            "</attrValue></attribute></keyList>";
  many += "</losingLeadKeyLists></ns1:paramsMergeLeads>";
  r = post(port, "mergeLeads", many);
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("more than 25 losing leads") != std::string::npos, detail_message(r.body));
}
