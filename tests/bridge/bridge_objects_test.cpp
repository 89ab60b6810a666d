// The objects domain through mktows-bridge (listMObjects, describeMObject,
// getMObjects, syncMObjects, deleteMObjects): in front of the sandbox's
// REST face (round trips read back through the bridge and through the
// sandbox's own SOAP face: one store), and in front of a scripted REST side
// (scripted_objects_rest.hpp, ids and GUIDs of its own) for the
// translations, the id map across a restart, paging, and every refusal,
// each made before any REST call.
#define BOOST_TEST_MODULE bridge_objects_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"
#include "bridge/scripted_objects_rest.hpp"
#include "sandbox/object_requests.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <string>

using namespace bridge_test;
using namespace sandbox_test;
using nlohmann::json;

namespace {

// The bridge in front of the scripted objects peer.
struct ObjectsBridge {
  ObjectsBridge() { start(); }
  void start() {
    ++starts_;
    bridge.reset(new mktows_test::SandboxProcess({"--config", dir.write("bridge.json", "{}"), "--verbose"},
                                                 Pair::bridge_env(rest.endpoint(), dir.path() + "/state"), log_path(),
                                                 mktows_test::paths::bridge_bin));
  }
  void restart() {
    bridge->stop();
    start();
  }
  std::string log_path() const { return dir.path() + "/bridge" + std::to_string(starts_) + ".log"; }
  int port() const { return bridge->port(); }

  HttpResponse call(const std::string &op, const std::string &env) { return soap_envelope(port(), op, env); }
  Statuses sync(const std::vector<Obj> &objs, const std::string &op = "UPSERT") {
    return read_statuses(call("syncMObjects", sync_request(objs, op)));
  }
  Statuses remove(const std::vector<Obj> &objs) { return read_statuses(call("deleteMObjects", delete_request(objs))); }
  Page get(const Query &q) { return read_page(call("getMObjects", get_request(q))); }
  HttpResponse get_raw(const Query &q) { return call("getMObjects", get_request(q)); }

  mktows_test::TempDir dir;
  ScriptedObjectsRest rest;
  int starts_ = 0;
  std::unique_ptr<mktows_test::SandboxProcess> bridge;
};

std::string describe_body(const std::string &name) {
  return envelope(demo_auth(), "<ns1:paramsDescribeMObject><objectName>" + name + "</objectName></ns1:paramsDescribeMObject>");
}

Query mk(const std::string &type, std::optional<int> id = std::nullopt,
         std::optional<std::pair<std::string, std::string>> key = std::nullopt, std::vector<Crit> criteria = {},
         std::vector<Assoc> assocs = {}, std::optional<bool> details = std::nullopt,
         std::optional<std::string> position = std::nullopt) {
  Query q;
  q.type = type;
  q.id = id;
  q.key = std::move(key);
  q.criteria = std::move(criteria);
  q.assocs = std::move(assocs);
  q.details = details;
  q.position = std::move(position);
  return q;
}

Obj by_type(const std::string &type) {
  Obj o;
  o.type = type;
  return o;
}

Obj opportunity(const std::string &key, Attribs attribs = {}) {
  Obj o;
  o.key = std::make_pair("externalOpportunityId", key);
  o.attribs = std::move(attribs);
  return o;
}

Obj by_id(const std::string &type, int id, Attribs attribs = {}) {
  Obj o;
  o.type = type;
  o.id = id;
  o.attribs = std::move(attribs);
  return o;
}

// The REST calls made to opportunities/roles/programs (describes excepted).
int data_calls(ScriptedObjectsRest &rest) {
  int n = 0;
  for (const std::string &c : rest.calls())
    n += c.find("describe") == std::string::npos && c.find("/identity/") == std::string::npos;
  return n;
}

// A getMObjects answer's fault and message.
std::pair<int, std::string> refusal(ObjectsBridge &b, const Query &q) {
  HttpResponse r = b.get_raw(q);
  return {fault_code(r.body), detail_message(r.body)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_and_describe_translate_the_rest_describes) {
  ObjectsBridge b;
  // listMObjects: the bridge's own answer, no REST call, after the signature check.
  HttpResponse r = b.call("listMObjects", envelope(demo_auth(), "<ns1:paramsListMObjects/>"));
  BOOST_TEST((texts_of(r.body, "objects") == std::vector<std::string>{"ActivityRecord", "LeadRecord", "Opportunity", "OpportunityPersonRole"}));
  BOOST_TEST(b.rest.calls().empty());
  sandbox_test::Connection c(b.port());
  r = c.post("/soap/mktows/2_2", envelope(auth_header(kUser, "not-the-key"), "<ns1:paramsListMObjects/>"), action("listMObjects"));
  BOOST_TEST(fault_code(r.body) == 20014);

  // LeadRecord: the fields with a SOAP name, from leads/describe.json.
  r = b.call("describeMObject", describe_body("LeadRecord"));
  BOOST_TEST((texts_of(r.body, "name") == std::vector<std::string>{"LeadRecord", "Id", "Email", "Title"}));
  BOOST_TEST((texts_of(r.body, "displayName") == std::vector<std::string>{"Id", "Email Address", "Job Title"}));
  BOOST_TEST((texts_of(r.body, "size") == std::vector<std::string>{"", "255", "120"}));
  BOOST_TEST((texts_of(r.body, "isReadonly") == std::vector<std::string>{"true", "false", "false"}));

  // Opportunity: REST names in SOAP's form; the external key is no field.
  r = b.call("describeMObject", describe_body("Opportunity"));
  BOOST_REQUIRE_MESSAGE(fault_code(r.body) == 0, r.body);
  BOOST_TEST((texts_of(r.body, "name") == std::vector<std::string>{"Opportunity", "Id", "Created At", "Updated At", "Name", "Stage",
                                                                    "Amount", "CloseDate", "IsWon", "ExternalCompanyId"}));
  BOOST_TEST(texts_of(r.body, "dataType")[0] == "integer");   // Id: the bridge's integer
  BOOST_TEST(texts_of(r.body, "isPrimaryKey")[0] == "true");
  BOOST_TEST(texts_of(r.body, "dataType")[6] == "date");      // closeDate
  // Role: the two links under their SOAP names; leadId and role are dedupe
  // fields: written at creation (not read-only), never updated.
  r = b.call("describeMObject", describe_body("OpportunityPersonRole"));
  std::vector<std::string> names = texts_of(r.body, "name");
  BOOST_TEST((names == std::vector<std::string>{"OpportunityPersonRole", "Id", "OpportunityId", "Created At", "Updated At", "PersonId",
                                                "Role", "IsPrimary"}));
  BOOST_TEST((texts_of(r.body, "isReadonly") == std::vector<std::string>{"true", "false", "true", "true", "false", "false", "false"}));
  BOOST_TEST((texts_of(r.body, "isUpdateBlocked") == std::vector<std::string>{"true", "false", "true", "true", "true", "true", "false"}));
  BOOST_TEST((texts_of(r.body, "sourceObject") ==
              std::vector<std::string>{"OpportunityPersonRole", "Opportunity", "OpportunityPersonRole", "OpportunityPersonRole", "Lead",
                                       "OpportunityPersonRole", "OpportunityPersonRole"}));
  // Each describe once: cached.
  int before = static_cast<int>(b.rest.calls().size());
  b.call("describeMObject", describe_body("Opportunity"));
  BOOST_TEST(static_cast<int>(b.rest.calls().size()) == before);

  // ActivityRecord: the static virtual table, no REST call.
  b.rest.clear_calls();
  r = b.call("describeMObject", describe_body("ActivityRecord"));
  BOOST_TEST(text_of(r.body, "isVirtual") == "true");
  BOOST_TEST(texts_of(r.body, "field").size() == 11u);
  BOOST_TEST(b.rest.calls().empty());
  // Program has no describe; nor has an unknown name.
  r = b.call("describeMObject", describe_body("Program"));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("not Program") != std::string::npos);
  r = b.call("describeMObject", describe_body(""));
  BOOST_TEST(fault_code(r.body) == 20109);
  BOOST_TEST(b.rest.calls().empty());
}

BOOST_AUTO_TEST_CASE(opportunities_and_roles_translate_both_ways) {
  ObjectsBridge b;
  Statuses s = b.sync({opportunity("CRM-1", {{"Name", "Big deal"}, {"Stage", "Won"}, {"Amount", "1200.5"}, {"CloseDate", "2026-12-31"},
                                             {"IsWon", "1"}}),
                       opportunity("CRM-2", {{"Name", "Small"}, {"Amount", "inf"}}),
                       opportunity("CRM-3", {{"Colour", "red"}}),
                       opportunity("CRM-4", {{"Created At", "2026-01-01T00:00:00Z"}})});
  BOOST_REQUIRE_EQUAL(s.fault, 0);
  BOOST_REQUIRE_EQUAL(s.items.size(), 4u);
  BOOST_TEST(s.items[0].status == "CREATED");
  BOOST_TEST(s.items[0].id > 0);
  BOOST_TEST(s.items[0].key_value == "CRM-1");
  BOOST_TEST(s.items[1].status == "FAILED");
  BOOST_TEST(s.items[1].error == "Amount is not a number");
  BOOST_TEST(s.items[2].status == "FAILED");
  BOOST_TEST(s.items[2].error == "Opportunity has no field Colour on the REST side");
  BOOST_TEST(s.items[3].error == "Created At is read-only on the REST side");
  // Only the good one went to REST, translated (SOAP names → REST names,
  // numbers and booleans as JSON's).
  json sent = b.rest.opportunities();
  BOOST_REQUIRE_EQUAL(sent.size(), 1u);
  BOOST_TEST(sent[0]["externalOpportunityId"] == "CRM-1");
  BOOST_TEST(sent[0]["amount"] == 1200.5);
  BOOST_TEST(sent[0]["closeDate"] == "2026-12-31");
  BOOST_TEST(sent[0]["isWon"] == true);
  std::string body;
  for (const std::string &x : b.rest.bodies())
    if (x.find("createOrUpdate") != std::string::npos) body = x;
  BOOST_TEST(json::parse(body)["dedupeBy"] == "dedupeFields");
  const int id = s.items[0].id;

  // Read back by id, by externalKey, by a criterion, by CRM Id.
  for (const Query &q : {mk("Opportunity", id), mk("Opportunity", std::nullopt, std::make_pair("externalOpportunityId", "CRM-1")),
                         mk("Opportunity", std::nullopt, std::nullopt, {{"name", "EQ", "Big deal"}}),
                         mk("Opportunity", std::nullopt, std::nullopt, {{"CRM Id", "EQ", "CRM-1"}})}) {
    Page p = b.get(q);
    BOOST_REQUIRE_EQUAL(p.fault, 0);
    BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
    BOOST_TEST(p.objects[0].id == id);
    BOOST_TEST(p.objects[0].key_value == "CRM-1");
    BOOST_TEST(p.objects[0].attribs["Amount"] == "1200.5");
    BOOST_TEST(p.objects[0].attribs["CloseDate"] == "2026-12-31");
    BOOST_TEST(p.objects[0].attribs["IsWon"] == "true");
    BOOST_TEST(p.objects[0].attribs["Stage"] == "Won");
    BOOST_TEST(!p.has_more);
  }
  BOOST_TEST(b.rest.count("filterType=marketoGUID") == 1);  // the id became the GUID REST made

  // UPDATE by id: idField with the GUID; INSERT of a key that exists:
  // SKIPPED; INSERT with an id, UPDATE of an id never handed out: FAILED
  // without a REST call.
  s = b.sync({by_id("Opportunity", id, {{"Stage", "Lost"}})}, "UPDATE");
  BOOST_TEST(s.items[0].status == "UPDATED");
  BOOST_TEST(s.items[0].id == id);
  BOOST_TEST(b.rest.opportunities()[0]["stage"] == "Lost");
  s = b.sync({opportunity("CRM-1", {{"Stage", "Again"}})}, "INSERT");
  BOOST_TEST(s.items[0].status == "SKIPPED");
  b.rest.clear_calls();
  s = b.sync({by_id("Opportunity", id), by_id("Opportunity", 12345)}, "INSERT");
  BOOST_TEST(s.items[0].error == "INSERT takes no id (REST makes the record's id)");
  s = b.sync({by_id("Opportunity", 12345, {{"Stage", "x"}})}, "UPDATE");
  BOOST_TEST(s.items[0].error == "id 12345 names no Opportunity this bridge handed out");
  BOOST_TEST(data_calls(b.rest) == 0);

  // A role: OpportunityId (the bridge's id) → the opportunity's
  // externalOpportunityId; the lead by EMAIL → its REST id.
  Obj role;
  role.type = "OpportunityPersonRole";
  role.attribs = {{"OpportunityId", std::to_string(id)}, {"Role", "Buyer"}, {"IsPrimary", "true"}};
  role.assocs = {{"Lead", std::nullopt, std::make_pair("EMAIL", "ben@objects.example")}};
  s = b.sync({role});
  BOOST_REQUIRE_EQUAL(s.fault, 0);
  BOOST_REQUIRE_EQUAL(s.items.size(), 1u);
  BOOST_TEST(s.items[0].status == "CREATED", s.items[0].error);
  json roles = b.rest.roles();
  BOOST_REQUIRE_EQUAL(roles.size(), 1u);
  BOOST_TEST(roles[0]["externalOpportunityId"] == "CRM-1");
  BOOST_TEST(roles[0]["leadId"] == 9202);
  BOOST_TEST(roles[0]["role"] == "Buyer");
  // Read back by the lead (EMAIL and id) and by the opportunity: the links
  // come back as SOAP ids.
  for (const Assoc &a : {Assoc{"Lead", std::nullopt, std::make_pair("EMAIL", "ben@objects.example")}, Assoc{"Lead", 9202, std::nullopt},
                         Assoc{"Opportunity", id, std::nullopt}, Assoc{"Opportunity", std::nullopt, std::make_pair("x", "CRM-1")}}) {
    Query q;
    q.type = "OpportunityPersonRole";
    q.assocs = {a};
    Page p = b.get(q);
    BOOST_REQUIRE_EQUAL(p.fault, 0);
    BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
    BOOST_TEST(p.objects[0].id == s.items[0].id);
    BOOST_TEST(p.objects[0].attribs["OpportunityId"] == std::to_string(id));
    BOOST_TEST(p.objects[0].attribs["PersonId"] == "9202");
    BOOST_TEST(p.objects[0].attribs["Role"] == "Buyer");
    BOOST_TEST((p.objects[0].assocs == std::vector<std::pair<std::string, int>>{{"Opportunity", id}, {"Lead", 9202}}));
  }
  // A role whose lead or opportunity cannot be found: FAILED, no write.
  b.rest.clear_calls();
  Obj orphan = role;
  orphan.assocs = {{"Lead", std::nullopt, std::make_pair("EMAIL", "nobody@objects.example")}};
  s = b.sync({orphan});
  BOOST_TEST(s.items[0].error == "lead EMAIL nobody@objects.example matches no lead");
  BOOST_TEST(b.rest.count("POST /rest/v1/opportunities/roles.json") == 0);
  // A role by a key it cannot have.
  Obj keyed = role;
  keyed.key = std::make_pair("x", "y");
  s = b.sync({keyed});
  BOOST_TEST(s.items[0].error == "an OpportunityPersonRole takes no externalKey");
}

BOOST_AUTO_TEST_CASE(ids_survive_a_restart_and_records_written_behind_the_bridge_get_theirs) {
  ObjectsBridge b;
  Statuses s = b.sync({opportunity("K-1", {{"Name", "A"}})});
  const int id = s.items[0].id;
  std::string guid = b.rest.add_opportunity({{"externalOpportunityId", "K-2"}, {"name", "Written over REST"}});
  Page p = b.get(mk("Opportunity", std::nullopt, std::make_pair("externalOpportunityId", "K-2")));
  BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
  const int other = p.objects[0].id;
  BOOST_TEST(other > 0);
  BOOST_TEST(other != id);
  b.restart();
  // The same ids after the restart: by id (store → GUID) and by key (GUID → store).
  p = b.get(mk("Opportunity", id));
  BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
  BOOST_TEST(p.objects[0].key_value == "K-1");
  p = b.get(mk("Opportunity", std::nullopt, std::make_pair("externalOpportunityId", "K-2")));
  BOOST_TEST(p.objects[0].id == other);
  p = b.get(mk("Opportunity", other));
  BOOST_TEST(p.objects[0].key_value == "K-2");
  // The state file keeps the map private.
  struct stat st;
  BOOST_REQUIRE(::stat((b.dir.path() + "/state/bridge-state.json").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
}

BOOST_AUTO_TEST_CASE(pages_walk_each_record_once_and_foreign_positions_are_refused) {
  ObjectsBridge b;
  for (int i = 0; i < 5; ++i) b.sync({opportunity("P-" + std::to_string(i), {{"Stage", "Open"}})});
  b.rest.set_page(2);
  Query q = mk("Opportunity", std::nullopt, std::nullopt, {{"Stage", "EQ", "Open"}});
  std::set<int> seen;
  std::string position, last;
  for (int page = 0; page < 6; ++page) {
    Query at = q;
    if (!position.empty()) at.position = position;
    Page p = b.get(at);
    BOOST_REQUIRE_MESSAGE(p.fault == 0, p.fault);
    for (int id : p.ids()) BOOST_TEST(seen.insert(id).second, id << " twice");
    last = p.position;
    if (!p.has_more) break;
    position = p.position;
  }
  BOOST_TEST(seen.size() == 5u);
  // The last page's position is the end; a changed, another question's or
  // made-up position is refused before any REST call.
  b.rest.clear_calls();
  Query end = q;
  end.position = last;
  BOOST_TEST(refusal(b, end).first == 20123);
  Query other = mk("Opportunity", std::nullopt, std::nullopt, {{"Stage", "EQ", "Closed"}}, {}, std::nullopt, position);
  BOOST_TEST(refusal(b, other).first == 20122);
  Query forged = q;
  forged.position = position.substr(0, position.size() - 2) + (position.back() == 'a' ? "bb" : "aa");
  BOOST_TEST(refusal(b, forged).first == 20122);
  forged.position = "MO1:12:abc";
  BOOST_TEST(refusal(b, forged).first == 20122);
  BOOST_TEST(b.rest.calls().empty());
}

BOOST_AUTO_TEST_CASE(what_rest_cannot_filter_is_refused_before_any_call) {
  ObjectsBridge b;
  b.call("describeMObject", describe_body("Opportunity"));  // describes cached: a refusal makes no call at all
  b.call("describeMObject", describe_body("OpportunityPersonRole"));
  b.rest.clear_calls();
  struct Row {
    Query q;
    int fault;
    std::string says;
  };
  std::vector<Row> rows = {
      {mk("Opportunity"), 20110, "no call that lists every record"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Amount", "GT", "10"}}), 20110, "comparison GT on Amount has no REST equivalent"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Stage", "NE", "Won"}}), 20110, "comparison NE on Stage"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Amount", "EQ", "10"}}), 20110, "not one of its describe's searchableFields"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Colour", "EQ", "red"}}), 20110, "no field Colour"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Stage", "EQ", "a"}, {"Name", "EQ", "b"}}), 20110, "one field per call"},
      {mk("Opportunity", 5, std::make_pair("externalOpportunityId", "x")), 20110, "one field per call"},
      {mk("Opportunity", std::nullopt, std::nullopt, {{"Stage", "EQ", "a,b"}}), 20110, "holds a comma"},
      {mk("Opportunity", std::nullopt, std::nullopt, {}, {{"Lead", 9201, std::nullopt}}), 20110, "not by lead"},
      {mk("Opportunity", std::nullopt, std::nullopt, {}, {{"Company", 3, std::nullopt}}), 20110, "Company association by id"},
      {mk("OpportunityPersonRole", std::nullopt, std::make_pair("a", "b")), 20110, "has no externalKey"},
      {mk("OpportunityPersonRole", std::nullopt, std::nullopt, {}, {{"Lead", std::nullopt, std::make_pair("COOKIE", "c")}}), 20110,
       "IDNUM or EMAIL"},
      {mk("Program", std::nullopt, std::nullopt, {{"Type", "EQ", "event"}}), 20110, "criterion Type on Program has no REST equivalent"},
      {mk("Program", std::nullopt, std::nullopt, {{"Name", "NE", "x"}}), 20110, "comparison NE on Name"},
      {mk("Program", std::nullopt, std::nullopt, {{"Updated At", "NE", "2026-01-01T00:00:00Z"}}), 20110, "NE on Updated At"},
      {mk("Program", 6601, std::nullopt, {{"Workspace Name", "EQ", "Europe"}}), 20110, "without further filters"},
      {mk("Program", std::nullopt, std::make_pair("a", "b")), 20110, "no externalKey"},
      {mk("Campaign", 1), 20110, "not Campaign"},
      {mk(""), 20109, "no type"},
  };
  for (const Row &r : rows) {
    std::pair<int, std::string> got = refusal(b, r.q);
    BOOST_TEST(got.first == r.fault, r.says);
    BOOST_TEST(got.second.find(r.says) != std::string::npos, got.second);
  }
  BOOST_TEST(data_calls(b.rest) == 0);  // a field not in the cached describe asks for it once more, nothing else
  b.rest.clear_calls();
  // An id this bridge never handed out names nothing: an empty page, no call.
  Page p = b.get(mk("Opportunity", 777));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.objects.empty());
  BOOST_TEST(b.rest.calls().empty());
  // More than 100 objects: 20110 before any call.
  std::vector<Obj> many(101, opportunity("M"));
  BOOST_TEST(b.sync(many).fault == 20110);
  BOOST_TEST(b.remove(many).fault == 20110);
  BOOST_TEST(b.rest.calls().empty());
  // Exactly 100: carried (ids never handed out: UNCHANGED, no call).
  Statuses hundred = b.remove(std::vector<Obj>(100, by_id("Opportunity", 31337)));
  BOOST_TEST(hundred.fault == 0);
  BOOST_REQUIRE_EQUAL(hundred.items.size(), 100u);
  BOOST_TEST(hundred.items[99].status == "UNCHANGED");
  BOOST_TEST(b.rest.calls().empty());
}

BOOST_AUTO_TEST_CASE(deletes_map_ids_to_guids) {
  ObjectsBridge b;
  Statuses s = b.sync({opportunity("D-1"), opportunity("D-2")});
  int one = s.items[0].id, two = s.items[1].id;
  b.rest.clear_calls();
  s = b.remove({by_id("Opportunity", one), by_id("Opportunity", 4242), opportunity("D-2"), by_id("Program", 6601), by_type("Nothing")});
  BOOST_REQUIRE_EQUAL(s.items.size(), 5u);
  BOOST_TEST(s.items[0].status == "DELETED");
  BOOST_TEST(s.items[0].id == one);
  BOOST_TEST(s.items[1].status == "UNCHANGED");  // an id never handed out names nothing
  BOOST_TEST(s.items[2].status == "DELETED");
  BOOST_TEST(s.items[2].id == two);
  BOOST_TEST(s.items[3].status == "FAILED");
  BOOST_TEST(s.items[3].error == "deleteMObjects deletes Opportunity or OpportunityPersonRole records, not Program");
  BOOST_TEST(s.items[4].status == "FAILED");
  BOOST_TEST(b.rest.count("POST /rest/v1/opportunities/delete.json") == 2);  // one per deleteBy
  BOOST_TEST(b.rest.opportunities().empty());
  // Again: REST has it no more (1013): UNCHANGED.
  s = b.remove({by_id("Opportunity", one)});
  BOOST_TEST(s.items[0].status == "UNCHANGED");
}

BOOST_AUTO_TEST_CASE(programs_read_and_update_costs_and_tags) {
  ObjectsBridge b;
  // By id: tags (the channel first) and costs (Id = place in REST's list).
  Query q = mk("Program", 6601);
  q.details = true;
  Page p = b.get(q);
  BOOST_REQUIRE_EQUAL(p.fault, 0);
  BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
  const Got &g = p.objects[0];
  BOOST_TEST(g.id == 6601);
  BOOST_TEST(g.attribs.at("Name") == "Spring Gala");
  BOOST_TEST(g.attribs.at("Type") == "event");
  BOOST_TEST(g.attribs.at("Workspace Name") == "Europe");
  BOOST_TEST(g.attribs.at("Tree Path") == "Events/Spring Gala");
  BOOST_REQUIRE_EQUAL(g.type_attribs.size(), 4u);
  BOOST_TEST(g.type_attribs[0].first == "Tag");
  BOOST_TEST(g.type_attribs[0].second.at("Type") == "Channel");
  BOOST_TEST(g.type_attribs[0].second.at("Value") == "Tradeshow");
  BOOST_TEST(g.type_attribs[1].second.at("Value") == "EMEA");
  BOOST_TEST(g.type_attribs[3].first == "Cost");
  BOOST_TEST(g.type_attribs[3].second.at("Id") == "2");
  BOOST_TEST(g.type_attribs[3].second.at("Month") == "2026-02");
  BOOST_TEST(g.type_attribs[3].second.at("Amount") == "250.5");
  // By name; by workspace (programs.json); without details no typeAttribs.
  p = b.get(mk("Program", std::nullopt, std::nullopt, {{"Name", "EQ", "Spring Gala"}}));
  BOOST_REQUIRE_EQUAL(p.objects.size(), 1u);
  BOOST_TEST(p.objects[0].type_attribs.empty());
  BOOST_TEST(b.rest.count("byName.json?name=Spring%20Gala") + b.rest.count("byName.json?name=Spring+Gala") == 1);
  p = b.get(mk("Program", std::nullopt, std::nullopt, {{"Workspace Name", "EQ", "Europe"}}));
  BOOST_TEST(p.objects.size() == 3u);
  BOOST_TEST(!p.has_more);
  // An updatedAt window: GT t is REST's inclusive earliestUpdatedAt t + 1 s.
  b.rest.clear_calls();
  p = b.get(mk("Program", std::nullopt, std::nullopt, {{"Updated At", "GT", "2026-02-15T00:00:00Z"}}));
  BOOST_TEST(p.ids() == std::vector<int>{6601});
  BOOST_TEST(b.rest.count("earliestUpdatedAt=2026-02-15T00%3A00%3A01Z") == 1);
  // Every program with details: pages of 20, each program its own call.
  b.rest.clear_calls();
  Query all = mk("Program");
  all.details = true;
  std::set<int> seen;
  p = b.get(all);
  BOOST_TEST(p.objects.size() == 20u);
  BOOST_TEST(p.has_more);
  BOOST_TEST(b.rest.count("GET /rest/asset/v1/program/") == 20);
  for (int id : p.ids()) seen.insert(id);
  all.position = p.position;
  p = b.get(all);
  for (int id : p.ids()) BOOST_TEST(seen.insert(id).second);
  BOOST_TEST(seen.size() == 25u);
  BOOST_TEST(!p.has_more);

  // UPDATE: a new cost (Month → startDate), a tag.
  Obj prog = by_id("Program", 6602);
  prog.type_attribs = {{"Cost", {{"Month", "2026-06"}, {"Amount", "75"}, {"Note", "ads"}}}, {"Tag", {{"Type", "Region"}, {"Value", "APAC"}}}};
  b.rest.clear_calls();
  Statuses s = b.sync({prog}, "UPDATE");
  BOOST_TEST(s.items[0].status == "UPDATED", s.items[0].error);
  BOOST_TEST(b.rest.count("POST /rest/asset/v1/program/6602.json") == 1);
  BOOST_TEST(b.rest.bodies().back().find("costsDestructiveUpdate") == std::string::npos);
  json after = b.rest.program(6602);
  BOOST_TEST(after["costs"][0]["startDate"] == "2026-06-01");
  BOOST_TEST(after["costs"][0]["cost"] == 75);
  BOOST_TEST(after["tags"][0]["tagValue"] == "APAC");
  // A cost by Id: read, edit that one (its Note kept), write all back.
  prog = by_id("Program", 6601);
  prog.type_attribs = {{"Cost", {{"Id", "1"}, {"Month", "2026-01"}, {"Amount", "650"}}}};
  b.rest.clear_calls();
  s = b.sync({prog}, "UPDATE");
  BOOST_TEST(s.items[0].status == "UPDATED", s.items[0].error);
  BOOST_TEST(b.rest.count("GET /rest/asset/v1/program/6601.json") == 1);
  BOOST_TEST(b.rest.bodies().back().find("costsDestructiveUpdate=true") != std::string::npos);
  after = b.rest.program(6601);
  BOOST_REQUIRE_EQUAL(after["costs"].size(), 2u);
  BOOST_TEST(after["costs"][0]["cost"] == 650);
  BOOST_TEST(after["costs"][0]["note"] == "venue");
  BOOST_TEST(after["costs"][1]["cost"] == 250.5);
  // The refusals, each FAILED before a REST call.
  b.rest.clear_calls();
  Obj bad_id = prog;
  bad_id.type_attribs = {{"Cost", {{"Id", "9"}, {"Month", "2026-01"}, {"Amount", "1"}}}};
  Obj bad_month = prog;
  bad_month.type_attribs = {{"Cost", {{"Month", "2026-13"}, {"Amount", "1"}}}};
  Obj named = prog;
  named.attribs = {{"Name", "Renamed"}};
  Obj other = prog;
  other.type_attribs = {{"Token", {{"Name", "{{my.x}}"}}}};
  s = b.sync({bad_month, named, other}, "UPDATE");
  BOOST_TEST(s.items[0].error == "a Cost needs a Month YYYY-MM");
  BOOST_TEST(s.items[1].error == "syncMObjects changes a program's costs and tags, not its attribs");
  BOOST_TEST(s.items[2].error == "a Program's typeAttribs are Cost and Tag, not Token");
  s = b.sync({prog}, "UPSERT");
  BOOST_TEST(s.items[0].error == "a Program is written by UPDATE only (its costs and tags)");
  BOOST_TEST(b.rest.calls().empty());
  s = b.sync({bad_id}, "UPDATE");  // needs REST's list to know
  BOOST_TEST(s.items[0].error == "cost Id 9: the program has 2 costs");
  // REST's refusal (709) is the object's FAILED, with REST's words.
  b.rest.script("POST /rest/asset/v1/program/6603.json", ScriptedObjectsRest::error("709", "Tag value not allowed"));
  prog = by_id("Program", 6603);
  prog.type_attribs = {{"Tag", {{"Type", "Region"}, {"Value", "Mars"}}}};
  s = b.sync({prog}, "UPDATE");
  BOOST_TEST(s.items[0].status == "FAILED");
  BOOST_TEST(s.items[0].error.find("Tag value not allowed") != std::string::npos, s.items[0].error);
  // 100 programs each editing a cost by Id: 200 REST calls, more than one
  // window: 20023 before the first.
  b.rest.clear_calls();
  Obj edit = by_id("Program", 6601);
  edit.type_attribs = {{"Cost", {{"Id", "1"}, {"Month", "2026-01"}, {"Amount", "1"}}}};
  Statuses big = b.sync(std::vector<Obj>(100, edit), "UPDATE");
  BOOST_TEST(big.fault == 20023);
  BOOST_TEST(b.rest.calls().empty());
}

// --- in front of the sandbox's REST face: one store -------------------------------

BOOST_AUTO_TEST_CASE(round_trips_through_the_sandbox) {
  Pair p;
  int port = p.bridge->port();
  auto through_bridge = [&](const std::string &op, const std::string &env) { return soap_envelope(port, op, env); };
  auto direct = [&](const std::string &op, const std::string &env) {
    Connection c(p.sandbox->port());
    std::string e = env;
    const std::string open = "<ns1:AuthenticationHeader>", close = "</ns1:AuthenticationHeader>";
    e.replace(e.find(open), e.find(close) + close.size() - e.find(open), auth_header(kUser, kKey));
    return c.post("/soap/mktows/2_2", e, action(op));
  };
  Statuses s = read_statuses(through_bridge(
      "syncMObjects", sync_request({opportunity("SBX-1", {{"Name", "Through the bridge"}, {"Stage", "Open"}, {"Amount", "99.5"},
                                                          {"CloseDate", "2026-10-01"}})},
                                   "UPSERT")));
  BOOST_REQUIRE_EQUAL(s.fault, 0);
  BOOST_REQUIRE_EQUAL(s.items.size(), 1u);
  BOOST_TEST(s.items[0].status == "CREATED", s.items[0].error);
  const int bridge_id = s.items[0].id;
  // Through the sandbox's own SOAP face: the same record.
  Query by_key = mk("Opportunity", std::nullopt, std::make_pair("externalOpportunityId", "SBX-1"));
  Page d = read_page(direct("getMObjects", get_request(by_key)));
  BOOST_REQUIRE_EQUAL(d.fault, 0);
  BOOST_REQUIRE_EQUAL(d.objects.size(), 1u);
  BOOST_TEST(d.objects[0].attribs["Name"] == "Through the bridge");
  BOOST_TEST(d.objects[0].attribs["Amount"] == "99.5");
  BOOST_TEST(d.objects[0].attribs["CloseDate"] == "2026-10-01");
  const int sandbox_id = d.objects[0].id;
  // Through the bridge by its id.
  Page b = read_page(through_bridge("getMObjects", get_request(mk("Opportunity", bridge_id))));
  BOOST_REQUIRE_EQUAL(b.objects.size(), 1u);
  BOOST_TEST(b.objects[0].attribs == d.objects[0].attribs);

  // 2_2 creates an opportunity from its fields alone; REST needs an
  // externalOpportunityId: the bridge makes one up and hands it back.
  Obj keyless;
  keyless.attribs = {{"Name", "No key of its own"}};
  s = read_statuses(through_bridge("syncMObjects", sync_request({keyless}, "INSERT")));
  BOOST_REQUIRE_EQUAL(s.fault, 0);
  BOOST_REQUIRE_EQUAL(s.items.size(), 1u);
  BOOST_TEST(s.items[0].status == "CREATED", s.items[0].error);
  BOOST_TEST(s.items[0].id > 0);
  BOOST_TEST(s.items[0].key_value.rfind("mktows-bridge-", 0) == 0u, s.items[0].key_value);
  Page k = read_page(through_bridge("getMObjects", get_request(mk("Opportunity", s.items[0].id))));
  BOOST_REQUIRE_EQUAL(k.objects.size(), 1u);
  BOOST_TEST(k.objects[0].attribs["Name"] == "No key of its own");
  d = read_page(direct("getMObjects", get_request(mk("Opportunity", std::nullopt,
                                                      std::make_pair("externalOpportunityId", s.items[0].key_value)))));
  BOOST_REQUIRE_EQUAL(d.objects.size(), 1u);
  BOOST_TEST(d.objects[0].attribs["Name"] == "No key of its own");
  // Two keyless creates are two opportunities, not one updated twice.
  Statuses again = read_statuses(through_bridge("syncMObjects", sync_request({keyless}, "UPSERT")));
  BOOST_REQUIRE_EQUAL(again.items.size(), 1u);
  BOOST_TEST(again.items[0].status == "CREATED", again.items[0].error);
  BOOST_TEST(again.items[0].id != s.items[0].id);
  BOOST_TEST(again.items[0].key_value != s.items[0].key_value);
  // An UPDATE names what it updates: without id or key it fails, no write.
  Statuses update = read_statuses(through_bridge("syncMObjects", sync_request({keyless}, "UPDATE")));
  BOOST_REQUIRE_EQUAL(update.items.size(), 1u);
  BOOST_TEST(update.items[0].status == "FAILED");
  BOOST_TEST(update.items[0].error.find("needs its id or externalKey") != std::string::npos, update.items[0].error);

  // A role for a lead synced through the bridge; the sandbox sees it on its
  // own opportunity id.
  SyncLeadCall lead;
  lead.lead.email = "role@bridge.example";
  SyncOutcome lo = read_sync_outcome(soap(port, "syncLead", sync_lead_body(lead)));
  BOOST_REQUIRE(lo.lead_id > 0);
  Obj role;
  role.type = "OpportunityPersonRole";
  role.attribs = {{"OpportunityId", std::to_string(bridge_id)}, {"PersonId", std::to_string(lo.lead_id)}, {"Role", "Champion"}};
  s = read_statuses(through_bridge("syncMObjects", sync_request({role}, "UPSERT")));
  BOOST_REQUIRE_EQUAL(s.items.size(), 1u);
  BOOST_TEST(s.items[0].status == "CREATED", s.items[0].error);
  Query roles = mk("OpportunityPersonRole");
  roles.assocs = {{"Lead", lo.lead_id, std::nullopt}};
  d = read_page(direct("getMObjects", get_request(roles)));
  BOOST_REQUIRE_EQUAL(d.objects.size(), 1u);
  BOOST_TEST(d.objects[0].attribs["OpportunityId"] == std::to_string(sandbox_id));
  BOOST_TEST(d.objects[0].attribs["Role"] == "Champion");
  b = read_page(through_bridge("getMObjects", get_request(roles)));
  BOOST_REQUIRE_EQUAL(b.objects.size(), 1u);
  BOOST_TEST(b.objects[0].attribs["OpportunityId"] == std::to_string(bridge_id));
  BOOST_TEST(b.objects[0].id == s.items[0].id);

  // Describe through the bridge: the sandbox's REST describe in SOAP names.
  HttpResponse r = through_bridge("describeMObject", describe_body("Opportunity"));
  std::vector<std::string> names = texts_of(r.body, "name");
  for (const char *n : {"Id", "Name", "Stage", "Amount", "CloseDate", "ExpectedRevenue", "ExternalCompanyId"})
    BOOST_TEST((std::find(names.begin(), names.end(), n) != names.end()), n);
  r = through_bridge("describeMObject", describe_body("LeadRecord"));
  names = texts_of(r.body, "name");
  BOOST_TEST((std::find(names.begin(), names.end(), "Email") != names.end()));

  // A program's cost through the bridge, seen through the sandbox; then
  // edited by its Id.
  Obj prog = by_id("Program", 1001);
  prog.type_attribs = {{"Cost", {{"Month", "2026-06"}, {"Amount", "120"}, {"Note", "print"}}}};
  s = read_statuses(through_bridge("syncMObjects", sync_request({prog}, "UPDATE")));
  BOOST_TEST(s.items[0].status == "UPDATED", s.items[0].error);
  Query pq = mk("Program", 1001);
  pq.details = true;
  d = read_page(direct("getMObjects", get_request(pq)));
  BOOST_REQUIRE_EQUAL(d.objects.size(), 1u);
  std::map<std::string, std::string> cost;
  for (const auto &t : d.objects[0].type_attribs)
    if (t.first == "Cost") cost = t.second;
  BOOST_TEST(cost["Month"] == "2026-06");
  BOOST_TEST(cost["Amount"] == "120");
  prog.type_attribs = {{"Cost", {{"Id", "1"}, {"Month", "2026-06"}, {"Amount", "130"}}}};
  s = read_statuses(through_bridge("syncMObjects", sync_request({prog}, "UPDATE")));
  BOOST_TEST(s.items[0].status == "UPDATED", s.items[0].error);
  b = read_page(through_bridge("getMObjects", get_request(pq)));
  BOOST_REQUIRE_EQUAL(b.objects.size(), 1u);
  int costs = 0;
  for (const auto &t : b.objects[0].type_attribs)
    if (t.first == "Cost") ++costs, cost = t.second;
  BOOST_TEST(costs == 1);
  BOOST_TEST(cost["Amount"] == "130");
  BOOST_TEST(cost["Note"] == "print");
  BOOST_TEST(b.objects[0].attribs["Name"] == "Demo Program");

  // Delete through the bridge: gone for the sandbox too.
  s = read_statuses(through_bridge("deleteMObjects", delete_request({by_id("Opportunity", bridge_id)})));
  BOOST_TEST(s.items[0].status == "DELETED", s.items[0].error);
  d = read_page(direct("getMObjects", get_request(by_key)));
  BOOST_TEST(d.objects.empty());
  // The REST cost per SOAP call is logged.
  std::string log = mktows_test::read_file(p.bridge_log());
  BOOST_TEST(log.find("syncMObjects: ") != std::string::npos);
}
