// The lists domain through the real sandbox over HTTP: listOperation's
// rules (statuses, success, strict, list and member keys, the 1000-lead
// bound), importToList (display-name header, CSV quoting, UPSERTLEADS,
// LISTONLY, clearList, the bounds) and its status (PROCESSING, then
// COMPLETE), the REST face's list calls and bulk import over the same store,
// a restart with --data; and, in process, the activity records the writes
// leave.
#define BOOST_TEST_MODULE sandbox_lists_test
#include <boost/test/unit_test.hpp>

#include "list_requests.hpp"
#include "support/sandbox_process.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include "config.hpp"
#include "lead_service.hpp"
#include "list_service.hpp"

#include <mktows/limits.hpp>

#include <nlohmann/json.hpp>

using namespace sandbox_test;
using mktows_test::SandboxProcess;
using mktows_test::TempDir;
using nlohmann::json;

namespace {

const Key kNewsletter{"MKTOLISTNAME", "Demo Program.Newsletter"};

HttpResponse post(const SandboxProcess &s, const std::string &body, const std::string &op) {
  Connection c(s.port());
  return c.post(path_of(s.endpoint()), body, action(op));
}

int sync(const SandboxProcess &s, const std::string &email,
         std::vector<std::pair<std::string, std::string>> attributes = {}) {
  SyncLeadCall call;
  call.lead.email = email;
  call.lead.attributes = std::move(attributes);
  SyncOutcome o = read_sync_outcome(post(s, sync_lead_request(call), "syncLead"));
  BOOST_REQUIRE(o.lead_id > 0);
  return o.lead_id;
}

ListOutcome list_op(const SandboxProcess &s, const std::string &op, const std::vector<Key> &members,
                    std::optional<bool> strict = std::nullopt, const Key &list = kNewsletter) {
  return read_list_outcome(post(s, list_operation_request(op, list, members, strict), "listOperation"));
}

Key id_key(int id) { return {"IDNUM", std::to_string(id)}; }

std::vector<bool> bools(std::initializer_list<bool> b) { return std::vector<bool>(b); }

int import_fault(const SandboxProcess &s, const ImportCall &c) { return fault_code(post(s, import_request(c), "importToList").body); }

std::string lead_attribute(const SandboxProcess &s, const std::string &email, const std::string &name) {
  SyncLeadCall call;
  HttpResponse r = post(s, get_lead_request("EMAIL", email), "getLead");
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> attrs;
  find_all(body, "attribute", attrs);
  for (const auto *a : attrs)
    if (find(*a, "attrName")->text == name) return find(*a, "attrValue")->text;
  return "(none)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(add_is_member_remove_give_one_status_per_lead) {
  SandboxProcess s;
  int a = sync(s, "ann@lists.example.com"), b = sync(s, "bob@lists.example.com");
  // An unknown id and a key that is no id are status false, not a fault;
  // EMAIL is accepted as a member key besides IDNUM.
  ListOutcome add = list_op(s, "ADDTOLIST", {id_key(a), {"EMAIL", "bob@lists.example.com"}, id_key(99999999), {"IDNUM", "abc"}});
  BOOST_TEST(add.fault == 0);
  BOOST_TEST(add.statuses == bools({true, true, false, false}), boost::test_tools::per_element());
  BOOST_TEST(!add.success);
  BOOST_REQUIRE(add.keys.size() == 4u);
  BOOST_TEST(add.keys[1].first == "EMAIL");
  BOOST_TEST(add.keys[1].second == "bob@lists.example.com");
  ListOutcome is = list_op(s, "ISMEMBEROFLIST", {id_key(a), id_key(b)});
  BOOST_TEST(is.statuses == bools({true, true}), boost::test_tools::per_element());
  BOOST_TEST(is.success);
  // Any non-member makes success false.
  ListOutcome is2 = list_op(s, "ISMEMBEROFLIST", {id_key(a), id_key(99999999)});
  BOOST_TEST(is2.statuses == bools({true, false}), boost::test_tools::per_element());
  BOOST_TEST(!is2.success);
  // Re-adding a member reports success.
  ListOutcome again = list_op(s, "ADDTOLIST", {id_key(a)});
  BOOST_TEST(again.success);
  BOOST_TEST(again.statuses == bools({true}), boost::test_tools::per_element());
  // Removing a member, then removing it again (a non-member: failure).
  ListOutcome rm = list_op(s, "REMOVEFROMLIST", {id_key(a), id_key(a)});
  BOOST_TEST(rm.statuses == bools({true, false}), boost::test_tools::per_element());
  BOOST_TEST(!rm.success);
  ListOutcome after = list_op(s, "ISMEMBEROFLIST", {id_key(a), id_key(b)});
  BOOST_TEST(after.statuses == bools({false, true}), boost::test_tools::per_element());
  // The other list is untouched.
  ListOutcome other = list_op(s, "ISMEMBEROFLIST", {id_key(b)}, std::nullopt, {"MKTOLISTNAME", "Webinar 2026.Attendees"});
  BOOST_TEST(other.statuses == bools({false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(list_keys_member_key_types_and_the_lead_bound) {
  SandboxProcess s;
  int a = sync(s, "keys@lists.example.com");
  // MKTOLISTNAME is Program.List, compared case-insensitively.
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a)}, std::nullopt, {"MKTOLISTNAME", "demo program.NEWSLETTER"}).success);
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(a)}).success);
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a)}, std::nullopt, {"MKTOLISTNAME", "Demo Program.Nope"}).fault == 20111);
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a)}, std::nullopt, {"MKTOLISTNAME", "Newsletter"}).fault == 20111);
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a)}, std::nullopt, {"MKTOSALESUSERID", "u1"}).fault == 20110);
  HttpResponse sales = post(s, list_operation_request("ADDTOLIST", {"SFDCLEADOWNERID", "00G"}, {id_key(a)}), "listOperation");
  BOOST_TEST(fault_code(sales.body) == 20110);
  BOOST_TEST(sales.body.find("Sales Insight lists") != std::string::npos);  // the reason is told
  // Member keys other than IDNUM and EMAIL: the whole call is refused,
  // before anything is written.
  int b = sync(s, "keys2@lists.example.com");
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(b), {"COOKIE", "id:123-ABC"}}).fault == 20102);
  BOOST_TEST(!list_op(s, "ISMEMBEROFLIST", {id_key(b)}).success);
  BOOST_TEST(list_op(s, "ADDTOLIST", {}).fault == 20101);
  // At most kMaxListOperationLeads keys.
  std::vector<Key> keys(mktows::kMaxListOperationLeads, id_key(b));
  ListOutcome full = list_op(s, "ADDTOLIST", keys);
  BOOST_TEST(full.fault == 0);
  BOOST_TEST(full.statuses.size() == mktows::kMaxListOperationLeads);
  BOOST_TEST(full.success);
  keys.push_back(id_key(a));
  BOOST_TEST(list_op(s, "REMOVEFROMLIST", keys).fault == 20110);
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(b)}).success);  // the refused call removed nothing
}

BOOST_AUTO_TEST_CASE(strict_is_all_or_nothing) {
  SandboxProcess s;
  int a = sync(s, "strict1@lists.example.com"), b = sync(s, "strict2@lists.example.com");
  ListOutcome bad = list_op(s, "ADDTOLIST", {id_key(a), id_key(99999999)}, true);
  BOOST_TEST(bad.fault == 0);
  BOOST_TEST(!bad.success);
  BOOST_TEST(bad.statuses == bools({false, false}), boost::test_tools::per_element());
  BOOST_TEST(!list_op(s, "ISMEMBEROFLIST", {id_key(a)}).success);  // nothing was written
  // Without strict the same call adds what it can.
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a), id_key(99999999)}, false).statuses == bools({true, false}),
             boost::test_tools::per_element());
  // Strict removal with a non-member: nothing removed.
  ListOutcome rm = list_op(s, "REMOVEFROMLIST", {id_key(a), id_key(b)}, true);
  BOOST_TEST(!rm.success);
  BOOST_TEST(rm.statuses == bools({false, false}), boost::test_tools::per_element());
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(a)}).success);
  // Strict, all resolvable: done.
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a), id_key(b)}, true).success);
  BOOST_TEST(list_op(s, "REMOVEFROMLIST", {id_key(a), id_key(b)}, true).success);
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(a)}).statuses == bools({false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(import_upserts_by_email_reads_quoted_csv_and_reports_processing_then_complete) {
  SandboxProcess s;
  int carol = sync(s, "carol@import.example.com", {{"FirstName", "Carol"}, {"Company", "Old Co"}});
  // Before any import into the list: 20110 (the sandbox's choice).
  BOOST_TEST(fault_code(post(s, import_status_request(std::string("Demo Program"), std::string("Newsletter")),
                             "getImportToListStatus").body) == 20110);
  ImportCall c;
  c.header = "Email Address,First Name,\"Company Name\"";
  c.rows = {"ann@import.example.com,Ann,\"Acme, Inc.\"",
            "bo@import.example.com,\"Bo \"\"B\"\"\",Beta",
            "carol@import.example.com,,New Co",  // an empty cell leaves First Name as it is
            "mal@import.example.com,Mal,Co,\"oops",  // not CSV (though its first fields fill the header): failed
            "short@import.example.com,Short",     // too few columns: failed
            ",NoEmail,Z"};                        // no address: failed
  HttpResponse r = post(s, import_request(c), "importToList");
  BOOST_TEST(fault_code(r.body) == 0);
  BOOST_TEST(body_text(r, "importStatus") == "PROCESSING");
  // The first status read: still PROCESSING, no end time.
  HttpResponse st1 = post(s, import_status_request(std::string("Demo Program"), std::string("Newsletter")),
                          "getImportToListStatus");
  BOOST_TEST(body_text(st1, "status") == "PROCESSING");
  BOOST_TEST((body_text(st1, "endedTime") == "" || body_text(st1, "endedTime") == "nil"));
  BOOST_TEST(body_text(st1, "startedTime").size() > 10u);
  // Then COMPLETE with the counts and both times.
  HttpResponse st2 = post(s, import_status_request(std::string("demo program"), std::string("newsletter")),
                          "getImportToListStatus");
  BOOST_TEST(body_text(st2, "status") == "COMPLETE");
  BOOST_TEST(body_text(st2, "rowsImported") == "3");
  BOOST_TEST(body_text(st2, "rowsFailed") == "3");
  BOOST_TEST(body_text(st2, "rowsIgnored") == "0");
  BOOST_TEST(body_text(st2, "endedTime").size() > 10u);
  BOOST_TEST(lead_attribute(s, "ann@import.example.com", "Company") == "Acme, Inc.");
  BOOST_TEST(lead_attribute(s, "bo@import.example.com", "FirstName") == "Bo \"B\"");
  BOOST_TEST(lead_attribute(s, "carol@import.example.com", "FirstName") == "Carol");
  BOOST_TEST(lead_attribute(s, "carol@import.example.com", "Company") == "New Co");
  BOOST_TEST(read_get_lead_ids(post(s, get_lead_request("EMAIL", "carol@import.example.com"), "getLead")) ==
                 std::vector<int>{carol}, boost::test_tools::per_element());
  BOOST_TEST(read_get_lead_ids(post(s, get_lead_request("EMAIL", "short@import.example.com"), "getLead")) ==
                 std::vector<int>{-20103}, boost::test_tools::per_element());
  BOOST_TEST(read_get_lead_ids(post(s, get_lead_request("EMAIL", "mal@import.example.com"), "getLead")) ==
                 std::vector<int>{-20103}, boost::test_tools::per_element());
  ListOutcome members = list_op(s, "ISMEMBEROFLIST", {{"EMAIL", "ann@import.example.com"}, {"EMAIL", "bo@import.example.com"},
                                                      id_key(carol), {"EMAIL", "short@import.example.com"}});
  BOOST_TEST(members.statuses == bools({true, true, true, false}), boost::test_tools::per_element());
  // The SOAP field names are a header too.
  ImportCall soap_names;
  soap_names.header = "Email,LastName";
  soap_names.rows = {"dan@import.example.com,Dorsey"};
  BOOST_TEST(import_fault(s, soap_names) == 0);
  BOOST_TEST(lead_attribute(s, "dan@import.example.com", "LastName") == "Dorsey");
}

BOOST_AUTO_TEST_CASE(import_listonly_clearlist_and_refusals) {
  SandboxProcess s;
  int known = sync(s, "known@import.example.com"), old = sync(s, "old@import.example.com");
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(old)}).success);
  ImportCall c;
  c.mode = "LISTONLY";
  c.clear_list = true;
  c.header = "Email Address,First Name";
  c.rows = {"known@import.example.com,Kay", "stranger@import.example.com,Sam"};
  BOOST_TEST(import_fault(s, c) == 0);
  post(s, import_status_request(std::string("Demo Program"), std::string("Newsletter")), "getImportToListStatus");
  HttpResponse st = post(s, import_status_request(std::string("Demo Program"), std::string("Newsletter")),
                         "getImportToListStatus");
  BOOST_TEST(body_text(st, "rowsImported") == "1");
  BOOST_TEST(body_text(st, "rowsIgnored") == "1");
  // LISTONLY writes no lead: neither the stranger nor Kay's name.
  BOOST_TEST(read_get_lead_ids(post(s, get_lead_request("EMAIL", "stranger@import.example.com"), "getLead")) ==
                 std::vector<int>{-20103}, boost::test_tools::per_element());
  BOOST_TEST(lead_attribute(s, "known@import.example.com", "FirstName") == "(none)");
  // clearList removed the old member first.
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(known), id_key(old)}).statuses == bools({true, false}),
             boost::test_tools::per_element());
  // Refusals.
  ImportCall bad = c;
  bad.mode = "UPSERTLEADS";
  bad.clear_list = false;
  bad.list = "Nope";
  BOOST_TEST(import_fault(s, bad) == 20111);
  bad = c;
  bad.program = "Webinar 2026";  // Newsletter belongs to Demo Program
  BOOST_TEST(import_fault(s, bad) == 20111);
  bad = c;
  bad.header = "Email Address,Shoe Size";
  BOOST_TEST(import_fault(s, bad) == 20110);
  bad = c;
  bad.header = "First Name";
  bad.rows = {"Kay"};
  BOOST_TEST(import_fault(s, bad) == 20110);
  bad = c;
  bad.campaign = std::string("Welcome");
  BOOST_TEST(import_fault(s, bad) == 20110);
  bad = c;
  bad.program = "";
  BOOST_TEST(import_fault(s, bad) == 20109);
  // clearList left out: the 2_2 WSDL declares it required, the parser is strict.
  std::string no_clear = import_request(c);
  std::size_t at = no_clear.find("<clearList>");
  no_clear.erase(at, no_clear.find("</clearList>") + 12 - at);
  BOOST_TEST(fault_code(post(s, no_clear, "importToList").body) == 20017);
  // The refused calls cleared nothing.
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(known)}).success);
  // getImportToListStatus: unknown pair 20111, a missing name 20109.
  BOOST_TEST(fault_code(post(s, import_status_request(std::string("Demo Program"), std::string("Attendees")),
                             "getImportToListStatus").body) == 20111);
  BOOST_TEST(fault_code(post(s, import_status_request(std::string("Demo Program"), std::nullopt),
                             "getImportToListStatus").body) == 20109);
  // A list that exists but was never imported into: 20110.
  BOOST_TEST(fault_code(post(s, import_status_request(std::string("Webinar 2026"), std::string("Attendees")),
                             "getImportToListStatus").body) == 20110);
}

BOOST_AUTO_TEST_CASE(import_bounds_rows_and_bytes) {
  SandboxProcess s;
  ImportCall c;
  c.mode = "LISTONLY";  // nobody matches: nothing is written, the bound alone is tested
  c.header = "Email Address";
  c.rows.assign(mktows::kMaxImportRows, "n@x.example.com");
  BOOST_TEST(import_fault(s, c) == 0);
  c.rows.push_back("n@x.example.com");
  BOOST_TEST(import_fault(s, c) == 20110);
  // Bytes: header + rows, exactly at the bound, then one more.
  c.rows.clear();
  const std::size_t row = 4000;
  std::size_t left = mktows::kMaxImportBytes - c.header.size();
  while (left > 0) {
    std::size_t n = std::min(row, left);
    c.rows.push_back(std::string(n, 'a'));
    left -= n;
  }
  BOOST_TEST(import_fault(s, c) == 0);
  c.rows.back() += "a";
  BOOST_TEST(import_fault(s, c) == 20110);
}

BOOST_AUTO_TEST_CASE(membership_and_imports_survive_a_restart) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  int a, b, c;
  {
    SandboxProcess s({"--data", data});
    a = sync(s, "r1@restart.example.com");
    b = sync(s, "r2@restart.example.com");
    c = sync(s, "r3@restart.example.com");
    BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(c), id_key(a), id_key(b)}).success);
    BOOST_TEST(list_op(s, "REMOVEFROMLIST", {id_key(a)}).success);
    // Cleared by the import below: the clear is replayed too.
    BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(b)}, std::nullopt, {"MKTOLISTNAME", "Webinar 2026.Attendees"}).success);
    ImportCall imp;
    imp.clear_list = true;
    imp.list = "Attendees";
    imp.program = "Webinar 2026";
    imp.header = "Email Address,Last Name";
    imp.rows = {"r4@restart.example.com,Four", "bad"};
    BOOST_TEST(import_fault(s, imp) == 0);
  }
  SandboxProcess s({"--data", data});
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(c), id_key(a), id_key(b)}).statuses == bools({true, false, true}),
             boost::test_tools::per_element());
  // The order of adding is kept (REST lists them so).
  Rest rest(s.port());
  json members = rest.call("GET", "/rest/v1/lists/3001/leads.json?fields=id");
  BOOST_REQUIRE(members["result"].size() == 2u);
  BOOST_TEST(members["result"][0]["id"] == c);
  BOOST_TEST(members["result"][1]["id"] == b);
  // A replayed import is finished.
  HttpResponse st = post(s, import_status_request(std::string("Webinar 2026"), std::string("Attendees")),
                         "getImportToListStatus");
  BOOST_TEST(body_text(st, "status") == "COMPLETE");
  BOOST_TEST(body_text(st, "rowsImported") == "1");
  BOOST_TEST(body_text(st, "rowsFailed") == "1");
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {{"EMAIL", "r4@restart.example.com"}, id_key(b)}, std::nullopt,
                     {"MKTOLISTNAME", "Webinar 2026.Attendees"}).statuses == bools({true, false}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rest_lists_and_membership_share_the_soap_store) {
  SandboxProcess s;
  int a = sync(s, "ra@rest.example.com", {{"FirstName", "Ray"}}), b = sync(s, "rb@rest.example.com");
  Rest rest(s.port());
  // Get Lists with each filter.
  json all = rest.call("GET", "/rest/v1/lists.json");
  BOOST_TEST(all["success"] == true);
  BOOST_TEST(all["result"].size() == 2u);
  json byname = rest.call("GET", "/rest/v1/lists.json?name=Newsletter");
  BOOST_REQUIRE(byname["result"].size() == 1u);
  const json &l = byname["result"][0];
  BOOST_TEST(l["id"] == 3001);
  BOOST_TEST(l["name"] == "Newsletter");
  BOOST_TEST(l["programName"] == "Demo Program");
  BOOST_TEST(l["workspaceName"] == "Default");
  BOOST_TEST(l.contains("createdAt"));
  BOOST_TEST(l.contains("updatedAt"));
  BOOST_TEST(rest.call("GET", "/rest/v1/lists.json?programName=Webinar%202026")["result"][0]["id"] == 3002);
  BOOST_TEST(rest.call("GET", "/rest/v1/lists.json?id=3002")["result"][0]["name"] == "Attendees");
  BOOST_TEST(rest.call("GET", "/rest/v1/lists.json?name=Nothing")["result"].empty());
  BOOST_TEST(rest.call("GET", "/rest/v1/lists.json?workspaceName=Default")["result"].size() == 2u);
  BOOST_TEST(rest.call("GET", "/rest/v1/lists.json?workspaceName=EMEA")["result"].empty());
  json paged = rest.call("GET", "/rest/v1/lists.json?batchSize=1");
  BOOST_TEST(paged["result"].size() == 1u);
  BOOST_TEST(paged["moreResult"] == true);
  json second = rest.call("GET", "/rest/v1/lists.json?batchSize=1&nextPageToken=" + paged["nextPageToken"].get<std::string>());
  BOOST_TEST(second["result"][0]["id"] != paged["result"][0]["id"]);
  BOOST_TEST(second["moreResult"] == false);
  BOOST_TEST(rest.call("GET", "/rest/v1/lists/3002.json")["result"][0]["programName"] == "Webinar 2026");
  BOOST_TEST(rest_error(rest.call("GET", "/rest/v1/lists/9999.json")) == "1013");
  // A SOAP add is a REST member; a REST add is a SOAP member.
  BOOST_TEST(list_op(s, "ADDTOLIST", {id_key(a)}).success);
  json is = rest.call("GET", "/rest/v1/lists/3001/leads/ismember.json?id=" + std::to_string(a) + "&id=" +
                                 std::to_string(b) + "&id=99999999");
  BOOST_REQUIRE(is["result"].size() == 3u);
  BOOST_TEST(is["result"][0]["status"] == "memberof");
  BOOST_TEST(is["result"][1]["status"] == "notmemberof");
  BOOST_TEST(is["result"][2]["status"] == "skipped");
  BOOST_TEST(is["result"][2]["reasons"][0]["code"] == "1004");
  // The long-URI form: POST ?_method=GET with the ids in a form body.
  json form = rest.call("POST", "/rest/v1/lists/3001/leads/ismember.json?_method=GET", "id=" + std::to_string(a),
                        "application/x-www-form-urlencoded");
  BOOST_TEST(form["result"][0]["status"] == "memberof", form.dump());
  json add = rest.call("POST", "/rest/v1/lists/3001/leads.json",
                       json{{"input", {{{"id", b}}, {{"id", a}}, {{"id", 99999999}}}}}.dump());
  BOOST_REQUIRE(add["result"].size() == 3u);
  BOOST_TEST(add["result"][0]["status"] == "added");
  BOOST_TEST(add["result"][1]["status"] == "added");  // a member already
  BOOST_TEST(add["result"][2]["status"] == "skipped");
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(a), id_key(b)}).success);
  // Members with fields, in the order added, paged.
  json page1 = rest.call("GET", "/rest/v1/lists/3001/leads.json?fields=id,email,firstName&batchSize=1");
  BOOST_REQUIRE(page1["result"].size() == 1u);
  BOOST_TEST(page1["result"][0]["id"] == a);
  BOOST_TEST(page1["result"][0]["firstName"] == "Ray");
  BOOST_TEST(page1["moreResult"] == true);
  json page2 = rest.call("GET", "/rest/v1/lists/3001/leads.json?fields=id,email&batchSize=1&nextPageToken=" +
                                    page1["nextPageToken"].get<std::string>());
  BOOST_TEST(page2["result"][0]["id"] == b);
  BOOST_TEST(page2["moreResult"] == false);
  json dflt = rest.call("GET", "/rest/v1/lists/3001/leads.json");
  BOOST_TEST(dflt["result"][0].contains("updatedAt"));  // the default field set
  BOOST_TEST(rest_error(rest.call("GET", "/rest/v1/lists/3001/leads.json?batchSize=301")) == "1003");
  BOOST_TEST(rest_error(rest.call("GET", "/rest/v1/lists/3001/leads.json?fields=shoeSize")) == "1006");
  BOOST_TEST(rest_error(rest.call("GET", "/rest/v1/lists/9999/leads.json")) == "1013");
  // Remove: removed, then skipped (1015: not in the list).
  json rm = rest.call("DELETE", "/rest/v1/lists/3001/leads.json?id=" + std::to_string(a) + "," + std::to_string(a));
  BOOST_REQUIRE(rm["result"].size() == 2u);
  BOOST_TEST(rm["result"][0]["status"] == "removed");
  BOOST_TEST(rm["result"][1]["status"] == "skipped");
  BOOST_TEST(rm["result"][1]["reasons"][0]["code"] == "1015");
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(a), id_key(b)}).statuses == bools({false, true}),
             boost::test_tools::per_element());
  // At most 300 ids per call.
  std::string ids;
  for (int i = 0; i < 300; ++i) ids += (i ? "," : "") + std::to_string(b);
  BOOST_TEST(rest.call("POST", "/rest/v1/lists/3001/leads.json?id=" + ids)["result"].size() == 300u);
  BOOST_TEST(rest_error(rest.call("POST", "/rest/v1/lists/3001/leads.json?id=" + ids + "," + std::to_string(b))) == "1003");
  BOOST_TEST(rest_error(rest.call("POST", "/rest/v1/lists/3001/leads.json")) == "701");
  BOOST_TEST(rest_error(rest.call("POST", "/rest/v1/lists/9999/leads.json?id=1")) == "1013");
  BOOST_TEST(rest_error(rest.call("PUT", "/rest/v1/lists/3001/leads.json?id=1")) == "605");
}

BOOST_AUTO_TEST_CASE(rest_bulk_import_with_rest_names_and_its_batch_status) {
  SandboxProcess s;
  int old = sync(s, "old@bulk.example.com", {{"FirstName", "Olga"}});
  Rest rest(s.port());
  json r = rest.upload("/bulk/v1/leads.json?format=csv&listId=3002",
                       "email,firstName,company\r\nold@bulk.example.com,Olive,\"Bulk, Ltd\"\r\nnew@bulk.example.com,Nina,N\r\n,x,y\r\n");
  BOOST_TEST(r["success"] == true, r.dump());
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["status"] == "Queued");
  int batch = r["result"][0]["batchId"].get<int>();
  json st1 = rest.call("GET", "/bulk/v1/leads/batch/" + std::to_string(batch) + ".json");
  BOOST_TEST(st1["result"][0]["status"] == "Importing");
  json st2 = rest.call("GET", "/bulk/v1/leads/batch/" + std::to_string(batch) + ".json");
  BOOST_TEST(st2["result"][0]["status"] == "Complete");
  BOOST_TEST(st2["result"][0]["numOfLeadsProcessed"] == 2);
  BOOST_TEST(st2["result"][0]["numOfRowsFailed"] == 1);
  BOOST_TEST(lead_attribute(s, "old@bulk.example.com", "FirstName") == "Olive");
  BOOST_TEST(lead_attribute(s, "old@bulk.example.com", "Company") == "Bulk, Ltd");
  BOOST_TEST(lead_attribute(s, "new@bulk.example.com", "FirstName") == "Nina");
  BOOST_TEST(list_op(s, "ISMEMBEROFLIST", {id_key(old), {"EMAIL", "new@bulk.example.com"}}, std::nullopt,
                     {"MKTOLISTNAME", "Webinar 2026.Attendees"}).success);
  // Refusals.
  BOOST_TEST(rest_error(rest.upload("/bulk/v1/leads.json?format=csv", "email,shoeSize\na@b.c,9\n")) == "1006");
  BOOST_TEST(rest_error(rest.upload("/bulk/v1/leads.json?format=csv", "firstName\nAnn\n")) == "1003");
  BOOST_TEST(rest_error(rest.upload("/bulk/v1/leads.json?format=csv&listId=9999", "email\na@b.c\n")) == "1013");
  BOOST_TEST(rest_error(rest.upload("/bulk/v1/leads.json?format=csv", "email\na@b.c\n", "data")) == "613");
  BOOST_TEST(rest_error(rest.upload("/bulk/v1/leads.json?format=tsv", "email\na@b.c\n")) == "1003");
  BOOST_TEST(rest_error(rest.call("POST", "/bulk/v1/leads.json?format=csv", "email\na@b.c\n", "text/csv")) == "612");
  BOOST_TEST(rest_error(rest.call("GET", "/bulk/v1/leads/batch/9999.json")) == "1013");
  // A refused upload created nobody.
  BOOST_TEST(read_get_lead_ids(post(s, get_lead_request("EMAIL", "a@b.c"), "getLead")) == std::vector<int>{-20103},
             boost::test_tools::per_element());
  // The REST face's 1 MB body bound bounds a bulk import too: HTTP 413.
  json big = rest.upload("/bulk/v1/leads.json?format=csv", "email\n" + std::string(1 << 20, 'a') + "\n");
  BOOST_TEST(big["httpStatus"] == 413);
}

// In process: the activity records the list writes leave.
BOOST_AUTO_TEST_CASE(list_writes_leave_add_and_remove_activity_unless_skipped) {
  using namespace mktows_sandbox;
  Config config = parse_config("{}");
  complete_config(config, nullptr, nullptr);
  LeadService leads(config);
  ListService lists(leads);
  SyncRequest sr;
  sr.lead.email = "act@lists.example.com";
  int id = leads.sync_lead(sr).lead_id;
  auto count = [&](const char *type, const std::string &asset) {
    std::size_t t;
    BOOST_REQUIRE(activity_type_of(type, t));
    int n = 0;
    leads.read([&](const LeadStore &, const ActivityLog &log) {
      for (const Activity &a : log.all())
        if (a.lead_id == id && a.type == t && a.asset == asset) ++n;
    });
    return n;
  };
  ListOperationRequest rq;
  rq.list_key_type = "MKTOLISTNAME";
  rq.list_key_value = "Demo Program.Newsletter";
  rq.members = {{"IDNUM", std::to_string(id)}};
  rq.action = ListAction::add;
  rq.skip_activity_log = true;
  BOOST_TEST(lists.list_operation(rq).success);
  BOOST_TEST(count("AddToList", "Demo Program.Newsletter") == 0);
  rq.action = ListAction::remove;
  BOOST_TEST(lists.list_operation(rq).success);
  BOOST_TEST(count("RemoveFromList", "Demo Program.Newsletter") == 0);
  rq.skip_activity_log = false;
  rq.action = ListAction::add;
  BOOST_TEST(lists.list_operation(rq).success);
  BOOST_TEST(lists.list_operation(rq).success);  // already a member: no second record
  BOOST_TEST(count("AddToList", "Demo Program.Newsletter") == 1);
  rq.action = ListAction::remove;
  BOOST_TEST(lists.list_operation(rq).success);
  BOOST_TEST(count("RemoveFromList", "Demo Program.Newsletter") == 1);
  BOOST_TEST(lists.members(3001).empty());
  // An import: New Lead for the created lead, Change Data Value for the
  // updated one, Add to List for both.
  ImportRequest im;
  im.program = "Demo Program";
  im.list = "Newsletter";
  im.header = "Email Address,First Name";
  im.rows = {"act@lists.example.com,Ada", "fresh@lists.example.com,Fay"};
  BOOST_TEST((lists.import_to_list(im) == ImportState::processing));
  BOOST_TEST(count("AddToList", "Demo Program.Newsletter") == 2);
  BOOST_TEST(count("ChangeDataValue", "FirstName") == 1);
  std::vector<Lead> fresh = leads.get_leads("EMAIL", "fresh@lists.example.com");
  BOOST_REQUIRE(fresh.size() == 1u);
  std::vector<int> members = lists.members(3001);
  BOOST_TEST(members == (std::vector<int>{id, fresh[0].id}), boost::test_tools::per_element());
  std::size_t new_lead;
  BOOST_REQUIRE(activity_type_of("NewLead", new_lead));
  int fresh_new = 0;
  leads.read([&](const LeadStore &, const ActivityLog &log) {
    for (const Activity &a : log.all())
      if (a.lead_id == fresh[0].id && a.type == new_lead) ++fresh_new;
  });
  BOOST_TEST(fresh_new == 1);
}

// skipActivityLog through the front end: the activity records are read back
// from the journal (kind "A"), the only place they are visible over the wire
// until getLeadActivity is served.
BOOST_AUTO_TEST_CASE(skip_activity_log_is_carried_from_the_wire) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  int quiet, loud;
  {
    SandboxProcess s({"--data", data});
    quiet = sync(s, "quiet@lists.example.com");
    loud = sync(s, "loud@lists.example.com");
    BOOST_TEST(read_list_outcome(post(s, list_operation_request("ADDTOLIST", kNewsletter, {id_key(quiet)}, std::nullopt, true),
                                      "listOperation")).success);
    BOOST_TEST(read_list_outcome(post(s, list_operation_request("ADDTOLIST", kNewsletter, {id_key(loud)}, std::nullopt, false),
                                      "listOperation")).success);
  }
  std::string journal = mktows_test::read_file(data + "/leads.journal");
  auto records_of = [&](int id) {
    int n = 0;
    std::size_t at = 0;
    while (at < journal.size()) {
      std::size_t nl = journal.find('\n', at);
      if (nl == std::string::npos) nl = journal.size();
      std::string line = journal.substr(at, nl - at);
      std::vector<std::string> f;
      std::size_t p = 0;
      while (p <= line.size()) {
        std::size_t t = line.find('\t', p);
        if (t == std::string::npos) t = line.size();
        f.push_back(line.substr(p, t - p));
        p = t + 1;
      }
      // A  id  lead  at  type  asset ... (ActivityLog::encode)
      if (f.size() > 5 && f[0] == "A" && f[2] == std::to_string(id) && f[4] == "AddToList" &&
          f[5] == "Demo Program.Newsletter")
        ++n;
      at = nl + 1;
    }
    return n;
  };
  BOOST_TEST(records_of(quiet) == 0);
  BOOST_TEST(records_of(loud) == 1);
}

// The bridge carries the domain to REST: tests/bridge/bridge_lists_test.cpp.
