// The campaigns domain through mktows-bridge: getCampaignsForSource,
// requestCampaign and scheduleCampaign in front of the sandbox's REST face
// (round trips, read back through the sandbox's own SOAP face and REST
// face), and in front of the scripted REST side (ids of its own) for the
// translations, the cached look-ups and every refusal, each made before any
// REST call.
#define BOOST_TEST_MODULE bridge_campaigns_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"

#include <string>

using namespace bridge_test;
using sandbox_test::HttpResponse;
using sandbox_test::fault_code;

namespace {

std::string request_by_name(const std::string &program, const std::string &campaign, const std::string &keys,
                            const std::string &tokens = "", const std::string &source = "MKTOWS") {
  return "<ns1:paramsRequestCampaign><source>" + source + "</source><leadList>" + keys + "</leadList><programName>" +
         program + "</programName><campaignName>" + campaign + "</campaignName>" + tokens + "</ns1:paramsRequestCampaign>";
}

std::string request_by_id(int id, const std::string &keys) {
  return "<ns1:paramsRequestCampaign><source>MKTOWS</source><campaignId>" + std::to_string(id) + "</campaignId><leadList>" +
         keys + "</leadList></ns1:paramsRequestCampaign>";
}

std::string for_source(const std::string &source, const std::string &name = "", bool exact = false) {
  std::string x = "<ns1:paramsGetCampaignsForSource><source>" + source + "</source>";
  if (!name.empty()) x += "<name>" + name + "</name><exactName>" + (exact ? "true" : "false") + "</exactName>";
  return x + "</ns1:paramsGetCampaignsForSource>";
}

std::string schedule(const std::string &program, const std::string &campaign, const std::string &extra = "") {
  return "<ns1:paramsScheduleCampaign><programName>" + program + "</programName><campaignName>" + campaign +
         "</campaignName>" + extra + "</ns1:paramsScheduleCampaign>";
}

const char kToken[] = "<programTokenList><attrib><name>{{my.message}}</name><value>Hi there</value></attrib></programTokenList>";

}  // namespace

BOOST_AUTO_TEST_CASE(campaigns_round_trip_through_the_sandbox) {
  Pair p;
  int port = p.bridge->port();
  sandbox_test::SyncLeadCall s;
  s.lead.email = "camp@bridge.example";
  sandbox_test::SyncOutcome o = sandbox_test::read_sync_outcome(soap(port, "syncLead", sandbox_test::sync_lead_body(s)));
  BOOST_REQUIRE(o.lead_id > 0);
  // Listed as the sandbox's SOAP face lists it (Program.Campaign names).
  HttpResponse r = soap(port, "getCampaignsForSource", for_source("MKTOWS"));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(text_of(r.body, "returnCount") == "1");
  BOOST_TEST(text_of(r.body, "name") == "Demo Program.Welcome");
  sandbox_test::Connection direct(p.sandbox->port());
  HttpResponse d = direct.post("/soap/mktows/2_2",
                               sandbox_test::envelope(sandbox_test::auth_header(kUser, kKey), for_source("MKTOWS")),
                               sandbox_test::action("getCampaignsForSource"));
  BOOST_TEST(texts_of(d.body, "campaignRecord") == texts_of(r.body, "campaignRecord"));
  // Requested by name pair with a token, and by id.
  r = soap(port, "requestCampaign", request_by_name("Demo Program", "Welcome", lead_keys({{"EMAIL", "camp@bridge.example"}}), kToken));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(text_of(r.body, "success") == "true");
  r = soap(port, "requestCampaign", request_by_id(2001, lead_keys({{"IDNUM", std::to_string(o.lead_id)}})));
  BOOST_TEST(text_of(r.body, "success") == "true");
  // Read back through the sandbox's SOAP face: two Request Campaign
  // activities, the first carrying the token.
  HttpResponse act = direct.post(
      "/soap/mktows/2_2",
      sandbox_test::envelope(sandbox_test::auth_header(kUser, kKey),
                             "<ns1:paramsGetLeadActivity><leadKey><keyType>IDNUM</keyType><keyValue>" + std::to_string(o.lead_id) +
                                 "</keyValue></leadKey><activityFilter><includeTypes><activityType>RequestCampaign</activityType>"
                                 "</includeTypes></activityFilter></ns1:paramsGetLeadActivity>"),
      sandbox_test::action("getLeadActivity"));
  BOOST_TEST(text_of(act.body, "returnCount") == "2");
  BOOST_TEST(act.body.find("Hi there") != std::string::npos);
  // A batch campaign is refused by REST (1003) as 20110; a trigger one
  // cannot be scheduled.
  r = soap(port, "requestCampaign", request_by_name("Demo Program", "Weekly Digest", lead_keys({{"EMAIL", "camp@bridge.example"}})));
  BOOST_TEST(fault_code(r.body) == 20110);
  r = soap(port, "scheduleCampaign", schedule("Demo Program", "Weekly Digest", kToken));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  r = soap(port, "scheduleCampaign", schedule("Demo Program", "Welcome"));
  BOOST_TEST(fault_code(r.body) == 20110);
  // The run is on the REST side (the sandbox's sandboxRuns member).
  sandbox_test::Connection rest(p.sandbox->port());
  p.bridge->stop();
  std::string log = mktows_test::read_file(p.bridge_log());
  BOOST_TEST(log.find("requestCampaign: ") != std::string::npos);
  BOOST_TEST(log.find("REST calls") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_resolve_through_rest_once_and_ids_are_the_peers) {
  ScriptedBridge b;
  HttpResponse r = soap(b.port(), "requestCampaign",
                        request_by_name("spring launch", "KICKOFF", lead_keys({{"EMAIL", "bob@scripted.example"}}), kToken));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(b.rest.count("POST /rest/v1/campaigns/7701/trigger.json") == 1);
  // EMAIL naming two leads: the most recently written (9102, not 9103).
  std::string body = b.rest.bodies().back();
  BOOST_TEST(body.find("9102") != std::string::npos, body);
  BOOST_TEST(body.find("9103") == std::string::npos, body);
  BOOST_TEST(body.find("{{my.message}}") != std::string::npos, body);
  // A second call: the campaign's id is cached (no second look-up).
  r = soap(b.port(), "requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"IDNUM", "9101"}})));
  BOOST_TEST(text_of(r.body, "success") == "true");
  BOOST_TEST(b.rest.count("GET /rest/v1/campaigns.json?name=") == 1);
  // The campaign moved (REST's 1013 for the cached id): resolved once more.
  b.rest.campaigns()[0]["id"] = 7799;
  r = soap(b.port(), "requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"IDNUM", "9101"}})));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(b.rest.count("GET /rest/v1/campaigns.json?name=") == 2);
  BOOST_TEST(b.rest.count("POST /rest/v1/campaigns/7799/trigger.json") == 1);
  // Unknown name pair: 20113 after the look-up.
  r = soap(b.port(), "requestCampaign", request_by_name("Spring Launch", "Nope", lead_keys({{"IDNUM", "9101"}})));
  BOOST_TEST(fault_code(r.body) == 20113);
  // A key that matches no lead: 20103, nothing triggered.
  int triggers = b.rest.count("/trigger.json");
  r = soap(b.port(), "requestCampaign", request_by_id(7703, lead_keys({{"EMAIL", "nobody@scripted.example"}})));
  BOOST_TEST(fault_code(r.body) == 20103);
  BOOST_TEST(b.rest.count("/trigger.json") == triggers);
  // By id: REST's 1013 is 20113.
  r = soap(b.port(), "requestCampaign", request_by_id(1234, lead_keys({{"IDNUM", "9101"}})));
  BOOST_TEST(fault_code(r.body) == 20113);
  // The log counts each SOAP call's REST calls.
  BOOST_TEST(b.log().find("mktows-bridge: requestCampaign: 3 REST calls") != std::string::npos, b.log());
}

BOOST_AUTO_TEST_CASE(listing_names_and_filters) {
  ScriptedBridge b;
  HttpResponse r = soap(b.port(), "getCampaignsForSource", for_source("MKTOWS"));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(text_of(r.body, "returnCount") == "2");  // the batch campaign is not triggerable
  std::vector<std::string> names = texts_of(r.body, "name");
  BOOST_TEST((names == std::vector<std::string>{"Spring Launch.Kickoff", "Autumn.Follow Up"}));
  BOOST_TEST(texts_of(r.body, "id") == (std::vector<std::string>{"7701", "7703"}));
  r = soap(b.port(), "getCampaignsForSource", for_source("MKTOWS", "launch.kick"));
  BOOST_TEST(texts_of(r.body, "name") == std::vector<std::string>{"Spring Launch.Kickoff"});
  r = soap(b.port(), "getCampaignsForSource", for_source("MKTOWS", "Follow Up", true));
  BOOST_TEST(texts_of(r.body, "name") == std::vector<std::string>{"Autumn.Follow Up"});
  r = soap(b.port(), "getCampaignsForSource", for_source("MKTOWS", "Follow", true));
  BOOST_TEST(text_of(r.body, "returnCount") == "0");
  BOOST_TEST(b.rest.count("isTriggerable=true") == 4);
}

BOOST_AUTO_TEST_CASE(schedule_translations) {
  ScriptedBridge b;
  HttpResponse r = soap(b.port(), "scheduleCampaign",
                        schedule("Spring Launch", "Digest", "<campaignRunAt>2027-06-02T03:04:05Z</campaignRunAt>" + std::string(kToken)));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(b.rest.count("POST /rest/v1/campaigns/7702/schedule.json") == 1);
  std::string body = b.rest.bodies().back();
  BOOST_TEST(body.find("\"runAt\":\"2027-06-02T03:04:05Z\"") != std::string::npos, body);
  BOOST_TEST(body.find("Hi there") != std::string::npos, body);
  // No run time: REST's default (no runAt sent).
  r = soap(b.port(), "scheduleCampaign", schedule("Spring Launch", "Digest"));
  BOOST_TEST(b.rest.bodies().back().find("runAt") == std::string::npos);
  r = soap(b.port(), "scheduleCampaign", schedule("Spring Launch", "Kickoff"));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("trigger campaign") != std::string::npos, detail_message(r.body));
  r = soap(b.port(), "scheduleCampaign", schedule("Spring Launch", "Missing"));
  BOOST_TEST(fault_code(r.body) == 20113);
}

BOOST_AUTO_TEST_CASE(refusals_come_before_any_rest_call) {
  ScriptedBridge b(R"({"rest": {"limits": {"callsPerWindow": 2}}})");
  struct Row {
    const char *op;
    std::string body;
    int fault;
    const char *reason;
  } rows[] = {
      {"getCampaignsForSource", for_source("SALES"), 20110, "SALES"},
      {"requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"IDNUM", "9101"}}), "", "SALES"), 20110, "SALES"},
      {"requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"LEADOWNEREMAIL", "x@y"}})), 20102, "LEADOWNEREMAIL"},
      {"requestCampaign", request_by_name("Spring Launch", "Kickoff", ""), 20101, ""},
      {"requestCampaign", "<ns1:paramsRequestCampaign><source>MKTOWS</source><campaignId>7701</campaignId><leadList>" +
                              lead_keys({{"IDNUM", "9101"}}) + "</leadList><programName>Spring Launch</programName></ns1:paramsRequestCampaign>",
       20110, "campaignId goes alone"},
      {"requestCampaign", "<ns1:paramsRequestCampaign><source>MKTOWS</source><leadList>" + lead_keys({{"IDNUM", "9101"}}) +
                              "</leadList><campaignName>Kickoff</campaignName></ns1:paramsRequestCampaign>",
       20110, "go together"},
      {"requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"IDNUM", "9101"}}),
                                          "<programTokenList><attrib><name>message</name><value>x</value></attrib></programTokenList>"),
       20110, "{{my.NAME}}"},
      // Three REST calls (look-up, key, trigger) do not fit a window of 2.
      {"requestCampaign", request_by_name("Spring Launch", "Kickoff", lead_keys({{"IDNUM", "9101"}})), 20023, "needs 3 REST calls"},
      {"scheduleCampaign", schedule("Spring Launch", "Digest", "<campaignRunAt>2099-01-01T00:00:00Z</campaignRunAt>"), 20110, "two years"},
      {"scheduleCampaign", schedule("", "Digest"), 20109, ""},
  };
  for (const Row &row : rows) {
    HttpResponse r = soap(b.port(), row.op, row.body);
    BOOST_TEST(fault_code(r.body) == row.fault, row.op << " " << row.body);
    BOOST_TEST(detail_message(r.body).find(row.reason) != std::string::npos, detail_message(r.body));
  }
  BOOST_TEST(b.rest.calls().empty(), b.rest.calls().size() << " REST calls");
}
