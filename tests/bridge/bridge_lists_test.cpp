// The lists domain through mktows-bridge (listOperation, importToList,
// getImportToListStatus) and getMultipleLeads by StaticListSelector: in
// front of the sandbox's REST face (round trips, read back through the
// sandbox's SOAP face, the import's batch id surviving a bridge restart),
// and in front of the scripted REST side for the name rules, the 300-id
// chunks, strict mode, the cached look-ups and every refusal.
#define BOOST_TEST_MODULE bridge_lists_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"
#include "sandbox/list_requests.hpp"

#include <sys/stat.h>

#include <set>
#include <string>

using namespace bridge_test;
using namespace sandbox_test;

namespace {

const Key kNewsletter{"MKTOLISTNAME", "Demo Program.Newsletter"};

int sync(int port, const std::string &email) {
  SyncLeadCall s;
  s.lead.email = email;
  SyncOutcome o = read_sync_outcome(soap(port, "syncLead", sync_lead_body(s)));
  BOOST_REQUIRE_MESSAGE(o.lead_id > 0, email);
  return o.lead_id;
}

ListOutcome list_op(int port, const std::string &op, const Key &list, const std::vector<Key> &keys,
                    std::optional<bool> strict = std::nullopt) {
  return read_list_outcome(soap_envelope(port, "listOperation", list_operation_request(op, list, keys, strict)));
}

std::string list_selector(const std::string &inner, const std::string &extra = "") {
  return "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:StaticListSelector\" " + std::string(kXsi) + ">" + inner +
         "</leadSelector>" + extra + "</ns1:paramsGetMultipleLeads>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_operations_round_trip_through_the_sandbox) {
  Pair p;
  int port = p.bridge->port();
  int a = sync(port, "la@bridge.example"), b = sync(port, "lb@bridge.example");
  ListOutcome o = list_op(port, "ADDTOLIST", kNewsletter, {{"IDNUM", std::to_string(a)}, {"EMAIL", "lb@bridge.example"},
                                                           {"EMAIL", "nobody@bridge.example"}});
  BOOST_REQUIRE_EQUAL(o.fault, 0);
  BOOST_TEST((o.statuses == std::vector<bool>{true, true, false}));
  BOOST_TEST(!o.success);
  // Read back through the sandbox's own SOAP face.
  Connection direct(p.sandbox->port());
  std::string is_member = list_operation_request("ISMEMBEROFLIST", kNewsletter, {{"IDNUM", std::to_string(a)}, {"IDNUM", std::to_string(b)}});
  const std::string open = "<ns1:AuthenticationHeader>", close = "</ns1:AuthenticationHeader>";
  is_member.replace(is_member.find(open), is_member.find(close) + close.size() - is_member.find(open), auth_header(kUser, kKey));
  ListOutcome d = read_list_outcome(direct.post("/soap/mktows/2_2", is_member, action("listOperation")));
  BOOST_TEST((d.statuses == std::vector<bool>{true, true}));
  // The list's leads through the bridge, a page of one at a time: each
  // lead once, then the end.
  std::set<std::string> seen;
  std::string position;
  for (int page = 0; page < 5; ++page) {
    std::string extra = "<batchSize>1</batchSize>";
    if (!position.empty()) extra = "<streamPosition>" + position + "</streamPosition>" + extra;
    HttpResponse r = soap(port, "getMultipleLeads", list_selector("<staticListName>demo program.newsletter</staticListName>", extra));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    for (const std::string &id : texts_of(r.body, "Id")) BOOST_TEST(seen.insert(id).second, id << " twice");
    position = text_of(r.body, "newStreamPosition");
    if (text_of(r.body, "remainingCount") == "0") break;
  }
  BOOST_TEST(seen == (std::set<std::string>{std::to_string(a), std::to_string(b)}));
  BOOST_TEST(position.empty());
  // By id, and an unknown list.
  HttpResponse r = soap(port, "getMultipleLeads", list_selector("<staticListId>3001</staticListId>"));
  BOOST_TEST(text_of(r.body, "returnCount") == "2");
  r = soap(port, "getMultipleLeads", list_selector("<staticListName>Demo Program.Nope</staticListName>"));
  BOOST_TEST(fault_code(r.body) == 20111);
  // Remove, strict: a non-member makes it write nothing.
  o = list_op(port, "REMOVEFROMLIST", kNewsletter, {{"IDNUM", std::to_string(a)}, {"IDNUM", "999999"}}, true);
  BOOST_TEST((o.statuses == std::vector<bool>{false, false}));
  o = list_op(port, "ISMEMBEROFLIST", kNewsletter, {{"IDNUM", std::to_string(a)}});
  BOOST_TEST(o.success);
  o = list_op(port, "REMOVEFROMLIST", kNewsletter, {{"IDNUM", std::to_string(a)}, {"IDNUM", std::to_string(a)}});
  BOOST_TEST((o.statuses == std::vector<bool>{true, false}));
  d = read_list_outcome(direct.post("/soap/mktows/2_2", is_member, action("listOperation")));
  BOOST_TEST((d.statuses == std::vector<bool>{false, true}));
}

BOOST_AUTO_TEST_CASE(import_round_trip_and_the_batch_id_survives_a_restart) {
  Pair p;
  int port = p.bridge->port();
  ImportCall c;
  c.header = "Email,FirstName";
  c.rows = {"imp1@bridge.example,Ida", "imp2@bridge.example,Ivo"};
  HttpResponse r = soap_envelope(port, "importToList", import_request(c));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(text_of(r.body, "importStatus") == "PROCESSING");
  // The state file: 0600, in the state directory.
  struct stat st;
  BOOST_REQUIRE(::stat((p.state_dir() + "/bridge-state.json").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  // A restart: the bridge still knows the batch.
  p.bridge->stop();
  p.bridge.reset(new mktows_test::SandboxProcess({"--config", p.dir.path() + "/bridge.json"},
                                                 Pair::bridge_env(p.rest_endpoint(), p.state_dir()), p.dir.path() + "/bridge2.log",
                                                 mktows_test::paths::bridge_bin));
  port = p.bridge->port();
  std::string status = import_status_request(std::string("Demo Program"), std::string("Newsletter"));
  std::string state;
  for (int i = 0; i < 3 && state != "COMPLETE"; ++i) {
    r = soap_envelope(port, "getImportToListStatus", status);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    state = text_of(r.body, "status");
  }
  BOOST_TEST(state == "COMPLETE");
  BOOST_TEST(text_of(r.body, "rowsImported") == "2");
  // Read back through the sandbox's SOAP face: the leads exist, in the list.
  HttpResponse lead = soap(p.sandbox->port(), "getLead",
                           "<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType><keyValue>imp2@bridge.example</keyValue></leadKey></ns1:paramsGetLead>");
  BOOST_TEST(lead.body.find("Ivo") != std::string::npos);
  ListOutcome o = list_op(port, "ISMEMBEROFLIST", kNewsletter, {{"EMAIL", "imp1@bridge.example"}, {"EMAIL", "imp2@bridge.example"}});
  BOOST_TEST(o.success);
  // A list never imported into through this bridge.
  r = soap_envelope(port, "getImportToListStatus", import_status_request(std::string("Webinar 2026"), std::string("Attendees")));
  BOOST_TEST(fault_code(r.body) == 20111);
}

BOOST_AUTO_TEST_CASE(list_names_and_chunks_against_the_scripted_side) {
  ScriptedBridge b;
  ListOutcome o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, {{"IDNUM", "9101"}, {"IDNUM", "42"}});
  BOOST_REQUIRE_EQUAL(o.fault, 0);
  BOOST_TEST((o.statuses == std::vector<bool>{true, false}));
  BOOST_TEST(b.rest.count("POST /rest/v1/lists/8801/leads.json?id=9101") == 1);
  // A name whose own text holds a dot: the Program.Name split finds none,
  // the whole name finds it.
  o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "v2.0 Beta"}, {{"IDNUM", "9101"}});
  BOOST_TEST(o.success);
  BOOST_TEST(b.rest.count("/lists/8804/leads.json") == 1);
  // Two lists named Dup: refused, naming both.
  o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "Dup"}, {{"IDNUM", "9101"}});
  BOOST_TEST(o.fault == 20110);
  HttpResponse r = soap_envelope(b.port(), "listOperation", list_operation_request("ADDTOLIST", {"MKTOLISTNAME", "Dup"}, {{"IDNUM", "9101"}}));
  BOOST_TEST(detail_message(r.body).find("8802, 8803") != std::string::npos, detail_message(r.body));
  o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "Autumn.Dup"}, {{"IDNUM", "9101"}});
  BOOST_TEST(o.success);
  // 1000 keys: four resolution calls, four membership calls of <= 300 ids.
  std::vector<Key> many;
  for (int i = 0; i < 1000; ++i) many.push_back({"IDNUM", std::to_string(i % 2 ? 9101 : 9102)});
  b.rest.clear_calls();
  o = list_op(b.port(), "ISMEMBEROFLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, many);
  BOOST_REQUIRE_EQUAL(o.statuses.size(), 1000u);
  BOOST_TEST(o.statuses[1]);
  BOOST_TEST(!o.statuses[0]);
  BOOST_TEST(b.rest.count("ismember.json") == 4);
  BOOST_TEST(b.rest.count("filterType") == 0);  // the form body holds the filter: counted by path
  BOOST_TEST(b.rest.count("POST /rest/v1/leads.json?_method=GET") == 4);
  BOOST_TEST(b.rest.count("lists.json") == 0);  // the list's id is cached
  for (const std::string &c : b.rest.calls())
    if (c.find("ismember.json") != std::string::npos) {
      std::size_t ids = 0, at = 0;
      while ((at = c.find("id=", at)) != std::string::npos) ++ids, at += 3;
      BOOST_TEST(ids <= 300u);
    }
  // Strict: a key matching no lead, nothing written.
  b.rest.clear_calls();
  o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, {{"IDNUM", "9104"}, {"EMAIL", "no@x.example"}}, true);
  BOOST_TEST((o.statuses == std::vector<bool>{false, false}));
  BOOST_TEST(b.rest.count("/lists/8801/leads.json") == 0);
  // The cached id went away: REST's 1013, looked up again once.
  b.rest.lists()[0]["id"] = 8899;
  b.rest.clear_calls();
  o = list_op(b.port(), "ADDTOLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, {{"IDNUM", "9104"}});
  BOOST_TEST(o.success);
  BOOST_TEST(b.rest.count("GET /rest/v1/lists.json") == 1);
  BOOST_TEST(b.rest.count("POST /rest/v1/lists/8899/leads.json") == 1);
  BOOST_TEST(b.log().find("listOperation: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_positions_are_signed_and_survive_a_restart) {
  ScriptedBridge b;
  b.rest.members()[8801] = {9101, 9102, 9104, 9103};
  b.rest.set_list_page(3);  // REST pages of 3: a SOAP page of 2 ends inside one
  std::string sel = "<staticListName>Spring Launch.Newsletter</staticListName>";
  HttpResponse r = soap(b.port(), "getMultipleLeads", list_selector(sel, "<batchSize>2</batchSize>"));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(texts_of(r.body, "Id") == (std::vector<std::string>{"9101", "9102"}));
  BOOST_TEST(text_of(r.body, "remainingCount") != "0");
  std::string position = text_of(r.body, "newStreamPosition");
  b.restart();
  auto page = [&](const std::string &pos) {
    return soap(b.port(), "getMultipleLeads",
                list_selector(sel, "<streamPosition>" + pos + "</streamPosition><batchSize>2</batchSize>"));
  };
  r = page(position);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(texts_of(r.body, "Id") == (std::vector<std::string>{"9104", "9103"}));
  BOOST_TEST(text_of(r.body, "remainingCount") == "0");
  BOOST_TEST(text_of(r.body, "newStreamPosition") == "");
  // Altered, truncated, another question's, another bridge's: 20122.
  std::string altered = position;
  altered[8] = altered[8] == '7' ? '6' : '7';
  BOOST_TEST(fault_code(page(altered).body) == 20122);
  BOOST_TEST(fault_code(page(position.substr(0, position.size() - 1)).body) == 20122);
  BOOST_TEST(fault_code(page("id:1089965:to:1392234668").body) == 20122);
  HttpResponse other = soap(b.port(), "getMultipleLeads",
                            list_selector("<staticListName>Autumn.v2.0 Beta</staticListName>",
                                          "<streamPosition>" + position + "</streamPosition>"));
  BOOST_TEST(fault_code(other.body) == 20122);
  ScriptedBridge stranger;
  HttpResponse foreign = soap(stranger.port(), "getMultipleLeads",
                              list_selector(sel, "<streamPosition>" + position + "</streamPosition>"));
  BOOST_TEST(fault_code(foreign.body) == 20122);
  BOOST_TEST(stranger.rest.count("/lists/") == 0);
}

BOOST_AUTO_TEST_CASE(import_translation_against_the_scripted_side) {
  ScriptedBridge b;
  ImportCall c;
  c.program = "Spring Launch";
  c.header = "Email Address,First Name";
  c.rows = {"x1@scripted.example,Xena", "\"x2@scripted.example\",\"Xavier, Jr.\""};
  HttpResponse r = soap_envelope(b.port(), "importToList", import_request(c));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(b.rest.count("POST /bulk/v1/leads.json?format=csv&lookupField=email&listId=8801") == 1);
  std::string body = b.rest.bodies().back();
  BOOST_TEST(body.find("email,firstName\n") != std::string::npos, body);
  BOOST_TEST(body.find("\"Xavier, Jr.\"") != std::string::npos, body);
  r = soap_envelope(b.port(), "getImportToListStatus", import_status_request(std::string("spring launch"), std::string("NEWSLETTER")));
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(text_of(r.body, "status") == "COMPLETE");
  BOOST_TEST(text_of(r.body, "rowsFailed") == "1");
  BOOST_TEST(text_of(r.body, "importSummary") == "Import succeeded");
  BOOST_TEST(b.rest.count("GET /bulk/v1/leads/batch/4401.json") == 1);
}

BOOST_AUTO_TEST_CASE(refusals_come_before_any_rest_call) {
  ScriptedBridge b(R"({"rest": {"limits": {"callsPerWindow": 5}}})");
  ImportCall base;
  base.program = "Spring Launch";
  base.header = "Email Address";
  base.rows = {"a@x.example"};
  ImportCall listonly = base, clear = base, campaign = base, token = base, unknown = base;
  listonly.mode = "LISTONLY";
  clear.clear_list = true;
  campaign.campaign = std::string("Kickoff");
  token.header = "Email Address,{{my.greeting}}";
  unknown.header = "Email Address,Shoe Size";
  std::vector<Key> many;
  for (int i = 0; i < 600; ++i) many.push_back({"IDNUM", std::to_string(9000 + i)});
  struct Row {
    const char *op;
    std::string envelope;
    int fault;
    const char *reason;
  } rows[] = {
      {"listOperation", list_operation_request("ADDTOLIST", {"MKTOSALESUSERID", "rep@x"}, {{"IDNUM", "9101"}}), 20110, "Sales Insight"},
      {"listOperation", list_operation_request("ADDTOLIST", {"SFDCLEADOWNERID", "00G"}, {{"IDNUM", "9101"}}), 20110, "Sales Insight"},
      {"listOperation", list_operation_request("ADDTOLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, {{"LEADOWNEREMAIL", "o@x"}}), 20102, ""},
      // 600 keys: 2 + 2 calls and the look-up (two: Program.Name, then the whole name), more than a window of 5.
      {"listOperation", list_operation_request("ADDTOLIST", {"MKTOLISTNAME", "Spring Launch.Newsletter"}, many), 20023, "needs 6 REST calls"},
      {"listOperation", list_operation_request("ADDTOLIST", {"MKTOLISTNAME", "a,b"}, {{"IDNUM", "9101"}}), 20110, "comma"},
      {"importToList", import_request(listonly), 20110, "LISTONLY"},
      {"importToList", import_request(clear), 20110, "clearList"},
      {"importToList", import_request(campaign), 20110, "campaignName"},
      {"importToList", import_request(token), 20110, "token column"},
      {"importToList", import_request(unknown), 20110, "Shoe Size"},
      {"getImportToListStatus", import_status_request(std::string("Spring Launch"), std::string("Newsletter")), 20111, "no import"},
      {"getMultipleLeads", envelope(demo_auth(), list_selector("")), 20109, ""},
  };
  for (const Row &row : rows) {
    HttpResponse r = soap_envelope(b.port(), row.op, row.envelope);
    BOOST_TEST(fault_code(r.body) == row.fault, row.op << ": " << r.body.substr(0, 400));
    BOOST_TEST(detail_message(r.body).find(row.reason) != std::string::npos, detail_message(r.body));
  }
  // The lead-key check fetched the describe table once at most: no list,
  // lead or import call was made.
  for (const std::string &c : b.rest.calls()) BOOST_TEST(c.find("describe.json") != std::string::npos, c);
}
