// The activity domain through mktows-bridge (getLeadActivity,
// getLeadChanges) and getMultipleLeads by LastUpdateAtSelector: in front of
// the sandbox's REST face (the same records as the sandbox's SOAP face, a
// page-by-page walk visiting each record once), and in front of the
// scripted REST side (type names to its ids, at most 10 ids per stream,
// streams merged by date, short REST pages, positions signed, refusals
// before any REST call).
#define BOOST_TEST_MODULE bridge_activity_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"
#include "sandbox/activity_requests.hpp"

#include <algorithm>
#include <ctime>
#include <set>
#include <string>

using namespace bridge_test;
using namespace sandbox_test;

namespace {

std::string iso_time_ago(int seconds) {
  std::time_t t = std::time(nullptr) - seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int sync(int port, const std::string &email, const std::string &first) {
  SyncLeadCall s;
  s.lead.email = email;
  s.lead.attributes = {{"FirstName", first}};
  SyncOutcome o = read_sync_outcome(soap(port, "syncLead", sync_lead_body(s)));
  BOOST_REQUIRE_MESSAGE(o.lead_id > 0, email);
  return o.lead_id;
}

// Every record of a walk, page by page (at most `pages`).
std::vector<Record> walk(int port, ActivityCall c, int pages, int *calls = nullptr) {
  std::vector<Record> all;
  for (int i = 0; i < pages; ++i) {
    HttpResponse r = soap_envelope(port, "getLeadActivity", activity_request(c));
    BOOST_REQUIRE_MESSAGE(r.status == 200 || r.status == 500, "HTTP " << r.status);
    Page p = read_page(r);
    BOOST_REQUIRE_MESSAGE(p.fault == 0, "fault " << p.fault);
    all.insert(all.end(), p.records.begin(), p.records.end());
    if (calls) ++*calls;
    if (p.remaining == 0) break;
    c.position = p.next;
  }
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lead_activity_matches_the_sandbox_and_walks_once) {
  Pair p;
  int port = p.bridge->port();
  int id = sync(port, "act@bridge.example", "Ann");
  sync(port, "act@bridge.example", "Anna");
  sync(port, "act@bridge.example", "Annie");
  ActivityCall c;
  c.key_value = std::to_string(id);
  // The sandbox's own SOAP face: the reference records.
  ActivityCall direct_call = c;
  Page direct = read_page(Connection(p.sandbox->port()).post("/soap/mktows/2_2",
      [&] { std::string e = activity_request(direct_call); const std::string o = "<ns1:AuthenticationHeader>", cl = "</ns1:AuthenticationHeader>";
            e.replace(e.find(o), e.find(cl) + cl.size() - e.find(o), auth_header(kUser, kKey)); return e; }(),
      action("getLeadActivity")));
  BOOST_REQUIRE_EQUAL(direct.fault, 0);
  BOOST_REQUIRE_EQUAL(direct.records.size(), 3u);  // New Lead, two Change Data Value
  c.batch = 1;
  std::vector<Record> got = walk(port, c, 10);
  BOOST_REQUIRE_EQUAL(got.size(), direct.records.size());
  std::set<long long> ids;
  for (const Record &r : got) BOOST_TEST(ids.insert(r.id).second, r.id << " twice");
  // Oldest first (REST reads forward), the SOAP answer's shapes otherwise.
  BOOST_TEST(got[0].type == "New Lead");
  BOOST_TEST(got[2].type == "Change Data Value");
  for (std::size_t i = 0; i < got.size(); ++i) {
    const Record &mine = got[i], &theirs = direct.records[got.size() - 1 - i];
    BOOST_TEST(mine.id == theirs.id);
    BOOST_TEST(mine.type == theirs.type);
    BOOST_TEST(mine.person == theirs.person);
    BOOST_TEST(mine.attributes == theirs.attributes);
  }
  // A filter: Change Data Value only.
  c.batch.reset();
  c.filter = Filter{{"ChangeDataValue"}, {}};
  got = walk(port, c, 3);
  BOOST_TEST(got.size() == 2u);
  c.filter = Filter{{}, {"ChangeDataValue"}};
  got = walk(port, c, 3);
  BOOST_TEST(got.size() == 1u);
  // An exhausted stream: 20123.
  c.filter.reset();
  Page last = read_page(soap_envelope(port, "getLeadActivity", activity_request(c)));
  BOOST_TEST(last.remaining == 0);
  c.position = last.next;
  BOOST_TEST(read_page(soap_envelope(port, "getLeadActivity", activity_request(c))).fault == 20123);
}

BOOST_AUTO_TEST_CASE(lead_changes_and_last_update_walks) {
  Pair p;
  int port = p.bridge->port();
  int a = sync(port, "ch1@bridge.example", "Cal");
  int b = sync(port, "ch2@bridge.example", "Cleo");
  sync(port, "ch1@bridge.example", "Callum");
  ChangesCall c;
  c.batch = 2;
  std::vector<Record> all;
  Position pos;
  for (int i = 0; i < 5; ++i) {
    Page pg = read_page(soap_envelope(port, "getLeadChanges", changes_request(c)));
    BOOST_REQUIRE_MESSAGE(pg.fault == 0, "fault " << pg.fault);
    all.insert(all.end(), pg.records.begin(), pg.records.end());
    c.position = pos = pg.next;
    if (pg.remaining == 0) break;
  }
  BOOST_TEST(all.size() == 3u);
  std::set<long long> ids;
  for (const Record &r : all) BOOST_TEST(ids.insert(r.id).second);
  // A position at the end gives what was written since.
  sync(port, "ch2@bridge.example", "Cleopatra");
  Page later = read_page(soap_envelope(port, "getLeadChanges", changes_request(c)));
  BOOST_REQUIRE_EQUAL(later.fault, 0);
  BOOST_TEST(later.records.size() == 1u);
  BOOST_TEST((later.records.size() == 1u && later.records[0].person == std::to_string(b)));
  // LastUpdateAtSelector: the leads written since an hour ago, each once.
  std::string sel = "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\" " + std::string(kXsi) +
                    "><oldestUpdatedAt>" + iso_time_ago(3600) + "</oldestUpdatedAt></leadSelector><batchSize>1</batchSize>";
  std::set<std::string> leads;
  std::string position;
  int pages = 0;
  for (; pages < 5; ++pages) {
    HttpResponse r = soap(port, "getMultipleLeads", sel + (position.empty() ? "" : "<streamPosition>" + position + "</streamPosition>") +
                                                     "</ns1:paramsGetMultipleLeads>");
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    for (const std::string &id : texts_of(r.body, "Id")) BOOST_TEST(leads.insert(id).second, id << " twice");
    position = text_of(r.body, "newStreamPosition");
    if (text_of(r.body, "remainingCount") == "0") break;
  }
  BOOST_TEST(leads == (std::set<std::string>{std::to_string(a), std::to_string(b)}));
  BOOST_TEST(pages == 1);
}

BOOST_AUTO_TEST_CASE(streams_of_ten_types_merged_by_date_against_the_scripted_side) {
  ScriptedBridge b;
  // Types 501 (New Lead) ... 534 (Request Campaign): twelve, so two streams.
  b.rest.add_activity({101, 9101, 501, "2026-11-01T10:00:00Z", ""});
  b.rest.add_activity({102, 9101, 534, "2026-11-01T11:00:00+0000", "Spring Launch.Kickoff"});  // second stream
  b.rest.add_activity({103, 9101, 507, "2026-11-01T12:00:00Z", "Home"});
  b.rest.add_activity({104, 9101, 531, "2026-11-01T13:00:00Z+0000", "Spring Launch.Newsletter"});  // second stream
  b.rest.add_activity({105, 9102, 507, "2026-11-01T13:30:00Z", "Other lead's"});
  b.rest.add_activity({106, 9101, 504, "2026-11-01T14:00:00Z", ""});
  b.rest.set_activity_page(1);  // short REST pages, with moreResult
  ActivityCall c;
  c.key_value = "9101";
  c.batch = 2;
  int calls = 0;
  std::vector<Record> got = walk(b.port(), c, 10, &calls);
  std::vector<long long> ids;
  for (const Record &r : got) ids.push_back(r.id);
  BOOST_TEST(ids == (std::vector<long long>{101, 102, 103, 104, 106}), boost::test_tools::per_element());
  BOOST_TEST((got.size() == 5u && got[1].type == "Request Campaign"));
  BOOST_TEST((got.size() == 5u && got[1].asset == "Spring Launch.Kickoff"));
  BOOST_TEST((got.size() == 5u && got[3].type == "Remove from List"));
  BOOST_TEST((got.size() == 5u && got[0].attributes.at("Source") == "scripted"));
  BOOST_TEST(calls == 3);
  // At most ten type ids and one lead per REST call, the scripted ids.
  for (const std::string &call : b.rest.calls()) {
    if (call.find("/activities.json") == std::string::npos) continue;
    BOOST_TEST(call.find("leadIds=9101") != std::string::npos, call);
    std::size_t at = call.find("activityTypeIds=") + 16, end = call.find('&', at);
    std::string list = call.substr(at, end - at);
    BOOST_TEST(std::count(list.begin(), list.end(), ',') + 1 <= 10, call);
  }
  BOOST_TEST(b.rest.count("/activities/types.json") == 1);
  BOOST_TEST(b.rest.count("/activities/pagingtoken.json") == 1);
  // A filter by 2_2 names: the scripted side's ids for them.
  b.rest.clear_calls();
  c.filter = Filter{{"VisitWebpage", "FillOutForm"}, {}};
  c.batch.reset();
  got = walk(b.port(), c, 5);
  BOOST_TEST(got.size() == 1u);  // 103: 105 is another lead's
  BOOST_TEST(b.rest.count("activityTypeIds=507,510") >= 1, b.rest.calls().size());
  // Positions survive a restart and are signed.
  c.filter.reset();
  c.batch = 2;
  Page first = read_page(soap_envelope(b.port(), "getLeadActivity", activity_request(c)));
  b.restart();
  ActivityCall next = c;
  next.position = first.next;
  Page second = read_page(soap_envelope(b.port(), "getLeadActivity", activity_request(next)));
  BOOST_REQUIRE_EQUAL(second.fault, 0);
  BOOST_TEST((second.records.size() == 2u && second.records[0].id == 103));
  ActivityCall other = next;
  other.key_value = "9102";  // another lead's question
  BOOST_TEST(read_page(soap_envelope(b.port(), "getLeadActivity", activity_request(other))).fault == 20122);
  other = next;
  other.position->offset = first.next.offset->substr(0, first.next.offset->size() - 2);
  BOOST_TEST(read_page(soap_envelope(b.port(), "getLeadActivity", activity_request(other))).fault == 20122);
  other.position->offset = std::string("ID:1024814");
  BOOST_TEST(read_page(soap_envelope(b.port(), "getLeadActivity", activity_request(other))).fault == 20122);
}

BOOST_AUTO_TEST_CASE(last_update_reads_the_lead_changes_then_the_leads_by_id) {
  ScriptedBridge b;
  b.rest.add_activity({201, 9104, 504, "2026-11-20T10:00:00Z", "First Name"});  // Change Data Value
  b.rest.add_activity({202, 9102, 507, "2026-11-20T11:00:00Z", "Home"});        // a visit: not a change
  b.rest.add_activity({203, 9101, 501, "2026-11-20T12:00:00Z", ""});            // New Lead
  b.rest.add_activity({204, 9104, 504, "2026-11-20T13:00:00Z", "First Name"});  // the same lead again
  b.rest.add_activity({205, 9103, 504, "2026-11-25T13:00:00Z", "First Name"});  // after the window
  std::string sel = "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\" " + std::string(kXsi) +
                    "><latestUpdatedAt>2026-11-21T00:00:00Z</latestUpdatedAt><oldestUpdatedAt>2026-11-19T00:00:00Z"
                    "</oldestUpdatedAt></leadSelector><batchSize>1</batchSize>";
  std::vector<std::string> ids;
  std::string position;
  for (int i = 0; i < 4; ++i) {
    HttpResponse r = soap(b.port(), "getMultipleLeads",
                          sel + (position.empty() ? "" : "<streamPosition>" + position + "</streamPosition>") +
                              "</ns1:paramsGetMultipleLeads>");
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    for (const std::string &id : texts_of(r.body, "Id")) ids.push_back(id);
    if (i == 0) BOOST_TEST(text_of(r.body, "remainingCount") == "1");  // exact: the walk's list is known
    position = text_of(r.body, "newStreamPosition");
    if (text_of(r.body, "remainingCount") == "0") break;
  }
  BOOST_TEST(ids == (std::vector<std::string>{"9104", "9101"}), boost::test_tools::per_element());
  // New Lead and Change Data Value, by the scripted side's ids; the leads by id.
  BOOST_TEST(b.rest.count("activityTypeIds=501,504&") == 1);
  BOOST_TEST(b.rest.count("sinceDatetime=2026-11-19T00%3A00%3A00Z") == 1);
  BOOST_TEST(b.rest.count("POST /rest/v1/leads.json?_method=GET") == 2);
}

BOOST_AUTO_TEST_CASE(refusals_come_before_any_rest_call) {
  ScriptedBridge b(R"({"rest": {"limits": {"callsPerWindow": 3}}})");
  ActivityCall both;
  both.key_value = "9101";
  both.filter = Filter{{"VisitWebpage"}, {"FillOutForm"}};
  ActivityCall owner;
  owner.key_type = "LEADOWNEREMAIL";
  owner.key_value = "boss@x.example";
  ActivityCall zero;
  zero.key_value = "9101";
  zero.batch = 0;
  ChangesCall none;
  none.position = Position{};
  ChangesCall many;
  std::vector<std::string> keys(101, "a@x.example");
  many.selector = key_selector("EMAIL", keys);
  struct Row {
    const char *op;
    std::string envelope;
    int fault;
  } rows[] = {
      {"getLeadActivity", activity_request(both), 20110},
      {"getLeadActivity", activity_request(owner), 20102},
      {"getLeadActivity", activity_request(zero), 20110},
      {"getLeadChanges", changes_request(none), 20109},
      {"getLeadChanges", changes_request(many), 20110},
  };
  for (const Row &row : rows) {
    HttpResponse r = soap_envelope(b.port(), row.op, row.envelope);
    BOOST_TEST(fault_code(r.body) == row.fault, row.op << ": " << detail_message(r.body));
  }
  BOOST_TEST(b.rest.calls().empty(), b.rest.calls().size());
  // Every type, every lead: two streams, the look-ups, more than 3.
  ChangesCall all;
  HttpResponse r = soap_envelope(b.port(), "getLeadChanges", changes_request(all));
  BOOST_TEST(fault_code(r.body) == 20023, detail_message(r.body));
  BOOST_TEST(b.rest.count("/activities.json") == 0);
}
