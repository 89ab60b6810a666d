// syncLead's rules (the seed's, and the sandbox's documented choices), one
// table row per rule, each against a fresh sandbox over real HTTP.
#define BOOST_TEST_MODULE sandbox_rules_test
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include "lead_requests.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <ostream>

using namespace sandbox_test;
using mktows_test::TempDir;
using mktows_test::SandboxProcess;

namespace {

// Workspaces off. 2003 is written after 2002, so it is the most recently
// updated of the two leads sharing dup@x.com.
const char kFlat[] = R"({
  "leads": [
    {"id": 2001, "email": "a@x.com", "foreignSysPersonId": "F1", "foreignSysType": "CUSTOM"},
    {"id": 2002, "email": "dup@x.com", "attributes": {"FirstName": "Older"}},
    {"id": 2003, "email": "DUP@x.com", "attributes": {"FirstName": "Newer"}},
    {"id": 2004, "cookie": "id:anon-1"},
    {"id": 2005, "email": "b@x.com"}
  ]})";

// Workspaces on: Default -> partition Default, EMEA -> Europe, APAC -> Asia;
// new leads from Japan or China go to Asia whatever the workspace.
const char kWorkspaces[] = R"({
  "workspaces": {
    "enabled": true,
    "list": [{"name": "Default", "primaryPartition": "Default"},
             {"name": "EMEA", "primaryPartition": "Europe"},
             {"name": "APAC", "primaryPartition": "Asia"}],
    "assignmentRules": [{"partition": "Asia", "attribute": "Country", "values": ["Japan", "China"]}]
  },
  "leads": [
    {"id": 3001, "email": "d@x.com", "foreignSysPersonId": "FD", "foreignSysType": "SFDC", "partition": "Default"},
    {"id": 3002, "email": "e@x.com", "foreignSysPersonId": "FE", "foreignSysType": "SFDC", "partition": "Europe"},
    {"id": 3003, "cookie": "id:anon-eu", "partition": "Europe"}
  ]})";

const int kNew = -1;  // expect a lead id above every configured one

struct Step {
  SyncLeadCall call;
  int fault = 0;
  std::string status;
  int lead_id = 0;  // 0: not checked; kNew: a new id
  std::string record_email;
  std::string record_foreign_id;
  std::string get_type;  // when set, the step is a getLead instead
  std::string get_value;
  std::vector<int> get_ids;
};

struct RuleCase {
  std::string name;
  const char *config;
  std::vector<Step> steps;
};

std::ostream &operator<<(std::ostream &o, const RuleCase &c) { return o << c.name; }

LeadFields by_id(int id) { return LeadFields{id, "", "", "", {}}; }
LeadFields by_email(const std::string &e) { return LeadFields{std::nullopt, e, "", "", {}}; }
LeadFields by_foreign(const std::string &f, const std::string &t = "CUSTOM") { return LeadFields{std::nullopt, "", f, t, {}}; }
SyncLeadCall call(LeadFields f) { return SyncLeadCall{std::move(f), "", false, false, std::nullopt}; }
SyncLeadCall call_ws(LeadFields f, const std::string &ws) { return SyncLeadCall{std::move(f), "", false, false, ws}; }
SyncLeadCall call_returning(LeadFields f) { return SyncLeadCall{std::move(f), "", true, false, std::nullopt}; }
Step ok(SyncLeadCall c, const std::string &status, int id) { Step s; s.call = std::move(c); s.status = status; s.lead_id = id; return s; }
Step refused(SyncLeadCall c, int fault) { Step s; s.call = std::move(c); s.fault = fault; return s; }
Step get(const std::string &type, const std::string &value, std::vector<int> ids) {
  Step s; s.get_type = type; s.get_value = value; s.get_ids = std::move(ids); return s;
}

std::vector<RuleCase> cases() {
  std::vector<RuleCase> t;
  {  // Id wins over every other key, and the other values are written to it.
    LeadFields f = by_id(2005); f.email = "a@x.com"; f.foreign_id = "F9"; f.foreign_type = "SFDC";
    Step s = ok(call_returning(f), "UPDATED", 2005); s.record_email = "a@x.com"; s.record_foreign_id = "F9";
    t.push_back({"id_wins_and_updates_foreign_id", kFlat, {s, get("IDNUM", "2001", {2001})}});
  }
  t.push_back({"unknown_id_is_lead_not_found", kFlat, {refused(call(by_id(999)), 20103)}});
  t.push_back({"foreign_id_alone_is_a_unique_key", kFlat, {ok(call(by_foreign("F1")), "UPDATED", 2001)}});
  {  // ForeignSysPersonId + Email, no Id: matched by the foreign id, Email updated.
    LeadFields f = by_foreign("F1"); f.email = "b@x.com";
    Step s = ok(call_returning(f), "UPDATED", 2001); s.record_email = "b@x.com";
    t.push_back({"foreign_id_with_email_updates_email", kFlat, {s, get("EMAIL", "b@x.com", {2001, 2005})}});
  }
  {  // A foreign id no lead has falls through to the next key (Email).
    LeadFields f = by_foreign("F-NEW"); f.email = "b@x.com";
    Step s = ok(call_returning(f), "UPDATED", 2005); s.record_foreign_id = "F-NEW";
    t.push_back({"unknown_foreign_id_falls_through_to_email", kFlat, {s}});
  }
  t.push_back({"foreign_id_requires_foreign_sys_type", kFlat, {refused(call(by_foreign("F1", "")), 20109)}});
  {
    LeadFields f = by_id(2005); f.foreign_id = "F1"; f.foreign_type = "CUSTOM";
    t.push_back({"foreign_id_of_another_lead_is_refused", kFlat, {refused(call(f), 20106)}});
  }
  t.push_back({"email_shared_by_two_leads_updates_the_most_recent", kFlat,
               {ok(call(by_email("dup@x.com")), "UPDATED", 2003), get("EMAIL", "dup@x.com", {2002, 2003})}});
  {  // After 2002 is written it is the most recent one.
    LeadFields touch = by_id(2002); touch.attributes = {{"LastName", "Touched"}};
    t.push_back({"email_winner_follows_the_last_write", kFlat,
                 {ok(call(touch), "UPDATED", 2002), ok(call(by_email("Dup@X.com")), "UPDATED", 2002)}});
  }
  {  // An anonymous lead, known by its cookie, updated through it with an Email.
    SyncLeadCall c = call_returning(by_email("anon@x.com")); c.cookie = "id:anon-1";
    Step s = ok(c, "UPDATED", 2004); s.record_email = "anon@x.com";
    t.push_back({"anonymous_cookie_lead_becomes_known", kFlat, {s, get("EMAIL", "anon@x.com", {2004}), get("COOKIE", "id:anon-1", {2004})}});
  }
  {
    SyncLeadCall c = call(by_email("b@x.com")); c.cookie = "id:anon-1";
    t.push_back({"cookie_wins_over_email", kFlat, {ok(c, "UPDATED", 2004)}});
  }
  {
    LeadFields f = by_foreign("F1"); f.email = "x@x.com";
    SyncLeadCall c = call(f); c.cookie = "id:anon-1";
    t.push_back({"foreign_id_wins_over_cookie", kFlat, {ok(c, "UPDATED", 2001)}});
  }
  t.push_back({"new_email_creates_a_lead", kFlat,
               {ok(call(by_email("new@x.com")), "CREATED", kNew), ok(call(by_email("new@x.com")), "UPDATED", 0)}});
  {
    SyncLeadCall c = call(by_email("")); c.cookie = "id:anon-1";
    t.push_back({"a_key_is_required", kFlat, {refused(c, 20101)}});
  }
  {
    LeadFields f = by_email("a@x.com"); f.attributes = {{"NoSuchField", "x"}};
    t.push_back({"unknown_attribute_is_lead_attribute_bad", kFlat, {refused(call(f), 20105)}});
  }
  {
    LeadFields f = by_email("a@x.com"); f.attributes = {{"", "x"}};
    t.push_back({"attribute_needs_a_name", kFlat, {refused(call(f), 20109)}});
  }
  {
    SyncLeadCall c = call(by_email("a@x.com")); c.omit_return_lead = true;
    t.push_back({"return_lead_is_required", kFlat, {refused(c, 20017)}});
  }
  {
    LeadFields f = by_email("full@x.com"); f.foreign_id = "FF"; f.foreign_type = "NETSUITE";
    f.attributes = {{"FirstName", "George"}, {"LastName", "of the Jungle"}};
    Step s = ok(call_returning(f), "CREATED", kNew); s.record_email = "full@x.com"; s.record_foreign_id = "FF";
    t.push_back({"return_lead_returns_the_full_record", kFlat, {s}});
  }
  t.push_back({"without_workspaces_the_target_must_be_default", kFlat,
               {refused(call_ws(by_email("a@x.com"), "EMEA"), 20110),
                ok(call_ws(by_email("a@x.com"), "default"), "UPDATED", 2001)}});

  // Workspaces enabled.
  t.push_back({"new_lead_goes_to_the_named_workspace_primary_partition", kWorkspaces,
               {ok(call_ws(by_email("n@x.com"), "EMEA"), "CREATED", kNew),
                ok(call_ws(by_email("n@x.com"), "EMEA"), "UPDATED", 0),
                refused(call_ws(by_foreign("FE", "SFDC"), "Default"), 20106)}});
  {
    LeadFields f = by_foreign("FJ", "SFDC"); f.email = "jp@x.com"; f.attributes = {{"Country", "Japan"}};
    t.push_back({"assignment_rule_decides_a_new_lead_partition", kWorkspaces,
                 {ok(call_ws(f, "EMEA"), "CREATED", kNew), refused(call_ws(by_foreign("FJ", "SFDC"), "EMEA"), 20106),
                  ok(call_ws(by_foreign("FJ", "SFDC"), "APAC"), "UPDATED", 0)}});
  }
  {
    LeadFields f = by_foreign("FJ2", "SFDC"); f.attributes = {{"Country", "china"}};
    t.push_back({"assignment_rule_applies_without_a_header", kWorkspaces,
                 {ok(call(f), "CREATED", kNew), ok(call_ws(by_foreign("FJ2", "SFDC"), "APAC"), "UPDATED", 0)}});
  }
  t.push_back({"new_lead_without_header_goes_to_default_primary", kWorkspaces,
               {ok(call(by_foreign("FN", "SFDC")), "CREATED", kNew),
                ok(call_ws(by_foreign("FN", "SFDC"), "Default"), "UPDATED", 0),
                refused(call_ws(by_foreign("FN", "SFDC"), "EMEA"), 20106)}});
  t.push_back({"lead_matched_by_id_must_be_in_the_named_primary_partition", kWorkspaces,
               {refused(call_ws(by_id(3001), "EMEA"), 20106), ok(call_ws(by_id(3001), "Default"), "UPDATED", 3001)}});
  t.push_back({"lead_matched_by_foreign_id_must_be_in_the_named_primary_partition", kWorkspaces,
               {refused(call_ws(by_foreign("FD", "SFDC"), "EMEA"), 20106),
                ok(call_ws(by_foreign("FD", "SFDC"), "Default"), "UPDATED", 3001)}});
  {
    SyncLeadCall wrong = call_ws(by_email("eu@x.com"), "Default"); wrong.cookie = "id:anon-eu";
    SyncLeadCall right = call_ws(by_email("eu@x.com"), "EMEA"); right.cookie = "id:anon-eu";
    t.push_back({"lead_matched_by_cookie_must_be_in_the_named_primary_partition", kWorkspaces,
                 {refused(wrong, 20106), ok(right, "UPDATED", 3003)}});
  }
  t.push_back({"lead_matched_by_email_ignores_the_named_workspace", kWorkspaces,
               {ok(call_ws(by_email("e@x.com"), "Default"), "UPDATED", 3002),
                ok(call_ws(by_id(3002), "EMEA"), "UPDATED", 3002)}});
  t.push_back({"without_header_an_existing_lead_is_updated_where_it_is", kWorkspaces,
               {ok(call(by_id(3002)), "UPDATED", 3002), ok(call_ws(by_id(3002), "EMEA"), "UPDATED", 3002)}});
  t.push_back({"unknown_workspace_is_bad_parameter", kWorkspaces, {refused(call_ws(by_id(3001), "Nowhere"), 20110)}});
  t.push_back({"workspace_names_ignore_case", kWorkspaces, {ok(call_ws(by_id(3002), "emea"), "UPDATED", 3002)}});
  return t;
}

}  // namespace

BOOST_DATA_TEST_CASE(sync_lead_rule, boost::unit_test::data::make(cases()), rule) {
  TempDir dir;
  SandboxProcess sandbox({"--config", dir.write("config.json", rule.config)});
  Connection c(sandbox.port());
  std::string path = path_of(sandbox.endpoint());
  int step_no = 0;
  for (const Step &s : rule.steps) {
    BOOST_TEST_CONTEXT("step " << ++step_no) {
      if (!s.get_type.empty()) {
        Connection g(sandbox.port());
        HttpResponse r = g.post(path, get_lead_request(s.get_type, s.get_value), action("getLead"));
        BOOST_TEST(read_get_lead_ids(r) == s.get_ids, boost::test_tools::per_element());
        continue;
      }
      // A fault closes the connection, so every call gets its own.
      Connection one(sandbox.port());
      SyncOutcome o = read_sync_outcome(one.post(path, sync_lead_request(s.call), action("syncLead")));
      BOOST_TEST(o.fault == s.fault);
      if (s.fault) {
        BOOST_TEST(o.http_status == 500);
        continue;
      }
      BOOST_TEST(o.http_status == 200);
      BOOST_TEST(o.status == s.status);
      if (s.lead_id == kNew) BOOST_TEST(o.lead_id > 3003);
      else if (s.lead_id) BOOST_TEST(o.lead_id == s.lead_id);
      if (!s.record_email.empty() || !s.record_foreign_id.empty()) BOOST_TEST(o.has_record);
      if (!s.record_email.empty()) BOOST_TEST(o.record_email == s.record_email);
      if (!s.record_foreign_id.empty()) BOOST_TEST(o.record_foreign_id == s.record_foreign_id);
      if (!s.call.return_lead) BOOST_TEST(!o.has_record);
    }
  }
}

BOOST_AUTO_TEST_CASE(return_lead_carries_every_field) {
  SandboxProcess sandbox;
  Connection c(sandbox.port());
  LeadFields f = by_email("full@x.com");
  f.foreign_id = "FF";
  f.foreign_type = "NETSUITE";
  f.attributes = {{"FirstName", "George"}, {"LastName", "of the Jungle"}};
  SyncOutcome o = read_sync_outcome(c.post(path_of(sandbox.endpoint()), sync_lead_request(call_returning(f)), action("syncLead")));
  BOOST_TEST(o.status == "CREATED");
  BOOST_TEST(o.record_email == "full@x.com");
  BOOST_TEST(o.record_foreign_id == "FF");
  BOOST_TEST(o.record_foreign_type == "NETSUITE");
  BOOST_TEST((o.record_attributes == f.attributes));
  // An update adds to the record; the first values stay.
  LeadFields more = by_email("full@x.com");
  more.attributes = {{"Company", "Jungle Inc"}, {"FirstName", "Ursula"}};
  SyncOutcome u = read_sync_outcome(c.post(path_of(sandbox.endpoint()), sync_lead_request(call_returning(more)), action("syncLead")));
  BOOST_TEST(u.status == "UPDATED");
  BOOST_TEST(u.record_foreign_id == "FF");
  std::vector<std::pair<std::string, std::string>> expect = {
      {"FirstName", "Ursula"}, {"LastName", "of the Jungle"}, {"Company", "Jungle Inc"}};
  BOOST_TEST((u.record_attributes == expect));
}
