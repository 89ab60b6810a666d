// scripted_rest.hpp: a REST side for the bridge's translation and fault
// tests, written from shared/marketo-rest-facts.md (not from the sandbox's
// REST face), with ids of its own (leads 9xxx, lists 88xx, campaigns 77xx,
// activity types 5xx), so a bridge that had the sandbox's ids written in
// would fail. It answers the calls the bridge makes for the campaigns,
// lists and activity domains, records every request line, and lets a test
// script the answer of any path (a REST error, say).
#pragma once

#include "support/raw_http_server.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace bridge_test {

using nlohmann::json;

class ScriptedRest {
 public:
  struct Activity {
    long long id;
    int lead;
    int type;
    std::string date;  // REST form
    std::string asset;
  };

  ScriptedRest() : server_([this](const mktows_test::RawRequest &r, std::size_t) { return answer(r); }) {
    leads_ = {{{"id", 9101}, {"email", "ada@scripted.example"}, {"firstName", "Ada"}, {"updatedAt", "2026-11-01T10:00:00Z"}},
              {{"id", 9102}, {"email", "bob@scripted.example"}, {"firstName", "Bob"}, {"updatedAt", "2026-11-02T10:00:00Z"}},
              {{"id", 9103}, {"email", "bob@scripted.example"}, {"firstName", "Old Bob"}, {"updatedAt", "2026-10-01T10:00:00Z"}},
              {{"id", 9104}, {"email", "cy@scripted.example"}, {"firstName", "Cy"}, {"updatedAt", "2026-11-03T10:00:00Z"}}};
    lists_ = {{{"id", 8801}, {"name", "Newsletter"}, {"programName", "Spring Launch"}},
              {{"id", 8802}, {"name", "Dup"}, {"programName", "Spring Launch"}},
              {{"id", 8803}, {"name", "Dup"}, {"programName", "Autumn"}},
              {{"id", 8804}, {"name", "v2.0 Beta"}, {"programName", "Autumn"}}};
    campaigns_ = {{{"id", 7701}, {"name", "Kickoff"}, {"programName", "Spring Launch"}, {"type", "trigger"},
                   {"description", "starts it"}, {"isTriggerable", true}},
                  {{"id", 7702}, {"name", "Digest"}, {"programName", "Spring Launch"}, {"type", "batch"},
                   {"description", ""}, {"isTriggerable", false}},
                  {{"id", 7703}, {"name", "Follow Up"}, {"programName", "Autumn"}, {"type", "trigger"},
                   {"description", ""}, {"isTriggerable", true}}};
    // Twelve types: two REST streams when every type is asked for.
    const char *names[] = {"New Lead", "Change Data Value", "Visit Webpage", "Fill Out Form", "Click Link",
                           "Send Email", "Email Delivered", "Open Email", "Click Email", "Add to List",
                           "Remove from List", "Request Campaign"};
    for (int i = 0; i < 12; ++i) types_.push_back({{"id", 501 + i * 3}, {"name", names[i]}});
  }

  int port() const { return server_.port(); }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port()) + "/rest"; }

  // The answer (JSON body, HTTP 200) for requests whose line contains `needle`.
  void script(const std::string &needle, const std::string &body) {
    std::lock_guard<std::mutex> lock(mutex_);
    scripted_.emplace_back(needle, body);
  }
  static std::string error(const std::string &code, const std::string &message = "scripted") {
    return json{{"requestId", "x#1"}, {"success", false}, {"errors", {{{"code", code}, {"message", message}}}}}.dump();
  }
  // Request lines (method, path, query) seen, identity calls excepted.
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }
  int count(const std::string &needle) {
    int n = 0;
    for (const std::string &c : calls()) n += c.find(needle) != std::string::npos;
    return n;
  }
  void clear_calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.clear();
  }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }
  void add_activity(const Activity &a) {
    std::lock_guard<std::mutex> lock(mutex_);
    activities_.push_back(a);
  }
  // Records per activities page (REST allows short pages with moreResult).
  void set_activity_page(std::size_t n) { activity_page_ = n; }
  // Leads per Get Leads by List Id page, whatever batchSize asked.
  void set_list_page(std::size_t n) { list_page_ = n; }
  std::map<int, std::vector<int>> &members() { return members_; }
  json &lists() { return lists_; }
  json &campaigns() { return campaigns_; }

 private:
  using Params = std::vector<std::pair<std::string, std::string>>;

  static std::string decode(const std::string &s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') out += ' ';
      else if (s[i] == '%' && i + 2 < s.size()) out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)), i += 2;
      else out += s[i];
    }
    return out;
  }
  static Params parse(const std::string &q) {
    Params p;
    std::size_t at = 0;
    while (at < q.size()) {
      std::size_t amp = q.find('&', at);
      if (amp == std::string::npos) amp = q.size();
      std::string kv = q.substr(at, amp - at);
      std::size_t eq = kv.find('=');
      if (!kv.empty()) p.emplace_back(decode(kv.substr(0, eq)), eq == std::string::npos ? "" : decode(kv.substr(eq + 1)));
      at = amp + 1;
    }
    return p;
  }
  static std::string get(const Params &p, const std::string &k) {
    for (const auto &kv : p)
      if (kv.first == k) return kv.second;
    return std::string();
  }
  static std::vector<std::string> commas(const std::string &s) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (!s.empty() && at <= s.size()) {
      std::size_t c = s.find(',', at);
      if (c == std::string::npos) c = s.size();
      out.push_back(s.substr(at, c - at));
      at = c + 1;
    }
    return out;
  }
  static bool ieq(const std::string &a, const std::string &b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
  }
  static mktows_test::RawReply reply(const json &j) {
    return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", j.dump()));
  }
  static json ok(const json &result) { return json{{"requestId", "s#1"}, {"success", true}, {"result", result}}; }

  mktows_test::RawReply answer(const mktows_test::RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    std::string method = line.substr(0, line.find(' '));
    std::string target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
    std::size_t qm = target.find('?');
    std::string path = target.substr(0, qm);
    Params q = parse(qm == std::string::npos ? "" : target.substr(qm + 1));
    if (path == "/identity/oauth/token")
      return reply(json{{"access_token", "scripted-token"}, {"token_type", "bearer"}, {"expires_in", 3600}, {"scope", "s@x"}});
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(method + " " + target);
    bodies_.push_back(r.body);
    for (const auto &s : scripted_)
      if ((method + " " + target).find(s.first) != std::string::npos)
        return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", s.second));
    if (get(q, "_method") == "GET") {
      Params f = parse(r.body);
      q.insert(q.end(), f.begin(), f.end());
      method = "GET";
    }
    if (path == "/rest/v1/leads/describe.json")
      return reply(ok(json::array({
          {{"id", 1}, {"displayName", "Email Address"}, {"dataType", "email"}, {"rest", {{"name", "email"}}}, {"soap", {{"name", "Email"}}}},
          {{"id", 2}, {"displayName", "First Name"}, {"dataType", "string"}, {"rest", {{"name", "firstName"}}}, {"soap", {{"name", "FirstName"}}}}})));
    if (path == "/rest/v1/leads.json" && method == "GET") {
      std::string type = get(q, "filterType");
      json out = json::array();
      for (const std::string &v : commas(get(q, "filterValues")))
        for (const json &l : leads_) {
          bool hit = type == "id" ? std::to_string(l["id"].get<int>()) == v : type == "email" && ieq(l["email"], v);
          if (hit) out.push_back(l);
        }
      json a = ok(out);
      a["moreResult"] = false;
      return reply(a);
    }
    if (path == "/rest/v1/lists.json") {
      json out = json::array();
      for (const json &l : lists_)
        if ((get(q, "name").empty() || ieq(l["name"], get(q, "name"))) &&
            (get(q, "programName").empty() || ieq(l["programName"], get(q, "programName"))))
          out.push_back(l);
      return reply(ok(out));
    }
    if (path == "/rest/v1/campaigns.json") {
      json out = json::array();
      for (const json &c : campaigns_) {
        if (!get(q, "name").empty() && !ieq(c["name"], get(q, "name"))) continue;
        if (!get(q, "programName").empty() && !ieq(c["programName"], get(q, "programName"))) continue;
        if (!get(q, "id").empty() && get(q, "id") != std::to_string(c["id"].get<int>())) continue;
        if (get(q, "isTriggerable") == "true" && !c["isTriggerable"].get<bool>()) continue;
        json copy = c;
        copy.erase("isTriggerable");
        out.push_back(copy);
      }
      return reply(ok(out));
    }
    int id = 0;
    char tail[64] = {0};
    if (std::sscanf(path.c_str(), "/rest/v1/campaigns/%d/%63s", &id, tail) == 2) {
      for (const json &c : campaigns_)
        if (c["id"] == id) return reply(ok(json::array({{{"id", id}}})));
      return reply(json::parse(error("1013", "Object not found")));
    }
    if (std::sscanf(path.c_str(), "/rest/v1/lists/%d/%63s", &id, tail) == 2) {
      bool known = false;
      for (const json &l : lists_) known = known || l["id"] == id;
      if (!known) return reply(json::parse(error("1013", "Object not found")));
      std::vector<int> &m = members_[id];
      std::string t = tail;
      if (t == "leads.json" && method == "GET") {  // Get Leads by List Id, pages of batchSize
        std::size_t from = get(q, "nextPageToken").empty() ? 0 : std::stoul(get(q, "nextPageToken").substr(1));
        std::size_t batch = std::stoul(get(q, "batchSize").empty() ? "300" : get(q, "batchSize"));
        batch = std::min(batch, list_page_);
        json out = json::array();
        for (std::size_t i = from; i < m.size() && i < from + batch; ++i)
          for (const json &l : leads_)
            if (l["id"] == m[i]) out.push_back(l);
        json a = ok(out);
        a["moreResult"] = from + batch < m.size();
        if (from + batch < m.size()) a["nextPageToken"] = "L" + std::to_string(from + batch);
        return reply(a);
      }
      json out = json::array();
      for (const auto &kv : q) {
        if (kv.first != "id") continue;
        int lead = std::stoi(kv.second);
        bool exists = false;
        for (const json &l : leads_) exists = exists || l["id"] == lead;
        auto at = std::find(m.begin(), m.end(), lead);
        json item{{"id", lead}};
        if (!exists) item["status"] = "skipped", item["reasons"] = {{{"code", "1004"}, {"message", "Lead not found"}}};
        else if (t == "leads/ismember.json") item["status"] = at != m.end() ? "memberof" : "notmemberof";
        else if (method == "POST") item["status"] = "added", at == m.end() ? m.push_back(lead) : void();
        else if (at != m.end()) item["status"] = "removed", m.erase(at);
        else item["status"] = "skipped", item["reasons"] = {{{"code", "1015"}, {"message", "Lead not in list"}}};
        out.push_back(item);
      }
      return reply(ok(out));
    }
    if (path == "/bulk/v1/leads.json") return reply(ok(json::array({{{"batchId", 4401}, {"status", "Queued"}}})));
    if (path == "/bulk/v1/leads/batch/4401.json")
      return reply(ok(json::array({{{"batchId", 4401}, {"status", "Complete"}, {"numOfLeadsProcessed", 2},
                                    {"numOfRowsFailed", 1}, {"numOfRowsWithWarning", 0}, {"message", "Import succeeded"}}})));
    if (path == "/rest/v1/activities/types.json") return reply(ok(types_));
    if (path == "/rest/v1/activities/pagingtoken.json") {
      json a{{"requestId", "p#1"}, {"success", true}, {"nextPageToken", "A0"}};
      return reply(a);
    }
    if (path == "/rest/v1/activities.json") {
      std::vector<std::string> want_types = commas(get(q, "activityTypeIds")), want_leads = commas(get(q, "leadIds"));
      if (want_types.empty() || want_types.size() > 10) return reply(json::parse(error("1003", "Invalid data")));
      if (want_leads.size() > 30) return reply(json::parse(error("1003", "Invalid data")));
      std::vector<Activity> sel;
      for (const Activity &a : activities_) {
        bool t = std::find(want_types.begin(), want_types.end(), std::to_string(a.type)) != want_types.end();
        bool l = want_leads.empty() || std::find(want_leads.begin(), want_leads.end(), std::to_string(a.lead)) != want_leads.end();
        if (t && l) sel.push_back(a);
      }
      std::sort(sel.begin(), sel.end(), [](const Activity &x, const Activity &y) { return x.id < y.id; });
      std::string tok = get(q, "nextPageToken");
      if (tok.empty() || tok[0] != 'A') return reply(json::parse(error("1003", "Invalid data")));
      std::size_t from = std::stoul(tok.substr(1));
      json out = json::array();
      std::size_t i = from;
      for (; i < sel.size() && out.size() < activity_page_; ++i) {
        json x{{"id", sel[i].id}, {"marketoGUID", std::to_string(sel[i].id)}, {"leadId", sel[i].lead},
               {"activityDate", sel[i].date}, {"activityTypeId", sel[i].type}};
        if (!sel[i].asset.empty()) x["primaryAttributeValue"] = sel[i].asset;
        x["attributes"] = json::array({{{"name", "Source"}, {"value", "scripted"}}});
        out.push_back(x);
      }
      json a = ok(out);
      a["moreResult"] = i < sel.size();
      a["nextPageToken"] = "A" + std::to_string(i);  // always anew, as REST does
      return reply(a);
    }
    return reply(json::parse(error("610", "Requested resource not found")));
  }

  std::mutex mutex_;
  json leads_, lists_, campaigns_, types_ = json::array();
  std::vector<Activity> activities_;
  std::map<int, std::vector<int>> members_;
  std::vector<std::pair<std::string, std::string>> scripted_;
  std::vector<std::string> calls_, bodies_;
  std::size_t activity_page_ = 300, list_page_ = 300;
  mktows_test::RawHttpServer server_;
};

}  // namespace bridge_test
