// The campaigns domain: getCampaignsForSource, requestCampaign and
// scheduleCampaign through the real sandbox over HTTP (hand-written signed
// envelopes), the REST face's campaigns.json, trigger.json and schedule.json
// on the same port and store, the runs across a restart (--data), and the
// activity records a request leaves (CampaignService in process, where the
// log can be read). docs/SANDBOX.md, "Campaigns", gives every rule and choice.
#define BOOST_TEST_MODULE sandbox_campaigns_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include "auth.hpp"

#include "campaigns_service.hpp"
#include "config.hpp"
#include "lead_service.hpp"

#include <mktows/limits.hpp>

#include <nlohmann/json.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

using nlohmann::json;
using namespace sandbox_test;

namespace {

const char kEndpoint[] = "/soap/mktows/2_2";

// --- SOAP bodies, written by hand -------------------------------------------

struct Listing {
  int fault = 0;
  int return_count = -1;
  std::vector<int> ids;
  std::vector<std::string> names;
  std::vector<std::string> descriptions;
  bool description_elements = true;  // every record has a non-nil <description>
};

std::string for_source_request(const std::string &source, std::optional<std::string> name = std::nullopt,
                               std::optional<bool> exact = std::nullopt) {
  std::string x = "<ns1:paramsGetCampaignsForSource><source>" + source + "</source>";
  if (name) x += "<name>" + xml_escape(*name) + "</name>";
  if (exact) x += std::string("<exactName>") + (*exact ? "true" : "false") + "</exactName>";
  return envelope(demo_auth(), x + "</ns1:paramsGetCampaignsForSource>");
}

Listing read_listing(const HttpResponse &r) {
  Listing l;
  l.fault = fault_code(r.body);
  if (l.fault) return l;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  if (const mktows_test::XmlNode *n = find(body, "returnCount")) l.return_count = std::atoi(n->text.c_str());
  std::vector<const mktows_test::XmlNode *> records;
  find_all(body, "campaignRecord", records);
  for (const auto *c : records) {
    l.ids.push_back(std::atoi(find(*c, "id")->text.c_str()));
    l.names.push_back(find(*c, "name")->text);
    const mktows_test::XmlNode *d = find(*c, "description");
    if (!d || d->nil) l.description_elements = false;
    l.descriptions.push_back(d ? d->text : std::string());
  }
  return l;
}

struct Key {
  std::string type;
  std::string value;
};

struct RequestCall {
  std::string source = "MKTOWS";
  std::optional<int> campaign_id;
  std::optional<std::string> program_name;
  std::optional<std::string> campaign_name;
  std::optional<std::vector<std::pair<std::string, std::string>>> tokens;
  std::vector<Key> leads;
};

std::string tokens_xml(const std::vector<std::pair<std::string, std::string>> &tokens) {
  std::string x = "<programTokenList>";
  for (const auto &t : tokens)
    x += "<attrib><name>" + xml_escape(t.first) + "</name><value>" + xml_escape(t.second) + "</value></attrib>";
  return x + "</programTokenList>";
}

std::string request_campaign_request(const RequestCall &c) {
  std::string x = "<ns1:paramsRequestCampaign><source>" + c.source + "</source>";
  if (c.campaign_id) x += "<campaignId>" + std::to_string(*c.campaign_id) + "</campaignId>";
  x += "<leadList>";
  for (const Key &k : c.leads)
    x += "<leadKey><keyType>" + k.type + "</keyType><keyValue>" + xml_escape(k.value) + "</keyValue></leadKey>";
  x += "</leadList>";
  if (c.program_name) x += "<programName>" + xml_escape(*c.program_name) + "</programName>";
  if (c.campaign_name) x += "<campaignName>" + xml_escape(*c.campaign_name) + "</campaignName>";
  if (c.tokens) x += tokens_xml(*c.tokens);
  return envelope(demo_auth(), x + "</ns1:paramsRequestCampaign>");
}

std::string schedule_request(const std::string &program, const std::string &campaign,
                             std::optional<std::string> run_at = std::nullopt,
                             std::vector<std::pair<std::string, std::string>> tokens = {}) {
  std::string x = "<ns1:paramsScheduleCampaign><programName>" + xml_escape(program) + "</programName><campaignName>" +
                  xml_escape(campaign) + "</campaignName>";
  if (run_at) x += "<campaignRunAt>" + *run_at + "</campaignRunAt>";
  if (!tokens.empty()) x += tokens_xml(tokens);
  return envelope(demo_auth(), x + "</ns1:paramsScheduleCampaign>");
}

// 0: success true; else the fault code (-1: neither).
int outcome(const HttpResponse &r) {
  int f = fault_code(r.body);
  if (f) return f;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *s = find(body, "success");
  return s && s->text == "true" ? 0 : -1;
}

std::string w3c(std::time_t t) { return mktows_front::soap_time(t); }

// --- the sandbox over HTTP ----------------------------------------------------

struct Sandbox {
  explicit Sandbox(const std::vector<std::string> &args = {}) : process(args), c(process.port()) {}

  HttpResponse soap(const std::string &op, const std::string &body) { return c.post(kEndpoint, body, action(op)); }
  Listing list(const std::string &source, std::optional<std::string> name = std::nullopt,
               std::optional<bool> exact = std::nullopt) {
    return read_listing(soap("getCampaignsForSource", for_source_request(source, name, exact)));
  }
  int request(const RequestCall &call) { return outcome(soap("requestCampaign", request_campaign_request(call))); }
  int schedule(const std::string &program, const std::string &campaign, std::optional<std::string> run_at = std::nullopt,
               std::vector<std::pair<std::string, std::string>> tokens = {}) {
    return outcome(soap("scheduleCampaign", schedule_request(program, campaign, run_at, tokens)));
  }
  int sync(const std::string &email, const std::string &cookie = std::string()) {
    SyncLeadCall call;
    call.lead.email = email;
    call.cookie = cookie;
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

std::string error_code(const json &j) {
  if (j.value("success", true) || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

std::vector<int> ids_of(const json &result) {
  std::vector<int> out;
  for (const json &c : result) out.push_back(c["id"].get<int>());
  return out;
}

json campaign_by_id(Sandbox &s, int id) {
  json r = s.rest("GET", "/rest/v1/campaigns.json?id=" + std::to_string(id));
  BOOST_REQUIRE(r["result"].size() == 1u);
  return r["result"][0];
}

std::time_t rest_seconds(const json &v) {
  std::time_t t = 0;
  BOOST_REQUIRE(mktows_front::parse_w3c_timestamp(v.get<std::string>(), t));
  return t;
}

std::vector<std::pair<std::string, std::string>> n_tokens(std::size_t n) {
  std::vector<std::pair<std::string, std::string>> t;
  for (std::size_t i = 0; i < n; ++i) t.emplace_back("{{my.t" + std::to_string(i) + "}}", "v");
  return t;
}

// --- in process: the activity log --------------------------------------------

struct InProcess {
  InProcess() : config(make()), leads(config), campaigns(leads) {}
  static mktows_sandbox::Config make() {
    mktows_sandbox::Config c;
    mktows_sandbox::complete_config(c, nullptr, nullptr);
    return c;
  }
  int sync(const std::string &email, const std::string &cookie = std::string()) {
    mktows_front::SyncRequest s;
    s.lead.email = email;
    s.cookie = cookie;
    return leads.sync_lead(s).lead_id;
  }
  // The lead's Request Campaign records.
  std::vector<mktows_sandbox::Activity> requests(int lead_id) {
    std::vector<mktows_sandbox::Activity> out;
    leads.read([&](const mktows_sandbox::LeadStore &, const mktows_sandbox::ActivityLog &log) {
      if (const std::vector<std::size_t> *at = log.of_lead(lead_id))
        for (std::size_t i : *at)
          if (std::string(log.all()[i].info().enum_name) == "RequestCampaign") out.push_back(log.all()[i]);
    });
    return out;
  }
  static mktows_front::CampaignRequest welcome(std::vector<mktows_front::CampaignLeadKey> keys) {
    mktows_front::CampaignRequest r;
    r.has_campaign_id = true;
    r.campaign_id = 2001;
    r.leads = std::move(keys);
    return r;
  }
  int fault(const mktows_front::CampaignRequest &r) {
    try {
      campaigns.request_campaign(r);
    } catch (const mktows_front::ServiceError &e) {
      return e.code();
    }
    return 0;
  }
  mktows_sandbox::Config config;
  mktows_sandbox::LeadService leads;
  mktows_sandbox::CampaignService campaigns;
};

std::string attr(const mktows_sandbox::Activity &a, const std::string &name) {
  for (const auto &x : a.attributes)
    if (x.name == name) return x.value;
  return "(none)";
}

}  // namespace

// --- getCampaignsForSource ---------------------------------------------------

BOOST_AUTO_TEST_CASE(each_source_lists_the_campaigns_it_may_request) {
  Sandbox s;
  Listing m = s.list("MKTOWS");
  BOOST_TEST(m.fault == 0);
  BOOST_TEST(m.return_count == 1);
  BOOST_TEST(m.ids == std::vector<int>{2001});
  BOOST_TEST(m.names == std::vector<std::string>{"Demo Program.Welcome"});
  BOOST_TEST(m.descriptions == std::vector<std::string>{"Sends the welcome email"});
  Listing sales = s.list("SALES");
  BOOST_TEST(sales.return_count == 1);
  BOOST_TEST(sales.ids == std::vector<int>{2002});
  BOOST_TEST(sales.names == std::vector<std::string>{"Demo Program.Sales Alert"});
}

BOOST_AUTO_TEST_CASE(name_is_a_case_blind_substring_and_exact_name_a_whole_name) {
  Sandbox s;
  BOOST_TEST(s.list("MKTOWS", std::string("welc")).ids == std::vector<int>{2001});
  BOOST_TEST(s.list("MKTOWS", std::string("WELCOME"), false).ids == std::vector<int>{2001});
  // The substring may span the program's part of the listed name.
  BOOST_TEST(s.list("MKTOWS", std::string("program.wel")).ids == std::vector<int>{2001});
  BOOST_TEST(s.list("SALES", std::string("alert")).ids == std::vector<int>{2002});
  Listing none = s.list("MKTOWS", std::string("Digest"));
  BOOST_TEST(none.fault == 0);
  BOOST_TEST(none.return_count == 0);
  BOOST_TEST(none.ids.empty());
  // exactName: the listed name or the campaign's own, without case.
  BOOST_TEST(s.list("MKTOWS", std::string("welcome"), true).ids == std::vector<int>{2001});
  BOOST_TEST(s.list("MKTOWS", std::string("Demo Program.Welcome"), true).ids == std::vector<int>{2001});
  BOOST_TEST(s.list("MKTOWS", std::string("Welcom"), true).return_count == 0);
  BOOST_TEST(s.list("MKTOWS", std::string("Program.Welcome"), true).return_count == 0);
  // An empty name filters nothing.
  BOOST_TEST(s.list("MKTOWS", std::string("")).ids == std::vector<int>{2001});
}

BOOST_AUTO_TEST_CASE(an_empty_description_is_an_empty_element) {
  mktows_test::TempDir dir;
  std::string config = dir.write("c.json", R"({"campaigns": [
    {"id": 2101, "program": "Demo Program", "name": "Bare", "type": "trigger", "requestable": ["MKTOWS"]}]})");
  Sandbox s({"--config", config});
  HttpResponse r = s.soap("getCampaignsForSource", for_source_request("MKTOWS", std::string("Bare"), true));
  Listing l = read_listing(r);
  BOOST_TEST(l.ids == std::vector<int>{2101});
  BOOST_TEST(l.description_elements);
  BOOST_TEST(l.descriptions == std::vector<std::string>{""});
  BOOST_TEST((r.body.find("<description></description>") != std::string::npos ||
              r.body.find("<description/>") != std::string::npos),
             r.body);
}

// --- requestCampaign over SOAP -------------------------------------------------

BOOST_AUTO_TEST_CASE(request_campaign_takes_only_the_two_legal_shapes) {
  Sandbox s;
  int id = s.sync("shape@example.com");
  std::vector<Key> lead{{"IDNUM", std::to_string(id)}};
  RequestCall by_id;
  by_id.campaign_id = 2001;
  by_id.leads = lead;
  BOOST_TEST(s.request(by_id) == 0);
  RequestCall by_name;
  by_name.program_name = "Demo Program";
  by_name.campaign_name = "Welcome";
  by_name.leads = lead;
  BOOST_TEST(s.request(by_name) == 0);
  by_name.tokens = std::vector<std::pair<std::string, std::string>>{};  // may be empty
  BOOST_TEST(s.request(by_name) == 0);
  by_name.tokens = std::vector<std::pair<std::string, std::string>>{{"{{my.message}}", "Hello"}};
  BOOST_TEST(s.request(by_name) == 0);

  RequestCall mix = by_id;
  mix.program_name = "Demo Program";
  BOOST_TEST(s.request(mix) == 20110);
  mix = by_id;
  mix.campaign_name = "Welcome";
  BOOST_TEST(s.request(mix) == 20110);
  mix = by_id;
  mix.tokens = std::vector<std::pair<std::string, std::string>>{{"{{my.message}}", "Hello"}};
  BOOST_TEST(s.request(mix) == 20110);
  // Both id and names, even naming the same campaign.
  mix = by_name;
  mix.campaign_id = 2001;
  BOOST_TEST(s.request(mix) == 20110);
  // A campaign id of a campaign in another program than programName.
  mix.program_name = "Webinar 2026";
  BOOST_TEST(s.request(mix) == 20110);
  RequestCall half;
  half.leads = lead;
  half.program_name = "Demo Program";
  BOOST_TEST(s.request(half) == 20110);
  half.program_name.reset();
  half.campaign_name = "Welcome";
  BOOST_TEST(s.request(half) == 20110);
  half.campaign_name.reset();
  BOOST_TEST(s.request(half) == 20109);  // nothing names a campaign
}

BOOST_AUTO_TEST_CASE(request_campaign_refuses_unknown_batch_and_unrequestable_campaigns) {
  Sandbox s;
  int id = s.sync("refuse@example.com");
  RequestCall c;
  c.leads = {{"IDNUM", std::to_string(id)}};
  c.campaign_id = 9999;
  BOOST_TEST(s.request(c) == 20113);
  c.campaign_id.reset();
  c.program_name = "Demo Program";
  c.campaign_name = "Nope";
  BOOST_TEST(s.request(c) == 20113);
  c.program_name = "Webinar 2026";  // Welcome is not in this program
  c.campaign_name = "Welcome";
  BOOST_TEST(s.request(c) == 20113);
  // Names are matched without case, as the world's look-ups are.
  c.program_name = "demo program";
  c.campaign_name = "WELCOME";
  BOOST_TEST(s.request(c) == 0);
  c.program_name.reset();
  c.campaign_name.reset();
  c.campaign_id = 2003;  // batch
  BOOST_TEST(s.request(c) == 20110);
  // The reason is told: batch, not merely "not requestable".
  HttpResponse batch = s.soap("requestCampaign", request_campaign_request(c));
  BOOST_TEST(batch.body.find("Demo Program.Weekly Digest is a batch campaign") != std::string::npos, batch.body);
  c.campaign_id = 2002;  // Sales Insight only
  BOOST_TEST(s.request(c) == 20110);
  c.source = "SALES";
  BOOST_TEST(s.request(c) == 0);
  c.campaign_id = 2001;  // Web Service API only
  BOOST_TEST(s.request(c) == 20110);
  c.campaign_id = 2003;
  BOOST_TEST(s.request(c) == 20110);
}

BOOST_AUTO_TEST_CASE(request_campaign_resolves_lead_keys_and_refuses_bad_ones) {
  Sandbox s;
  int a = s.sync("keys@example.com", "id:123-ABC-456&token:_mch-example.com-1-1");
  RequestCall c;
  c.campaign_id = 2001;
  c.leads = {{"IDNUM", std::to_string(a)}};
  BOOST_TEST(s.request(c) == 0);
  c.leads = {{"EMAIL", "KEYS@example.com"}};
  BOOST_TEST(s.request(c) == 0);
  c.leads = {{"COOKIE", "id:123-ABC-456&token:_mch-example.com-1-1"}};
  BOOST_TEST(s.request(c) == 0);
  c.leads = {{"IDNUM", std::to_string(a)}, {"EMAIL", "nobody@example.com"}};
  BOOST_TEST(s.request(c) == 20103);
  c.leads = {{"IDNUM", "99999999"}};
  BOOST_TEST(s.request(c) == 20103);
  c.leads = {{"IDNUM", "abc"}};
  BOOST_TEST(s.request(c) == 20102);
  c.leads = {{"LEADOWNEREMAIL", "owner@example.com"}};
  BOOST_TEST(s.request(c) == 20102);
  c.leads = {{"EMAIL", ""}};
  BOOST_TEST(s.request(c) == 20101);
  c.leads.clear();
  BOOST_TEST(s.request(c) == 20101);
}

BOOST_AUTO_TEST_CASE(request_campaign_ignores_keys_past_the_hundredth) {
  Sandbox s;
  int a = s.sync("hundred@example.com");
  RequestCall c;
  c.campaign_id = 2001;
  c.leads.assign(mktows::kMaxCampaignLeads - 1, Key{"IDNUM", std::to_string(a)});
  c.leads.push_back(Key{"EMAIL", "nobody@example.com"});  // the 100th: looked up
  BOOST_TEST(s.request(c) == 20103);
  c.leads.back() = Key{"IDNUM", std::to_string(a)};
  c.leads.push_back(Key{"EMAIL", "nobody@example.com"});  // the 101st: ignored
  BOOST_TEST(s.request(c) == 0);
}

BOOST_AUTO_TEST_CASE(program_tokens_must_be_my_tokens_and_at_most_a_hundred) {
  Sandbox s;
  int a = s.sync("tokens@example.com");
  RequestCall c;
  c.program_name = "Demo Program";
  c.campaign_name = "Welcome";
  c.leads = {{"IDNUM", std::to_string(a)}};
  for (const char *bad : {"message", "{{message}}", "{{my.}}", "{{my.a}b}}", "{my.message}", "{{my.message}"}) {
    c.tokens = std::vector<std::pair<std::string, std::string>>{{bad, "x"}};
    BOOST_TEST(s.request(c) == 20110, bad);
  }
  c.tokens = n_tokens(mktows::rest_limits::kMaxCampaignTokens);
  BOOST_TEST(s.request(c) == 0);
  c.tokens = n_tokens(mktows::rest_limits::kMaxCampaignTokens + 1);
  BOOST_TEST(s.request(c) == 20110);
}

// --- the Request Campaign records (in process) ----------------------------------

BOOST_AUTO_TEST_CASE(a_request_leaves_one_request_campaign_record_per_lead) {
  InProcess p;
  int a = p.sync("a@example.com", "id:1&token:_mch-a");
  int b = p.sync("b@example.com");
  mktows_front::CampaignRequest r = InProcess::welcome({{"IDNUM", std::to_string(a)}, {"EMAIL", "b@example.com"},
                                                        {"COOKIE", "id:1&token:_mch-a"}});
  BOOST_TEST(p.fault(r) == 0);
  std::vector<mktows_sandbox::Activity> ra = p.requests(a), rb = p.requests(b);
  BOOST_REQUIRE(ra.size() == 1u);  // named twice (IDNUM, COOKIE): run once
  BOOST_REQUIRE(rb.size() == 1u);
  BOOST_TEST(ra[0].asset == "Demo Program.Welcome");
  BOOST_TEST(ra[0].campaign == "Welcome");
  BOOST_TEST(attr(ra[0], "Source") == "Web Service API");
  BOOST_TEST(ra[0].at > 0);

  // Tokens are the record's attributes.
  r.has_campaign_id = false;
  r.has_program_name = r.has_campaign_name = r.has_tokens = true;
  r.program_name = "Demo Program";
  r.campaign_name = "Welcome";
  r.tokens = {{"{{my.message}}", "Hello"}};
  r.leads = {{"IDNUM", std::to_string(b)}};
  BOOST_TEST(p.fault(r) == 0);
  rb = p.requests(b);
  BOOST_REQUIRE(rb.size() == 2u);
  BOOST_TEST(attr(rb[1], "{{my.message}}") == "Hello");

  // From Sales Insight.
  mktows_front::CampaignRequest sales = InProcess::welcome({{"IDNUM", std::to_string(b)}});
  sales.campaign_id = 2002;
  sales.source = mktows_front::CampaignSource::sales;
  BOOST_TEST(p.fault(sales) == 0);
  rb = p.requests(b);
  BOOST_REQUIRE(rb.size() == 3u);
  BOOST_TEST(rb[2].asset == "Demo Program.Sales Alert");
  BOOST_TEST(attr(rb[2], "Source") == "Sales Insight");
}

BOOST_AUTO_TEST_CASE(a_refused_request_runs_for_no_lead) {
  InProcess p;
  int a = p.sync("first@example.com");
  BOOST_TEST(p.fault(InProcess::welcome({{"IDNUM", std::to_string(a)}, {"EMAIL", "nobody@example.com"}})) == 20103);
  BOOST_TEST(p.requests(a).empty());
  mktows_front::CampaignRequest batch = InProcess::welcome({{"IDNUM", std::to_string(a)}});
  batch.campaign_id = 2003;
  BOOST_TEST(p.fault(batch) == 20110);
  BOOST_TEST(p.requests(a).empty());
}

BOOST_AUTO_TEST_CASE(the_hundred_and_first_lead_gets_no_record) {
  InProcess p;
  std::vector<int> ids;
  std::vector<mktows_front::CampaignLeadKey> keys;
  for (std::size_t i = 0; i <= mktows::kMaxCampaignLeads; ++i) {
    ids.push_back(p.sync("lead" + std::to_string(i) + "@example.com"));
    keys.push_back({"IDNUM", std::to_string(ids.back())});
  }
  BOOST_TEST(p.fault(InProcess::welcome(keys)) == 0);
  BOOST_TEST(p.requests(ids[mktows::kMaxCampaignLeads - 1]).size() == 1u);
  BOOST_TEST(p.requests(ids[mktows::kMaxCampaignLeads]).empty());
}

// --- scheduleCampaign over SOAP, seen through REST ---------------------------------

BOOST_AUTO_TEST_CASE(schedule_campaign_rules) {
  Sandbox s;
  BOOST_TEST(s.schedule("", "Weekly Digest") == 20109);
  // An absent required element is the strict parser's 20017.
  BOOST_TEST(fault_code(s.soap("scheduleCampaign",
                               envelope(demo_auth(), "<ns1:paramsScheduleCampaign><campaignName>Weekly Digest"
                                                     "</campaignName></ns1:paramsScheduleCampaign>"))
                            .body) == 20017);
  BOOST_TEST(s.schedule("Demo Program", "") == 20109);
  BOOST_TEST(s.schedule("Demo Program", "Nope") == 20113);
  BOOST_TEST(s.schedule("Webinar 2026", "Weekly Digest") == 20113);
  BOOST_TEST(s.schedule("Demo Program", "Welcome") == 20110);  // a trigger campaign
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest", std::nullopt, {{"digest", "x"}}) == 20110);
  const std::time_t now = std::time(nullptr);
  const long long ahead = mktows::rest_limits::kMaxRunAtAheadSeconds;
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest", w3c(now + ahead + 60)) == 20110);
  BOOST_TEST(campaign_by_id(s, 2003)["sandboxRuns"].empty());  // refusals record nothing

  // Now (no run time), later, a time already past, at the two-year edge.
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest") == 0);
  BOOST_TEST(s.schedule("demo program", "weekly digest", w3c(now + 3600), {{"{{my.subject}}", "News"}}) == 0);
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest", w3c(now - 86400)) == 0);
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest", w3c(now + ahead - 60)) == 0);
  json runs = campaign_by_id(s, 2003)["sandboxRuns"];
  BOOST_REQUIRE(runs.size() == 4u);
  const std::time_t after = std::time(nullptr);
  BOOST_TEST(rest_seconds(runs[0]["runAt"]) >= now);
  BOOST_TEST(rest_seconds(runs[0]["runAt"]) <= after);  // immediately, not REST's +5 min
  BOOST_TEST(rest_seconds(runs[1]["runAt"]) == now + 3600);
  BOOST_TEST(runs[1]["tokens"] == json::parse(R"([{"name":"{{my.subject}}","value":"News"}])"));
  BOOST_TEST(rest_seconds(runs[2]["runAt"]) >= now);  // the past: now
  BOOST_TEST(rest_seconds(runs[3]["runAt"]) == now + ahead - 60);
  BOOST_TEST(runs[0]["via"] == "SOAP");
  BOOST_TEST(ids_of(runs) == (std::vector<int>{1, 2, 3, 4}));
}

BOOST_AUTO_TEST_CASE(runs_survive_a_restart) {
  mktows_test::TempDir dir;
  const std::time_t at = std::time(nullptr) + 7200;
  {
    Sandbox s({"--data", dir.path()});
    BOOST_TEST(s.schedule("Demo Program", "Weekly Digest", w3c(at), {{"{{my.a}}", "tab\there"}}) == 0);
    BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json")["success"] == true);
    BOOST_TEST(s.process.stop() == 0);
  }
  Sandbox s({"--data", dir.path()});
  json runs = campaign_by_id(s, 2003)["sandboxRuns"];
  BOOST_REQUIRE(runs.size() == 2u);
  BOOST_TEST(rest_seconds(runs[0]["runAt"]) == at);
  BOOST_TEST(runs[0]["tokens"][0]["value"] == "tab\there");
  BOOST_TEST(runs[1]["via"] == "REST");
  // Ids go on after the replayed ones.
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest") == 0);
  BOOST_TEST(ids_of(campaign_by_id(s, 2003)["sandboxRuns"]) == (std::vector<int>{1, 2, 3}));
}

// --- the REST face ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rest_campaigns_json_filters_and_pages) {
  Sandbox s;
  json all = s.rest("GET", "/rest/v1/campaigns.json");
  BOOST_TEST(all["success"] == true);
  BOOST_TEST(ids_of(all["result"]) == (std::vector<int>{2001, 2002, 2003}));
  BOOST_TEST(all["moreResult"] == false);
  json w = all["result"][0];
  BOOST_TEST(w["name"] == "Welcome");
  BOOST_TEST(w["programName"] == "Demo Program");
  BOOST_TEST(w["programId"] == 1001);
  BOOST_TEST(w["type"] == "trigger");
  BOOST_TEST(w["description"] == "Sends the welcome email");
  BOOST_TEST(w["workspaceName"] == "Default");
  BOOST_TEST(w["active"] == true);
  BOOST_TEST(all["result"][2]["type"] == "batch");
  BOOST_TEST(ids_of(s.rest("GET", "/rest/v1/campaigns.json?isTriggerable=true")["result"]) == std::vector<int>{2001});
  BOOST_TEST(ids_of(s.rest("GET", "/rest/v1/campaigns.json?isTriggerable=false")["result"]) ==
             (std::vector<int>{2002, 2003}));
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/campaigns.json?isTriggerable=yes")) == "1003");
  BOOST_TEST(ids_of(s.rest("GET", "/rest/v1/campaigns.json?name=weekly%20digest,Welcome")["result"]) ==
             (std::vector<int>{2001, 2003}));
  BOOST_TEST(s.rest("GET", "/rest/v1/campaigns.json?name=Welc")["result"].empty());  // whole names only
  BOOST_TEST(ids_of(s.rest("GET", "/rest/v1/campaigns.json?programName=Demo%20Program&name=Welcome")["result"]) ==
             std::vector<int>{2001});
  BOOST_TEST(s.rest("GET", "/rest/v1/campaigns.json?programName=Webinar%202026")["result"].empty());
  BOOST_TEST(s.rest("GET", "/rest/v1/campaigns.json?workspaceName=Other")["result"].empty());
  BOOST_TEST(ids_of(s.rest("GET", "/rest/v1/campaigns.json?id=2003,2001")["result"]) == (std::vector<int>{2001, 2003}));

  // Pages of two: every campaign once.
  json p1 = s.rest("GET", "/rest/v1/campaigns.json?batchSize=2");
  BOOST_TEST(ids_of(p1["result"]) == (std::vector<int>{2001, 2002}));
  BOOST_REQUIRE(p1["moreResult"] == true);
  json p2 = s.rest("GET", "/rest/v1/campaigns.json?batchSize=2&nextPageToken=" + p1["nextPageToken"].get<std::string>());
  BOOST_TEST(ids_of(p2["result"]) == std::vector<int>{2003});
  BOOST_TEST(p2["moreResult"] == false);
  BOOST_TEST(!p2.contains("nextPageToken"));
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/campaigns.json?nextPageToken=sb-2")) == "1003");
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/campaigns.json?batchSize=0")) == "1003");
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/campaigns.json?batchSize=" +
                                          std::to_string(mktows::rest_limits::kMaxRecords + 1))) == "1003");
  BOOST_TEST(s.rest("GET", "/rest/v1/campaigns.json?batchSize=" + std::to_string(mktows::rest_limits::kMaxRecords))
                 ["success"] == true);
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns.json", "{}")) == "605");
}

BOOST_AUTO_TEST_CASE(rest_trigger_rules) {
  Sandbox s;
  int a = s.sync("trigger@example.com");
  auto body = [&](std::size_t leads, const json &tokens = json()) {
    json in{{"leads", json::array()}};
    for (std::size_t i = 0; i < leads; ++i) in["leads"].push_back({{"id", a}});
    if (!tokens.is_null()) in["tokens"] = tokens;
    return json{{"input", in}}.dump();
  };
  json ok = s.rest("POST", "/rest/v1/campaigns/2001/trigger.json",
                   body(1, json::parse(R"([{"name":"{{my.message}}","value":"Hi"}])")));
  BOOST_TEST(ok["success"] == true);
  BOOST_TEST(ok["result"] == json::parse(R"([{"id":2001}])"));
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2003/trigger.json", body(1))) == "1003");  // batch
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2002/trigger.json", body(1))) == "1003");  // not by API
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/9999/trigger.json", body(1))) == "1013");
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", body(mktows::rest_limits::kMaxTriggerLeads))
                 ["success"] == true);
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json",
                               body(mktows::rest_limits::kMaxTriggerLeads + 1))) == "1003");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", body(0))) == "701");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", "{}")) == "701");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json",
                               R"({"input":{"leads":[{"id":99999999}]}})")) == "1004");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json",
                               R"({"input":{"leads":[{"id":"x"}]}})")) == "1003");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json",
                               body(1, json::parse(R"([{"name":"message","value":"Hi"}])")))) == "1003");
  json many = json::array();
  for (std::size_t i = 0; i <= mktows::rest_limits::kMaxCampaignTokens; ++i)
    many.push_back({{"name", "{{my.t" + std::to_string(i) + "}}"}, {"value", "v"}});
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", body(1, many))) == "1003");
  many.erase(many.size() - 1);
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", body(1, many))["success"] == true);
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", "{", "application/json")) == "609");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/trigger.json", body(1), "text/plain")) == "612");
  BOOST_TEST(error_code(s.rest("GET", "/rest/v1/campaigns/2001/trigger.json")) == "605");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/launch.json", body(1))) == "610");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/x/trigger.json", body(1))) == "610");
}

BOOST_AUTO_TEST_CASE(rest_schedule_rules) {
  Sandbox s;
  const std::time_t now = std::time(nullptr);
  auto at = [](std::time_t t) { return json{{"input", {{"runAt", mktows_front::rest_time(t)}}}}.dump(); };
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json")["result"] == json::parse(R"([{"id":2003}])"));
  json runs = campaign_by_id(s, 2003)["sandboxRuns"];
  BOOST_REQUIRE(runs.size() == 1u);
  // No runAt: five minutes on.
  BOOST_TEST(rest_seconds(runs[0]["runAt"]) >= now + mktows::rest_limits::kDefaultRunAtDelaySeconds);
  BOOST_TEST(rest_seconds(runs[0]["runAt"]) <= std::time(nullptr) + mktows::rest_limits::kDefaultRunAtDelaySeconds);
  BOOST_TEST(runs[0]["via"] == "REST");
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json", at(now + 600))["success"] == true);
  // An offset other than Z: the wall time an hour on at +0100 is the instant.
  const std::string plus_one = mktows_front::format_time(now + 86400 + 3600, "+0100");
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json",
                    R"({"input":{"runAt":")" + plus_one + R"(","tokens":[{"name":"{{my.s}}","value":"v"}]}})")
                 ["success"] == true);
  runs = campaign_by_id(s, 2003)["sandboxRuns"];
  BOOST_REQUIRE(runs.size() == 3u);
  BOOST_TEST(rest_seconds(runs[1]["runAt"]) == now + 600);
  BOOST_TEST(runs[2]["runAt"] == mktows_front::rest_time(now + 86400));
  BOOST_TEST(runs[2]["tokens"][0]["name"] == "{{my.s}}");
  const long long ahead = mktows::rest_limits::kMaxRunAtAheadSeconds;
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json", at(now + ahead + 60))) == "1042");
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json", at(now + ahead - 60))["success"] == true);
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json", R"({"input":{"runAt":"tomorrow"}})")) ==
             "1042");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2001/schedule.json")) == "1003");  // trigger
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/9999/schedule.json")) == "1013");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json",
                               R"({"input":{"cloneToProgramName":"Copy"}})")) == "1003");
  BOOST_TEST(error_code(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json",
                               R"({"input":{"tokens":[{"name":"s","value":"v"}]}})")) == "1003");
  BOOST_TEST(campaign_by_id(s, 2003)["sandboxRuns"].size() == 4u);  // refusals record nothing
}

BOOST_AUTO_TEST_CASE(a_rest_trigger_leaves_the_same_records_as_a_soap_request) {
  InProcess p;
  int a = p.sync("rest@example.com");
  p.campaigns.trigger(2001, {a}, {{"{{my.message}}", "Hi"}});
  std::vector<mktows_sandbox::Activity> r = p.requests(a);
  BOOST_REQUIRE(r.size() == 1u);
  BOOST_TEST(r[0].asset == "Demo Program.Welcome");
  BOOST_TEST(attr(r[0], "Source") == "Web Service API");
  BOOST_TEST(attr(r[0], "{{my.message}}") == "Hi");
  BOOST_CHECK_THROW(p.campaigns.trigger(2001, {a, 99999999}, {}), mktows_sandbox::CampaignService::Refused);
  BOOST_TEST(p.requests(a).size() == 1u);  // a refused trigger runs for no lead
}

BOOST_AUTO_TEST_CASE(soap_and_rest_share_the_runs) {
  Sandbox s;
  BOOST_TEST(s.rest("POST", "/rest/v1/campaigns/2003/schedule.json")["success"] == true);
  BOOST_TEST(s.schedule("Demo Program", "Weekly Digest") == 0);
  json runs = campaign_by_id(s, 2003)["sandboxRuns"];
  BOOST_REQUIRE(runs.size() == 2u);
  BOOST_TEST(runs[0]["via"] == "REST");
  BOOST_TEST(runs[1]["via"] == "SOAP");
  // A trigger campaign lists no runs member: it runs when requested.
  BOOST_TEST(!campaign_by_id(s, 2001).contains("sandboxRuns"));
}

// The bridge carries the domain to REST: tests/bridge/bridge_campaigns_test.cpp.
