// The objects domain: listMObjects, describeMObject, getMObjects,
// syncMObjects and deleteMObjects through the real sandbox over HTTP
// (hand-written signed envelopes): the statuses, the limits at their edge,
// every comparison, paging, programs' costs and tags, the journal across a
// restart (--data), the roles a merge moves, and the REST face's
// opportunities, roles and programs over the same store. docs/SANDBOX.md,
// "Objects", gives every rule and choice.
#define BOOST_TEST_MODULE sandbox_objects_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "object_requests.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <mktows/limits.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using nlohmann::json;
using namespace sandbox_test;

namespace {

const char kEndpoint[] = "/soap/mktows/2_2";
// --- the sandbox over HTTP ----------------------------------------------------

struct Sandbox {
  // The rate limit is lifted: the suites make more calls than 100 per 20 s.
  explicit Sandbox(std::vector<std::string> args = {}) : process(with_rate(args)), c(process.port()) {}
  static std::vector<std::string> with_rate(std::vector<std::string> args) {
    args.insert(args.end(), {"--rate-limit", "100000"});
    return args;
  }

  HttpResponse soap(const std::string &op, const std::string &body) { return c.post(kEndpoint, body, action(op)); }
  Statuses sync(const std::vector<Obj> &objs, const std::string &op = "UPSERT") {
    return read_statuses(soap("syncMObjects", sync_request(objs, op)));
  }
  Status sync1(const Obj &o, const std::string &op = "UPSERT") {
    Statuses s = sync({o}, op);
    BOOST_REQUIRE(s.fault == 0);
    BOOST_REQUIRE(s.items.size() == 1u);
    return s.items[0];
  }
  Statuses remove(const std::vector<Obj> &objs) { return read_statuses(soap("deleteMObjects", delete_request(objs))); }
  Page get(const Query &q) { return read_page(soap("getMObjects", get_request(q))); }
  int lead(const std::string &email) {
    SyncLeadCall call;
    call.lead.email = email;
    SyncOutcome o = read_sync_outcome(soap("syncLead", sync_lead_request(call)));
    BOOST_REQUIRE(o.lead_id > 0);
    return o.lead_id;
  }

  json rest(const std::string &method, const std::string &target, const std::string &body = std::string(),
            const std::string &type = "application/json") {
    if (token.empty()) {
      HttpResponse t = c.get("/identity/oauth/token?grant_type=client_credentials&client_id=mktows-sandbox-demo-client"
                             "&client_secret=mktows-sandbox-demo-secret");
      BOOST_REQUIRE(t.status == 200);
      token = json::parse(t.body)["access_token"].get<std::string>();
    }
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (!body.empty()) req += "Content-Type: " + type + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    BOOST_REQUIRE(c.send_raw(req));
    HttpResponse r = c.read_response();
    BOOST_REQUIRE(r.status == 200);
    return json::parse(r.body);
  }

  mktows_test::SandboxProcess process;
  Connection c;
  std::string token;
};

Obj opportunity(const std::string &key, Attribs attribs = {}) {
  Obj o;
  o.key = std::make_pair("externalOpportunityId", key);
  o.attribs = std::move(attribs);
  return o;
}

Obj role(int opportunity_id, int lead_id, const std::string &role_name, Attribs more = {}) {
  Obj o;
  o.type = "OpportunityPersonRole";
  o.attribs = {{"OpportunityId", std::to_string(opportunity_id)}, {"PersonId", std::to_string(lead_id)}, {"Role", role_name}};
  o.attribs.insert(o.attribs.end(), more.begin(), more.end());
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_mobjects_answers_the_four_names_after_the_signature_check) {
  Sandbox s;
  HttpResponse r = s.soap("listMObjects", envelope(demo_auth(), "<ns1:paramsListMObjects/>"));
  BOOST_TEST(fault_code(r.body) == 0);
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> names;
  find_all(body, "objects", names);
  std::vector<std::string> got;
  for (const auto *n : names) got.push_back(n->text);
  BOOST_TEST(got == (std::vector<std::string>{"ActivityRecord", "LeadRecord", "Opportunity", "OpportunityPersonRole"}),
             boost::test_tools::per_element());
  // A wrong key: the connector's ping must fail as any call does.
  std::string bad = envelope(auth_header(mktows_test::kDemoUserId, "not-the-key"), "<ns1:paramsListMObjects/>");
  BOOST_TEST(fault_code(s.soap("listMObjects", bad).body) == 20014);
}

BOOST_AUTO_TEST_CASE(describe_answers_the_lead_fields_the_objects_and_the_virtual_activity_record) {
  mktows_test::TempDir dir;
  const std::string config =
      dir.write("config.json", R"({"fields": ["FirstName", {"name": "Score", "type": "integer"}, "DateOfBirth"]})");
  Sandbox s({"--config", config});
  auto describe = [&](const std::string &name) {
    return s.soap("describeMObject",
                  envelope(demo_auth(), "<ns1:paramsDescribeMObject><objectName>" + name + "</objectName></ns1:paramsDescribeMObject>"));
  };
  struct Field {
    std::string name, display, type, size;
    bool size_nil, read_only, virtual_object;
  };
  auto fields = [&](const HttpResponse &r, bool &is_virtual) {
    std::vector<Field> out;
    mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
    is_virtual = find(body, "isVirtual")->text == "true";
    std::vector<const mktows_test::XmlNode *> items;
    find_all(body, "field", items);
    for (const auto *f : items) {
      const auto *size = find(*f, "size");
      out.push_back({find(*f, "name")->text, find(*f, "displayName")->text, find(*f, "dataType")->text,
                     size ? size->text : "", !size || size->nil, find(*f, "isReadonly")->text == "true", false});
    }
    return out;
  };
  bool is_virtual = true;
  std::vector<Field> lead = fields(describe("LeadRecord"), is_virtual);
  BOOST_TEST(!is_virtual);
  BOOST_REQUIRE(lead.size() == 5u);  // Id, Email, then the three configured
  BOOST_TEST(lead[0].name == "Id");
  BOOST_TEST(lead[0].read_only);
  BOOST_TEST(lead[1].name == "Email");
  BOOST_TEST(lead[2].name == "FirstName");
  BOOST_TEST(lead[2].display == "First Name");
  BOOST_TEST(lead[2].type == "string");
  BOOST_TEST(lead[2].size == "255");
  BOOST_TEST(!lead[2].read_only);
  BOOST_TEST(lead[3].name == "Score");
  BOOST_TEST(lead[3].type == "integer");
  BOOST_TEST(lead[3].size_nil);
  BOOST_TEST(lead[4].display == "Date Of Birth");

  std::vector<Field> activity = fields(describe("ActivityRecord"), is_virtual);
  BOOST_TEST(is_virtual);
  BOOST_REQUIRE(activity.size() == 11u);
  for (const Field &f : activity) {
    BOOST_TEST(f.read_only, f.name);
    BOOST_TEST(f.size_nil == (f.type == "dateTime" || f.type == "Array" || f.type == "integer"), f.name);
  }
  std::vector<Field> opp = fields(describe("Opportunity"), is_virtual);
  BOOST_TEST(!is_virtual);
  std::map<std::string, std::string> types;
  for (const Field &f : opp) types[f.name] = f.type;
  BOOST_TEST(types["Amount"] == "currency");
  BOOST_TEST(types["CloseDate"] == "date");
  BOOST_TEST(types["Stage"] == "string");
  BOOST_TEST(types["IsWon"] == "boolean");
  std::vector<Field> roles = fields(describe("OpportunityPersonRole"), is_virtual);
  std::set<std::string> role_names;
  for (const Field &f : roles) role_names.insert(f.name);
  BOOST_TEST(role_names.count("OpportunityId") == 1u);
  BOOST_TEST(role_names.count("PersonId") == 1u);
  BOOST_TEST(role_names.count("Role") == 1u);

  BOOST_TEST(fault_code(describe("Program").body) == 20110);
  BOOST_TEST(fault_code(describe("").body) == 20109);
  // The signature check comes first here too.
  BOOST_TEST(fault_code(s.soap("describeMObject", envelope(auth_header(mktows_test::kDemoUserId, "x"),
                                                           "<ns1:paramsDescribeMObject><objectName>LeadRecord</objectName>"
                                                           "</ns1:paramsDescribeMObject>"))
                            .body) == 20014);
}

BOOST_AUTO_TEST_CASE(sync_gives_each_object_its_status) {
  Sandbox s;
  Status created = s.sync1(opportunity("OPP-1", {{"Name", "First deal"}, {"Amount", "1200.50"}, {"Stage", "Prospecting"}}),
                           "INSERT");
  BOOST_TEST(created.status == "CREATED");
  BOOST_TEST(created.id > 0);
  BOOST_TEST(created.key_value == "OPP-1");
  // INSERT of a key that exists: the record is left as it is.
  Status skipped = s.sync1(opportunity("OPP-1", {{"Name", "Other"}}), "INSERT");
  BOOST_TEST(skipped.status == "SKIPPED");
  Obj with_id = opportunity("OPP-9");
  with_id.id = created.id;
  BOOST_TEST(s.sync1(with_id, "INSERT").status == "FAILED");
  // UPSERT by external key: the same record, changed.
  Status updated = s.sync1(opportunity("OPP-1", {{"Stage", "Closed Won"}, {"IsWon", "true"}}));
  BOOST_TEST(updated.status == "UPDATED");
  BOOST_TEST(updated.id == created.id);
  // The same values again: nothing to write.
  BOOST_TEST(s.sync1(opportunity("OPP-1", {{"Stage", "Closed Won"}})).status == "UNCHANGED");
  // By id.
  Obj by_id;
  by_id.id = created.id;
  by_id.attribs = {{"Probability", "90"}};
  BOOST_TEST(s.sync1(by_id, "UPDATE").status == "UPDATED");
  by_id.id = created.id + 1000;
  BOOST_TEST(s.sync1(by_id, "UPDATE").status == "FAILED");
  BOOST_TEST(s.sync1(by_id, "UPSERT").status == "FAILED");
  // UPDATE of a key no record has.
  BOOST_TEST(s.sync1(opportunity("OPP-NONE", {{"Name", "x"}}), "UPDATE").status == "FAILED");
  // Bad attributes: unknown, read-only, of the wrong type.
  Status unknown = s.sync1(opportunity("OPP-2", {{"Colour", "red"}}));
  BOOST_TEST(unknown.status == "FAILED");
  BOOST_TEST(unknown.error.find("Colour") != std::string::npos);
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"Created At", "2026-01-01T00:00:00Z"}})).status == "FAILED");
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"Amount", "lots"}})).status == "FAILED");
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"CloseDate", "2026-13-01"}})).status == "FAILED");
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"IsWon", "maybe"}})).status == "FAILED");
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"Name", std::string(256, 'n')}})).status == "FAILED");
  BOOST_TEST(s.sync1(opportunity("OPP-2", {{"Name", std::string(255, 'n')}})).status == "CREATED");
  Obj program;
  program.type = "Program";
  program.id = 1001;
  BOOST_TEST(s.sync1(program, "INSERT").status == "FAILED");
  Obj nothing;
  nothing.type = "Thing";
  // One failing object does not stop the others, and each answers in order.
  Statuses mixed = s.sync({nothing, opportunity("OPP-3"), opportunity("OPP-3")}, "INSERT");
  BOOST_REQUIRE(mixed.items.size() == 3u);
  BOOST_TEST(mixed.items[0].status == "FAILED");
  BOOST_TEST(mixed.items[1].status == "CREATED");
  BOOST_TEST(mixed.items[2].status == "SKIPPED");
  // What was written reads back.
  Query q;
  q.key = std::make_pair("externalOpportunityId", "OPP-1");
  Page p = s.get(q);
  BOOST_REQUIRE(p.objects.size() == 1u);
  BOOST_TEST(p.objects[0].attribs["Name"] == "First deal");
  BOOST_TEST(p.objects[0].attribs["Stage"] == "Closed Won");
  BOOST_TEST(p.objects[0].attribs["IsWon"] == "true");
  BOOST_TEST(p.objects[0].attribs["Probability"] == "90");
  BOOST_TEST(p.objects[0].key_value == "OPP-1");
}

BOOST_AUTO_TEST_CASE(roles_tie_leads_to_opportunities_by_attribs_or_associations) {
  Sandbox s;
  int ann = s.lead("ann@roles.example.com");
  int bob = s.lead("bob@roles.example.com");
  int opp = s.sync1(opportunity("R-1", {{"Name", "Deal"}, {"ExternalCompanyId", "ACME"}})).id;
  int other = s.sync1(opportunity("R-2", {{"Name", "Other"}})).id;
  Status r1 = s.sync1(role(opp, ann, "Buyer", {{"IsPrimary", "true"}}));
  BOOST_TEST(r1.status == "CREATED");
  // The compound key finds the same role.
  Status again = s.sync1(role(opp, ann, "buyer", {{"IsPrimary", "false"}}));
  BOOST_TEST(again.status == "UPDATED");
  BOOST_TEST(again.id == r1.id);
  BOOST_TEST(s.sync1(role(opp, ann, "Buyer"), "INSERT").status == "SKIPPED");
  // By associations: the lead by its email, the opportunity by its key.
  Obj by_assoc;
  by_assoc.type = "OpportunityPersonRole";
  by_assoc.attribs = {{"Role", "Champion"}};
  by_assoc.assocs = {{"Lead", std::nullopt, std::make_pair("EMAIL", "bob@roles.example.com")},
                     {"Opportunity", std::nullopt, std::make_pair("externalOpportunityId", "R-1")}};
  Status r2 = s.sync1(by_assoc);
  BOOST_TEST(r2.status == "CREATED");
  // References that name nothing, a missing Role, a lead key the sandbox
  // does not resolve.
  BOOST_TEST(s.sync1(role(opp, 999999, "Buyer")).status == "FAILED");
  BOOST_TEST(s.sync1(role(opp + 5000, ann, "Buyer")).status == "FAILED");
  Obj no_role = role(opp, ann, "x");
  no_role.attribs.pop_back();
  BOOST_TEST(s.sync1(no_role).status == "FAILED");
  Obj bad_key = by_assoc;
  bad_key.assocs[0].key = std::make_pair("COOKIE", "x");
  BOOST_TEST(s.sync1(bad_key).status == "FAILED");
  s.sync1(role(other, bob, "Buyer"));

  // Reads by association: the roles of an opportunity, of a lead; the
  // opportunities of a lead, of a company.
  Query q;
  q.type = "OpportunityPersonRole";
  q.assocs = {{"Opportunity", opp, std::nullopt}};
  Page p = s.get(q);
  BOOST_TEST(p.ids() == (std::vector<int>{r1.id, r2.id}), boost::test_tools::per_element());
  BOOST_REQUIRE(p.objects.size() == 2u);
  BOOST_TEST(p.objects[1].attribs["PersonId"] == std::to_string(bob));
  q.assocs = {{"Lead", bob, std::nullopt}};
  BOOST_TEST(s.get(q).objects.size() == 2u);
  Query oq;
  oq.assocs = {{"Lead", std::nullopt, std::make_pair("EMAIL", "ann@roles.example.com")}};
  BOOST_TEST(s.get(oq).ids() == (std::vector<int>{opp}), boost::test_tools::per_element());
  oq.assocs = {{"Company", std::nullopt, std::make_pair("ExternalCompanyId", "ACME")}};
  BOOST_TEST(s.get(oq).ids() == (std::vector<int>{opp}), boost::test_tools::per_element());
  oq.assocs = {{"Lead", 999999, std::nullopt}};
  BOOST_TEST(s.get(oq).objects.empty());
  oq.assocs = {{"Program", 1001, std::nullopt}};
  BOOST_TEST(s.get(oq).fault == 20110);
}

BOOST_AUTO_TEST_CASE(the_limit_is_100_objects_per_call) {
  Sandbox s;
  std::vector<Obj> objs;
  for (std::size_t i = 0; i < mktows::kMaxMObjects; ++i) objs.push_back(opportunity("L-" + std::to_string(i)));
  Statuses ok = s.sync(objs, "INSERT");
  BOOST_TEST(ok.fault == 0);
  BOOST_TEST(ok.items.size() == mktows::kMaxMObjects);
  objs.push_back(opportunity("L-extra"));
  BOOST_TEST(s.sync(objs, "INSERT").fault == 20110);
  // Nothing of the refused call was written.
  Query q;
  q.key = std::make_pair("externalOpportunityId", "L-extra");
  BOOST_TEST(s.get(q).objects.empty());
  std::vector<Obj> dels;
  for (const Status &st : ok.items) {
    Obj d;
    d.id = st.id;
    dels.push_back(d);
  }
  Obj extra;
  extra.id = 1;
  dels.push_back(extra);
  BOOST_TEST(s.remove(dels).fault == 20110);
  dels.pop_back();
  Statuses gone = s.remove(dels);
  BOOST_TEST(gone.fault == 0);
  BOOST_TEST(gone.items.size() == mktows::kMaxMObjects);
  // No sync without its list (a required element: the front end's 20017);
  // an empty one has nothing to answer.
  BOOST_TEST(fault_code(s.soap("syncMObjects", envelope(demo_auth(), "<ns1:paramsSyncMObjects><operation>UPSERT</operation>"
                                                                    "</ns1:paramsSyncMObjects>"))
                            .body) == 20017);
  Statuses empty = s.sync({}, "UPSERT");
  BOOST_TEST(empty.fault == 0);
  BOOST_TEST(empty.items.empty());
}

BOOST_AUTO_TEST_CASE(every_comparison_by_the_fields_type) {
  Sandbox s;
  // Five opportunities whose values the expectations below are read from.
  struct Row {
    std::string key, stage, amount, probability, close, won;
  };
  const std::vector<Row> rows = {{"C-1", "alpha", "10", "10", "2026-01-15", "true"},
                                 {"C-2", "Beta", "9.5", "20", "2026-02-01", "false"},
                                 {"C-3", "gamma", "100", "30", "2025-12-31", "true"},
                                 {"C-4", "beta", "-3", "40", "2026-02-01", "false"},
                                 {"C-5", "", "", "", "", ""}};
  std::vector<int> ids;
  for (const Row &r : rows) {
    Attribs a;
    if (!r.stage.empty()) a = {{"Stage", r.stage}, {"Amount", r.amount}, {"Probability", r.probability},
                               {"CloseDate", r.close}, {"IsWon", r.won}};
    ids.push_back(s.sync1(opportunity(r.key, a), "INSERT").id);
  }
  auto got = [&](const std::string &name, const std::string &cmp, const std::string &value) {
    Query q;
    q.criteria = {{name, cmp, value}};
    Page p = s.get(q);
    BOOST_REQUIRE_MESSAGE(p.fault == 0, name + " " + cmp + " " + value + ": fault " + std::to_string(p.fault));
    return p.ids();
  };
  auto rows_of = [&](std::initializer_list<int> positions) {
    std::vector<int> out;
    for (int i : positions) out.push_back(ids[i]);
    return out;
  };
  // Text: ASCII case ignored, in text order; the record with no value meets NE only.
  BOOST_TEST(got("Stage", "EQ", "BETA") == rows_of({1, 3}), boost::test_tools::per_element());
  BOOST_TEST(got("Stage", "NE", "beta") == rows_of({0, 2, 4}), boost::test_tools::per_element());
  BOOST_TEST(got("Stage", "LT", "beta") == rows_of({0}), boost::test_tools::per_element());
  BOOST_TEST(got("Stage", "LE", "beta") == rows_of({0, 1, 3}), boost::test_tools::per_element());
  BOOST_TEST(got("Stage", "GT", "beta") == rows_of({2}), boost::test_tools::per_element());
  BOOST_TEST(got("Stage", "GE", "beta") == rows_of({1, 2, 3}), boost::test_tools::per_element());
  // Currency as numbers (as text "9.5" > "100").
  BOOST_TEST(got("Amount", "LT", "10") == rows_of({1, 3}), boost::test_tools::per_element());
  BOOST_TEST(got("Amount", "GE", "10") == rows_of({0, 2}), boost::test_tools::per_element());
  BOOST_TEST(got("Amount", "EQ", "10.0") == rows_of({0}), boost::test_tools::per_element());
  // Integers.
  BOOST_TEST(got("Probability", "GT", "20") == rows_of({2, 3}), boost::test_tools::per_element());
  BOOST_TEST(got("Probability", "LE", "20") == rows_of({0, 1}), boost::test_tools::per_element());
  BOOST_TEST(got("Probability", "NE", "20") == rows_of({0, 2, 3, 4}), boost::test_tools::per_element());
  // Dates in time order.
  BOOST_TEST(got("CloseDate", "LT", "2026-02-01") == rows_of({0, 2}), boost::test_tools::per_element());
  BOOST_TEST(got("CloseDate", "GE", "2026-02-01") == rows_of({1, 3}), boost::test_tools::per_element());
  BOOST_TEST(got("CloseDate", "EQ", "2026-02-01") == rows_of({1, 3}), boost::test_tools::per_element());
  // Booleans: EQ and NE.
  BOOST_TEST(got("IsWon", "EQ", "true") == rows_of({0, 2}), boost::test_tools::per_element());
  BOOST_TEST(got("IsWon", "NE", "true") == rows_of({1, 3, 4}), boost::test_tools::per_element());
  // The id and the external key ("CRM Id"), as the vendor's sample uses them.
  BOOST_TEST(got("Id", "LE", std::to_string(ids[1])) == rows_of({0, 1}), boost::test_tools::per_element());
  BOOST_TEST(got("CRM Id", "GT", "C-3") == rows_of({3, 4}), boost::test_tools::per_element());
  BOOST_TEST(got("Created At", "GE", "2000-01-01T00:00:00Z").size() == 5u);
  BOOST_TEST(got("Updated At", "LT", "2000-01-01T00:00:00Z").empty());
  // Criteria combine (all must hold).
  Query both;
  both.criteria = {{"Stage", "EQ", "beta"}, {"Probability", "GT", "30"}};
  BOOST_TEST(s.get(both).ids() == rows_of({3}), boost::test_tools::per_element());
  // Refused: a boolean ordered, a value the type cannot take, no such field.
  Query bad;
  bad.criteria = {{"IsWon", "LT", "true"}};
  BOOST_TEST(s.get(bad).fault == 20110);
  bad.criteria = {{"Amount", "GT", "ten"}};
  BOOST_TEST(s.get(bad).fault == 20110);
  bad.criteria = {{"CloseDate", "GT", "soon"}};
  BOOST_TEST(s.get(bad).fault == 20110);
  bad.criteria = {{"Colour", "EQ", "red"}};
  BOOST_TEST(s.get(bad).fault == 20110);
  Query no_type;
  no_type.type = "";
  BOOST_TEST(s.get(no_type).fault == 20109);
  no_type.type = "LeadRecord";
  BOOST_TEST(s.get(no_type).fault == 20110);
}

BOOST_AUTO_TEST_CASE(paging_visits_each_record_once) {
  Sandbox s;
  const int n = 250;
  std::vector<Obj> batch;
  std::set<int> made;
  for (int i = 0; i < n; ++i) {
    batch.push_back(opportunity("P-" + std::to_string(i), {{"Stage", i % 2 ? "odd" : "even"}}));
    if (batch.size() == mktows::kMaxMObjects || i == n - 1) {
      for (const Status &st : s.sync(batch, "INSERT").items) made.insert(st.id);
      batch.clear();
    }
  }
  BOOST_REQUIRE(made.size() == static_cast<std::size_t>(n));
  // The whole walk: 100, 100, 50; hasMore until the last page.
  Query q;
  std::vector<int> seen;
  std::vector<std::size_t> sizes;
  std::vector<bool> more;
  for (int guard = 0; guard < 10; ++guard) {
    Page p = s.get(q);
    BOOST_REQUIRE(p.fault == 0);
    BOOST_TEST(p.return_count == static_cast<int>(p.objects.size()));
    sizes.push_back(p.objects.size());
    more.push_back(p.has_more);
    for (int id : p.ids()) seen.push_back(id);
    if (!p.has_more) {
      // The last page's position: the stream is at its end.
      q.position = p.position;
      BOOST_TEST(s.get(q).fault == 20123);
      break;
    }
    q.position = p.position;
    if (guard == 0) {
      // A record written during the walk is met once, on a later page.
      made.insert(s.sync1(opportunity("P-late"), "INSERT").id);
    }
  }
  BOOST_TEST(sizes == (std::vector<std::size_t>{100, 100, 51}), boost::test_tools::per_element());
  BOOST_TEST(more == (std::vector<bool>{true, true, false}), boost::test_tools::per_element());
  BOOST_TEST(std::set<int>(seen.begin(), seen.end()).size() == seen.size());
  BOOST_TEST((std::set<int>(seen.begin(), seen.end()) == made));
  // A walk with criteria: the odd ones, in two pages.
  Query odd;
  odd.criteria = {{"Stage", "EQ", "odd"}};
  Page first = s.get(odd);
  BOOST_TEST(first.objects.size() == 100u);
  BOOST_TEST(first.has_more);
  odd.position = first.position;
  Page second = s.get(odd);
  BOOST_TEST(second.objects.size() == 25u);
  BOOST_TEST(!second.has_more);
  // A position altered, or used for another query: 20122.
  Query other;
  other.position = first.position;
  BOOST_TEST(s.get(other).fault == 20122);
  std::string altered = first.position;
  altered[4] = altered[4] == '1' ? '2' : '1';
  odd.position = altered;
  BOOST_TEST(s.get(odd).fault == 20122);
  odd.position = "garbage";
  BOOST_TEST(s.get(odd).fault == 20122);
}

BOOST_AUTO_TEST_CASE(delete_answers_deleted_unchanged_or_failed_and_takes_the_roles_along) {
  Sandbox s;
  int lead = s.lead("del@roles.example.com");
  int opp = s.sync1(opportunity("D-1")).id;
  int r = s.sync1(role(opp, lead, "Buyer")).id;
  Obj d;
  d.id = opp;
  Obj program;
  program.type = "Program";
  program.id = 1001;
  Obj no_id;
  Statuses st = s.remove({d, program, no_id});
  BOOST_REQUIRE(st.items.size() == 3u);
  BOOST_TEST(st.items[0].status == "DELETED");
  BOOST_TEST(st.items[0].id == opp);
  BOOST_TEST(st.items[1].status == "FAILED");
  BOOST_TEST(st.items[2].status == "FAILED");
  // Again: already gone.
  BOOST_TEST(s.remove({d}).items[0].status == "UNCHANGED");
  Query q;
  q.type = "OpportunityPersonRole";
  q.id = r;
  BOOST_TEST(s.get(q).objects.empty());
}

BOOST_AUTO_TEST_CASE(programs_are_read_and_their_costs_and_tags_updated) {
  Sandbox s;
  Query all;
  all.type = "Program";
  all.details = true;
  Page p = s.get(all);
  BOOST_REQUIRE(p.fault == 0);
  BOOST_TEST(p.ids() == (std::vector<int>{1001, 1002}), boost::test_tools::per_element());
  BOOST_TEST(p.objects[1].attribs["Name"] == "Webinar 2026");
  BOOST_TEST(p.objects[1].attribs["Type"] == "Event");
  BOOST_TEST(p.objects[1].attribs["Workspace Name"] == "Default");
  BOOST_REQUIRE(p.objects[1].type_attribs.size() == 1u);  // its channel
  BOOST_TEST(p.objects[1].type_attribs[0].second["Type"] == "Channel");
  BOOST_TEST(p.objects[1].type_attribs[0].second["Value"] == "Webinar");

  Obj update;
  update.type = "Program";
  update.id = 1001;
  update.type_attribs = {{"Cost", {{"Month", "2026-06"}, {"Amount", "500"}, {"Note", "booth"}}},
                         {"Tag", {{"Type", "Region"}, {"Value", "EMEA"}}}};
  BOOST_TEST(s.sync1(update, "UPDATE").status == "UPDATED");
  // The tag again: nothing changes.
  Obj tag_only = update;
  tag_only.type_attribs.erase(tag_only.type_attribs.begin());
  BOOST_TEST(s.sync1(tag_only, "UPDATE").status == "UNCHANGED");
  // Edit the cost by its id.
  Obj edit = update;
  edit.type_attribs = {{"Cost", {{"Id", "1"}, {"Month", "2026-07"}, {"Amount", "650.25"}}}};
  BOOST_TEST(s.sync1(edit, "UPDATE").status == "UPDATED");
  edit.type_attribs = {{"Cost", {{"Id", "7"}, {"Month", "2026-07"}, {"Amount", "1"}}}};
  BOOST_TEST(s.sync1(edit, "UPDATE").status == "FAILED");
  // Refused: a value the tag type lacks, a bad month, a channel for another
  // program type, an attrib, INSERT/UPSERT, an unknown program.
  Obj bad = update;
  bad.type_attribs = {{"Tag", {{"Type", "Region"}, {"Value", "Mars"}}}};
  BOOST_TEST(s.sync1(bad, "UPDATE").status == "FAILED");
  bad.type_attribs = {{"Cost", {{"Month", "2026-13"}, {"Amount", "1"}}}};
  BOOST_TEST(s.sync1(bad, "UPDATE").status == "FAILED");
  bad.type_attribs = {{"Tag", {{"Type", "Channel"}, {"Value", "Webinar"}}}};  // an Event channel
  BOOST_TEST(s.sync1(bad, "UPDATE").status == "FAILED");
  bad.type_attribs = {{"Tag", {{"Type", "Channel"}, {"Value", "Email Blast"}}}};
  BOOST_TEST(s.sync1(bad, "UPDATE").status == "UPDATED");
  bad.type_attribs.clear();
  bad.attribs = {{"Name", "Renamed"}};
  BOOST_TEST(s.sync1(bad, "UPDATE").status == "FAILED");
  BOOST_TEST(s.sync1(update, "UPSERT").status == "FAILED");
  update.id = 4242;
  BOOST_TEST(s.sync1(update, "UPDATE").status == "FAILED");

  Query one;
  one.type = "Program";
  one.id = 1001;
  one.details = true;
  Page d = s.get(one);
  BOOST_REQUIRE(d.objects.size() == 1u);
  std::map<std::string, std::map<std::string, std::string>> by_type;
  std::vector<std::string> tag_types;
  for (const auto &t : d.objects[0].type_attribs) {
    by_type[t.first] = t.second;
    if (t.first == "Tag") tag_types.push_back(t.second.at("Type"));
  }
  BOOST_TEST(by_type["Cost"]["Month"] == "2026-07");
  BOOST_TEST(by_type["Cost"]["Amount"] == "650.25");
  BOOST_TEST(by_type["Cost"]["Note"] == "booth");
  BOOST_TEST(tag_types == (std::vector<std::string>{"Channel", "Region"}), boost::test_tools::per_element());
  // Without details: the attribs only.
  one.details = false;
  BOOST_TEST(s.get(one).objects[0].type_attribs.empty());
  // Criteria on tags; one Tag Type only.
  Query tagged;
  tagged.type = "Program";
  tagged.criteria = {{"Tag Type", "EQ", "Region"}, {"Tag Value", "EQ", "EMEA"}};
  BOOST_TEST(s.get(tagged).ids() == (std::vector<int>{1001}), boost::test_tools::per_element());
  tagged.criteria = {{"Tag Type", "EQ", "Channel"}};
  BOOST_TEST(s.get(tagged).ids() == (std::vector<int>{1001, 1002}), boost::test_tools::per_element());
  tagged.criteria = {{"Tag Type", "EQ", "Region"}, {"Tag Type", "EQ", "Channel"}};
  BOOST_TEST(s.get(tagged).fault == 20110);
  tagged.criteria = {{"Name", "EQ", "webinar 2026"}, {"Include Archive", "EQ", "true"}};
  BOOST_TEST(s.get(tagged).ids() == (std::vector<int>{1002}), boost::test_tools::per_element());
  tagged.criteria = {{"Workspace Name", "NE", "Default"}};
  BOOST_TEST(s.get(tagged).objects.empty());
}

BOOST_AUTO_TEST_CASE(writes_survive_a_restart_and_a_merge_moves_the_roles) {
  mktows_test::TempDir dir;
  const std::string data = dir.path() + "/data";
  int ann = 0, bob = 0, opp = 0, kept = 0, moved = 0, dropped = 0, gone = 0;
  {
    Sandbox s({"--data", data});
    ann = s.lead("ann@merge.example.com");
    bob = s.lead("bob@merge.example.com");
    opp = s.sync1(opportunity("M-1", {{"Name", "Merged deal"}, {"Amount", "42"}})).id;
    kept = s.sync1(role(opp, ann, "Buyer")).id;
    moved = s.sync1(role(opp, bob, "Champion")).id;
    dropped = s.sync1(role(opp, bob, "Buyer")).id;  // ann already has it
    gone = s.sync1(opportunity("M-2")).id;
    Obj d;
    d.id = gone;
    BOOST_TEST(s.remove({d}).items[0].status == "DELETED");
    Obj update;
    update.type = "Program";
    update.id = 1002;
    update.type_attribs = {{"Cost", {{"Month", "2026-03"}, {"Amount", "99"}}}};
    BOOST_TEST(s.sync1(update, "UPDATE").status == "UPDATED");
    std::string merge = "<ns1:paramsMergeLeads><winningLeadKeyList><attribute><attrName>IDNUM</attrName><attrValue>" +
                        std::to_string(ann) + "</attrValue></attribute></winningLeadKeyList><losingLeadKeyLists>"
                        "<keyList><attribute><attrName>IDNUM</attrName><attrValue>" + std::to_string(bob) +
                        "</attrValue></attribute></keyList></losingLeadKeyLists></ns1:paramsMergeLeads>";
    BOOST_TEST(fault_code(s.soap("mergeLeads", envelope(demo_auth(), merge)).body) == 0);
  }
  for (int round = 0; round < 2; ++round) {  // the merge is replayed, and replayed again
    Sandbox s({"--data", data});
    Query q;
    q.type = "OpportunityPersonRole";
    q.assocs = {{"Opportunity", opp, std::nullopt}};
    Page p = s.get(q);
    BOOST_TEST(p.ids() == (std::vector<int>{kept, moved}), boost::test_tools::per_element());
    for (const Got &g : p.objects) BOOST_TEST(g.attribs.at("PersonId") == std::to_string(ann));
    Query o;
    o.id = opp;
    BOOST_REQUIRE(s.get(o).objects.size() == 1u);
    BOOST_TEST(s.get(o).objects[0].attribs["Amount"] == "42");
    o.id = gone;
    BOOST_TEST(s.get(o).objects.empty());
    Query prog;
    prog.type = "Program";
    prog.id = 1002;
    prog.details = true;
    bool cost = false;
    Page pp = s.get(prog);
    BOOST_REQUIRE(pp.objects.size() == 1u);
    for (const auto &t : pp.objects[0].type_attribs)
      if (t.first == "Cost" && t.second.at("Amount") == "99") cost = true;
    BOOST_TEST(cost);
    // New ids go on from the journal's, never reusing a deleted one.
    int next = s.sync1(opportunity("M-3-" + std::to_string(round))).id;
    BOOST_TEST(next > gone);
    BOOST_TEST(next != dropped);
  }
}

namespace {

std::string error_code(const json &j) {
  if (j.value("success", true) || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

// The SOAP id a marketoGUID carries (its last 12 digits).
int guid_id(const json &guid) {
  std::string g = guid.get<std::string>();
  BOOST_REQUIRE(g.size() == 36u);
  return std::atoi(g.substr(24).c_str());
}

std::string url_encode(const std::string &s) {
  std::string out;
  const char *hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(soap_and_rest_read_and_write_one_store_of_opportunities) {
  Sandbox s;
  Status made = s.sync1(opportunity("OPP-S", {{"Name", "Soap deal"}, {"Amount", "1200.5"}, {"IsWon", "false"},
                                               {"Probability", "40"}, {"CloseDate", "2026-09-30"}}));
  json r = s.rest("GET", "/rest/v1/opportunities.json?filterType=externalOpportunityId&filterValues=OPP-S");
  BOOST_REQUIRE(r["success"] == true);
  BOOST_REQUIRE(r["result"].size() == 1u);
  json o = r["result"][0];
  BOOST_TEST(guid_id(o["marketoGUID"]) == made.id);  // one id space
  BOOST_TEST(o["name"] == "Soap deal");
  BOOST_TEST(o["amount"].get<double>() == 1200.5);
  BOOST_TEST(o["isWon"] == false);
  BOOST_TEST(o["probability"] == 40);
  BOOST_TEST(o["closeDate"] == "2026-09-30");
  // By the GUID, with fields.
  r = s.rest("GET", "/rest/v1/opportunities.json?filterType=marketoGUID&filterValues=" + o["marketoGUID"].get<std::string>() +
                        "&fields=name,stage");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["name"] == "Soap deal");
  BOOST_TEST(!r["result"][0].contains("amount"));
  // Written through REST, read through SOAP.
  json in = {{"action", "createOrUpdate"},
             {"input", {{{"externalOpportunityId", "OPP-R"}, {"name", "Rest deal"}, {"amount", 10}, {"isWon", true}},
                        {{"externalOpportunityId", "OPP-S"}, {"stage", "Negotiation"}}}}};
  r = s.rest("POST", "/rest/v1/opportunities.json", in.dump());
  BOOST_REQUIRE(r["result"].size() == 2u);
  BOOST_TEST(r["result"][0]["status"] == "created");
  BOOST_TEST(r["result"][1]["status"] == "updated");
  BOOST_TEST(guid_id(r["result"][1]["marketoGUID"]) == made.id);
  int rest_id = guid_id(r["result"][0]["marketoGUID"]);
  Query q;
  q.id = rest_id;
  Page p = s.get(q);
  BOOST_REQUIRE(p.objects.size() == 1u);
  BOOST_TEST(p.objects[0].key_value == "OPP-R");
  BOOST_TEST(p.objects[0].attribs["Amount"] == "10");
  BOOST_TEST(p.objects[0].attribs["IsWon"] == "true");
  q.id = made.id;
  BOOST_TEST(s.get(q).objects.at(0).attribs["Stage"] == "Negotiation");
  // Per-record reasons: createOnly of a key that exists, updateOnly of one
  // that does not, an unknown field, a missing dedupe field.
  in = {{"action", "createOnly"}, {"input", {{{"externalOpportunityId", "OPP-R"}}}}};
  r = s.rest("POST", "/rest/v1/opportunities.json", in.dump());
  BOOST_TEST(r["result"][0]["status"] == "skipped");
  BOOST_TEST(r["result"][0]["reasons"][0]["code"] == "1017");
  in = {{"action", "updateOnly"}, {"input", {{{"externalOpportunityId", "OPP-NONE"}, {"name", "x"}}}}};
  BOOST_TEST(s.rest("POST", "/rest/v1/opportunities.json", in.dump())["result"][0]["reasons"][0]["code"] == "1013");
  in = {{"input", {{{"externalOpportunityId", "OPP-X"}, {"colour", "red"}}, {{"name", "no key"}}}}};
  r = s.rest("POST", "/rest/v1/opportunities.json", in.dump());
  BOOST_TEST(r["result"][0]["reasons"][0]["code"] == "1006");
  BOOST_TEST(r["result"][1]["reasons"][0]["code"] == "701");
  // SOAP's comparisons beyond EQ, on a field REST cannot search: refused.
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/opportunities.json?filterType=amount&filterValues=10")) == "1011");
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/opportunities.json?filterValues=10")) == "701");
  // 300 records per call; 301 is refused whole.
  json many = json::array();
  for (int i = 0; i < 301; ++i) many.push_back({{"externalOpportunityId", "B-" + std::to_string(i)}});
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/opportunities.json", json{{"input", many}}.dump())) == "1003");
  many.erase(many.end() - 1);
  BOOST_TEST(s.rest("POST", "/rest/v1/opportunities.json", json{{"input", many}}.dump())["result"].size() == 300u);
  // The long-URI form, and paging by nextPageToken.
  std::string values;
  for (int i = 0; i < 250; ++i) values += (i ? "," : "") + std::string("B-") + std::to_string(i);
  r = s.rest("POST", "/rest/v1/opportunities.json?_method=GET",
             "filterType=externalOpportunityId&batchSize=200&filterValues=" + url_encode(values),
             "application/x-www-form-urlencoded");
  BOOST_TEST(r["result"].size() == 200u);
  BOOST_TEST(r["moreResult"] == true);
  r = s.rest("POST", "/rest/v1/opportunities.json?_method=GET",
             "filterType=externalOpportunityId&batchSize=200&filterValues=" + url_encode(values) +
                 "&nextPageToken=" + r["nextPageToken"].get<std::string>(),
             "application/x-www-form-urlencoded");
  BOOST_TEST(r["result"].size() == 50u);
  BOOST_TEST(r["moreResult"] == false);
  // Describe.
  r = s.rest("GET", "/rest/v1/opportunities/describe.json");
  BOOST_TEST(r["result"][0]["idField"] == "marketoGUID");
  BOOST_TEST(r["result"][0]["dedupeFields"] == json::array({"externalOpportunityId"}));
  // Deleted through REST by GUID, gone for SOAP; again: skipped.
  json del = {{"deleteBy", "idField"}, {"input", {{{"marketoGUID", o["marketoGUID"]}}}}};
  r = s.rest("POST", "/rest/v1/opportunities/delete.json", del.dump());
  BOOST_TEST(r["result"][0]["status"] == "deleted");
  BOOST_TEST(s.get(q).objects.empty());
  r = s.rest("POST", "/rest/v1/opportunities/delete.json", del.dump());
  BOOST_TEST(r["result"][0]["status"] == "skipped");
  // By the dedupe field; a SOAP delete of a REST record.
  del = {{"input", {{{"externalOpportunityId", "B-0"}}}}};
  BOOST_TEST(s.rest("POST", "/rest/v1/opportunities/delete.json", del.dump())["result"][0]["status"] == "deleted");
  Obj d;
  d.id = rest_id;
  BOOST_TEST(s.remove({d}).items.at(0).status == "DELETED");
  BOOST_TEST(s.rest("GET", "/rest/v1/opportunities.json?filterType=externalOpportunityId&filterValues=OPP-R")["result"].empty());
}

BOOST_AUTO_TEST_CASE(soap_and_rest_share_the_roles) {
  Sandbox s;
  int ann = s.lead("ann@rest-roles.example.com");
  int bob = s.lead("bob@rest-roles.example.com");
  int opp = s.sync1(opportunity("RR-1")).id;
  Status soap_role = s.sync1(role(opp, ann, "Buyer", {{"IsPrimary", "true"}}));
  json r = s.rest("GET", "/rest/v1/opportunities/roles.json?filterType=leadId&filterValues=" + std::to_string(ann));
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(guid_id(r["result"][0]["marketoGUID"]) == soap_role.id);
  BOOST_TEST(r["result"][0]["externalOpportunityId"] == "RR-1");
  BOOST_TEST(r["result"][0]["role"] == "Buyer");
  BOOST_TEST(r["result"][0]["isPrimary"] == true);
  // Made through REST by the dedupe fields; read through SOAP.
  json in = {{"input", {{{"externalOpportunityId", "RR-1"}, {"leadId", bob}, {"role", "Champion"}},
                        {{"externalOpportunityId", "RR-NONE"}, {"leadId", bob}, {"role", "Champion"}},
                        {{"externalOpportunityId", "RR-1"}, {"leadId", 999999}, {"role", "Champion"}}}}};
  r = s.rest("POST", "/rest/v1/opportunities/roles.json", in.dump());
  BOOST_TEST(r["result"][0]["status"] == "created");
  BOOST_TEST(r["result"][1]["reasons"][0]["code"] == "1013");
  BOOST_TEST(r["result"][2]["reasons"][0]["code"] == "1004");
  Query q;
  q.type = "OpportunityPersonRole";
  q.assocs = {{"Lead", bob, std::nullopt}};
  Page p = s.get(q);
  BOOST_REQUIRE(p.objects.size() == 1u);
  BOOST_TEST(p.objects[0].id == guid_id(r["result"][0]["marketoGUID"]));
  BOOST_TEST(p.objects[0].attribs["OpportunityId"] == std::to_string(opp));
  // The compound key through POST ?_method=GET with a JSON body.
  json key = {{"filterType", "dedupeFields"},
              {"fields", {"role", "leadId"}},
              {"input", {{{"externalOpportunityId", "RR-1"}, {"leadId", ann}, {"role", "buyer"}}}}};
  r = s.rest("POST", "/rest/v1/opportunities/roles.json?_method=GET", key.dump());
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(guid_id(r["result"][0]["marketoGUID"]) == soap_role.id);
  BOOST_TEST(!r["result"][0].contains("isPrimary"));
  r = s.rest("GET", "/rest/v1/opportunities/roles/describe.json");
  BOOST_TEST(r["result"][0]["dedupeFields"] == json::array({"externalOpportunityId", "leadId", "role"}));
  // Deleted through REST by the dedupe fields: gone for SOAP.
  json del = {{"input", {{{"externalOpportunityId", "RR-1"}, {"leadId", ann}, {"role", "Buyer"}}}}};
  BOOST_TEST(s.rest("POST", "/rest/v1/opportunities/roles/delete.json", del.dump())["result"][0]["status"] == "deleted");
  q.assocs.clear();
  q.id = soap_role.id;
  BOOST_TEST(s.get(q).objects.empty());
}

BOOST_AUTO_TEST_CASE(programs_over_the_asset_api_share_costs_and_tags_with_soap) {
  Sandbox s;
  json r = s.rest("GET", "/rest/asset/v1/programs.json");
  BOOST_REQUIRE(r["result"].size() == 2u);
  BOOST_TEST(r["result"][1]["channel"] == "Webinar");
  BOOST_TEST(!r["result"][0].contains("tags"));
  r = s.rest("GET", "/rest/asset/v1/programs.json?maxReturn=1&offset=1");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["id"] == 1002);
  BOOST_TEST(error_code(s.rest("GET", "/rest/asset/v1/programs.json?maxReturn=201")) == "1003");
  BOOST_TEST(s.rest("GET", "/rest/asset/v1/programs.json?maxReturn=200")["result"].size() == 2u);
  r = s.rest("GET", "/rest/asset/v1/programs.json?filterType=id&filterValues=1001");
  BOOST_TEST(r["result"].size() == 1u);
  r = s.rest("GET", "/rest/asset/v1/program/9999.json");
  BOOST_TEST(r["success"] == true);
  BOOST_TEST(!r.contains("result"));
  BOOST_TEST(r["warnings"][0] == "No assets found for the given search criteria.");

  // Written through REST (a form body), read through SOAP.
  r = s.rest("POST", "/rest/asset/v1/program/1001.json",
             "costs=" + url_encode(R"([{"startDate":"2026-06-01","cost":500,"note":"booth"}])") +
                 "&tags=" + url_encode(R"([{"tagType":"Region","tagValue":"APAC"}])"),
             "application/x-www-form-urlencoded");
  BOOST_REQUIRE(r["success"] == true);
  BOOST_TEST(r["result"][0]["costs"][0]["cost"] == 500);
  Query q;
  q.type = "Program";
  q.id = 1001;
  q.details = true;
  Page p = s.get(q);
  BOOST_REQUIRE(p.objects.size() == 1u);
  std::map<std::string, std::map<std::string, std::string>> by_type;
  for (const auto &t : p.objects[0].type_attribs) by_type[t.first] = t.second;
  BOOST_TEST(by_type["Cost"]["Month"] == "2026-06");
  BOOST_TEST(by_type["Cost"]["Amount"] == "500");
  BOOST_TEST(by_type["Tag"]["Value"] == "APAC");
  // Written through SOAP, read through REST.
  Obj update;
  update.type = "Program";
  update.id = 1001;
  update.type_attribs = {{"Cost", {{"Id", by_type["Cost"]["Id"]}, {"Month", "2026-08"}, {"Amount", "75.5"}}}};
  BOOST_TEST(s.sync1(update, "UPDATE").status == "UPDATED");
  r = s.rest("GET", "/rest/asset/v1/program/byName.json?name=Demo%20Program&includeCosts=true&includeTags=true");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["costs"][0]["startDate"] == "2026-08-01");
  BOOST_TEST(r["result"][0]["costs"][0]["cost"].get<double>() == 75.5);
  BOOST_TEST(r["result"][0]["costs"][0]["note"] == "booth");
  BOOST_TEST(r["result"][0]["tags"][0]["tagValue"] == "APAC");
  // costsDestructiveUpdate: the costs sent are all of them.
  r = s.rest("POST", "/rest/asset/v1/program/1001.json",
             "costsDestructiveUpdate=true&costs=" + url_encode(R"([{"startDate":"2026-01-01","cost":1}])"),
             "application/x-www-form-urlencoded");
  BOOST_TEST(r["result"][0]["costs"].size() == 1u);
  // Refused: a value the tag type lacks, a field the sandbox does not change.
  r = s.rest("POST", "/rest/asset/v1/program/1001.json",
             "tags=" + url_encode(R"([{"tagType":"Region","tagValue":"Mars"}])"), "application/x-www-form-urlencoded");
  BOOST_TEST(error_code(r) == "709");
  r = s.rest("POST", "/rest/asset/v1/program/1001.json", "name=Renamed", "application/x-www-form-urlencoded");
  BOOST_TEST(error_code(r) == "709");
}
