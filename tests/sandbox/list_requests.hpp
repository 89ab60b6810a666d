// list_requests.hpp: listOperation / importToList / getImportToListStatus
// request bodies written by hand, readers for their responses, and a small
// REST client for the lists tests (token, JSON calls, multipart upload).
#pragma once

#include "lead_requests.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox_test {

typedef std::pair<std::string, std::string> Key;  // keyType, keyValue

inline std::string list_operation_request(const std::string &op, const Key &list, const std::vector<Key> &members,
                                          std::optional<bool> strict = std::nullopt,
                                          std::optional<bool> skip_log = std::nullopt) {
  std::string x = "<ns1:paramsListOperation><listOperation>" + op + "</listOperation><listKey><keyType>" + list.first +
                  "</keyType><keyValue>" + xml_escape(list.second) + "</keyValue></listKey><listMemberList>";
  for (const Key &k : members)
    x += "<leadKey><keyType>" + k.first + "</keyType><keyValue>" + xml_escape(k.second) + "</keyValue></leadKey>";
  x += "</listMemberList>";
  if (strict) x += std::string("<strict>") + (*strict ? "true" : "false") + "</strict>";
  if (skip_log) x += std::string("<skipActivityLog>") + (*skip_log ? "true" : "false") + "</skipActivityLog>";
  return envelope(demo_auth(), x + "</ns1:paramsListOperation>");
}

struct ListOutcome {
  int fault = 0;
  bool success = false;
  std::vector<bool> statuses;
  std::vector<Key> keys;  // the leadKey each status echoes
};

inline ListOutcome read_list_outcome(const HttpResponse &r) {
  ListOutcome o;
  o.fault = fault_code(r.body);
  if (o.fault || r.status != 200) {
    if (!o.fault) o.fault = -r.status;
    return o;
  }
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *s = find(body, "success");
  o.success = s && s->text == "true";
  std::vector<const mktows_test::XmlNode *> items;
  find_all(body, "leadStatus", items);
  for (const auto *n : items) {
    o.statuses.push_back(find(*n, "status")->text == "true");
    o.keys.emplace_back(find(*n, "keyType")->text, find(*n, "keyValue")->text);
  }
  return o;
}

struct ImportCall {
  std::string program = "Demo Program";
  std::string list = "Newsletter";
  std::string header;
  std::vector<std::string> rows;
  std::string mode = "UPSERTLEADS";
  bool clear_list = false;
  std::optional<std::string> campaign;  // nullopt: xsi:nil
};

inline std::string import_request(const ImportCall &c) {
  std::string x = "<ns1:paramsImportToList><programName>" + xml_escape(c.program) + "</programName><importFileHeader>" +
                  xml_escape(c.header) + "</importFileHeader><importFileRows>";
  for (const std::string &r : c.rows) x += "<stringItem>" + xml_escape(r) + "</stringItem>";
  x += "</importFileRows><importListMode>" + c.mode + "</importListMode><listName>" + xml_escape(c.list) +
       "</listName><clearList>" + (c.clear_list ? "true" : "false") + "</clearList>";
  x += c.campaign ? "<campaignName>" + xml_escape(*c.campaign) + "</campaignName>"
                  : std::string("<campaignName xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>");
  return envelope(demo_auth(), x + "</ns1:paramsImportToList>");
}

inline std::string import_status_request(const std::optional<std::string> &program,
                                         const std::optional<std::string> &list) {
  std::string x = "<ns1:paramsGetImportToListStatus>";
  if (program) x += "<programName>" + xml_escape(*program) + "</programName>";
  if (list) x += "<listName>" + xml_escape(*list) + "</listName>";
  return envelope(demo_auth(), x + "</ns1:paramsGetImportToListStatus>");
}

// The text of the first element named `name` in a response's Body ("" when
// absent; "nil" when xsi:nil).
inline std::string body_text(const HttpResponse &r, const std::string &name) {
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *n = find(body, name);
  if (!n) return "";
  return n->nil ? "nil" : n->text;
}

// The REST face over one keep-alive connection, with the demo client's token.
class Rest {
 public:
  explicit Rest(int port) : c_(port) {
    nlohmann::json t = nlohmann::json::parse(
        raw("GET", "/identity/oauth/token?grant_type=client_credentials&client_id=mktows-sandbox-demo-client"
                   "&client_secret=mktows-sandbox-demo-secret",
            "", "", false)
            .body);
    token_ = t["access_token"].get<std::string>();
  }
  HttpResponse raw(const std::string &method, const std::string &target, const std::string &body,
                   const std::string &type, bool auth = true) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (auth) req += "Authorization: Bearer " + token_ + "\r\n";
    if (!type.empty()) req += "Content-Type: " + type + "\r\n";
    if (!body.empty() || method != "GET") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    if (!c_.send_raw(req)) return HttpResponse();
    return c_.read_response();
  }
  nlohmann::json call(const std::string &method, const std::string &target, const std::string &body = "",
                      const std::string &type = "application/json") {
    HttpResponse r = raw(method, target, body, type);
    if (r.status != 200) return nlohmann::json{{"httpStatus", r.status}};
    return nlohmann::json::parse(r.body);
  }
  // POST of a multipart/form-data body with one part, `file`.
  nlohmann::json upload(const std::string &target, const std::string &csv, const std::string &part = "file") {
    const std::string b = "sandboxBoundary7MA4YWxk";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"" + part +
                       "\"; filename=\"leads.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + b + "--\r\n";
    return call("POST", target, body, "multipart/form-data; boundary=" + b);
  }

 private:
  Connection c_;
  std::string token_;
};

inline std::string rest_error(const nlohmann::json &j) {
  if (!j.contains("success") || j["success"].get<bool>() || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

}  // namespace sandbox_test
