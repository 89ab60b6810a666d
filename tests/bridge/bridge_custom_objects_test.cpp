// The custom objects domain through mktows-bridge: syncCustomObjects,
// getCustomObjects and deleteCustomObjects in front of the sandbox's REST
// face (round trips read back through the bridge and through the sandbox's
// own SOAP face: one store), and in front of a scripted REST side whose
// types, link fields, marketoGUIDs and paging tokens are its own
// (scripted_assets_rest.hpp) for the translations, the cached look-ups,
// the positions and every refusal.
#define BOOST_TEST_MODULE bridge_custom_objects_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"
#include "bridge/scripted_assets_rest.hpp"
#include "sandbox/custom_object_requests.hpp"

#include <set>
#include <string>

using namespace bridge_test;
using sandbox_test::CustomObj;
using sandbox_test::CustomPage;
using sandbox_test::CustomWrite;
using sandbox_test::Fields;
using sandbox_test::GetCustomCall;
using sandbox_test::HttpResponse;
using sandbox_test::fault_code;

namespace {

CustomWrite sync(int port, const std::string &type, const std::vector<CustomObj> &records,
                 std::optional<std::string> op = std::nullopt) {
  return sandbox_test::read_custom_write(
      soap_envelope(port, "syncCustomObjects", sandbox_test::sync_custom_request(type, records, op)));
}

HttpResponse get_raw(int port, const GetCustomCall &c) {
  return soap_envelope(port, "getCustomObjects", sandbox_test::get_custom_request(c));
}

CustomPage get(int port, const GetCustomCall &c) { return sandbox_test::read_custom_page(get_raw(port, c)); }

CustomWrite erase(int port, const std::string &type, const std::vector<Fields> &keys) {
  return sandbox_test::read_custom_write(
      soap_envelope(port, "deleteCustomObjects", sandbox_test::delete_custom_request(type, keys)));
}

GetCustomCall by(const std::string &type, const Fields &keys, std::optional<int> batch = std::nullopt) {
  GetCustomCall c;
  c.type = type;
  c.keys = keys;
  c.batch_size = batch;
  return c;
}

// Every record of a walk, page by page: the key `key` of each.
std::vector<std::string> walk(int port, GetCustomCall c, const std::string &key, int &pages) {
  std::vector<std::string> out;
  pages = 0;
  for (;;) {
    CustomPage p = get(port, c);
    BOOST_REQUIRE_MESSAGE(p.fault == 0, "fault " << p.fault);
    ++pages;
    for (const auto &r : p.records) out.push_back(r.key(key));
    BOOST_TEST(p.return_count == static_cast<int>(p.records.size()));
    if (p.position.empty()) {
      BOOST_TEST(p.remaining == 0);
      break;
    }
    BOOST_TEST(p.remaining > 0);
    c.position = p.position;
    BOOST_REQUIRE(pages < 20);
  }
  return out;
}

int lead(int port, const std::string &email) {
  sandbox_test::SyncLeadCall s;
  s.lead.email = email;
  sandbox_test::SyncOutcome o = sandbox_test::read_sync_outcome(soap(port, "syncLead", sandbox_test::sync_lead_body(s)));
  BOOST_REQUIRE(o.lead_id > 0);
  return o.lead_id;
}

// A sandbox world with a compound-key type beside the default Car.
const char kWorld[] = R"({"customObjectTypes": [{"name": "Booking", "dedupeFields": [{"name": "Tour"},
  {"name": "Seat", "type": "integer"}], "fields": [{"name": "Price"}]}]})";

}  // namespace

BOOST_AUTO_TEST_CASE(round_trips_through_the_sandbox_one_store) {
  mktows_test::TempDir world;
  Pair p({"--config", world.write("world.json", kWorld)});
  int port = p.bridge->port(), direct = p.sandbox->port();
  std::string a = std::to_string(lead(port, "ada@co.example")), b = std::to_string(lead(port, "bo@co.example"));
  CustomWrite w = sync(port, "car",
                       {{{{"MKTOID", a}, {"VIN", "VIN-1"}}, {{"Make", "Ford"}, {"Year", "2020"}}},
                        {{{"VIN", "VIN-2"}}, {{"MKTOID", a}, {"Model", "T"}}},
                        {{{"MKTOID", b}, {"VIN", "VIN-3"}}, {{"Color", "Blue"}}}});
  BOOST_REQUIRE_EQUAL(w.fault, 0);
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED", "CREATED", "CREATED"}));
  BOOST_TEST(w.statuses[0].type == "Car");
  BOOST_TEST((w.statuses[1].keys == Fields{{"VIN", "VIN-2"}}));
  // INSERT of one that exists, UPDATE of one that does not: FAILED with
  // REST's reason; UPDATE of one that does: UPDATED.
  w = sync(port, "Car", {{{{"VIN", "VIN-1"}}, {{"Make", "Fiat"}}}, {{{"VIN", "VIN-9"}}, {{"Make", "Fiat"}}}}, "INSERT");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"FAILED", "FAILED"}));  // exists; a new one needs its lead
  w = sync(port, "Car", {{{{"VIN", "VIN-1"}}, {{"Color", "Red"}}}, {{{"VIN", "VIN-8"}}, {{"Color", "Red"}}}}, "UPDATE");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"UPDATED", "FAILED"}));
  BOOST_TEST(w.statuses[1].error.find("1013") != std::string::npos, w.statuses[1].error);
  // A wrong key set: 20110 Input error, nothing written.
  w = sync(port, "Car", {{{{"VIN", "VIN-5"}}, {{"Make", "Kia"}}}, {{{"Make", "Kia"}}, {}}});
  BOOST_TEST(w.fault == 20110);
  // Read back through the bridge and the sandbox's SOAP face alike.
  CustomPage via = get(port, by("Car", {{"VIN", "VIN-1"}}));
  CustomPage own = get(direct, by("Car", {{"VIN", "VIN-1"}}));
  BOOST_REQUIRE_EQUAL(via.records.size(), 1u);
  BOOST_TEST(via.type == own.type);
  BOOST_TEST(via.records[0].keys == own.records[0].keys);
  BOOST_TEST(via.records[0].attributes == own.records[0].attributes);
  BOOST_TEST(via.records[0].attribute("Color") == "Red");
  BOOST_TEST(via.records[0].attribute("Year") == "2020");
  BOOST_TEST(get(direct, by("Car", {{"VIN", "VIN-5"}})).records.empty());
  // By the lead, a page at a time: each record once, as the sandbox lists them.
  int pages = 0;
  std::vector<std::string> vins = walk(port, by("Car", {{"MKTOID", a}}, 1), "VIN", pages);
  BOOST_TEST(std::set<std::string>(vins.begin(), vins.end()) == (std::set<std::string>{"VIN-1", "VIN-2"}));
  BOOST_TEST(vins.size() == 2u);
  BOOST_TEST(pages >= 2);
  // A compound key: written through the bridge, read by both keys (REST's
  // POST ?_method=GET), read back through the sandbox's SOAP face.
  w = sync(port, "BOOKING", {{{{"MKTOID", b}, {"Tour", "T1"}, {"Seat", "07"}}, {{"Price", "99"}}}});
  BOOST_TEST(w.status_names() == std::vector<std::string>{"CREATED"});
  via = get(port, by("Booking", {{"Tour", "T1"}, {"Seat", "7"}}));
  own = get(direct, by("Booking", {{"Tour", "T1"}, {"Seat", "7"}}));
  BOOST_REQUIRE_EQUAL(via.records.size(), 1u);
  BOOST_TEST(via.records[0].keys == own.records[0].keys);
  BOOST_TEST(via.records[0].attributes == own.records[0].attributes);
  // Deletes: by the key; again (FAILED); with another lead named (FAILED,
  // kept); with its lead named (DELETED).
  w = erase(port, "Car", {{{"VIN", "VIN-2"}}, {{"VIN", "VIN-2"}}});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"DELETED", "FAILED"}));
  w = erase(port, "Car", {{{"MKTOID", b}, {"VIN", "VIN-1"}}});
  BOOST_TEST(w.status_names() == std::vector<std::string>{"FAILED"});
  BOOST_TEST(get(direct, by("Car", {{"VIN", "VIN-1"}})).records.size() == 1u);
  w = erase(port, "Car", {{{"MKTOID", a}, {"VIN", "VIN-1"}}});
  BOOST_TEST(w.status_names() == std::vector<std::string>{"DELETED"});
  BOOST_TEST(get(direct, by("Car", {{"MKTOID", a}})).records.empty());
  BOOST_TEST(get(port, by("Car", {{"MKTOID", b}})).records.size() == 1u);
  p.bridge->stop();
  std::string log = mktows_test::read_file(p.bridge_log());
  BOOST_TEST(log.find("syncCustomObjects: 3 REST calls") != std::string::npos, log);  // types, describe, sync
  BOOST_TEST(log.find("getCustomObjects: 1 REST call") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(translations_against_the_scripted_side) {
  AssetsBridge b;
  int port = b.port();
  // SOAP's RoadShow is the type whose displayName is Roadshow (apiName
  // roadshow_c); MKTOID is its link leadId, in keys or attributes.
  CustomWrite w = sync(port, "RoadShow",
                       {{{{"MKTOID", "9101"}, {"rid", "1"}}, {{"venue", "Hall A"}, {"seats", "120"}}},
                        {{{"rid", "2"}}, {{"MKTOID", "9102"}, {"Venue", "Hall B"}}}});
  BOOST_REQUIRE_EQUAL(w.fault, 0);
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED", "CREATED"}));
  BOOST_TEST(w.statuses[0].type == "Roadshow");
  BOOST_TEST(b.rest.count("POST /rest/v1/customobjects/roadshow_c.json") == 1);
  nlohmann::json body = nlohmann::json::parse(b.rest.bodies().back());
  BOOST_TEST(body["action"] == "createOrUpdate");
  BOOST_TEST(body["dedupeBy"] == "dedupeFields");
  BOOST_TEST(body["input"][0] == (nlohmann::json{{"leadId", 9101}, {"rid", 1}, {"venue", "Hall A"}, {"seats", 120}}), body.dump());
  BOOST_TEST(body["input"][1] == (nlohmann::json{{"leadId", 9102}, {"rid", 2}, {"venue", "Hall B"}}), body.dump());
  // Per record, in the order sent: REST's reasons as "<code> - <message>";
  // a key in the attribute list is refused here and not sent.
  w = sync(port, "roadshow",
           {{{{"rid", "1"}}, {{"venue", "X"}}},
            {{{"rid", "3"}}, {{"seats", "many"}}},
            {{{"rid", "4"}}, {{"rid", "5"}}},
            {{{"rid", "6"}}, {{"Color", "red"}}}},
           "INSERT");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"FAILED", "FAILED", "FAILED", "FAILED"}));
  BOOST_TEST(w.statuses[0].error == "1017 - Object already exists");
  BOOST_TEST(w.statuses[1].error.find("1001 - ") == 0, w.statuses[1].error);
  BOOST_TEST(w.statuses[2].error == "rid is a key: it belongs in customObjKeyList");
  BOOST_TEST(w.statuses[3].error.find("1006 - ") == 0, w.statuses[3].error);
  body = nlohmann::json::parse(b.rest.bodies().back());
  BOOST_TEST(body["action"] == "createOnly");
  BOOST_TEST(body["input"].size() == 3u);
  w = sync(port, "Roadshow", {{{{"rid", "3"}}, {{"venue", "Y"}}}, {{{"rid", "2"}}, {{"venue", ""}}}}, "UPDATE");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"FAILED", "UPDATED"}));
  BOOST_TEST(w.statuses[0].error == "1013 - Object not found");
  BOOST_TEST(nlohmann::json::parse(b.rest.bodies().back())["input"][1]["venue"].is_null());  // a clear
  BOOST_TEST(b.rest.record("roadshow_c", "rid", 2).count("venue") == 0u);

  // Reading by the lead in short REST pages (two records each, whatever
  // batchSize asked): every record once, the peer's tokens carried.
  for (int rid = 10; rid < 15; ++rid)
    BOOST_REQUIRE(sync(port, "Roadshow", {{{{"MKTOID", "9101"}, {"rid", std::to_string(rid)}}, {{"venue", "V"}}}}).status_names() ==
                  std::vector<std::string>{"CREATED"});
  b.rest.set_record_page(2);
  b.rest.clear_calls();
  int pages = 0;
  std::vector<std::string> rids = walk(port, by("Roadshow", {{"MKTOID", "9101"}}, 3), "rid", pages);
  BOOST_TEST(rids == (std::vector<std::string>{"1", "10", "11", "12", "13", "14"}));
  BOOST_TEST(pages == 2);
  // The first page reads the walk's marketoGUIDs (three short REST pages),
  // then each page its records by marketoGUID (a page of three in two).
  BOOST_TEST(b.rest.count("GET /rest/v1/customobjects/roadshow_c.json?filterType=leadId&filterValues=9101&fields=marketoGUID&batchSize=300") == 3,
             b.rest.calls()[0]);
  BOOST_TEST(b.rest.count("?filterType=marketoGUID&filterValues=") == 4);
  BOOST_TEST(b.rest.count("&fields=marketoGUID%2CleadId%2Crid%2Cvenue%2Cseats%2CstartsOn") == 4);
  BOOST_TEST(b.rest.count("nextPageToken=NJRV") == 4);
  b.rest.set_record_page(300);
  CustomPage one = get(port, by("roadshow", {{"rid", "1"}}));
  BOOST_REQUIRE_EQUAL(one.records.size(), 1u);
  BOOST_TEST(one.type == "Roadshow");
  BOOST_TEST((one.records[0].keys == Fields{{"MKTOID", "9101"}, {"rid", "1"}}));
  BOOST_TEST((one.records[0].attributes == Fields{{"venue", "Hall A"}, {"seats", "120"}}));
  GetCustomCall only_venue = by("Roadshow", {{"rid", "1"}});
  only_venue.include = {"Venue"};
  one = get(port, only_venue);
  BOOST_TEST((one.records[0].attributes == Fields{{"venue", "Hall A"}}));
  BOOST_TEST(b.rest.calls().back() == "GET /rest/v1/customobjects/roadshow_c.json?filterType=rid&filterValues=1&fields=leadId%2Crid%2Cvenue");

  // A compound key: the long form, its input holding both dedupe fields.
  w = sync(port, "tour booking", {{{{"MKTOID", "9101"}, {"tourCode", "TX-1"}, {"seatNo", "12"}}, {{"price", "99.5"}}}});
  BOOST_TEST(w.status_names() == std::vector<std::string>{"CREATED"});
  BOOST_TEST(w.statuses[0].type == "Tour Booking");
  one = get(port, by("Tour Booking", {{"seatNo", "12"}, {"tourCode", "TX-1"}}));
  BOOST_REQUIRE_EQUAL(one.records.size(), 1u);
  BOOST_TEST((one.records[0].keys == Fields{{"MKTOID", "9101"}, {"tourCode", "TX-1"}, {"seatNo", "12"}}));
  BOOST_TEST((one.records[0].attributes == Fields{{"price", "99.5"}}));
  BOOST_TEST(b.rest.calls().back() == "POST /rest/v1/customobjects/tourBooking_c.json?_method=GET");
  body = nlohmann::json::parse(b.rest.bodies().back());
  BOOST_TEST(body["filterType"] == "dedupeFields");
  BOOST_TEST(body["input"] == (nlohmann::json::array({{{"tourCode", "TX-1"}, {"seatNo", 12}}})), body.dump());
  // The lead named with the keys: another lead's record is not answered.
  BOOST_TEST(get(port, by("Tour Booking", {{"MKTOID", "9102"}, {"seatNo", "12"}, {"tourCode", "TX-1"}})).records.empty());
  // Half a compound key is no REST search; an unknown include: 20110.
  int before = static_cast<int>(b.rest.calls().size());
  HttpResponse r = get_raw(port, by("Tour Booking", {{"tourCode", "TX-1"}}));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("tourCode+seatNo, personId, marketoGUID") != std::string::npos, detail_message(r.body));
  GetCustomCall bad_include = by("Roadshow", {{"rid", "1"}});
  bad_include.include = {"colour"};
  r = get_raw(port, bad_include);
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("has no field colour") != std::string::npos);
  BOOST_TEST(static_cast<int>(b.rest.calls().size()) == before);

  // Deletes: by the dedupe fields; with the lead named, read first, then by
  // marketoGUID, another lead's record kept.
  w = erase(port, "Roadshow", {{{"rid", "10"}}, {{"rid", "99"}}});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"DELETED", "FAILED"}));
  BOOST_TEST(w.statuses[1].error == "1013 - Object not found");
  body = nlohmann::json::parse(b.rest.bodies().back());
  BOOST_TEST(body == (nlohmann::json{{"deleteBy", "dedupeFields"}, {"input", {{{"rid", 10}}, {{"rid", 99}}}}}), body.dump());
  b.rest.clear_calls();
  w = erase(port, "Roadshow", {{{"MKTOID", "9102"}, {"rid", "2"}}, {{"MKTOID", "9102"}, {"rid", "11"}}});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"DELETED", "FAILED"}));
  BOOST_TEST(w.statuses[1].error == "no Roadshow of lead 9102 with these keys");
  BOOST_TEST(b.rest.calls() == (std::vector<std::string>{"POST /rest/v1/customobjects/roadshow_c.json?_method=GET",
                                                         "POST /rest/v1/customobjects/roadshow_c/delete.json"}));
  body = nlohmann::json::parse(b.rest.bodies().back());
  BOOST_TEST(body["deleteBy"] == "idField");
  BOOST_TEST(body["input"].size() == 1u);
  BOOST_TEST(b.rest.record("roadshow_c", "rid", 2).is_null());
  BOOST_TEST(!b.rest.record("roadshow_c", "rid", 11).is_null());

  b.bridge->stop();
  std::string log = b.log();
  BOOST_TEST(log.find("syncCustomObjects: 3 REST calls") != std::string::npos, log);
  BOOST_TEST(log.find("syncCustomObjects: 1 REST call") != std::string::npos);
  BOOST_TEST(log.find("deleteCustomObjects: 2 REST calls") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lookups_cached_and_refreshed_once) {
  AssetsBridge b;
  int port = b.port();
  BOOST_TEST(sync(port, "RoadShow", {{{{"MKTOID", "9101"}, {"rid", "1"}}, {}}}).status_names() == std::vector<std::string>{"CREATED"});
  BOOST_TEST(get(port, by("roadshow", {{"rid", "1"}})).records.size() == 1u);
  BOOST_TEST(erase(port, "ROADSHOW", {{{"rid", "7"}}}).status_names() == std::vector<std::string>{"FAILED"});
  BOOST_TEST(b.rest.count("GET /rest/v1/customobjects.json") == 1);
  BOOST_TEST(b.rest.count("/roadshow_c/describe.json") == 1);
  // The type made again under another apiName: REST's 610 for the cached
  // one, the name resolved once more, the call made again.
  b.rest.rename_type("roadshow_c", "roadshow_v2_c");
  CustomWrite w = sync(port, "RoadShow", {{{{"rid", "1"}}, {{"venue", "moved"}}}});
  BOOST_TEST(w.status_names() == std::vector<std::string>{"UPDATED"});
  BOOST_TEST(b.rest.count("GET /rest/v1/customobjects.json") == 2);
  BOOST_TEST(b.rest.count("POST /rest/v1/customobjects/roadshow_v2_c.json") == 1);
  BOOST_TEST(b.rest.record("roadshow_v2_c", "rid", 1)["venue"] == "moved");
  // A name REST lists nowhere: 20110, after asking the list once more.
  HttpResponse r = soap_envelope(port, "syncCustomObjects", sandbox_test::sync_custom_request("Spaceship", {{{{"id", "1"}}, {}}}));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("Spaceship names no custom object type") != std::string::npos, detail_message(r.body));
  BOOST_TEST(b.rest.count("GET /rest/v1/customobjects.json") == 3);
  // A wrong key set: 20110 after the look-up, before any write.
  int writes = b.rest.count("POST ");
  r = soap_envelope(port, "syncCustomObjects",
                    sandbox_test::sync_custom_request("Roadshow", {{{{"rid", "5"}}, {}}, {{{"venue", "Hall"}}, {}}}));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("Input error: customObj 2: venue is not a key of Roadshow") != std::string::npos,
             detail_message(r.body));
  r = soap_envelope(port, "deleteCustomObjects", sandbox_test::delete_custom_request("Roadshow", {{{"MKTOID", "9101"}}}));
  BOOST_TEST(fault_code(r.body) == 20110);
  BOOST_TEST(detail_message(r.body).find("no value for the key rid") != std::string::npos, detail_message(r.body));
  BOOST_TEST(b.rest.count("POST ") == writes);
}

BOOST_AUTO_TEST_CASE(positions_are_the_bridges_and_this_questions) {
  AssetsBridge b;
  int port = b.port();
  for (int rid = 1; rid <= 3; ++rid)
    BOOST_REQUIRE(sync(port, "Roadshow", {{{{"MKTOID", "9101"}, {"rid", std::to_string(rid)}}, {}}}).status_names() ==
                  std::vector<std::string>{"CREATED"});
  CustomPage first = get(port, by("Roadshow", {{"MKTOID", "9101"}}, 1));
  BOOST_REQUIRE(!first.position.empty());
  BOOST_TEST(first.remaining == 2);  // exact: the walk's marketoGUIDs are kept
  int before = static_cast<int>(b.rest.calls().size());
  std::string forged = first.position;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'a' ? 'b' : 'a';
  GetCustomCall c = by("Roadshow", {{"MKTOID", "9101"}}, 1);
  std::vector<std::pair<GetCustomCall, std::string>> rows;
  c.position = forged;
  rows.push_back({c, "signature"});
  c.position = first.position.substr(0, first.position.size() - 4);
  rows.push_back({c, "signature"});
  c.position = "ID:1024814";
  rows.push_back({c, "not handed out by this bridge"});
  GetCustomCall other = by("Tour Booking", {{"MKTOID", "9101"}}, 1);
  other.position = first.position;
  rows.push_back({other, "type differs"});
  GetCustomCall keys = by("Roadshow", {{"MKTOID", "9102"}}, 1);
  keys.position = first.position;
  rows.push_back({keys, "customObjKeyList differs"});
  GetCustomCall inc = by("Roadshow", {{"MKTOID", "9101"}}, 1);
  inc.include = {"venue"};
  inc.position = first.position;
  rows.push_back({inc, "includeAttributes differs"});
  for (const auto &row : rows) {
    HttpResponse r = get_raw(port, row.first);
    BOOST_TEST(fault_code(r.body) == 20122);
    BOOST_TEST(detail_message(r.body).find(row.second) != std::string::npos, detail_message(r.body));
  }
  BOOST_TEST(static_cast<int>(b.rest.calls().size()) == before);
  // The position alone (no keys repeated) goes on where it was.
  GetCustomCall go_on;
  go_on.type = "Roadshow";
  go_on.batch_size = 5;
  go_on.position = first.position;
  CustomPage rest = get(port, go_on);
  BOOST_REQUIRE_EQUAL(rest.fault, 0);
  std::vector<std::string> all = {first.records[0].key("rid")};
  for (const auto &r : rest.records) all.push_back(r.key("rid"));
  BOOST_TEST(all == (std::vector<std::string>{"1", "2", "3"}));
  BOOST_TEST(rest.position.empty());
  // A position survives a restart of the bridge (its key is in the state
  // directory); the walk goes on where it was.
  first = get(b.port(), by("Roadshow", {{"MKTOID", "9101"}}, 2));
  BOOST_REQUIRE(!first.position.empty());
  b.restart();
  go_on.position = first.position;
  rest = get(b.port(), go_on);
  BOOST_REQUIRE_EQUAL(rest.fault, 0);
  BOOST_REQUIRE_EQUAL(rest.records.size(), 1u);
  BOOST_TEST(rest.records[0].key("rid") == "3");
}

BOOST_AUTO_TEST_CASE(refusals_come_before_any_rest_call) {
  AssetsBridge b(R"({"rest": {"limits": {"callsPerWindow": 2}}})");
  std::vector<CustomObj> many(101, CustomObj{{{"rid", "1"}}, {}});
  std::vector<Fields> many_keys(101, Fields{{"rid", "1"}});
  GetCustomCall no_keys;
  no_keys.type = "Roadshow";
  GetCustomCall zero = by("Roadshow", {{"rid", "1"}}, 0);
  GetCustomCall twice = by("Roadshow", {{"rid", "1"}, {"RID", "2"}});
  struct Row {
    const char *op;
    std::string envelope;
    int fault;
    const char *reason;
  } rows[] = {
      {"syncCustomObjects", sandbox_test::sync_custom_request("", {{{{"rid", "1"}}, {}}}), 20109, ""},
      {"syncCustomObjects", sandbox_test::sync_custom_request("Roadshow", {}), 20109, "holds no customObj"},
      {"syncCustomObjects", sandbox_test::sync_custom_request("Roadshow", many), 20110, "at most 100"},
      {"syncCustomObjects", sandbox_test::sync_custom_request("Roadshow", {{{{"rid", "1"}, {"Rid", "2"}}, {}}}), 20110, "given twice"},
      // Types, describe and the write do not fit a window of 2.
      {"syncCustomObjects", sandbox_test::sync_custom_request("Roadshow", {{{{"rid", "1"}}, {}}}), 20023, "needs 3 REST calls"},
      {"getCustomObjects", sandbox_test::get_custom_request(no_keys), 20110, "no REST equivalent"},
      {"getCustomObjects", sandbox_test::get_custom_request(zero), 20110, "batchSize must be at least 1"},
      {"getCustomObjects", sandbox_test::get_custom_request(twice), 20110, "given twice"},
      {"getCustomObjects", sandbox_test::get_custom_request(by("Roadshow", {{"rid", "1"}})), 20023, "needs 4 REST calls"},
      {"deleteCustomObjects", sandbox_test::delete_custom_request("Roadshow", {}), 20109, "holds no keyList"},
      {"deleteCustomObjects", sandbox_test::delete_custom_request("Roadshow", many_keys), 20110, "at most 100"},
  };
  for (const Row &row : rows) {
    HttpResponse r = soap_envelope(b.port(), row.op, row.envelope);
    BOOST_TEST(fault_code(r.body) == row.fault, row.op << ": " << r.body.substr(0, 400));
    BOOST_TEST(detail_message(r.body).find(row.reason) != std::string::npos, detail_message(r.body));
  }
  BOOST_TEST(b.rest.calls().empty(), b.rest.calls().size() << " REST calls");
}

BOOST_AUTO_TEST_CASE(a_hundred_records_go_in_one_rest_call) {
  AssetsBridge b;
  std::vector<CustomObj> hundred;
  std::vector<Fields> keys;
  for (int rid = 100; rid < 200; ++rid) {
    hundred.push_back(CustomObj{{{"MKTOID", "9102"}, {"rid", std::to_string(rid)}}, {{"seats", "1"}}});
    keys.push_back(Fields{{"rid", std::to_string(rid)}});
  }
  CustomWrite w = sync(b.port(), "Roadshow", hundred);
  BOOST_REQUIRE_EQUAL(w.fault, 0);
  BOOST_TEST(w.statuses.size() == 100u);
  for (const auto &s : w.statuses) BOOST_TEST(s.status == "CREATED");
  BOOST_TEST(w.statuses[99].keys == hundred[99].keys);
  BOOST_TEST(b.rest.count("POST /rest/v1/customobjects/roadshow_c.json") == 1);
  w = erase(b.port(), "Roadshow", keys);
  BOOST_REQUIRE_EQUAL(w.fault, 0);
  for (const auto &s : w.statuses) BOOST_TEST(s.status == "DELETED");
  BOOST_TEST(b.rest.count("/delete.json") == 1);
}
