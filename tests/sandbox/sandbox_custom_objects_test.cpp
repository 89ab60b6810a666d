// The custom objects domain: syncCustomObjects, getCustomObjects and
// deleteCustomObjects through the real sandbox over HTTP (hand-written
// signed envelopes), the REST face's customobjects calls on the same port
// and store, the records across a restart (--data) and a merge of leads.
// docs/SANDBOX.md, "Custom objects", gives every rule and choice.
#define BOOST_TEST_MODULE sandbox_custom_objects_test
#include <boost/test/unit_test.hpp>

#include "custom_object_requests.hpp"
#include "support/temp_dir.hpp"

#include "config.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <map>
#include <set>

using nlohmann::json;
using namespace sandbox_test;

namespace {

std::string id(int n) { return std::to_string(n); }

CustomObj car(int lead, const std::string &vin, Fields attributes = {}) {
  return CustomObj{{{"MKTOID", id(lead)}, {"VIN", vin}}, attributes};
}

std::vector<std::string> vins(const CustomPage &p) {
  std::vector<std::string> out;
  for (const CustomRecord &r : p.records) out.push_back(r.key("VIN"));
  return out;
}

GetCustomCall by_vin(const std::string &vin) {
  GetCustomCall g;
  g.keys = Fields{{"VIN", vin}};
  return g;
}

// A configuration with a second type whose key is compound (the vendor's
// sample: a Roadshow named by rid, here with its city).
const char kRoadshowConfig[] = R"({"customObjectTypes": [
  {"name": "Roadshow", "dedupeFields": [{"name": "rid", "type": "integer"}, {"name": "city"}],
   "fields": [{"name": "venue"}]}]})";

}  // namespace

// --- syncCustomObjects -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(sync_upsert_insert_update_give_each_record_its_status) {
  Sandbox s;
  int lead = s.lead("car.owner@example.com");
  // No operation: UPSERT. A new record is CREATED, a known one UPDATED.
  CustomWrite w = s.sync("Car", {car(lead, "V1", {{"Make", "Volvo"}, {"Year", "2020"}})});
  BOOST_REQUIRE(w.fault == 0);
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED"}));
  BOOST_TEST(w.statuses[0].type == "Car");
  BOOST_TEST((w.statuses[0].keys == Fields{{"MKTOID", id(lead)}, {"VIN", "V1"}}));  // the keys as sent
  w = s.sync("Car", {car(lead, "V1", {{"Model", "XC40"}}), car(lead, "V2")}, "UPSERT");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"UPDATED", "CREATED"}));
  // INSERT skips the existing, UPDATE the new: FAILED with the reason.
  w = s.sync("Car", {car(lead, "V1"), car(lead, "V3")}, "INSERT");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"FAILED", "CREATED"}));
  BOOST_TEST(w.statuses[0].error.find("exists") != std::string::npos, w.statuses[0].error);
  BOOST_TEST(w.statuses[1].error.empty());
  w = s.sync("Car", {car(lead, "V4"), car(lead, "V2", {{"Color", "red"}})}, "UPDATE");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"FAILED", "UPDATED"}));
  // An update keeps the values it does not name.
  CustomPage p = s.get(by_vin("V1"));
  BOOST_REQUIRE(p.records.size() == 1u);
  BOOST_TEST(p.records[0].attribute("Make") == "Volvo");
  BOOST_TEST(p.records[0].attribute("Model") == "XC40");
  BOOST_TEST(p.records[0].attribute("Year") == "2020");
  BOOST_TEST(s.get(by_vin("V4")).records.empty());
  // objTypeName matches case-blind; the answer spells the type's name.
  w = s.sync("cAR", {car(lead, "V5")});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED"}));
  BOOST_TEST(w.statuses[0].type == "Car");
  BOOST_TEST(s.sync("Boat", {car(lead, "V6")}).fault == 20110);
}

BOOST_AUTO_TEST_CASE(a_wrong_key_set_is_20110_and_writes_nothing) {
  Sandbox s;
  int lead = s.lead("keys@example.com");
  // A field that is not a key; no VIN; VIN without a value; VIN twice.
  std::vector<CustomObj> wrong = {
      CustomObj{{{"MKTOID", id(lead)}, {"VIN", "K0"}, {"Make", "Saab"}}, {}},
      CustomObj{{{"MKTOID", id(lead)}}, {{"VIN", "K0"}}},
      CustomObj{{{"VIN", ""}}, {}},
      CustomObj{{{"VIN", "K0"}, {"VIN", "K1"}}, {}},
  };
  for (const CustomObj &bad : wrong) {
    // The good record before the bad one is not written either.
    HttpResponse r = s.soap("syncCustomObjects", sync_custom_request("Car", {car(lead, "GOOD"), bad}));
    BOOST_TEST(fault_code(r.body) == 20110, r.body);
    BOOST_TEST(r.body.find("Input error") != std::string::npos, r.body);
  }
  BOOST_TEST(s.get(by_vin("GOOD")).records.empty());
  BOOST_TEST(s.get(GetCustomCall()).return_count == 0);
  // The link is not needed among the keys: it may come as an attribute.
  CustomWrite w = s.sync("Car", {CustomObj{{{"VIN", "K2"}}, {{"MKTOID", id(lead)}}}});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED"}));
}

BOOST_AUTO_TEST_CASE(a_record_the_type_cannot_hold_fails_alone) {
  Sandbox s;
  int lead = s.lead("fails@example.com");
  CustomWrite w = s.sync("Car", {
                                    car(lead, "F1", {{"Wheels", "4"}}),          // no such field
                                    car(lead, "F2", {{"Year", "soon"}}),         // not an integer
                                    CustomObj{{{"VIN", "F3"}}, {}},              // new, without its lead
                                    car(987654, "F4"),                           // no such lead
                                    car(lead, "F5", {{"VIN", "F6"}}),            // a key among the attributes
                                    car(lead, "F7", {{"Year", "0042"}}),         // fine: 42
                                });
  BOOST_REQUIRE(w.fault == 0);
  BOOST_TEST(w.status_names() ==
             (std::vector<std::string>{"FAILED", "FAILED", "FAILED", "FAILED", "FAILED", "CREATED"}));
  for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(!w.statuses[i].error.empty(), i);
  BOOST_TEST(w.statuses[0].error.find("Wheels") != std::string::npos);
  BOOST_TEST(w.statuses[2].error.find("MKTOID") != std::string::npos);
  BOOST_TEST(s.get(GetCustomCall()).return_count == 1);
  BOOST_TEST(s.get(by_vin("F7")).records[0].attribute("Year") == "42");
  // An update needs no lead: the record keeps its own.
  w = s.sync("Car", {CustomObj{{{"VIN", "F7"}}, {{"Color", "blue"}}}}, "UPDATE");
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"UPDATED"}));
  BOOST_TEST(s.get(by_vin("F7")).records[0].key("MKTOID") == id(lead));
}

BOOST_AUTO_TEST_CASE(a_hundred_records_per_call_and_not_one_more) {
  Sandbox s;
  int lead = s.lead("hundred@example.com");
  std::vector<CustomObj> records;
  for (std::size_t i = 0; i <= mktows::kMaxCustomObjects; ++i) records.push_back(car(lead, "H" + std::to_string(i)));
  std::vector<CustomObj> hundred(records.begin(), records.end() - 1);
  BOOST_TEST(s.sync("Car", records).fault == 20110);
  BOOST_TEST(s.get(GetCustomCall()).return_count == 0);
  CustomWrite w = s.sync("Car", hundred);
  BOOST_REQUIRE(w.fault == 0);
  BOOST_TEST(w.statuses.size() == mktows::kMaxCustomObjects);
  BOOST_TEST(s.sync("Car", {}).fault == 20109);
  std::vector<Fields> keys;
  for (std::size_t i = 0; i <= mktows::kMaxCustomObjects; ++i) keys.push_back({{"VIN", "H" + std::to_string(i)}});
  BOOST_TEST(s.erase("Car", keys).fault == 20110);
  BOOST_TEST(s.erase("Car", {}).fault == 20109);
  keys.pop_back();
  BOOST_TEST(s.erase("Car", keys).statuses.size() == mktows::kMaxCustomObjects);
}

// --- getCustomObjects ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(get_selects_by_keys_and_answers_the_fields_asked_for) {
  Sandbox s;
  int a = s.lead("a@example.com"), b = s.lead("b@example.com");
  s.sync("Car", {car(a, "A1", {{"Make", "Fiat"}, {"Color", "red"}}), car(a, "A2"), car(b, "B1", {{"Make", "Kia"}})});
  CustomPage all = s.get(GetCustomCall());
  BOOST_TEST(all.type == "Car");
  BOOST_TEST(vins(all) == (std::vector<std::string>{"A1", "A2", "B1"}));
  BOOST_TEST(all.return_count == 3);
  BOOST_TEST(all.remaining == 0);
  BOOST_TEST(all.position.empty());
  // Keys: the link, then the dedupe fields; attributes: the rest that have a value.
  BOOST_TEST((all.records[0].keys == Fields{{"MKTOID", id(a)}, {"VIN", "A1"}}));
  BOOST_TEST((all.records[0].attributes == Fields{{"Make", "Fiat"}, {"Color", "red"}}));
  GetCustomCall of_a;
  of_a.keys = Fields{{"MKTOID", id(a)}};
  BOOST_TEST(vins(s.get(of_a)) == (std::vector<std::string>{"A1", "A2"}));
  of_a.keys->push_back({"VIN", "A2"});
  BOOST_TEST(vins(s.get(of_a)) == (std::vector<std::string>{"A2"}));
  GetCustomCall only_color;
  only_color.include = {"Color"};
  CustomPage p = s.get(only_color);
  BOOST_TEST((p.records[0].attributes == Fields{{"Color", "red"}}));
  BOOST_TEST(p.records[2].attributes.empty());
  // A name that is not a key selects nothing: 20110; an unknown field asked for: 20110.
  GetCustomCall by_make;
  by_make.keys = Fields{{"Make", "Fiat"}};
  BOOST_TEST(s.get(by_make).fault == 20110);
  GetCustomCall unknown;
  unknown.include = {"Wheels"};
  BOOST_TEST(s.get(unknown).fault == 20110);
  GetCustomCall other;
  other.type = "Boat";
  BOOST_TEST(s.get(other).fault == 20110);
}

BOOST_AUTO_TEST_CASE(batch_size_is_a_hundred_at_most) {
  Sandbox s;
  int lead = s.lead("pages@example.com");
  for (int chunk = 0; chunk < 2; ++chunk) {
    std::vector<CustomObj> records;
    for (int i = 0; i < 60; ++i) records.push_back(car(lead, "P" + std::to_string(chunk * 60 + i)));
    BOOST_REQUIRE(s.sync("Car", records).fault == 0);
  }
  GetCustomCall g;
  BOOST_TEST(s.get(g).return_count == mktows::kMaxCustomObjectPage);  // the default
  g.batch_size = mktows::kMaxCustomObjectPage + 1;
  CustomPage p = s.get(g);
  BOOST_TEST(p.return_count == mktows::kMaxCustomObjectPage);  // capped
  BOOST_TEST(p.remaining == 120 - mktows::kMaxCustomObjectPage);
  g.batch_size = mktows::kMaxCustomObjectPage - 1;
  BOOST_TEST(s.get(g).return_count == mktows::kMaxCustomObjectPage - 1);
  g.batch_size = 0;
  BOOST_TEST(s.get(g).fault == 20110);
}

BOOST_AUTO_TEST_CASE(paging_visits_each_record_once_while_records_are_written) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("c.json", kRoadshowConfig)});
  int lead = s.lead("walk@example.com");
  std::vector<CustomObj> records;
  for (int i = 0; i < 95; ++i) records.push_back(car(lead, "W" + std::to_string(100 + i)));
  BOOST_REQUIRE(s.sync("Car", records).fault == 0);
  GetCustomCall g;
  g.batch_size = 10;
  std::map<std::string, int> seen;
  CustomPage p = s.get(g);
  int pages = 0;
  while (true) {
    BOOST_REQUIRE(p.fault == 0);
    for (const std::string &v : vins(p)) ++seen[v];
    if (pages == 0) {
      // Between pages: a record updated, one created, one deleted (later in the walk).
      BOOST_TEST(s.sync("Car", {car(lead, "W150", {{"Color", "green"}}), car(lead, "NEW")}).fault == 0);
      BOOST_TEST(s.erase("Car", {{{"VIN", "W190"}}}).status_names() == (std::vector<std::string>{"DELETED"}));
    }
    // Exact: the walk's ids after this page (the deleted one's too).
    BOOST_TEST(p.remaining == std::max(0, 95 - 10 * (pages + 1)));
    ++pages;
    if (p.position.empty()) break;
    // A position sent again gives the same page again.
    GetCustomCall again = g;
    again.position = p.position;
    CustomPage once = s.get(again), twice = s.get(again);
    BOOST_TEST(vins(once) == vins(twice));
    p = once;
    if (pages > 20) break;
  }
  BOOST_TEST(pages == 10);
  BOOST_TEST(seen.size() == 94u);  // 95, less the one deleted; not the new one
  for (const auto &kv : seen) BOOST_TEST(kv.second == 1, kv.first);
  BOOST_TEST(seen.count("W190") == 0u);
  BOOST_TEST(seen.count("NEW") == 0u);
  // A position altered, or of another type's walk: 20122.
  CustomPage first = s.get(g);
  GetCustomCall altered = g;
  altered.position = first.position;
  (*altered.position)[1] = (*altered.position)[1] == '1' ? '2' : '1';
  BOOST_TEST(s.get(altered).fault == 20122);
  GetCustomCall other = g;
  other.type = "Roadshow";
  other.position = first.position;
  BOOST_TEST(s.get(other).fault == 20122);
  other.position = "not a position";
  BOOST_TEST(s.get(other).fault == 20122);
}

// --- deleteCustomObjects -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(delete_by_keys_deleted_then_failed) {
  Sandbox s;
  int a = s.lead("del.a@example.com"), b = s.lead("del.b@example.com");
  s.sync("Car", {car(a, "D1"), car(a, "D2"), car(a, "D3")});
  CustomWrite w = s.erase("Car", {{{"VIN", "D1"}}, {{"VIN", "NONE"}}, {{"MKTOID", id(b)}, {"VIN", "D2"}},
                                  {{"MKTOID", id(a)}, {"VIN", "D3"}}});
  BOOST_REQUIRE(w.fault == 0);
  // D2 belongs to another lead than the key list names: not found.
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"DELETED", "FAILED", "FAILED", "DELETED"}));
  BOOST_TEST(!w.statuses[1].error.empty());
  BOOST_TEST((w.statuses[0].keys == Fields{{"VIN", "D1"}}));
  BOOST_TEST(s.erase("Car", {{{"VIN", "D1"}}}).status_names() == (std::vector<std::string>{"FAILED"}));
  BOOST_TEST(vins(s.get(GetCustomCall())) == (std::vector<std::string>{"D2"}));
  // A key list that is not the key set: 20110, nothing deleted.
  BOOST_TEST(s.erase("Car", {{{"VIN", "D2"}}, {{"Make", "x"}}}).fault == 20110);
  BOOST_TEST(s.erase("Car", {{{"MKTOID", id(a)}}}).fault == 20110);
  BOOST_TEST(vins(s.get(GetCustomCall())) == (std::vector<std::string>{"D2"}));
}

// --- the journal and merges ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(records_survive_a_restart) {
  mktows_test::TempDir dir;
  int lead = 0;
  std::string guid;
  {
    Sandbox s({"--data", dir.path()});
    lead = s.lead("durable@example.com");
    s.sync("Car", {car(lead, "R1", {{"Make", "Tab\tand\nnewline"}}), car(lead, "R2"), car(lead, "R3")});
    s.sync("Car", {car(lead, "R2", {{"Color", "black"}})});
    s.erase("Car", {{{"VIN", "R3"}}});
    json r = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&filterValues=R1");
    guid = r["result"][0]["marketoGUID"];
    BOOST_TEST(s.process.stop() == 0);
  }
  Sandbox s({"--data", dir.path()});
  CustomPage p = s.get(GetCustomCall());
  BOOST_TEST(vins(p) == (std::vector<std::string>{"R1", "R2"}));
  BOOST_TEST(p.records[0].attribute("Make") == "Tab\tand\nnewline");
  BOOST_TEST(p.records[1].attribute("Color") == "black");
  BOOST_TEST(p.records[0].key("MKTOID") == id(lead));
  // The same marketoGUID after the restart, and new ids after the old ones.
  json r = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&filterValues=R1,R2");
  BOOST_TEST(r["result"][0]["marketoGUID"] == guid);
  json created = s.rest("POST", "/rest/v1/customobjects/Car.json",
                        R"({"input":[{"VIN":"R4","MKTOID":)" + id(lead) + "}]}");
  BOOST_REQUIRE(created["result"][0]["status"] == "created");
  std::set<std::string> guids{guid, r["result"][1]["marketoGUID"].get<std::string>(),
                              created["result"][0]["marketoGUID"].get<std::string>()};
  BOOST_TEST(guids.size() == 3u);
  BOOST_TEST(created["result"][0]["marketoGUID"].get<std::string>() > r["result"][1]["marketoGUID"].get<std::string>());
}

BOOST_AUTO_TEST_CASE(a_merge_moves_the_losers_custom_objects_to_the_winner) {
  mktows_test::TempDir dir;
  int winner = 0, loser = 0;
  {
    Sandbox s({"--data", dir.path()});
    winner = s.lead("winner@example.com");
    loser = s.lead("loser@example.com");
    s.sync("Car", {car(winner, "M1"), car(loser, "M2"), car(loser, "M3")});
    std::string merge = "<ns1:paramsMergeLeads>" + attributes_xml("winningLeadKeyList", {{"IDNUM", id(winner)}}) +
                        "<losingLeadKeyLists>" + attributes_xml("keyList", {{"IDNUM", id(loser)}}) +
                        "</losingLeadKeyLists></ns1:paramsMergeLeads>";
    HttpResponse r = s.soap("mergeLeads", envelope(demo_auth(), merge));
    BOOST_REQUIRE(fault_code(r.body) == 0);
    GetCustomCall of_winner;
    of_winner.keys = Fields{{"MKTOID", id(winner)}};
    BOOST_TEST(vins(s.get(of_winner)) == (std::vector<std::string>{"M1", "M2", "M3"}));
    GetCustomCall of_loser;
    of_loser.keys = Fields{{"MKTOID", id(loser)}};
    BOOST_TEST(s.get(of_loser).records.empty());
    // A record written after the merge is the winner's too (the loser is gone).
    BOOST_TEST(s.sync("Car", {car(loser, "M4")}).status_names() == (std::vector<std::string>{"FAILED"}));
    BOOST_TEST(s.sync("Car", {car(winner, "M4")}).status_names() == (std::vector<std::string>{"CREATED"}));
    BOOST_TEST(s.process.stop() == 0);
  }
  // The moved records are journaled after the merge: still the winner's after a restart.
  Sandbox s({"--data", dir.path()});
  GetCustomCall of_winner;
  of_winner.keys = Fields{{"MKTOID", id(winner)}};
  BOOST_TEST(vins(s.get(of_winner)) == (std::vector<std::string>{"M1", "M2", "M3", "M4"}));
  json r = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=MKTOID&filterValues=" + id(loser));
  BOOST_TEST(r["result"].empty());
}

// --- the REST face, and one store for both faces --------------------------------------------

BOOST_AUTO_TEST_CASE(rest_lists_and_describes_the_types) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("c.json", kRoadshowConfig)});
  json all = s.rest("GET", "/rest/v1/customobjects.json");
  BOOST_REQUIRE(all["result"].size() == 2u);
  BOOST_TEST(all["result"][0]["name"] == "Car");
  BOOST_TEST(all["result"][0]["idField"] == "marketoGUID");
  BOOST_TEST(all["result"][0]["dedupeFields"] == json::parse(R"(["VIN"])"));
  BOOST_TEST(all["result"][0]["relationships"][0]["field"] == "MKTOID");
  BOOST_TEST(all["result"][1]["dedupeFields"] == json::parse(R"(["rid","city"])"));
  json one = s.rest("GET", "/rest/v1/customobjects.json?names=Roadshow");
  BOOST_TEST(one["result"].size() == 1u);
  json d = s.rest("GET", "/rest/v1/customobjects/Car/describe.json");
  std::vector<std::string> names;
  for (const json &f : d["result"][0]["fields"]) names.push_back(f["name"]);
  BOOST_TEST(names == (std::vector<std::string>{"marketoGUID", "createdAt", "updatedAt", "VIN", "MKTOID", "Make",
                                                "Model", "Year", "Color"}));
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Boat/describe.json")) == "1013");
  // REST names a type exactly.
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/car/describe.json")) == "1013");
}

BOOST_AUTO_TEST_CASE(rest_sync_rules_and_statuses) {
  Sandbox s;
  int lead = s.lead("rest.sync@example.com");
  std::string l = id(lead);
  json r = s.rest("POST", "/rest/v1/customobjects/Car.json",
                  R"({"action":"createOnly","input":[{"VIN":"S1","MKTOID":)" + l + R"(,"Year":2021},{"VIN":"S2"}]})");
  BOOST_TEST(r["result"][0]["status"] == "created");
  BOOST_TEST(r["result"][1]["status"] == "skipped");  // a new record needs its lead
  BOOST_TEST(r["result"][1]["reasons"][0]["code"] == "1003");
  r = s.rest("POST", "/rest/v1/customobjects/Car.json", R"({"action":"createOnly","input":[{"VIN":"S1","MKTOID":)" + l + "}]}");
  BOOST_TEST(r["result"][0]["reasons"][0]["code"] == "1005");
  r = s.rest("POST", "/rest/v1/customobjects/Car.json", R"({"action":"updateOnly","input":[{"VIN":"S9"},{"VIN":"S1","Wheels":4}]})");
  BOOST_TEST(r["result"][0]["reasons"][0]["code"] == "1013");
  BOOST_TEST(r["result"][1]["reasons"][0]["code"] == "1006");
  // idField: only with updateOnly.
  BOOST_TEST(rest_error(s.rest("POST", "/rest/v1/customobjects/Car.json",
                               R"({"dedupeBy":"idField","input":[{"marketoGUID":"x"}]})")) == "1003");
  BOOST_TEST(rest_error(s.rest("POST", "/rest/v1/customobjects/Car.json", R"({"action":"sometimes","input":[{}]})")) == "1003");
  // 300 records per call, not 301.
  std::string many = R"({"input":[)";
  for (std::size_t i = 0; i <= mktows::rest_limits::kMaxRecords; ++i)
    many += std::string(i ? "," : "") + R"({"VIN":"N)" + std::to_string(i) + R"(","MKTOID":)" + l + "}";
  BOOST_TEST(rest_error(s.rest("POST", "/rest/v1/customobjects/Car.json", many + "]}")) == "1003");
  std::string three_hundred = many.substr(0, many.rfind(",{")) + "]}";
  r = s.rest("POST", "/rest/v1/customobjects/Car.json", three_hundred);
  BOOST_TEST(r["result"].size() == mktows::rest_limits::kMaxRecords);
  BOOST_TEST(r["result"][299]["status"] == "created");
}

BOOST_AUTO_TEST_CASE(one_store_soap_writes_read_through_rest_and_back) {
  Sandbox s;
  int lead = s.lead("both@example.com");
  s.sync("Car", {car(lead, "B1", {{"Make", "Audi"}, {"Year", "2019"}})});
  json r = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&filterValues=B1,NOPE&fields=VIN,Make,Year,MKTOID,marketoGUID");
  BOOST_REQUIRE(r["result"].size() == 1u);
  json rec = r["result"][0];
  BOOST_TEST(rec["Make"] == "Audi");
  BOOST_TEST(rec["Year"] == 2019);  // an integer field is a JSON number
  BOOST_TEST(rec["MKTOID"] == lead);
  BOOST_TEST(rec["seq"] == 0);
  std::string guid = rec["marketoGUID"];
  // The default fields: marketoGUID, the dedupe fields, createdAt, updatedAt.
  json d = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=dedupeFields&filterValues=B1");
  BOOST_TEST(d["result"][0].contains("createdAt"));
  BOOST_TEST(!d["result"][0].contains("Make"));
  BOOST_TEST(d["result"][0]["marketoGUID"] == guid);
  // Updated through REST by marketoGUID, read through SOAP.
  r = s.rest("POST", "/rest/v1/customobjects/Car.json",
             R"({"action":"updateOnly","dedupeBy":"idField","input":[{"marketoGUID":")" + guid + R"(","Color":"silver"}]})");
  BOOST_TEST(r["result"][0]["status"] == "updated");
  BOOST_TEST(r["result"][0]["marketoGUID"] == guid);
  CustomPage p = s.get(by_vin("B1"));
  BOOST_TEST(p.records[0].attribute("Color") == "silver");
  BOOST_TEST(p.records[0].attribute("Make") == "Audi");
  // Created through REST, read through SOAP; deleted through REST.
  s.rest("POST", "/rest/v1/customobjects/Car.json", R"({"input":[{"VIN":"B2","MKTOID":)" + id(lead) + "}]}");
  BOOST_TEST(vins(s.get(GetCustomCall())) == (std::vector<std::string>{"B1", "B2"}));
  r = s.rest("POST", "/rest/v1/customobjects/Car/delete.json",
             R"({"deleteBy":"idField","input":[{"marketoGUID":")" + guid + R"("},{"marketoGUID":"nonsense"}]})");
  BOOST_TEST(r["result"][0]["status"] == "deleted");
  BOOST_TEST(r["result"][1]["status"] == "skipped");
  r = s.rest("POST", "/rest/v1/customobjects/Car/delete.json", R"({"input":[{"VIN":"B2"},{"VIN":"B2"}]})");
  BOOST_TEST(r["result"][0]["status"] == "deleted");
  BOOST_TEST(r["result"][1]["reasons"][0]["code"] == "1013");
  BOOST_TEST(s.get(GetCustomCall()).return_count == 0);
}

BOOST_AUTO_TEST_CASE(compound_keys_through_post_method_get) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("c.json", kRoadshowConfig)});
  int lead = s.lead("roadshow@example.com");
  // The vendor's sample sends the link and rid as keys (and RoadShow for Roadshow).
  CustomWrite w = s.sync("RoadShow", {CustomObj{{{"MKTOID", id(lead)}, {"rid", "7"}, {"city", "Oslo"}}, {{"venue", "Hall A"}}},
                                      CustomObj{{{"MKTOID", id(lead)}, {"rid", "7"}, {"city", "Rome"}}, {}}});
  BOOST_TEST(w.status_names() == (std::vector<std::string>{"CREATED", "CREATED"}));
  BOOST_TEST(w.statuses[0].type == "Roadshow");
  // Half a compound key is a wrong key set.
  BOOST_TEST(s.sync("Roadshow", {CustomObj{{{"MKTOID", id(lead)}, {"rid", "7"}}, {}}}).fault == 20110);
  // GET cannot carry a compound key.
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Roadshow.json?filterType=dedupeFields&filterValues=7")) ==
             "1003");
  json r = s.rest("POST", "/rest/v1/customobjects/Roadshow.json?_method=GET",
                  R"({"filterType":"dedupeFields","fields":["rid","city","venue"],
                      "input":[{"rid":7,"city":"Oslo"},{"rid":8,"city":"Oslo"},{"rid":"007","city":"Rome"}]})");
  BOOST_REQUIRE(r["success"] == true);
  BOOST_REQUIRE(r["result"].size() == 2u);
  BOOST_TEST(r["result"][0]["venue"] == "Hall A");
  BOOST_TEST(r["result"][0]["seq"] == 0);
  BOOST_TEST(r["result"][1]["city"] == "Rome");
  BOOST_TEST(r["result"][1]["seq"] == 2);
  // One field of the key alone selects every record with it (a searchable field).
  r = s.rest("GET", "/rest/v1/customobjects/Roadshow.json?filterType=rid&filterValues=7");
  BOOST_TEST(r["result"].size() == 2u);
  // The REST write by compound key, read through SOAP.
  r = s.rest("POST", "/rest/v1/customobjects/Roadshow.json",
             R"({"action":"updateOnly","input":[{"rid":7,"city":"Rome","venue":"Forum"}]})");
  BOOST_TEST(r["result"][0]["status"] == "updated");
  GetCustomCall g;
  g.type = "Roadshow";
  g.keys = Fields{{"rid", "7"}, {"city", "Rome"}};
  CustomPage p = s.get(g);
  BOOST_REQUIRE(p.records.size() == 1u);
  BOOST_TEST(p.records[0].attribute("venue") == "Forum");
  BOOST_TEST((p.records[0].keys == Fields{{"MKTOID", id(lead)}, {"rid", "7"}, {"city", "Rome"}}));
}

BOOST_AUTO_TEST_CASE(rest_get_pages_and_refuses_bad_filters) {
  Sandbox s;
  int lead = s.lead("rest.pages@example.com");
  std::vector<CustomObj> records;
  std::string values;
  for (int i = 0; i < 7; ++i) {
    records.push_back(car(lead, "G" + std::to_string(i)));
    values += std::string(i ? "," : "") + "G" + std::to_string(i);
  }
  s.sync("Car", records);
  std::vector<std::string> seen;
  std::string next;
  for (int page = 0; page < 5; ++page) {
    json r = s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&batchSize=3&filterValues=" + values +
                               (next.empty() ? "" : "&nextPageToken=" + next));
    for (const json &rec : r["result"]) seen.push_back(rec["VIN"]);
    if (!r["moreResult"].get<bool>()) break;
    next = r["nextPageToken"];
  }
  BOOST_TEST(seen == (std::vector<std::string>{"G0", "G1", "G2", "G3", "G4", "G5", "G6"}));
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=Make&filterValues=x")) == "1003");
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN")) == "1003");
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&filterValues=G1&fields=Wheels")) ==
             "1006");
  BOOST_TEST(rest_error(s.rest("GET", "/rest/v1/customobjects/Car.json?filterType=VIN&filterValues=G1&batchSize=301")) ==
             "1003");
}

// The sheet's §6 #7: the WSDL requires includeAttributes (an empty element:
// every field), though one public client leaves it out.
BOOST_AUTO_TEST_CASE(include_attributes_is_required_as_the_wsdl_says) {
  Sandbox s;
  int lead = s.lead("include@example.com");
  s.sync("Car", {car(lead, "I1", {{"Make", "Seat"}})});
  HttpResponse r = s.soap("getCustomObjects", envelope(demo_auth(), "<ns1:paramsGetCustomObjects><objTypeName>Car"
                                                                    "</objTypeName></ns1:paramsGetCustomObjects>"));
  BOOST_TEST(fault_code(r.body) == 20017, r.body);
  r = s.soap("getCustomObjects", envelope(demo_auth(), "<ns1:paramsGetCustomObjects><objTypeName>Car</objTypeName>"
                                                       "<includeAttributes/></ns1:paramsGetCustomObjects>"));
  CustomPage p = read_custom_page(r);
  BOOST_REQUIRE(p.records.size() == 1u);
  BOOST_TEST(p.records[0].attribute("Make") == "Seat");
}

// --- the configuration ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_configuration_adds_types_and_refuses_bad_ones) {
  using mktows_sandbox::ConfigError;
  using mktows_sandbox::parse_config;
  mktows_sandbox::Config c = parse_config(kRoadshowConfig);
  const mktows_sandbox::CustomObjectType *t = c.world.custom_object_type("roadshow");
  BOOST_REQUIRE(t);
  BOOST_TEST(t->name == "Roadshow");
  BOOST_TEST(t->display_name == "Roadshow");
  BOOST_TEST(t->lead_link == "MKTOID");
  BOOST_TEST(std::string(t->field_type("rid")) == "integer");
  BOOST_TEST(std::string(t->field_type("venue")) == "string");
  BOOST_TEST(std::string(t->field_type("MKTOID")) == "integer");
  BOOST_TEST(!t->field_type("Venue"));  // exact spelling
  BOOST_TEST(c.world.custom_object_type("Car") != nullptr);  // added to the default world
  BOOST_TEST(!parse_config(R"({"defaultWorld": false})").world.custom_object_type("Car"));
  for (const char *bad : {
           R"({"customObjectTypes": [{"name": "Boat"}]})",                                      // no dedupe field
           R"({"customObjectTypes": [{"name": "Car", "dedupeFields": [{"name": "x"}]}]})",      // taken
           R"({"customObjectTypes": [{"name": "B", "dedupeFields": [{"name": "x", "type": "float"}]}]})",
           R"({"customObjectTypes": [{"name": "B", "dedupeFields": [{"name": "x"}], "fields": [{"name": "x"}]}]})",
           R"({"customObjectTypes": [{"name": "B", "dedupeFields": [{"name": "MKTOID"}]}]})",  // the link's name
           R"({"customObjectTypes": [{"name": "B", "dedupeFields": [{"name": "x"}], "colour": 1}]})",
           R"({"customObjectTypes": {}})",
       })
    BOOST_CHECK_THROW(parse_config(bad), ConfigError);
}

BOOST_AUTO_TEST_CASE(a_journal_of_a_type_the_configuration_dropped_stops_the_start) {
  mktows_test::TempDir dir;
  std::string config = dir.write("c.json", kRoadshowConfig);
  {
    Sandbox s({"--data", dir.path(), "--config", config});
    int lead = s.lead("gone@example.com");
    BOOST_TEST(s.sync("Roadshow", {CustomObj{{{"MKTOID", id(lead)}, {"rid", "1"}, {"city", "Bern"}}, {}}}).fault == 0);
    BOOST_TEST(s.process.stop() == 0);
  }
  // Dropping its records silently would lose acknowledged writes.
  BOOST_CHECK_THROW(mktows_test::SandboxProcess({"--data", dir.path()}), std::runtime_error);
  Sandbox s({"--data", dir.path(), "--config", config});
  GetCustomCall g;
  g.type = "Roadshow";
  BOOST_TEST(s.get(g).return_count == 1);
}
