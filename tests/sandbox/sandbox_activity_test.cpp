// getLeadActivity and getLeadChanges through the real sandbox over HTTP
// (signed envelopes), and the same log through its REST face's activities
// calls (docs/SANDBOX.md, "getLeadActivity and getLeadChanges").
#define BOOST_TEST_MODULE sandbox_activity_test
#include <boost/test/unit_test.hpp>

#include "activity_requests.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <mktows/activity_types.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <set>

using namespace sandbox_test;
using nlohmann::json;

namespace {

const char kEndpoint[] = "/soap/mktows/2_2";

struct Sandbox {
  Sandbox() = default;
  explicit Sandbox(const std::vector<std::string> &args) : process(args) {}
  mktows_test::SandboxProcess process;
  Connection c{process.port()};

  // syncLead by email; the lead's id.
  int sync(const std::string &email, const std::vector<std::pair<std::string, std::string>> &attrs = {}) {
    SyncLeadCall call;
    call.lead.email = email;
    call.lead.attributes = attrs;
    SyncOutcome o = read_sync_outcome(c.post(kEndpoint, sync_lead_request(call), action("syncLead")));
    BOOST_REQUIRE_MESSAGE(o.fault == 0 && o.lead_id > 0, "syncLead failed: " << o.fault);
    return o.lead_id;
  }
  // `n` Change Data Value records on lead `id` in one syncMultipleLeads
  // (each record is synced in order, each changing FirstName).
  void changes(int id, int n, const std::string &tag = "v") {
    std::vector<LeadFields> leads;
    for (int i = 0; i < n; ++i) {
      LeadFields f;
      f.id = id;
      f.attributes = {{"FirstName", tag + std::to_string(i)}};
      leads.push_back(f);
    }
    HttpResponse r = c.post(kEndpoint, sync_multiple_request(leads, true), action("syncMultipleLeads"));
    BOOST_REQUIRE_MESSAGE(r.status == 200 && r.body.find("FAILED") == std::string::npos, r.body);
  }
  Page activity(const ActivityCall &call) {
    return read_page(c.post(kEndpoint, activity_request(call), action("getLeadActivity")));
  }
  Page of_lead(int id, std::optional<int> batch = std::nullopt, std::optional<Position> from = std::nullopt) {
    ActivityCall call;
    call.key_value = std::to_string(id);
    call.batch = batch;
    call.position = from;
    return activity(call);
  }
  Page changes_page(const ChangesCall &call) {
    return read_page(c.post(kEndpoint, changes_request(call), action("getLeadChanges")));
  }
  // listOperation on `list` (Program.List) for these lead ids; every status true.
  void list_op(const std::string &op, const std::string &list, const std::vector<int> &ids) {
    std::string x = "<ns1:paramsListOperation><listOperation>" + op +
                    "</listOperation><listKey><keyType>MKTOLISTNAME</keyType><keyValue>" + xml_escape(list) +
                    "</keyValue></listKey><listMemberList>";
    for (int id : ids)
      x += "<leadKey><keyType>IDNUM</keyType><keyValue>" + std::to_string(id) + "</keyValue></leadKey>";
    HttpResponse r = c.post(kEndpoint, envelope(demo_auth(), x + "</listMemberList></ns1:paramsListOperation>"),
                            action("listOperation"));
    BOOST_REQUIRE_MESSAGE(r.status == 200 && r.body.find("<success>true</success>") != std::string::npos, r.body.substr(0, 400));
  }
};

std::string list_selector(const std::string &inner) {
  return "<leadSelector xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:type=\"ns1:StaticListSelector\">" + inner + "</leadSelector>";
}

std::vector<long long> ids_of(const Page &p) {
  std::vector<long long> ids;
  for (const Record &r : p.records) ids.push_back(r.id);
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_leads_records_come_newest_first_with_the_record_members) {
  Sandbox s;
  int id = s.sync("first@example.com", {{"FirstName", "Ada"}});
  s.sync("first@example.com", {{"FirstName", "Grace"}});
  Page p = s.of_lead(id);
  BOOST_REQUIRE(p.fault == 0);
  BOOST_REQUIRE(p.records.size() == 2u);
  BOOST_TEST(p.return_count == 2);
  BOOST_TEST(p.remaining == 0);
  // Newest first, as the vendor's sample lists them.
  BOOST_TEST(p.records[0].id > p.records[1].id);
  Record change = p.records[0];
  BOOST_TEST(change.type == "Change Data Value");
  BOOST_TEST(change.asset == "FirstName");
  BOOST_TEST(change.person == std::to_string(id));
  BOOST_TEST(change.attributes["Attribute Name"] == "FirstName");
  BOOST_TEST(change.attributes["Old Value"] == "Ada");
  BOOST_TEST(change.attributes["New Value"] == "Grace");
  BOOST_TEST(change.attributes["Reason"] == "Web Service API");
  // An xs:dateTime.
  std::tm tm{};
  const char *rest = strptime(change.at.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  BOOST_REQUIRE_MESSAGE(rest, change.at);
  BOOST_TEST((std::string(rest) == "Z" || std::string(rest) == "+00:00"), change.at);
  BOOST_TEST(std::abs(static_cast<long long>(timegm(&tm) - std::time(nullptr))) < 60);
  const Record &created = p.records[1];
  BOOST_TEST(created.type == "New Lead");
  BOOST_TEST(created.asset_nil);
  BOOST_TEST(created.person == std::to_string(id));
  // Another lead's records are not this one's.
  int other = s.sync("other@example.com");
  BOOST_TEST(s.of_lead(other).records.size() == 1u);
  BOOST_TEST(s.of_lead(id).records.size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_lead_key_names_the_lead_or_the_documented_fault) {
  Sandbox s;
  int id = s.sync("key@example.com", {{"FirstName", "K"}});
  ActivityCall by_email;
  by_email.key_type = "EMAIL";
  by_email.key_value = "key@example.com";
  Page p = s.activity(by_email);
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.records.size() == 1u);
  BOOST_TEST(p.records.at(0).person == std::to_string(id));
  BOOST_TEST(s.of_lead(id + 1000).fault == 20103);  // unknown lead
  ActivityCall empty;
  empty.key_value = "";
  BOOST_TEST(s.activity(empty).fault == 20101);  // no key value
  ActivityCall none;
  none.omit_key = true;
  BOOST_TEST(s.activity(none).fault == 20017);  // leadKey is required by 2_2's schema
  ActivityCall owner;
  owner.key_type = "LEADOWNEREMAIL";
  owner.key_value = "owner@example.com";
  BOOST_TEST(s.activity(owner).fault == 20102);  // a key type the sandbox cannot look up
  ActivityCall bogus;
  bogus.key_type = "BOGUS";
  bogus.key_value = "1";
  BOOST_TEST(s.activity(bogus).fault == 20012);  // not a LeadKeyRef: the parser refuses it
  ActivityCall not_a_number;
  not_a_number.key_value = "12x";
  BOOST_TEST(s.activity(not_a_number).fault == 20102);
}

BOOST_AUTO_TEST_CASE(include_and_exclude_filters) {
  Sandbox s;
  int id = s.sync("filter@example.com");
  s.changes(id, 3);
  ActivityCall call;
  call.key_value = std::to_string(id);
  call.filter = Filter{{"NewLead"}, {}};
  Page only_new = s.activity(call);
  BOOST_REQUIRE(only_new.records.size() == 1u);
  BOOST_TEST(only_new.records[0].type == "New Lead");
  call.filter = Filter{{}, {"NewLead"}};
  Page no_new = s.activity(call);
  BOOST_TEST(no_new.records.size() == 3u);
  for (const Record &r : no_new.records) BOOST_TEST(r.type == "Change Data Value");
  call.filter = Filter{{"NewLead", "ChangeDataValue"}, {}};
  BOOST_TEST(s.activity(call).records.size() == 4u);
  call.filter = Filter{{"AddToList"}, {}};
  Page none = s.activity(call);
  BOOST_TEST(none.fault == 0);
  BOOST_TEST(none.records.empty());
  BOOST_TEST(none.return_count == 0);
  // Not both.
  call.filter = Filter{{"NewLead"}, {"ChangeDataValue"}};
  BOOST_TEST(s.activity(call).fault == 20110);
  // A value 2_2's enumeration does not have: Activity Key Bad.
  call.filter = Filter{{"NotAnActivityType"}, {}};
  BOOST_TEST(s.activity(call).fault == 20107);
  call.filter = Filter{{}, {"Visit Webpage"}};  // the display text is not the enum value
  BOOST_TEST(s.activity(call).fault == 20107);
}

BOOST_AUTO_TEST_CASE(batch_size_is_capped_at_100) {
  Sandbox s;
  int id = s.sync("batch@example.com");
  s.changes(id, 120);  // 121 records with the New Lead
  Page p = s.of_lead(id, 101);
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 100);
  BOOST_TEST(p.records.size() == 100u);
  BOOST_TEST(p.remaining == 21);
  BOOST_TEST(s.of_lead(id).return_count == 100);  // the default is the cap
  BOOST_TEST(s.of_lead(id, 100).return_count == 100);
  BOOST_TEST(s.of_lead(id, 7).return_count == 7);
  BOOST_TEST(s.of_lead(id, 7).remaining == 114);
  BOOST_TEST(s.of_lead(id, 0).fault == 20110);
  BOOST_TEST(s.of_lead(id, -1).fault == 20110);
}

BOOST_AUTO_TEST_CASE(paging_visits_each_record_once_while_records_arrive) {
  Sandbox s;
  int id = s.sync("paging@example.com");
  s.changes(id, 120);
  std::vector<long long> all = ids_of(s.of_lead(id, 100));
  std::vector<long long> rest = ids_of(s.of_lead(id, 100, Position{std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  BOOST_REQUIRE(all.size() == 100u);
  std::vector<long long> seen;
  Page p = s.of_lead(id, 25);
  int pages = 0;
  long long newest_at_start = p.records.at(0).id;
  while (true) {
    BOOST_REQUIRE(p.fault == 0);
    ++pages;
    for (long long i : ids_of(p)) seen.push_back(i);
    BOOST_TEST(p.return_count == static_cast<int>(p.records.size()));
    BOOST_TEST(p.remaining == 121 - static_cast<int>(seen.size()));
    BOOST_REQUIRE(p.next.offset.has_value());
    if (p.remaining == 0) break;
    BOOST_REQUIRE(pages < 20);  // bounded
    s.changes(id, 2, "late" + std::to_string(pages));  // newer than the stream's start
    p = s.of_lead(id, 25, p.next);
  }
  BOOST_TEST(pages == 5);
  BOOST_TEST(seen.size() == 121u);
  BOOST_TEST(std::set<long long>(seen.begin(), seen.end()).size() == 121u);  // each once
  BOOST_TEST(std::is_sorted(seen.rbegin(), seen.rend()));                    // newest first throughout
  BOOST_TEST(seen.front() == newest_at_start);
  // The records written during the paging are the next stream's.
  BOOST_TEST(s.of_lead(id, 100).records.at(0).id > newest_at_start);
  // The last position is at the end.
  BOOST_TEST(s.of_lead(id, 25, p.next).fault == 20123);
}

BOOST_AUTO_TEST_CASE(a_position_not_handed_out_is_refused) {
  Sandbox s;
  int a = s.sync("pos-a@example.com");
  int b = s.sync("pos-b@example.com");
  s.changes(a, 5);
  s.changes(b, 5);
  Page first = s.of_lead(a, 2);
  BOOST_REQUIRE(first.fault == 0);
  Position good = first.next;
  BOOST_REQUIRE(good.offset.has_value());
  BOOST_TEST(s.of_lead(a, 2, good).fault == 0);
  BOOST_TEST(s.of_lead(a, 2, good).records.size() == 2u);
  // Altered: the id, the mac, the tag; a window member added.
  std::string off = *good.offset;
  std::size_t colon = off.find(':');
  Position altered = good;
  altered.offset = off.substr(0, colon + 1) + "9" + off.substr(colon + 1);
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  altered.offset = off.substr(0, off.size() - 1) + (off.back() == '0' ? "1" : "0");
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  altered.offset = "END" + off.substr(colon);
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  altered = good;
  altered.oldest = "2000-01-01T00:00:00Z";
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  altered = good;
  altered.offset = "ID:1024814";  // the vendor's sample form, not this sandbox's
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  altered.offset = "";
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 20122);
  // Foreign: another lead's, another operation's.
  BOOST_TEST(s.of_lead(b, 2, good).fault == 20122);
  ChangesCall changes;
  changes.batch = 1;
  Page c = s.changes_page(changes);
  BOOST_REQUIRE(c.fault == 0);
  BOOST_TEST(s.of_lead(a, 2, c.next).fault == 20122);
  ChangesCall back;
  back.position = good;
  BOOST_TEST(s.changes_page(back).fault == 20122);
  // activityCreatedAt is informative: changing it changes nothing.
  altered = good;
  altered.activity = "2001-01-01T00:00:00Z";
  BOOST_TEST(s.of_lead(a, 2, altered).fault == 0);
}

BOOST_AUTO_TEST_CASE(a_window_bounds_the_records) {
  Sandbox s;
  int id = s.sync("window@example.com");
  s.changes(id, 3);
  Position future{std::nullopt, std::string("2999-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  Page none = s.of_lead(id, std::nullopt, future);
  BOOST_TEST(none.fault == 0);
  BOOST_TEST(none.records.empty());
  BOOST_TEST(none.remaining == 0);
  Position past{std::string("2000-01-02T00:00:00Z"), std::string("2000-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  BOOST_TEST(s.of_lead(id, std::nullopt, past).records.empty());
  Position open{std::string("2999-01-01T00:00:00Z"), std::string("2000-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  Page all = s.of_lead(id, 2, open);
  BOOST_TEST(all.records.size() == 2u);
  BOOST_TEST(all.remaining == 2);
  // The window travels in the position.
  BOOST_TEST(all.next.oldest.has_value());
  BOOST_TEST(all.next.latest.has_value());
  Page second = s.of_lead(id, 2, all.next);
  BOOST_TEST(second.fault == 0);
  BOOST_TEST(second.records.size() == 2u);
  BOOST_TEST(second.remaining == 0);
}

BOOST_AUTO_TEST_CASE(changes_need_a_start_position) {
  Sandbox s;
  s.sync("start@example.com");
  ChangesCall none;
  none.position = std::nullopt;
  BOOST_TEST(s.changes_page(none).fault == 20017);  // startPosition is required by 2_2's schema
  ChangesCall empty;
  empty.position = Position{};
  BOOST_TEST(s.changes_page(empty).fault == 20109);
  ChangesCall latest_only;
  latest_only.position = Position{std::string("2999-01-01T00:00:00Z"), std::nullopt, std::nullopt, std::nullopt};
  BOOST_TEST(s.changes_page(latest_only).records.size() == 1u);
}

BOOST_AUTO_TEST_CASE(changes_come_oldest_first_and_page_once_each_while_records_arrive) {
  Sandbox s;
  int a = s.sync("ch-a@example.com", {{"FirstName", "A"}});
  int b = s.sync("ch-b@example.com");
  s.changes(a, 30);
  s.changes(b, 30);
  // 62 records now.
  ChangesCall call;
  call.batch = 10;
  Page p = s.changes_page(call);
  std::vector<long long> seen;
  std::set<long long> late;
  int pages = 0;
  while (true) {
    BOOST_REQUIRE(p.fault == 0);
    for (const Record &r : p.records) seen.push_back(r.id);
    BOOST_TEST(p.return_count == static_cast<int>(p.records.size()));
    if (p.remaining == 0) break;
    BOOST_REQUIRE(++pages < 30);
    if (pages <= 2) s.changes(b, 1, "late" + std::to_string(pages));  // after every record so far
    call.position = p.next;
    p = s.changes_page(call);
  }
  BOOST_TEST(seen.size() == 64u);
  BOOST_TEST(std::set<long long>(seen.begin(), seen.end()).size() == 64u);
  BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
  // Nothing left: an empty page, and the stream goes on from there.
  call.position = p.next;
  Page tail = s.changes_page(call);
  BOOST_TEST(tail.fault == 0);
  BOOST_TEST(tail.records.empty());
  BOOST_TEST(tail.remaining == 0);
  s.sync("ch-a@example.com", {{"FirstName", "Again"}});
  call.position = tail.next;
  Page again = s.changes_page(call);
  BOOST_REQUIRE(again.records.size() == 1u);
  BOOST_TEST(again.records[0].id > seen.back());
  BOOST_TEST(again.records[0].attributes["Old Value"] == "v29");
  BOOST_TEST(again.records[0].attributes["New Value"] == "Again");
  BOOST_TEST(again.records[0].person == std::to_string(a));
}

BOOST_AUTO_TEST_CASE(changes_batch_size_is_capped_at_1000) {
  Sandbox s;
  int id = s.sync("big@example.com");
  for (int i = 0; i < 4; ++i) s.changes(id, 260, "b" + std::to_string(i));
  // 1041 records.
  ChangesCall call;
  call.batch = 1001;
  Page p = s.changes_page(call);
  BOOST_TEST(p.return_count == 1000);
  BOOST_TEST(p.remaining == 41);
  call.batch = std::nullopt;
  BOOST_TEST(s.changes_page(call).return_count == 1000);
  call.batch = 0;
  BOOST_TEST(s.changes_page(call).fault == 20110);
}

BOOST_AUTO_TEST_CASE(changes_filter_and_selectors) {
  Sandbox s;
  int a = s.sync("sel-a@example.com");
  int b = s.sync("sel-b@example.com");
  s.changes(a, 2);
  s.changes(b, 2);
  ChangesCall call;
  call.filter = Filter{{"NewLead"}, {}};
  BOOST_TEST(s.changes_page(call).records.size() == 2u);
  call.filter = Filter{{}, {"NewLead"}};
  BOOST_TEST(s.changes_page(call).records.size() == 4u);
  call.filter = Filter{{"NewLead"}, {"ChangeDataValue"}};
  BOOST_TEST(s.changes_page(call).fault == 20110);
  call.filter = Filter{{"Nope"}, {}};
  BOOST_TEST(s.changes_page(call).fault == 20107);
  call.filter = std::nullopt;
  // LeadKeySelector: those leads only; a key that matches none adds nothing.
  call.selector = key_selector("IDNUM", {std::to_string(b), "999999"});
  Page only_b = s.changes_page(call);
  BOOST_TEST(only_b.fault == 0);
  BOOST_TEST(only_b.records.size() == 3u);
  for (const Record &r : only_b.records) BOOST_TEST(r.person == std::to_string(b));
  call.selector = key_selector("EMAIL", {"sel-a@example.com"});
  BOOST_TEST(s.changes_page(call).records.size() == 3u);
  std::vector<std::string> keys(100, std::to_string(a));
  call.selector = key_selector("IDNUM", keys);
  BOOST_TEST(s.changes_page(call).records.size() == 3u);
  keys.push_back(std::to_string(b));
  call.selector = key_selector("IDNUM", keys);
  BOOST_TEST(s.changes_page(call).fault == 20110);  // 101 keys
  call.selector = key_selector("IDNUM", {});
  BOOST_TEST(s.changes_page(call).fault == 20101);
  call.selector = key_selector("LEADOWNEREMAIL", {"x@example.com"});
  BOOST_TEST(s.changes_page(call).fault == 20102);
  // StaticListSelector: its own case below.
  // LastUpdateAtSelector: its times bound the window like the position's.
  call.selector = "<leadSelector xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                  "xsi:type=\"ns1:LastUpdateAtSelector\"><oldestUpdatedAt>2999-01-01T00:00:00Z</oldestUpdatedAt>"
                  "</leadSelector>";
  Page future = s.changes_page(call);
  BOOST_TEST(future.fault == 0);
  BOOST_TEST(future.records.empty());
  // ... also when the position gives no oldestCreatedAt of its own.
  ChangesCall latest_only = call;
  latest_only.position = Position{std::string("2999-06-01T00:00:00Z"), std::nullopt, std::nullopt, std::nullopt};
  BOOST_TEST(s.changes_page(latest_only).records.empty());
  call.selector = "<leadSelector xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                  "xsi:type=\"ns1:LastUpdateAtSelector\"><latestUpdatedAt>2000-06-01T00:00:00Z</latestUpdatedAt>"
                  "<oldestUpdatedAt>2000-01-01T00:00:00Z</oldestUpdatedAt></leadSelector>";
  BOOST_TEST(s.changes_page(call).records.empty());
  call.selector = "<leadSelector xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                  "xsi:type=\"ns1:LastUpdateAtSelector\"><latestUpdatedAt>2999-06-01T00:00:00Z</latestUpdatedAt>"
                  "<oldestUpdatedAt>2000-01-01T00:00:00Z</oldestUpdatedAt></leadSelector>";
  BOOST_TEST(s.changes_page(call).records.size() == 6u);
}

namespace {

struct Rest {
  explicit Rest(Sandbox &s) : c(s.process.port()) {
    BOOST_REQUIRE(c.send_raw("GET /identity/oauth/token?grant_type=client_credentials&client_id=mktows-sandbox-demo-client"
                             "&client_secret=mktows-sandbox-demo-secret HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    HttpResponse r = c.read_response();
    BOOST_REQUIRE(r.status == 200);
    token = json::parse(r.body)["access_token"].get<std::string>();
  }
  json get(const std::string &target) {
    BOOST_REQUIRE(c.send_raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n"));
    HttpResponse r = c.read_response();
    BOOST_REQUIRE(r.status == 200);
    return json::parse(r.body);
  }
  std::string since_token(const std::string &since = "2000-01-01T00:00:00Z") {
    json j = get("/rest/v1/activities/pagingtoken.json?sinceDatetime=" + since);
    BOOST_REQUIRE(j.value("success", false));
    BOOST_TEST(j.contains("requestId"));
    return j["nextPageToken"].get<std::string>();
  }
  Connection c;
  std::string token;
};

std::string error_of(const json &j) {
  if (j.value("success", true) || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_CASE(rest_types_are_the_one_table) {
  Sandbox s;
  Rest r(s);
  json j = r.get("/rest/v1/activities/types.json");
  BOOST_REQUIRE(j.value("success", false));
  const json &types = j["result"];
  BOOST_REQUIRE(types.size() == mktows::kActivityTypeCount);
  std::set<int> ids;
  for (std::size_t t = 0; t < mktows::kActivityTypeCount; ++t) {
    BOOST_TEST(types[t]["name"].get<std::string>() == mktows::kActivityTypes[t].display);
    BOOST_TEST(types[t]["primaryAttribute"].contains("name"));
    BOOST_TEST(types[t]["primaryAttribute"].contains("dataType"));
    BOOST_TEST(types[t]["attributes"].is_array());
    ids.insert(types[t]["id"].get<int>());
  }
  BOOST_TEST(ids.size() == mktows::kActivityTypeCount);
  // The vendor's documented ids.
  auto id_of = [&](const std::string &name) {
    for (const json &t : types)
      if (t["name"] == name) return t["id"].get<int>();
    return -1;
  };
  BOOST_TEST(id_of("Visit Webpage") == 1);
  BOOST_TEST(id_of("Fill Out Form") == 2);
  BOOST_TEST(id_of("New Lead") == 12);
  BOOST_TEST(id_of("Change Data Value") == 13);
  BOOST_TEST(id_of("Delete Lead") == 37);
}

BOOST_AUTO_TEST_CASE(rest_reads_what_soap_wrote_and_soap_what_rest_wrote) {
  Sandbox s;
  int id = s.sync("both@example.com", {{"FirstName", "Soap"}});
  s.sync("both@example.com", {{"FirstName", "Soap2"}, {"LastName", "L"}});
  Rest r(s);
  std::string t = r.since_token();
  json j = r.get("/rest/v1/activities.json?nextPageToken=" + t + "&activityTypeIds=12,13&leadIds=" + std::to_string(id));
  BOOST_REQUIRE(j.value("success", false));
  const json &items = j["result"];
  BOOST_REQUIRE(items.size() == 3u);
  BOOST_TEST(j["moreResult"] == false);
  BOOST_TEST(j.contains("nextPageToken"));  // always handed out anew
  BOOST_TEST(items[0]["activityTypeId"] == 12);
  BOOST_TEST(items[0]["leadId"] == id);
  BOOST_TEST(items[1]["activityTypeId"] == 13);
  BOOST_TEST(items[1]["primaryAttributeValue"] == "FirstName");
  BOOST_TEST(items[1]["marketoGUID"].get<std::string>() == std::to_string(items[1]["id"].get<long long>()));
  // The same records, the same ids, as getLeadActivity gives (in its order).
  Page p = s.of_lead(id);
  BOOST_REQUIRE(p.records.size() == 3u);
  for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(p.records[2 - i].id == items[i]["id"].get<long long>());
  // Only the types asked for.
  json only_new = r.get("/rest/v1/activities.json?nextPageToken=" + t + "&activityTypeIds=12");
  BOOST_TEST(only_new["result"].size() == 1u);
  // A write through REST is read through SOAP.
  json sync = json::parse("{\"input\":[{\"email\":\"both@example.com\",\"firstName\":\"Rest\"}]}");
  std::string body = sync.dump();
  BOOST_REQUIRE(r.c.send_raw("POST /rest/v1/leads.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + r.token +
                             "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                             "\r\n\r\n" + body));
  BOOST_REQUIRE(r.c.read_response().status == 200);
  Page after = s.of_lead(id, 1);
  BOOST_REQUIRE(after.records.size() == 1u);
  BOOST_TEST(after.records[0].attributes["New Value"] == "Rest");
  BOOST_TEST(after.records[0].attributes["Reason"] == "REST API");
  // And the REST stream goes on from its last token.
  json later = r.get("/rest/v1/activities.json?nextPageToken=" + j["nextPageToken"].get<std::string>() +
                     "&activityTypeIds=13");
  BOOST_REQUIRE(later["result"].size() == 1u);
  BOOST_TEST(later["result"][0]["attributes"].dump().find("Rest") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rest_activities_rules) {
  Sandbox s;
  int id = s.sync("rules@example.com");
  s.changes(id, 10);
  Rest r(s);
  std::string t = r.since_token();
  std::string base = "/rest/v1/activities.json?nextPageToken=" + t;
  BOOST_TEST(error_of(r.get("/rest/v1/activities.json?activityTypeIds=12")) == "701");
  BOOST_TEST(error_of(r.get(base)) == "701");
  BOOST_TEST(error_of(r.get("/rest/v1/activities.json?nextPageToken=sb-nope&activityTypeIds=12")) == "1003");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=1,2,12,13,37,1002,1003,1004,1005,1006")) == "");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=1,2,12,13,37,1002,1003,1004,1005,1006,1007")) == "1003");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=999")) == "1003");
  std::string thirty;
  for (int i = 0; i < 30; ++i) thirty += (i ? "," : "") + std::to_string(id + i);
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=13&leadIds=" + thirty)) == "");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=13&leadIds=" + thirty + ",1")) == "1003");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=13&batchSize=300")) == "");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=13&batchSize=301")) == "1003");
  BOOST_TEST(error_of(r.get(base + "&activityTypeIds=13&listId=3001")) == "");  // its own case below
  BOOST_TEST(error_of(r.get("/rest/v1/activities/pagingtoken.json")) == "701");
  BOOST_TEST(error_of(r.get("/rest/v1/activities/pagingtoken.json?sinceDatetime=yesterday")) == "1003");
  BOOST_TEST(error_of(r.get("/rest/v1/activities/pagingtoken.json?sinceDatetime=2024-01-01")) == "");
  // A token from now on: nothing yet.
  json none = r.get("/rest/v1/activities.json?nextPageToken=" + r.since_token("2999-01-01T00:00:00Z") +
                    "&activityTypeIds=12,13");
  BOOST_TEST(none["result"].empty());
  // Paging: each record once, moreResult until the last page.
  std::vector<long long> seen;
  std::string token = t;
  for (int pages = 0;; ++pages) {
    BOOST_REQUIRE(pages < 10);
    json j = r.get("/rest/v1/activities.json?nextPageToken=" + token + "&activityTypeIds=12,13&batchSize=4");
    for (const json &i : j["result"]) seen.push_back(i["id"].get<long long>());
    token = j["nextPageToken"].get<std::string>();
    if (!j["moreResult"].get<bool>()) break;
    BOOST_TEST(j["result"].size() == 4u);
  }
  BOOST_TEST(seen.size() == 11u);
  BOOST_TEST(std::set<long long>(seen.begin(), seen.end()).size() == 11u);
  BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
}

BOOST_AUTO_TEST_CASE(rest_lead_changes_lists_the_fields_asked_for) {
  Sandbox s;
  int id = s.sync("lc@example.com", {{"FirstName", "A"}});
  s.sync("lc@example.com", {{"FirstName", "B"}, {"LastName", "C"}});
  Rest r(s);
  std::string t = r.since_token();
  BOOST_TEST(error_of(r.get("/rest/v1/activities/leadchanges.json?nextPageToken=" + t)) == "701");
  BOOST_TEST(error_of(r.get("/rest/v1/activities/leadchanges.json?nextPageToken=" + t + "&fields=noSuchField")) == "1006");
  json j = r.get("/rest/v1/activities/leadchanges.json?nextPageToken=" + t + "&fields=firstName&leadIds=" + std::to_string(id));
  BOOST_REQUIRE(j.value("success", false));
  const json &items = j["result"];
  BOOST_REQUIRE(items.size() == 2u);  // New Lead, and the FirstName change (not LastName's)
  BOOST_TEST(items[0]["activityTypeId"] == 12);
  BOOST_TEST(items[1]["activityTypeId"] == 13);
  BOOST_TEST(items[1]["fields"][0]["name"] == "firstName");
  BOOST_TEST(items[1]["fields"][0]["oldValue"] == "A");
  BOOST_TEST(items[1]["fields"][0]["newValue"] == "B");
  json both = r.get("/rest/v1/activities/leadchanges.json?nextPageToken=" + t + "&fields=firstName,lastName");
  BOOST_TEST(both["result"].size() == 3u);
  BOOST_TEST(error_of(r.get("/rest/v1/activities/leadchanges.json?nextPageToken=" + t + "&fields=firstName&batchSize=301")) == "1003");
}

BOOST_AUTO_TEST_CASE(changes_of_a_static_lists_members) {
  Sandbox s;
  int a = s.sync("list-a@example.com");
  int b = s.sync("list-b@example.com");
  int c = s.sync("list-c@example.com");
  s.changes(a, 2);
  s.changes(b, 2);
  s.changes(c, 2);
  s.list_op("ADDTOLIST", "Demo Program.Newsletter", {a});
  ChangesCall call;
  // By id and by name: a's records only (New Lead, two changes, Add to List).
  for (const std::string &sel : {list_selector("<staticListId>3001</staticListId>"),
                                 list_selector("<staticListName>demo program.NEWSLETTER</staticListName>")}) {
    call.selector = sel;
    Page p = s.changes_page(call);
    BOOST_TEST(p.fault == 0);
    BOOST_REQUIRE(p.records.size() == 4u);
    for (const Record &r : p.records) BOOST_TEST(r.person == std::to_string(a));
    BOOST_TEST(p.records.back().type == "Add to List");
  }
  // An empty list: no records (not every lead's).
  call.selector = list_selector("<staticListId>3002</staticListId>");
  Page empty = s.changes_page(call);
  BOOST_TEST(empty.fault == 0);
  BOOST_TEST(empty.records.empty());
  BOOST_TEST(empty.remaining == 0);
  call.selector = list_selector("<staticListId>9999</staticListId>");
  BOOST_TEST(s.changes_page(call).fault == 20111);
  call.selector = list_selector("<staticListName>Demo Program.Nope</staticListName>");
  BOOST_TEST(s.changes_page(call).fault == 20111);
  call.selector = list_selector("");
  BOOST_TEST(s.changes_page(call).fault == 20109);
  // Paging: each page reads the members when it is read. The first page
  // holds a's first two records (its New Lead and first change); c joins
  // the list after it: the next page lists c's records after the position
  // (its two changes, its Add to List), not its New Lead, which came before.
  call.selector = list_selector("<staticListId>3001</staticListId>");
  call.batch = 2;
  Page first = s.changes_page(call);
  BOOST_REQUIRE(first.records.size() == 2u);
  BOOST_TEST(first.remaining == 2, "remaining " << first.remaining);
  s.list_op("ADDTOLIST", "Demo Program.Newsletter", {c});
  ChangesCall next = call;
  next.batch = 100;
  next.position = first.next;
  Page rest = s.changes_page(next);
  BOOST_REQUIRE_EQUAL(rest.records.size(), 5u);
  std::vector<std::string> whose;
  for (const Record &r : rest.records) whose.push_back(r.person);
  const std::string sa = std::to_string(a), sc = std::to_string(c);
  BOOST_TEST(whose == (std::vector<std::string>{sa, sc, sc, sa, sc}));
  BOOST_TEST(rest.records[0].id > first.records.back().id);
  BOOST_TEST(rest.records[4].type == "Add to List");
  for (const Record &r : rest.records) BOOST_TEST(r.person != std::to_string(b));
}

BOOST_AUTO_TEST_CASE(rest_activities_of_a_static_lists_members) {
  Sandbox s;
  int a = s.sync("rest-list-a@example.com");
  int b = s.sync("rest-list-b@example.com");
  s.changes(a, 1);
  s.changes(b, 1);
  s.list_op("ADDTOLIST", "Webinar 2026.Attendees", {b});
  Rest r(s);
  std::string base = "/rest/v1/activities.json?nextPageToken=" + r.since_token() + "&activityTypeIds=12,13,1021";
  json j = r.get(base + "&listId=3002");
  BOOST_REQUIRE(j.value("success", false));
  BOOST_REQUIRE(j["result"].size() == 3u);  // b's New Lead, change and Add to List
  for (const json &i : j["result"]) BOOST_TEST(i["leadId"].get<int>() == b);
  // An empty list lists nothing (not every lead).
  json none = r.get(base + "&listId=3001");
  BOOST_TEST(none.value("success", false));
  BOOST_TEST(none["result"].empty());
  BOOST_TEST(error_of(r.get(base + "&listId=9999")) == "1013");
  BOOST_TEST(error_of(r.get(base + "&listId=x")) == "1003");
  BOOST_TEST(error_of(r.get(base + "&listId=3002&leadIds=" + std::to_string(a))) == "1003");
  // Lead changes the same way.
  std::string changes = "/rest/v1/activities/leadchanges.json?nextPageToken=" + r.since_token() + "&fields=firstName";
  json lc = r.get(changes + "&listId=3002");
  BOOST_REQUIRE(lc.value("success", false));
  BOOST_REQUIRE(lc["result"].size() == 2u);  // New Lead and the FirstName change
  for (const json &i : lc["result"]) BOOST_TEST(i["leadId"].get<int>() == b);
  BOOST_TEST(error_of(r.get(changes + "&listId=9999")) == "1013");
}

BOOST_AUTO_TEST_CASE(rest_list_id_of_ten_thousand_members_is_refused) {
  // 10,000 configured leads; the list holds 9,999 of them, then all.
  mktows_test::TempDir dir;
  std::string leads;
  for (int i = 1; i <= 10000; ++i)
    leads += std::string(i > 1 ? "," : "") + "{\"id\":" + std::to_string(i) + ",\"email\":\"m" + std::to_string(i) +
             "@example.com\"}";
  Sandbox s({"--config", dir.write("c.json", "{\"leads\":[" + leads + "]}")});
  for (int from = 1; from <= 9999; from += 1000) {
    std::vector<int> ids;
    for (int i = from; i < from + 1000 && i <= 9999; ++i) ids.push_back(i);
    s.list_op("ADDTOLIST", "Demo Program.Newsletter", ids);
  }
  Rest r(s);
  std::string call = "/rest/v1/activities.json?nextPageToken=" + r.since_token() + "&activityTypeIds=1021&listId=3001";
  json ok = r.get(call);
  BOOST_TEST(ok.value("success", false));
  BOOST_TEST(ok["result"].size() == 300u);
  s.list_op("ADDTOLIST", "Demo Program.Newsletter", {10000});
  BOOST_TEST(error_of(r.get(call)) == "1003");
}
