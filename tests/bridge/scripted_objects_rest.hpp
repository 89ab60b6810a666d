// scripted_objects_rest.hpp: a REST side for the bridge's objects tests,
// written from shared/mktows-operations.md §3.18–3.21 and
// marketo-rest-facts.md (not from the sandbox's REST face): opportunities
// and roles (describe, get by filter with pages, sync with action and
// dedupeBy, delete), the asset API's programs, and the leads the roles
// name. Its GUIDs (7e57ab1e-…), lead ids (92xx) and program ids (66xx)
// differ from the sandbox's, so a bridge that read ids out of GUIDs or had
// the sandbox's ids written in would fail. Every request is recorded; any
// path's answer can be scripted.
#pragma once

#include "support/raw_http_server.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace bridge_test {

class ScriptedObjectsRest {
 public:
  using json = nlohmann::json;

  ScriptedObjectsRest() : server_([this](const mktows_test::RawRequest &r, std::size_t) { return answer(r); }) {
    leads_ = {{{"id", 9201}, {"email", "ann@objects.example"}, {"updatedAt", "2026-11-01T10:00:00Z"}},
              {{"id", 9202}, {"email", "ben@objects.example"}, {"updatedAt", "2026-11-02T10:00:00Z"}}};
    for (int i = 0; i < 25; ++i) {
      json p{{"id", 6601 + i},
             {"name", i == 0 ? "Spring Gala" : "Program " + std::to_string(i)},
             {"description", i == 0 ? "the gala" : ""},
             {"createdAt", "2026-02-01T09:00:00Z+0000"},
             {"updatedAt", i == 0 ? "2026-03-01T09:00:00Z+0000" : "2026-02-01T09:00:00Z+0000"},
             {"type", i == 0 ? "event" : "program"},
             {"channel", i == 0 ? "Tradeshow" : "Email Blast"},
             {"folder", {{"type", "Folder"}, {"value", 44}, {"folderName", "Events"}}},
             {"workspace", i < 3 ? "Europe" : "Default"},
             {"tags", json::array()},
             {"costs", json::array()}};
      if (i == 0) {
        p["tags"] = {{{"tagType", "Region"}, {"tagValue", "EMEA"}}};
        p["costs"] = {{{"startDate", "2026-01-01"}, {"cost", 500}, {"note", "venue"}},
                      {{"startDate", "2026-02-01"}, {"cost", 250.5}, {"note", "food"}}};
      }
      programs_.push_back(p);
    }
  }

  int port() const { return server_.port(); }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port()) + "/rest"; }

  void script(const std::string &needle, const std::string &body) {
    std::lock_guard<std::mutex> lock(mutex_);
    scripted_.emplace_back(needle, body);
  }
  static std::string error(const std::string &code, const std::string &message = "scripted") {
    return json{{"requestId", "o#1"}, {"success", false}, {"errors", {{{"code", code}, {"message", message}}}}}.dump();
  }
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }
  int count(const std::string &needle) {
    int n = 0;
    for (const std::string &c : calls()) n += c.find(needle) != std::string::npos;
    return n;
  }
  void clear_calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.clear();
    bodies_.clear();
  }
  // Records per opportunity/role page, whatever batchSize asked.
  void set_page(std::size_t n) { page_ = n; }
  json opportunities() {
    std::lock_guard<std::mutex> lock(mutex_);
    return opportunities_;
  }
  json roles() {
    std::lock_guard<std::mutex> lock(mutex_);
    return roles_;
  }
  json program(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const json &p : programs_)
      if (p["id"] == id) return p;
    return json();
  }
  // An opportunity written behind the bridge's back (REST-side data).
  std::string add_opportunity(json record) {
    std::lock_guard<std::mutex> lock(mutex_);
    record["marketoGUID"] = guid("0d0d");
    record["createdAt"] = record["updatedAt"] = "2026-11-05T08:00:00Z";
    opportunities_.push_back(record);
    return record["marketoGUID"];
  }

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
  static mktows_test::RawReply reply(const json &j) {
    return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", j.dump()));
  }
  static json ok(const json &result) { return json{{"requestId", "o#2"}, {"success", true}, {"result", result}}; }
  static std::string text(const json &v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
  }
  std::string guid(const char *kind) {
    char tail[16];
    std::snprintf(tail, sizeof tail, "%012d", next_++);
    return std::string("7e57ab1e-") + kind + "-4e4e-9f9f-" + tail;
  }

  static json describe(bool role) {
    json f = json::array({{{"name", "marketoGUID"}, {"displayName", "Marketo GUID"}, {"dataType", "string"}, {"length", 36}, {"updateable", false}},
                          {{"name", "externalOpportunityId"}, {"displayName", "External Opportunity Id"}, {"dataType", "string"}, {"length", 50}, {"updateable", false}},
                          {{"name", "createdAt"}, {"displayName", "Created At"}, {"dataType", "datetime"}, {"updateable", false}},
                          {{"name", "updatedAt"}, {"displayName", "Updated At"}, {"dataType", "datetime"}, {"updateable", false}}});
    json d;
    if (role) {
      f.push_back({{"name", "leadId"}, {"displayName", "Lead Id"}, {"dataType", "integer"}, {"updateable", false}});
      f.push_back({{"name", "role"}, {"displayName", "Role"}, {"dataType", "string"}, {"length", 255}, {"updateable", false}});
      f.push_back({{"name", "isPrimary"}, {"displayName", "Is Primary"}, {"dataType", "boolean"}, {"updateable", true}});
      d = {{"name", "opportunityRole"}, {"dedupeFields", {"externalOpportunityId", "leadId", "role"}},
           {"searchableFields", {{"externalOpportunityId", "leadId", "role"}, {"marketoGUID"}, {"leadId"}, {"externalOpportunityId"}}}};
    } else {
      f.push_back({{"name", "name"}, {"displayName", "Name"}, {"dataType", "string"}, {"length", 255}, {"updateable", true}});
      f.push_back({{"name", "stage"}, {"displayName", "Stage"}, {"dataType", "string"}, {"length", 40}, {"updateable", true}});
      f.push_back({{"name", "amount"}, {"displayName", "Amount"}, {"dataType", "currency"}, {"updateable", true}});
      f.push_back({{"name", "closeDate"}, {"displayName", "Close Date"}, {"dataType", "date"}, {"updateable", true}});
      f.push_back({{"name", "isWon"}, {"displayName", "Won"}, {"dataType", "boolean"}, {"updateable", true}});
      f.push_back({{"name", "externalCompanyId"}, {"displayName", "External Company Id"}, {"dataType", "string"}, {"length", 100}, {"updateable", true}});
      d = {{"name", "opportunity"}, {"dedupeFields", {"externalOpportunityId"}},
           {"searchableFields", {{"externalOpportunityId"}, {"marketoGUID"}, {"name"}, {"stage"}, {"externalCompanyId"}}}};
    }
    d["idField"] = "marketoGUID";
    d["createdAt"] = "2026-01-10T00:00:00Z";
    d["updatedAt"] = "2026-06-30T12:00:00Z";
    d["fields"] = f;
    return ok(json::array({d}));
  }

  // A role names its opportunity by externalOpportunityId; lead must exist.
  bool lead_exists(const json &id) {
    for (const json &l : leads_)
      if (l["id"] == id) return true;
    return false;
  }
  json *opportunity_by(const std::string &field, const std::string &value) {
    for (json &o : opportunities_)
      if (o.contains(field) && text(o[field]) == value) return &o;
    return nullptr;
  }

  json sync(bool role, const json &in) {
    json &store = role ? roles_ : opportunities_;
    std::string action = in.value("action", "createOrUpdate"), by = in.value("dedupeBy", "dedupeFields");
    json out = json::array();
    int seq = 0;
    for (const json &r : in["input"]) {
      json item{{"seq", seq++}};
      json *found = nullptr;
      for (json &o : store) {
        bool hit = by == "idField" ? r.contains("marketoGUID") && o["marketoGUID"] == r["marketoGUID"]
                   : role ? r.contains("externalOpportunityId") && r.contains("leadId") && r.contains("role") &&
                                o["externalOpportunityId"] == r["externalOpportunityId"] && o["leadId"] == r["leadId"] &&
                                o["role"] == r["role"]
                          : r.contains("externalOpportunityId") && o["externalOpportunityId"] == r["externalOpportunityId"];
        if (hit) found = &o;
      }
      auto skip = [&](const char *code, const char *msg) {
        item["status"] = "skipped";
        item["reasons"] = {{{"code", code}, {"message", msg}}};
      };
      if (role && r.contains("externalOpportunityId") && !opportunity_by("externalOpportunityId", text(r["externalOpportunityId"])))
        skip("1013", "Object not found");
      else if (role && r.contains("leadId") && !lead_exists(r["leadId"])) skip("1004", "Lead not found");
      else if (found && action == "createOnly") skip("1017", "Object already exists");
      else if (!found && (action == "updateOnly" || by == "idField")) skip("1013", "Object not found");
      else {
        json rec = found ? *found : json{{"marketoGUID", guid(role ? "0101" : "0202")}, {"createdAt", "2026-11-20T10:00:00Z"}};
        for (auto it = r.begin(); it != r.end(); ++it) rec[it.key()] = it.value();
        rec["updatedAt"] = "2026-11-21T10:00:00Z";
        item["status"] = found ? "updated" : "created";
        item["marketoGUID"] = rec["marketoGUID"];
        if (found) *found = rec;
        else store.push_back(rec);
      }
      out.push_back(item);
    }
    return ok(out);
  }

  json remove(bool role, const json &in) {
    json &store = role ? roles_ : opportunities_;
    std::string by = in.value("deleteBy", "dedupeFields");
    json out = json::array();
    int seq = 0;
    for (const json &r : in["input"]) {
      json item{{"seq", seq++}};
      const char *field = by == "idField" ? "marketoGUID" : "externalOpportunityId";
      auto it = std::find_if(store.begin(), store.end(), [&](const json &o) { return r.contains(field) && o[field] == r[field]; });
      if (it == store.end()) {
        item["status"] = "skipped";
        item["reasons"] = {{{"code", "1013"}, {"message", "Object not found"}}};
      } else {
        item["status"] = "deleted";
        item["marketoGUID"] = (*it)["marketoGUID"];
        store.erase(it);
      }
      out.push_back(item);
    }
    return ok(out);
  }

  json read(bool role, const Params &q) {
    const json &store = role ? roles_ : opportunities_;
    std::string filter = get(q, "filterType");
    if (filter.empty()) return json::parse(error("1003", "filterType cannot be blank"));
    std::vector<std::string> values = commas(get(q, "filterValues"));
    std::vector<std::string> fields = commas(get(q, "fields"));
    std::vector<json> hits;
    for (const json &o : store)
      if (o.contains(filter) && std::find(values.begin(), values.end(), text(o[filter])) != values.end()) hits.push_back(o);
    std::size_t from = 0;
    std::string tok = get(q, "nextPageToken");
    if (!tok.empty()) {
      if (tok.compare(0, 4, "OPQ:") != 0) return json::parse(error("1003", "Invalid nextPageToken"));
      from = std::stoul(tok.substr(4));
    }
    std::size_t batch = get(q, "batchSize").empty() ? 300 : std::stoul(get(q, "batchSize"));
    batch = std::min(batch, page_);
    json out = json::array();
    for (std::size_t i = from; i < hits.size() && i < from + batch; ++i) {
      json r = json::object();
      for (const std::string &f : fields)
        r[f] = hits[i].contains(f) ? hits[i][f] : json(nullptr);
      if (fields.empty()) r = hits[i];
      r["seq"] = static_cast<int>(i - from);
      out.push_back(r);
    }
    json a = ok(out);
    a["moreResult"] = from + batch < hits.size();
    if (from + batch < hits.size()) a["nextPageToken"] = "OPQ:" + std::to_string(from + batch);
    return a;
  }

  static json asset(const json &result) {
    json a{{"success", true}, {"errors", json::array()}, {"requestId", "a#1"}, {"warnings", json::array()}};
    if (result.empty()) a["warnings"].push_back("No assets found for the given search criteria.");
    else a["result"] = result;
    return a;
  }
  static json brief(json p) {  // programs.json lists no tags or costs
    p.erase("tags");
    p.erase("costs");
    return p;
  }

  mktows_test::RawReply answer(const mktows_test::RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    std::string method = line.substr(0, line.find(' '));
    std::string target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
    std::size_t qm = target.find('?');
    std::string path = target.substr(0, qm);
    Params q = parse(qm == std::string::npos ? "" : target.substr(qm + 1));
    if (path == "/identity/oauth/token")
      return reply(json{{"access_token", "objects-token"}, {"token_type", "bearer"}, {"expires_in", 3600}, {"scope", "o@x"}});
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(method + " " + target);
    bodies_.push_back(r.body);
    for (const auto &s : scripted_)
      if ((method + " " + target).find(s.first) != std::string::npos)
        return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", s.second));
    if (get(q, "_method") == "GET") {  // a long query sent as a form body
      Params f = parse(r.body);
      q.insert(q.end(), f.begin(), f.end());
      method = "GET";
    }
    if (path == "/rest/v1/leads/describe.json")
      return reply(ok(json::array({
          {{"id", 1}, {"displayName", "Id"}, {"dataType", "integer"}, {"rest", {{"name", "id"}, {"readOnly", true}}}, {"soap", {{"name", "Id"}, {"readOnly", true}}}},
          {{"id", 2}, {"displayName", "Email Address"}, {"dataType", "email"}, {"length", 255}, {"rest", {{"name", "email"}}}, {"soap", {{"name", "Email"}, {"readOnly", false}}}},
          {{"id", 3}, {"displayName", "Lead Score"}, {"dataType", "integer"}, {"rest", {{"name", "leadScore"}}}},
          {{"id", 4}, {"displayName", "Job Title"}, {"dataType", "string"}, {"length", 120}, {"rest", {{"name", "title"}}}, {"soap", {{"name", "Title"}, {"readOnly", false}}}}})));
    if (path == "/rest/v1/leads.json" && method == "GET") {
      json out = json::array();
      for (const std::string &v : commas(get(q, "filterValues")))
        for (const json &l : leads_)
          if ((get(q, "filterType") == "email" && l["email"] == v) || (get(q, "filterType") == "id" && text(l["id"]) == v)) out.push_back(l);
      json a = ok(out);
      a["moreResult"] = false;
      return reply(a);
    }
    for (bool role : {false, true}) {
      std::string base = role ? "/rest/v1/opportunities/roles" : "/rest/v1/opportunities";
      if (path == base + "/describe.json") return reply(describe(role));
      if (path == base + ".json" && method == "GET") return reply(read(role, q));
      if (path == base + ".json" && method == "POST") return reply(sync(role, json::parse(r.body)));
      if (path == base + "/delete.json" && method == "POST") return reply(remove(role, json::parse(r.body)));
    }
    if (path == "/rest/asset/v1/programs.json") {
      std::size_t max = get(q, "maxReturn").empty() ? 20 : std::stoul(get(q, "maxReturn"));
      std::size_t offset = get(q, "offset").empty() ? 0 : std::stoul(get(q, "offset"));
      if (max > 200) return reply(json::parse(error("1003", "maxReturn")));
      std::vector<json> hits;
      for (const json &p : programs_) {
        if (get(q, "filterType") == "workspace" && p["workspace"] != get(q, "filterValues")) continue;
        if (!get(q, "earliestUpdatedAt").empty() && text(p["updatedAt"]).substr(0, 20) < get(q, "earliestUpdatedAt")) continue;
        hits.push_back(p);
      }
      json out = json::array();
      for (std::size_t i = offset; i < hits.size() && i < offset + max; ++i) out.push_back(brief(hits[i]));
      return reply(asset(out));
    }
    if (path == "/rest/asset/v1/program/byName.json") {
      json out = json::array();
      for (const json &p : programs_)
        if (p["name"] == get(q, "name")) {
          json x = p;
          if (get(q, "includeTags") != "true") x.erase("tags");
          if (get(q, "includeCosts") != "true") x.erase("costs");
          out.push_back(x);
        }
      return reply(asset(out));
    }
    int id = 0;
    if (std::sscanf(path.c_str(), "/rest/asset/v1/program/%d.json", &id) == 1) {
      json *p = nullptr;
      for (json &x : programs_)
        if (x["id"] == id) p = &x;
      if (!p) return reply(asset(json::array()));
      if (method == "POST") {
        Params f = parse(r.body);
        if (!get(f, "costs").empty()) {
          json c = json::parse(get(f, "costs"));
          if (get(f, "costsDestructiveUpdate") == "true") (*p)["costs"] = json::array();
          for (const json &k : c) (*p)["costs"].push_back(k);
        }
        if (!get(f, "tags").empty())
          for (const json &t : json::parse(get(f, "tags"))) (*p)["tags"].push_back(t);
        (*p)["updatedAt"] = "2026-11-22T10:00:00Z+0000";
      }
      return reply(asset(json::array({*p})));
    }
    return reply(json::parse(error("610", "Requested resource not found")));
  }

  std::mutex mutex_;
  json leads_, opportunities_ = json::array(), roles_ = json::array(), programs_ = json::array();
  std::vector<std::pair<std::string, std::string>> scripted_;
  std::vector<std::string> calls_, bodies_;
  std::size_t page_ = 300;
  int next_ = 500;
  mktows_test::RawHttpServer server_;
};

}  // namespace bridge_test
