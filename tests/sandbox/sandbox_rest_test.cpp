// The sandbox's REST face: RestFace driven directly (identity, tokens,
// Sync Leads' actions and reasons, the filter look-ups, the other lead
// calls, limits, HTTP-level refusals), then over HTTP on the sandbox's own
// port, sharing the store with the SOAP face.
#define BOOST_TEST_MODULE sandbox_rest_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/sandbox_process.hpp"

#include "config.hpp"
#include "lead_service.hpp"
#include "limiter.hpp"
#include "rest_face.hpp"

#include <nlohmann/json.hpp>

#include <thread>

using namespace mktows_sandbox;
using namespace mktows_front;
using nlohmann::json;

namespace {

const char kFieldsConfig[] = R"({
  "fields": ["FirstName", "LastName", "Company", {"name": "ExternalId", "restName": "externalId"},
             {"name": "LeadScore", "type": "integer"}, "SoapOnly"],
  "workspaces": {"enabled": true, "partitions": ["Default", "Europe"],
                 "list": [{"name": "EMEA", "primaryPartition": "Europe"}]},
  "rest": {"clientId": "cid", "clientSecret": "csecret", "tokenLifetimeSeconds": 3600}
})";

Config make_config(const std::string &text, const LimitsConfig &limits = LimitsConfig(), int lifetime = 3600) {
  Config c = parse_config(text);
  complete_config(c, nullptr, nullptr);
  complete_rest_config(c, nullptr, nullptr);
  c.limits = limits;
  c.rest.token_lifetime_seconds = lifetime;
  return c;
}

struct Face {
  explicit Face(const Config &c) : leads(c), limiter(c.limits), face(leads, limiter, false) {}
  LeadService leads;
  Limiter limiter;
  RestFace face;
  std::string token;

  HttpResponse call(const std::string &method, const std::string &target, const std::string &body = std::string(),
                    const std::string &type = "application/json", bool auth = true) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    if (auth) r.headers.emplace_back("Authorization", "Bearer " + token);
    if (!type.empty()) r.headers.emplace_back("Content-Type", type);
    r.body = body;
    return face.handle(r);
  }
  json js(const std::string &method, const std::string &target, const std::string &body = std::string(),
          const std::string &type = "application/json") {
    HttpResponse r = call(method, target, body, type);
    BOOST_TEST(r.status == 200);
    return json::parse(r.body);
  }
  json token_call(const std::string &id = "cid", const std::string &secret = "csecret", int *status = nullptr) {
    HttpResponse r = call("GET", "/identity/oauth/token?grant_type=client_credentials&client_id=" + id +
                                     "&client_secret=" + secret, "", "", false);
    if (status) *status = r.status;
    return json::parse(r.body);
  }
  void login() { token = token_call()["access_token"].get<std::string>(); }
  json sync(const json &body) { return js("POST", "/rest/v1/leads.json", body.dump()); }
};

std::string error_code(const json &j) {
  if (j.value("success", true) || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

std::string reason_code(const json &item) {
  return item.contains("reasons") ? item["reasons"][0]["code"].get<std::string>() : std::string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(identity_returns_the_valid_token_again_and_refuses_bad_clients) {
  Face f(make_config(kFieldsConfig, LimitsConfig(), 1));
  json a = f.token_call();
  BOOST_TEST(a["token_type"] == "bearer");
  BOOST_TEST(a["expires_in"] == 1);
  BOOST_TEST(!a.contains("requestId"));  // plain JSON, no envelope
  json b = f.token_call();
  BOOST_TEST(b["access_token"] == a["access_token"]);
  BOOST_TEST(b["expires_in"].get<int>() <= 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  json c = f.token_call();
  BOOST_TEST(c["access_token"] != a["access_token"]);
  int status = 0;
  json bad = f.token_call("cid", "wrong", &status);
  BOOST_TEST(status == 401);
  BOOST_TEST(bad["error"] == "invalid_client");
  BOOST_TEST(bad.dump().find("csecret") == std::string::npos);
  f.token_call("nobody", "csecret", &status);
  BOOST_TEST(status == 401);
  HttpResponse grant = f.call("POST", "/identity/oauth/token?grant_type=password&client_id=cid&client_secret=csecret",
                              "", "", false);
  BOOST_TEST(grant.status == 400);
  // A form body is taken as well as the query.
  HttpResponse form = f.call("POST", "/identity/oauth/token",
                             "grant_type=client_credentials&client_id=cid&client_secret=csecret",
                             "application/x-www-form-urlencoded", false);
  BOOST_TEST(form.status == 200);
  BOOST_TEST(f.face.identity_calls() == 7u);
}

BOOST_AUTO_TEST_CASE(tokens_603_601_602) {
  Face f(make_config(kFieldsConfig, LimitsConfig(), 1));
  HttpResponse none = f.call("GET", "/rest/v1/leads/partitions.json", "", "", false);
  BOOST_TEST(none.status == 200);
  BOOST_TEST(error_code(json::parse(none.body)) == "603");
  f.token = "0f6a2c44-9b1e-4d2a-8c11-5e7d3a9b2f10:ab";
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads/partitions.json")) == "601");
  // The withdrawn access_token parameter is not a token any more.
  f.login();
  std::string t = f.token;
  f.token.clear();
  BOOST_TEST(error_code(json::parse(f.call("GET", "/rest/v1/leads/partitions.json?access_token=" + t).body)) ==
             "601");
  f.token = t;
  BOOST_TEST(f.js("GET", "/rest/v1/leads/partitions.json")["success"] == true);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads/partitions.json")) == "602");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads/partitions.json")) == "602");
}

BOOST_AUTO_TEST_CASE(sync_leads_actions_and_lookup_fields) {
  Face f(make_config(kFieldsConfig));
  f.login();
  // createOrUpdate by email (the defaults): created, then updated.
  json r = f.sync({{"input", {{{"email", "ada@example.com"}, {"firstName", "Ada"}}}}});
  BOOST_TEST(r["success"] == true);
  BOOST_TEST(r["result"][0]["status"] == "created");
  BOOST_TEST(!r["result"][0].contains("seq"));
  int ada = r["result"][0]["id"].get<int>();
  r = f.sync({{"input", {{{"email", "ADA@example.com"}, {"lastName", "Lovelace"}, {"leadScore", 7}}}}});
  BOOST_TEST(r["result"][0]["status"] == "updated");
  BOOST_TEST(r["result"][0]["id"] == ada);
  // createOnly: 1005 for an existing lead, 1003 with an id; result order = input order.
  r = f.sync({{"action", "createOnly"},
              {"input", {{{"email", "ada@example.com"}}, {{"email", "alan@example.com"}}, {{"id", ada}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1005");
  BOOST_TEST(r["result"][1]["status"] == "created");
  BOOST_TEST(reason_code(r["result"][2]) == "1003");
  // updateOnly by id: updated, 1004 for an unknown id.
  r = f.sync({{"action", "updateOnly"}, {"lookupField", "id"},
              {"input", {{{"id", ada}, {"company", "Analytical"}}, {{"id", 999}, {"company", "x"}}}}});
  BOOST_TEST(r["result"][0]["status"] == "updated");
  BOOST_TEST(reason_code(r["result"][1]) == "1004");
  // id as lookupField of another action: 1003.
  r = f.sync({{"action", "createOrUpdate"}, {"lookupField", "id"}, {"input", {{{"id", ada}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1003");
  // createDuplicate: a second lead with the same email; then email is ambiguous (1007).
  r = f.sync({{"action", "createDuplicate"}, {"input", {{{"email", "ada@example.com"}}}}});
  BOOST_TEST(r["result"][0]["status"] == "created");
  BOOST_TEST(r["result"][0]["id"] != ada);
  r = f.sync({{"input", {{{"email", "ada@example.com"}, {"firstName", "Two"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1007");
  // A custom dedupe field as lookupField; a standard one is 1011, unknown 1006.
  r = f.sync({{"lookupField", "externalId"}, {"input", {{{"externalId", "X-1"}, {"email", "x1@example.com"}}}}});
  BOOST_TEST(r["result"][0]["status"] == "created");
  r = f.sync({{"lookupField", "externalId"}, {"input", {{{"externalId", "X-1"}, {"firstName", "Xena"}}}}});
  BOOST_TEST(r["result"][0]["status"] == "updated");
  r = f.sync({{"lookupField", "firstName"}, {"input", {{{"firstName", "Ada"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1011");
  r = f.sync({{"lookupField", "shoeSize"}, {"input", {{{"email", "q@example.com"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1006");
  // Unknown member 1006; missing lookup value, non-ASCII email, read-only field: 1003.
  r = f.sync({{"input",
               {{{"email", "n@example.com"}, {"shoeSize", 9}}, {{"firstName", "NoEmail"}},
                {{"email", "\xc3\xa9@example.com"}}, {{"email", "ro@example.com"}, {"leadPartitionId", 2}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1006");
  BOOST_TEST(reason_code(r["result"][1]) == "1003");
  BOOST_TEST(reason_code(r["result"][2]) == "1003");
  BOOST_TEST(reason_code(r["result"][3]) == "1003");
  // Partitions: 1008 unknown, 1009 empty, 1010 existing lead elsewhere; a
  // named partition is honoured for createOrUpdate.
  r = f.sync({{"partitionName", "Mars"}, {"input", {{{"email", "p1@example.com"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1008");
  r = f.sync({{"partitionName", ""}, {"input", {{{"email", "p1@example.com"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1009");
  r = f.sync({{"partitionName", "Europe"}, {"input", {{{"email", "eu@example.com"}}}}});
  BOOST_TEST(r["result"][0]["status"] == "created");
  json got = f.js("GET", "/rest/v1/leads.json?filterType=email&filterValues=eu@example.com&fields=leadPartitionId");
  BOOST_TEST(got["result"][0]["leadPartitionId"] == 2);
  r = f.sync({{"partitionName", "Default"}, {"input", {{{"email", "eu@example.com"}}}}});
  BOOST_TEST(reason_code(r["result"][0]) == "1010");
  // Typed fields come back typed; null clears.
  got = f.js("GET", "/rest/v1/lead/" + std::to_string(ada) + ".json?fields=leadScore,company,lastName");
  BOOST_TEST(got["result"][0]["leadScore"] == 7);
  BOOST_TEST(got["result"][0]["company"] == "Analytical");
  f.sync({{"action", "updateOnly"}, {"lookupField", "id"}, {"input", {{{"id", ada}, {"company", nullptr}}}}});
  got = f.js("GET", "/rest/v1/lead/" + std::to_string(ada) + ".json?fields=company");
  BOOST_TEST(got["result"][0]["company"].is_null());
  // Request-level refusals.
  BOOST_TEST(error_code(f.sync({{"action", "upsert"}, {"input", {{{"email", "a@b.c"}}}}})) == "1003");
  BOOST_TEST(error_code(f.sync({{"input", json::array()}})) == "701");
  json many = json::array();
  for (int i = 0; i < 301; ++i) many.push_back({{"email", "m" + std::to_string(i) + "@example.com"}});
  BOOST_TEST(error_code(f.sync({{"input", many}})) == "1003");
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads.json", "{\"input\": [")) == "609");
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads.json", "{}", "text/plain")) == "612");
  BOOST_TEST(error_code(f.js("DELETE", "/rest/v1/leads.json")) == "605");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/nothing.json")) == "610");
}

BOOST_AUTO_TEST_CASE(get_leads_by_filter_type_and_by_id) {
  Face f(make_config(kFieldsConfig));
  f.login();
  json in = json::array();
  for (int i = 0; i < 5; ++i) in.push_back({{"email", "f" + std::to_string(i) + "@example.com"}, {"firstName", "F"}});
  f.sync({{"input", in}});
  json r = f.js("GET", "/rest/v1/leads.json?filterType=email&filterValues=f1@example.com,f3@example.com,none@x.y");
  BOOST_TEST(r["result"].size() == 2u);
  BOOST_TEST(r["moreResult"] == false);
  // The vendor's default field set, the lead's times included.
  BOOST_TEST(r["result"][0].size() == 6u, r["result"][0].dump());
  for (const char *name : {"id", "email", "updatedAt", "createdAt", "firstName", "lastName"})
    BOOST_TEST(r["result"][0].contains(name), name);
  const std::string created = r["result"][0]["createdAt"];
  BOOST_TEST(created.size() == 20u);  // 2026-12-03T14:00:00Z
  BOOST_TEST(created.back() == 'Z');
  BOOST_TEST(r["result"][0]["updatedAt"] >= created);
  // No match: success with an empty result.
  r = f.js("GET", "/rest/v1/leads.json?filterType=email&filterValues=nobody@example.com");
  BOOST_TEST(r["success"] == true);
  BOOST_TEST(r["result"].empty());
  // The long-URI form, and paging.
  std::string all = "f0@example.com,f1@example.com,f2@example.com,f3@example.com,f4@example.com";
  r = f.js("POST", "/rest/v1/leads.json?_method=GET", "filterType=email&filterValues=" + all + "&batchSize=2",
           "application/x-www-form-urlencoded");
  BOOST_TEST(r["result"].size() == 2u);
  BOOST_TEST(r["moreResult"] == true);
  std::string next = r["nextPageToken"].get<std::string>();
  int seen = 2;
  while (r["moreResult"] == true) {
    r = f.js("GET", "/rest/v1/leads.json?filterType=email&batchSize=2&filterValues=" + all +
                        "&nextPageToken=" + r["nextPageToken"].get<std::string>());
    seen += static_cast<int>(r["result"].size());
  }
  BOOST_TEST(seen == 5);
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads.json?_method=GET", "filterType=email&filterValues=a",
                             "application/json")) == "612");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads.json?filterType=firstName&filterValues=F")) == "1011");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads.json?filterType=shoeSize&filterValues=9")) == "1006");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads.json?filterType=email")) == "701");
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads.json?filterType=email&filterValues=a&fields=bogus")) == "1006");
  // A standard filter type the sandbox keeps no data for: no match.
  r = f.js("GET", "/rest/v1/leads.json?filterType=sfdcAccountId&filterValues=001x");
  BOOST_TEST(r["success"] == true);
  BOOST_TEST(r["result"].empty());
  // By id: one record, or an empty result.
  int id = f.js("GET", "/rest/v1/leads.json?filterType=email&filterValues=f2@example.com")["result"][0]["id"];
  r = f.js("GET", "/rest/v1/lead/" + std::to_string(id) + ".json");
  BOOST_TEST(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["email"] == "f2@example.com");
  r = f.js("GET", "/rest/v1/leads.json?filterType=id&filterValues=" + std::to_string(id));
  BOOST_TEST(r["result"].size() == 1u);
  BOOST_TEST(f.js("GET", "/rest/v1/lead/77.json")["result"].empty());
}

BOOST_AUTO_TEST_CASE(describe_partitions_associate) {
  Face f(make_config(kFieldsConfig));
  f.login();
  json d = f.js("GET", "/rest/v1/leads/describe.json")["result"];
  auto find = [&](const std::string &soap) -> json {
    for (const json &i : d)
      if (i.contains("soap") && i["soap"]["name"] == soap) return i;
    return json();
  };
  BOOST_TEST(find("FirstName")["rest"]["name"] == "firstName");
  BOOST_TEST(find("ExternalId")["rest"]["name"] == "externalId");
  BOOST_TEST(find("LeadScore")["dataType"] == "integer");
  BOOST_TEST(!find("SoapOnly").contains("rest"));
  BOOST_TEST(!find("SoapOnly").is_null());
  json p = f.js("GET", "/rest/v1/leads/partitions.json")["result"];
  BOOST_TEST(p.size() == 2u);
  BOOST_TEST(p[0]["name"] == "Default");
  BOOST_TEST(p[1]["name"] == "Europe");
  int id = f.sync({{"input", {{{"email", "c@example.com"}}}}})["result"][0]["id"];
  std::string path = "/rest/v1/leads/" + std::to_string(id) + "/associate.json";
  json a = f.js("POST", path + "?cookie=id:561-HYG-937%26token:_mch-marketo.com-1374552656411-90718", "", "");
  BOOST_TEST(a["success"] == true);
  BOOST_TEST(!a.contains("result"));
  json c = f.js("GET", "/rest/v1/leads.json?filterType=cookies&filterValues=id:561-HYG-937%26token:_mch-marketo.com-"
                       "1374552656411-90718");
  BOOST_TEST(c["result"][0]["id"] == id);
  BOOST_TEST(error_code(f.js("POST", path + "?cookie=not-a-cookie", "", "")) == "1012");
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads/4242/associate.json?cookie=id:1%26token:2", "", "")) == "1004");
  BOOST_TEST(error_code(f.js("GET", path + "?cookie=id:1%26token:2")) == "605");
}

BOOST_AUTO_TEST_CASE(limits_606_615_607_and_http_refusals) {
  LimitsConfig rate;
  rate.calls_per_window = 3;
  rate.window_seconds = 20;
  Face f(make_config(kFieldsConfig, rate));
  f.login();
  for (int i = 0; i < 3; ++i) BOOST_TEST(f.js("GET", "/rest/v1/leads/partitions.json")["success"] == true);
  BOOST_TEST(error_code(f.js("GET", "/rest/v1/leads/partitions.json")) == "606");
  // Identity calls do not count.
  BOOST_TEST(f.token_call()["access_token"] == f.token);

  LimitsConfig quota;
  quota.daily_quota = 1;
  Face q(make_config(kFieldsConfig, quota));
  q.login();
  BOOST_TEST(q.js("GET", "/rest/v1/leads/partitions.json")["success"] == true);
  BOOST_TEST(error_code(q.js("GET", "/rest/v1/leads/partitions.json")) == "607");

  LimitsConfig one;
  one.max_concurrent = 1;
  Face c(make_config(kFieldsConfig, one));
  c.login();
  BOOST_TEST(c.js("GET", "/rest/v1/leads/partitions.json")["success"] == true);
  {
    Limiter::InFlight busy(c.limiter);  // another call in progress
    BOOST_TEST(error_code(c.js("GET", "/rest/v1/leads/partitions.json")) == "615");
  }
  BOOST_TEST(c.js("GET", "/rest/v1/leads/partitions.json")["success"] == true);

  BOOST_TEST(c.call("GET", "/rest/v1/leads.json?filterValues=" + std::string(8200, 'a')).status == 414);
  BOOST_TEST(c.call("POST", "/rest/v1/leads.json", std::string((1 << 20) + 1, ' ')).status == 413);
  BOOST_TEST(c.call("POST", "/rest/v1/leads.json", std::string(1 << 20, ' ')).status == 200);
}

BOOST_AUTO_TEST_CASE(same_store_as_the_soap_calls) {
  Face f(make_config(kFieldsConfig));
  f.login();
  SyncRequest s;
  s.lead.email = "george@jungle.com";
  s.lead.attributes = {{"FirstName", "George"}, {"LastName", "of the Jungle"}};
  int id = f.leads.sync_lead(s).lead_id;
  json r = f.js("GET", "/rest/v1/lead/" + std::to_string(id) + ".json?fields=email,firstName,lastName");
  BOOST_TEST(r["result"][0]["firstName"] == "George");
  f.sync({{"input", {{{"email", "george@jungle.com"}, {"company", "Jungle"}}}}});
  std::vector<Lead> back = f.leads.get_leads("EMAIL", "george@jungle.com");
  BOOST_REQUIRE(back.size() == 1u);
  BOOST_TEST(*back[0].attribute("Company") == "Jungle");
}

// Over HTTP, on the sandbox's one port.
BOOST_AUTO_TEST_CASE(over_http_on_the_soap_port) {
  mktows_test::SandboxProcess sandbox({}, {{"MKTOWS_REST_CLIENT_ID", "env-id"}, {"MKTOWS_REST_CLIENT_SECRET", "env-s"}});
  sandbox_test::Connection c(sandbox.port());
  // SOAP write.
  sandbox_test::SyncLeadCall call;
  call.lead.email = "http@example.com";
  call.lead.attributes = {{"FirstName", "Hattie"}};
  sandbox_test::HttpResponse soap =
      c.post("/soap/mktows/2_2", sandbox_test::sync_lead_request(call), sandbox_test::action("syncLead"));
  sandbox_test::SyncOutcome o = sandbox_test::read_sync_outcome(soap);
  BOOST_TEST(o.status == "CREATED");
  // REST on the same connection (keep-alive): token, then reads and a write.
  BOOST_REQUIRE(c.send_raw("GET /identity/oauth/token?grant_type=client_credentials&client_id=env-id&client_secret=env-s"
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  sandbox_test::HttpResponse t = c.read_response();
  BOOST_TEST(t.status == 200);
  std::string token = json::parse(t.body)["access_token"];
  BOOST_REQUIRE(c.send_raw("GET /rest/v1/lead/" + std::to_string(o.lead_id) +
                           ".json?fields=email,firstName HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                           "\r\n\r\n"));
  sandbox_test::HttpResponse g = c.read_response();
  BOOST_TEST(g.status == 200);
  BOOST_TEST(g.head.find("application/json") != std::string::npos);
  BOOST_TEST(json::parse(g.body)["result"][0]["firstName"] == "Hattie");
  std::string body = R"({"input":[{"email":"http@example.com","lastName":"Hopper"}]})";
  BOOST_REQUIRE(c.send_raw("POST /rest/v1/leads.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\n\r\n" + body));
  sandbox_test::HttpResponse p = c.read_response();
  BOOST_TEST(json::parse(p.body)["result"][0]["status"] == "updated");
  // Back through SOAP: the REST write is there.
  sandbox_test::HttpResponse back = c.post("/soap/mktows/2_2", sandbox_test::get_lead_request("EMAIL", "http@example.com"),
                                           sandbox_test::action("getLead"));
  BOOST_TEST(back.status == 200);
  BOOST_TEST(back.body.find("Hopper") != std::string::npos);
  // The demo pair is not accepted when the environment names a client.
  BOOST_REQUIRE(c.send_raw("GET /identity/oauth/token?grant_type=client_credentials&client_id=mktows-sandbox-demo-client"
                           "&client_secret=mktows-sandbox-demo-secret HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  sandbox_test::HttpResponse refused = c.read_response();
  BOOST_TEST(refused.status == 401);
  // The status line says what 401 means (a stock client showed "401 Bad Request").
  BOOST_TEST(refused.head.compare(0, 26, "HTTP/1.1 401 Unauthorized\r") == 0, refused.head);
  // HTTP-level refusals end the connection.
  sandbox_test::Connection big(sandbox.port());
  BOOST_REQUIRE(big.send_raw("POST /rest/v1/leads.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                             "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"));
  BOOST_TEST(big.read_response().status == 413);
  sandbox_test::Connection longer(sandbox.port());
  BOOST_REQUIRE(longer.send_raw("GET /rest/v1/leads.json?filterType=email&filterValues=" + std::string(9000, 'a') +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  BOOST_TEST(longer.read_response().status == 414);
  // The SOAP face still answers.
  sandbox_test::Connection after(sandbox.port());
  BOOST_TEST(after.get("/soap/mktows/2_2?WSDL").status == 200);
}

BOOST_AUTO_TEST_CASE(merge_leads_over_rest_is_the_soap_merge) {
  Face f(make_config(kFieldsConfig));
  f.login();
  json r = f.sync({{"input", {{{"email", "mw@example.com"}, {"firstName", "Win"}},
                              {{"email", "ml@example.com"}, {"lastName", "Lose"}},
                              {{"email", "mk@example.com"}}}}});
  int winner = r["result"][0]["id"], loser = r["result"][1]["id"], keep = r["result"][2]["id"];
  json m = f.js("POST", "/rest/v1/leads/" + std::to_string(winner) + "/merge.json?leadId=" + std::to_string(loser));
  BOOST_TEST(m["success"] == true);
  BOOST_TEST(!m.contains("result"));  // the vendor's answer has none
  // The loser is gone for both faces; the winner took the value it lacked.
  BOOST_TEST(f.js("GET", "/rest/v1/lead/" + std::to_string(loser) + ".json")["result"].empty());
  BOOST_CHECK_THROW(f.leads.get_leads("IDNUM", std::to_string(loser)), ServiceError);
  json w = f.js("GET", "/rest/v1/lead/" + std::to_string(winner) + ".json?fields=firstName,lastName");
  BOOST_TEST(w["result"][0]["firstName"] == "Win");
  BOOST_TEST(w["result"][0]["lastName"] == "Lose");
  // Refusals: an unknown loser, more than 25 ids, none at all.
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads/" + std::to_string(winner) + "/merge.json?leadIds=" +
                                         std::to_string(keep) + ",999999")) == "1004");
  BOOST_TEST(f.leads.get_leads("IDNUM", std::to_string(keep)).size() == 1u);  // nothing merged
  std::string many;
  for (int i = 0; i < 26; ++i) many += (i ? "," : "") + std::to_string(900000 + i);
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads/" + std::to_string(winner) + "/merge.json?leadIds=" + many)) == "1080");
  BOOST_TEST(error_code(f.js("POST", "/rest/v1/leads/" + std::to_string(winner) + "/merge.json")) == "701");
}
