// scripted_assets_rest.hpp: a REST side for the bridge's custom object,
// channel and tag tests, written from shared/mktows-operations.md §3.14-3.16,
// §3.22-3.23 and shared/marketo-rest-facts.md (not from the sandbox's REST
// face), with names and ids of its own: custom object types whose apiNames
// are not their SOAP names (roadshow_c, displayName Roadshow; tourBooking_c,
// a compound key) and whose lead link is not MKTOID (leadId, personId),
// UUID marketoGUIDs, opaque paging tokens bound to their query, channels
// 66xx, a "Channel" tag type that getTags must leave out, 610 for a type it
// does not know, 702 for a channel name it does not know. It records every
// request line and body.
#pragma once

#include "support/raw_http_server.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace bridge_test {

class ScriptedAssetsRest {
 public:
  using json = nlohmann::json;

  ScriptedAssetsRest() : server_([this](const mktows_test::RawRequest &r, std::size_t) { return answer(r); }) {
    types_ = json::array();
    types_.push_back(type("roadshow_c", "Roadshow", {"rid"}, "leadId",
                          {{"rid", "integer"}, {"leadId", "integer"}, {"venue", "string"}, {"seats", "integer"},
                           {"startsOn", "date"}},
                          {{"rid"}, {"leadId"}, {"marketoGUID"}}));
    types_.push_back(type("tourBooking_c", "Tour Booking", {"tourCode", "seatNo"}, "personId",
                          {{"tourCode", "string"}, {"seatNo", "integer"}, {"personId", "integer"}, {"price", "currency"},
                           {"notes", "text"}},
                          {{"tourCode", "seatNo"}, {"personId"}, {"marketoGUID"}}));
    channels_ = json::array();
    channels_.push_back(channel(6601, "Trade Show", {{"Registered", 20, false}, {"Attended", 40, true}, {"Invited", 10, false}}));
    channels_.push_back(channel(6602, "Online Advertising", {{"Clicked", 20, true}, {"Not in Program", 0, false}}));
    tag_types_ = json::array();
    tag_types_.push_back({{"tagType", "Product Line"}, {"applicableProgramTypes", "[Default, Event]"}, {"required", false},
                          {"allowableValues", "[Widgets, Gadgets, Gizmos]"}});
    tag_types_.push_back({{"tagType", "Channel"}, {"applicableProgramTypes", "[Default, Event]"}, {"required", true},
                          {"allowableValues", "[Trade Show, Online Advertising]"}});
    tag_types_.push_back({{"tagType", "Audience"}, {"applicableProgramTypes", "[Default]"}, {"required", false},
                          {"allowableValues", "[B2B, B2C]"}});
  }

  int port() const { return server_.port(); }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port()) + "/rest"; }

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
  // Records per custom object page, whatever batchSize asked (REST may
  // answer short pages with moreResult).
  void set_record_page(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    record_page_ = n;
  }
  // The type's apiName changes (a type deleted and made again): the old one
  // answers 610.
  void rename_type(const std::string &from, const std::string &to) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (json &t : types_)
      if (t["name"] == from) t["name"] = to;
    for (auto &kv : records_)
      if (kv.second.type == from) kv.second.type = to;
  }
  // `n` more channels (for the asset API's paging).
  void add_channels(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < n; ++i) channels_.push_back(channel(6700 + i, "Extra " + std::to_string(i), {{"Member", 10, true}}));
  }
  void add_tag_types(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < n; ++i)
      tag_types_.push_back({{"tagType", "Extra " + std::to_string(i)}, {"required", false}, {"allowableValues", "[x]"}});
  }
  // A record as REST holds it (by its marketoGUID), null when none.
  json record(const std::string &type_name, const std::string &field, const json &value) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto &kv : records_)
      if (kv.second.type == type_name && kv.second.values.contains(field) && kv.second.values[field] == value)
        return kv.second.values;
    return json();
  }

 private:
  struct Record {
    std::string type;
    json values;  // every field that has a value, marketoGUID included
  };
  using Params = std::vector<std::pair<std::string, std::string>>;

  static json type(const std::string &name, const std::string &display, const std::vector<std::string> &dedupe,
                   const std::string &link, const std::vector<std::pair<std::string, std::string>> &fields,
                   const std::vector<std::vector<std::string>> &searchable) {
    json f = json::array({{{"name", "marketoGUID"}, {"dataType", "string"}, {"updateable", false}},
                          {{"name", "createdAt"}, {"dataType", "datetime"}, {"updateable", false}},
                          {{"name", "updatedAt"}, {"dataType", "datetime"}, {"updateable", false}}});
    for (const auto &x : fields) f.push_back({{"name", x.first}, {"displayName", x.first}, {"dataType", x.second}, {"updateable", true}});
    return json{{"name", name},
                {"displayName", display},
                {"idField", "marketoGUID"},
                {"dedupeFields", dedupe},
                {"searchableFields", searchable},
                {"relationships", json::array({{{"field", link}, {"type", "child"}, {"relatedTo", {{"name", "Lead"}, {"field", "Id"}}}}})},
                {"fields", f}};
  }
  struct Status {
    const char *name;
    int step;
    bool success;
  };
  static json channel(int id, const std::string &name, const std::vector<Status> &statuses) {
    json s = json::array();
    for (const Status &x : statuses)
      s.push_back({{"name", x.name}, {"step", x.step}, {"success", x.success}, {"hidden", false}, {"description", ""}});
    return json{{"id", id}, {"name", name}, {"applicableProgramType", "Event"}, {"progressionStatuses", s},
                {"createdAt", "2015-07-15T11:40:57Z+0000"}, {"updatedAt", "2015-07-15T11:40:57Z+0000"}};
  }

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
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
  }
  static mktows_test::RawReply reply(const json &j) {
    return mktows_test::RawReply::respond(mktows_test::http_response(200, "OK", "application/json", j.dump()));
  }
  static json ok(const json &result) { return json{{"requestId", "c0#51"}, {"success", true}, {"result", result}}; }
  static json error(const std::string &code, const std::string &message) {
    return json{{"requestId", "c0#52"}, {"success", false}, {"errors", {{{"code", code}, {"message", message}}}}};
  }
  static json reasons(const std::string &code, const std::string &message) {
    return json::array({{{"code", code}, {"message", message}}});
  }
  // The asset API's envelope: errors and warnings always; nothing found is
  // a success with a warning and no result.
  static json assets(const json &result) {
    json a{{"requestId", "a5#1"}, {"success", true}, {"errors", json::array()}};
    if (result.empty()) a["warnings"] = json::array({"No assets found for the given search criteria."});
    else a["warnings"] = json::array(), a["result"] = result;
    return a;
  }

  const json *find_type(const std::string &name) const {
    for (const json &t : types_)
      if (t["name"] == name) return &t;
    return nullptr;
  }
  static const json *field_of(const json &t, const std::string &name) {
    for (const json &f : t["fields"])
      if (f["name"] == name) return &f;
    return nullptr;
  }
  static std::string link_of(const json &t) { return t["relationships"][0]["field"]; }
  // A value as the type holds it; false (with the reason) when it is not of the field's type.
  static bool check_value(const json &field, const json &v) {
    if (v.is_null()) return true;
    std::string type = field["dataType"];
    if (type == "integer") return v.is_number_integer();
    if (type == "currency") return v.is_number();
    return v.is_string();
  }

  std::string dedupe_key(const json &t, const json &values) const {
    std::string k;
    for (const json &d : t["dedupeFields"]) {
      if (!values.contains(d.get<std::string>()) || values[d.get<std::string>()].is_null()) return std::string();
      k += values[d.get<std::string>()].dump() + "\x1f";
    }
    return k;
  }
  std::string by_dedupe(const json &t, const json &values) const {
    std::string k = dedupe_key(t, values);
    if (k.empty()) return std::string();
    for (const auto &kv : records_)
      if (kv.second.type == t["name"] && dedupe_key(t, kv.second.values) == k) return kv.first;
    return std::string();
  }

  json sync(const json &t, const json &in) {
    std::string action = in.value("action", "createOrUpdate");
    json out = json::array();
    const json &input = in["input"];
    for (std::size_t i = 0; i < input.size(); ++i) {
      const json &item = input[i];
      json r{{"seq", i}};
      std::string bad;
      for (auto it = item.begin(); it != item.end(); ++it) {
        const json *f = field_of(t, it.key());
        if (!f || it.key() == "marketoGUID" || it.key() == "createdAt" || it.key() == "updatedAt") {
          r["status"] = "skipped", r["reasons"] = reasons("1006", "Field '" + it.key() + "' not found");
          break;
        }
        if (!check_value(*f, it.value())) {
          r["status"] = "skipped",
          r["reasons"] = reasons("1001", "Invalid value '" + it.value().dump() + "'. Required of type '" +
                                             (*f)["dataType"].get<std::string>() + "'");
          break;
        }
      }
      if (r.contains("status")) {
        out.push_back(r);
        continue;
      }
      std::string link = link_of(t);
      if (item.contains(link) && !item[link].is_null() && leads_.count(item[link].get<long long>()) == 0) {
        r["status"] = "skipped", r["reasons"] = reasons("1004", "Lead not found");
        out.push_back(r);
        continue;
      }
      if (dedupe_key(t, item).empty()) {
        r["status"] = "skipped", r["reasons"] = reasons("1003", "Invalid data");
        out.push_back(r);
        continue;
      }
      std::string guid = by_dedupe(t, item);
      if (!guid.empty() && action == "createOnly") r["status"] = "skipped", r["reasons"] = reasons("1017", "Object already exists");
      else if (guid.empty() && action == "updateOnly") r["status"] = "skipped", r["reasons"] = reasons("1013", "Object not found");
      else if (guid.empty() && (!item.contains(link) || item[link].is_null()))
        r["status"] = "skipped", r["reasons"] = reasons("1002", "Missing value for the required parameter '" + link + "'");
      if (r.contains("status")) {
        out.push_back(r);
        continue;
      }
      bool created = guid.empty();
      if (created) {
        char g[64];
        std::snprintf(g, sizeof g, "7c1e0d2a-5b3f-4e6a-9d8c-%012x", ++next_guid_);
        guid = g;
        records_[guid] = Record{t["name"], json{{"marketoGUID", guid}}};
      }
      json &v = records_[guid].values;
      for (auto it = item.begin(); it != item.end(); ++it) {
        if (it.value().is_null()) v.erase(it.key());
        else v[it.key()] = it.value();
      }
      r["status"] = created ? "created" : "updated";
      r["marketoGUID"] = guid;
      out.push_back(r);
    }
    return ok(out);
  }

  json erase(const json &t, const json &in) {
    std::string by = in.value("deleteBy", "dedupeFields");
    json out = json::array();
    const json &input = in["input"];
    for (std::size_t i = 0; i < input.size(); ++i) {
      const json &item = input[i];
      std::string guid;
      if (by == "idField") {
        if (item.contains("marketoGUID") && records_.count(item["marketoGUID"].get<std::string>())) guid = item["marketoGUID"];
      } else {
        bool only_dedupe = true;
        for (auto it = item.begin(); it != item.end(); ++it)
          only_dedupe = only_dedupe && std::find(t["dedupeFields"].begin(), t["dedupeFields"].end(), it.key()) != t["dedupeFields"].end();
        if (only_dedupe) guid = by_dedupe(t, item);
      }
      json r{{"seq", i}};
      if (guid.empty() || records_[guid].type != t["name"]) {
        r["status"] = "skipped", r["reasons"] = reasons("1013", "Object not found");
      } else {
        records_.erase(guid);
        r["status"] = "deleted", r["marketoGUID"] = guid;
      }
      out.push_back(r);
    }
    return ok(out);
  }

  // Get Custom Objects: records whose filter field has one of the values
  // (or, in the long form, matching an input object), in marketoGUID order,
  // pages of min(batchSize, record_page_), opaque tokens bound to the query.
  json read(const json &t, const std::string &filter, const json &wanted, const std::vector<std::string> &fields,
            std::size_t batch, const std::string &token, const std::string &query_id) {
    std::vector<std::pair<std::size_t, const Record *>> hits;
    for (const auto &kv : records_) {
      if (kv.second.type != t["name"]) continue;
      for (std::size_t i = 0; i < wanted.size(); ++i) {
        bool match = true;
        if (filter == "dedupeFields") {
          for (const json &d : t["dedupeFields"])
            match = match && wanted[i].contains(d.get<std::string>()) && kv.second.values.contains(d.get<std::string>()) &&
                    wanted[i][d.get<std::string>()] == kv.second.values[d.get<std::string>()];
        } else {
          const json &have = kv.second.values.contains(filter) ? kv.second.values[filter] : json();
          match = !have.is_null() && (have.is_string() ? have.get<std::string>() : have.dump()) == wanted[i].get<std::string>();
        }
        if (match) {
          hits.emplace_back(i, &kv.second);
          break;
        }
      }
    }
    std::size_t from = 0;
    if (!token.empty()) {
      auto it = tokens_.find(token);
      if (it == tokens_.end() || it->second.first != query_id) return error("1003", "Invalid data: nextPageToken");
      from = it->second.second;
    }
    std::size_t n = std::min(batch, record_page_);
    json out = json::array();
    for (std::size_t i = from; i < hits.size() && i < from + n; ++i) {
      json r{{"seq", hits[i].first}};
      for (const std::string &f : fields)
        if (hits[i].second->values.contains(f)) r[f] = hits[i].second->values[f];
      out.push_back(r);
    }
    json a = ok(out);
    bool more = from + n < hits.size();
    a["moreResult"] = more;
    if (more) {
      std::string next = "NJRV" + std::to_string(1000 + tokens_.size() * 7) + "QX";
      tokens_[next] = {query_id, from + n};
      a["nextPageToken"] = next;
    }
    return a;
  }

  json custom_objects(const std::string &method, const std::string &path, const Params &q, const std::string &body) {
    const std::string prefix = "/rest/v1/customobjects/";
    if (path == "/rest/v1/customobjects.json") {
      json out = json::array();
      std::vector<std::string> names = commas(get(q, "names"));
      for (const json &t : types_) {
        if (!names.empty() && std::find(names.begin(), names.end(), t["name"].get<std::string>()) == names.end()) continue;
        json listed = t;
        listed.erase("fields");
        out.push_back(listed);
      }
      return ok(out);
    }
    std::string rest = path.substr(prefix.size());
    std::string name, call;
    std::size_t slash = rest.find('/');
    if (slash != std::string::npos) name = rest.substr(0, slash), call = rest.substr(slash + 1);
    else if (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".json") == 0) name = rest.substr(0, rest.size() - 5);
    const json *t = find_type(name);
    if (!t) return error("610", "Requested resource not found");
    if (call == "describe.json") {
      json d = *t;
      // describe names the related object `object` (the sheet's §6 #12).
      d["relationships"][0]["object"] = d["relationships"][0]["relatedTo"];
      d["relationships"][0].erase("relatedTo");
      return ok(json::array({d}));
    }
    json in;
    if (method == "POST") {
      in = json::parse(body, nullptr, false);
      if (!in.is_object()) return error("609", "Invalid JSON");
    }
    if (call == "delete.json") return erase(*t, in);
    if (!call.empty()) return error("610", "Requested resource not found");
    std::vector<std::string> fields = {"marketoGUID"};
    for (const json &d : (*t)["dedupeFields"]) fields.push_back(d);
    fields.push_back("createdAt");
    fields.push_back("updatedAt");
    auto named = [&](const std::vector<std::string> &asked) -> bool {
      for (const std::string &f : asked)
        if (!field_of(*t, f)) return false;
      fields = asked;
      return true;
    };
    if (method == "GET") {
      std::string filter = get(q, "filterType");
      std::vector<std::string> values = commas(get(q, "filterValues"));
      bool searchable = false;
      for (const json &s : (*t)["searchableFields"]) searchable = searchable || (s.size() == 1 && s[0] == filter);
      if (!searchable || values.empty()) return error("1003", "Invalid data: filterType " + filter);
      if (!get(q, "fields").empty() && !named(commas(get(q, "fields")))) return error("1006", "Field not found");
      std::size_t batch = get(q, "batchSize").empty() ? 300 : std::stoul(get(q, "batchSize"));
      if (batch > 300) return error("1003", "Invalid data: batchSize");
      return read(*t, filter, json(values), fields, batch, get(q, "nextPageToken"), filter + "=" + get(q, "filterValues"));
    }
    if (get(q, "_method") == "GET") {
      if (in.value("filterType", "") != "dedupeFields" || !in.contains("input")) return error("1003", "Invalid data");
      if (in.contains("fields") && !named(in["fields"].get<std::vector<std::string>>())) return error("1006", "Field not found");
      std::size_t batch = in.contains("batchSize") ? in["batchSize"].get<std::size_t>() : 300;
      return read(*t, "dedupeFields", in["input"], fields, batch, in.value("nextPageToken", ""), in["input"].dump());
    }
    if (!in.contains("input") || !in["input"].is_array() || in["input"].empty() || in["input"].size() > 300)
      return error("1003", "Invalid data");
    return sync(*t, in);
  }

  json asset(const std::string &path, const Params &q) {
    std::string m = get(q, "maxReturn");
    std::size_t max = m.empty() ? 20 : std::stoul(m), offset = get(q, "offset").empty() ? 0 : std::stoul(get(q, "offset"));
    if (max > 200) return error("1003", "Invalid data: maxReturn");
    auto page = [&](const json &all, bool strip_values) {
      json out = json::array();
      for (std::size_t i = offset; i < all.size() && out.size() < max; ++i) {
        json x = all[i];
        if (strip_values) x.erase("allowableValues");
        out.push_back(x);
      }
      return assets(out);
    };
    if (path == "/rest/asset/v1/channels.json") return page(channels_, false);
    if (path == "/rest/asset/v1/tagTypes.json") return page(tag_types_, true);
    if (path == "/rest/asset/v1/channel/byName.json") {
      // The swagger spells the parameter Name, the reference name.
      std::string name = get(q, "name").empty() ? get(q, "Name") : get(q, "name");
      for (const json &c : channels_)
        if (ieq(c["name"], name)) return assets(json::array({c}));
      return error("702", "No data found for a given search scenario");
    }
    if (path == "/rest/asset/v1/tagType/byName.json") {
      for (const json &t : tag_types_)
        if (ieq(t["tagType"], get(q, "name"))) return assets(json::array({t}));
      return assets(json::array());
    }
    return error("610", "Requested resource not found");
  }

  mktows_test::RawReply answer(const mktows_test::RawRequest &r) {
    std::string line = r.head.substr(0, r.head.find("\r\n"));
    std::string method = line.substr(0, line.find(' '));
    std::string target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
    std::size_t qm = target.find('?');
    std::string path = target.substr(0, qm);
    Params q = parse(qm == std::string::npos ? "" : target.substr(qm + 1));
    if (path == "/identity/oauth/token")
      return reply(json{{"access_token", "assets-token"}, {"token_type", "bearer"}, {"expires_in", 3600}, {"scope", "a@x"}});
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(method + " " + target);
    bodies_.push_back(r.body);
    if (r.header("Authorization") != "Bearer assets-token") return reply(error("601", "Access token invalid"));
    if (method == "POST" && r.header("Content-Type").find("application/json") != 0) return reply(error("612", "Invalid Content Type"));
    if (path.compare(0, 21, "/rest/v1/customobject") == 0) return reply(custom_objects(method, path, q, r.body));
    if (path.compare(0, 15, "/rest/asset/v1/") == 0) {
      if (method != "GET") return reply(error("605", "HTTP Method not supported"));
      return reply(asset(path, q));
    }
    return reply(error("610", "Requested resource not found"));
  }

  std::mutex mutex_;
  json types_, channels_, tag_types_;
  std::set<long long> leads_ = {9101, 9102};
  std::map<std::string, Record> records_;
  std::map<std::string, std::pair<std::string, std::size_t>> tokens_;
  unsigned next_guid_ = 0x4a0;
  std::size_t record_page_ = 300;
  std::vector<std::string> calls_, bodies_;
  mktows_test::RawHttpServer server_;
};

}  // namespace bridge_test

#include "bridge/bridge_setup.hpp"

namespace bridge_test {

// The bridge in front of ScriptedAssetsRest, its state in its own folder.
struct AssetsBridge {
  explicit AssetsBridge(const std::string &config = "{}") : config_(config) { start(); }
  // Another process on the same state directory (what a position must survive).
  void restart() {
    bridge->stop();
    start();
  }
  std::string log_path() const { return dir.path() + "/bridge" + std::to_string(starts_) + ".log"; }
  int port() const { return bridge->port(); }
  std::string log() const { return mktows_test::read_file(log_path()); }

  mktows_test::TempDir dir;
  ScriptedAssetsRest rest;
  std::unique_ptr<mktows_test::SandboxProcess> bridge;

 private:
  void start() {
    ++starts_;
    bridge.reset(new mktows_test::SandboxProcess({"--config", dir.write("bridge.json", config_), "--verbose"},
                                                 Pair::bridge_env(rest.endpoint(), dir.path() + "/state"), log_path(),
                                                 mktows_test::paths::bridge_bin));
  }
  std::string config_;
  int starts_ = 0;
};

}  // namespace bridge_test
