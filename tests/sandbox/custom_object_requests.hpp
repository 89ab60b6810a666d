// custom_object_requests.hpp: the custom object and tag calls' SOAP bodies
// written by hand, readers for their answers, and a sandbox driven over both
// faces (SOAP and the REST face on the same port) for the custom objects and
// tags suites.
#pragma once

#include "lead_requests.hpp"
#include "sandbox_client.hpp"
#include "support/sandbox_process.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox_test {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline std::string attributes_xml(const char *tag, const Fields &fields) {
  std::string x = std::string("<") + tag + ">";
  for (const auto &f : fields)
    x += "<attribute><attrName>" + xml_escape(f.first) + "</attrName><attrValue>" + xml_escape(f.second) +
         "</attrValue></attribute>";
  return x + "</" + tag + ">";
}

struct CustomObj {
  Fields keys;
  Fields attributes;
};

inline std::string sync_custom_request(const std::string &type, const std::vector<CustomObj> &records,
                                       std::optional<std::string> operation = std::nullopt) {
  std::string x = "<ns1:paramsSyncCustomObjects><objTypeName>" + xml_escape(type) + "</objTypeName><customObjList>";
  for (const CustomObj &r : records)
    x += "<customObj>" + attributes_xml("customObjKeyList", r.keys) + attributes_xml("customObjAttributeList", r.attributes) +
         "</customObj>";
  x += "</customObjList>";
  if (operation) x += "<operation>" + *operation + "</operation>";
  return envelope(demo_auth(), x + "</ns1:paramsSyncCustomObjects>");
}

struct GetCustomCall {
  std::string type = "Car";
  std::optional<std::string> position;
  std::optional<int> batch_size;
  std::optional<Fields> keys;
  std::vector<std::string> include;
};

inline std::string get_custom_request(const GetCustomCall &c) {
  std::string x = "<ns1:paramsGetCustomObjects><objTypeName>" + xml_escape(c.type) + "</objTypeName>";
  if (c.position) x += "<streamPosition>" + xml_escape(*c.position) + "</streamPosition>";
  if (c.batch_size) x += "<batchSize>" + std::to_string(*c.batch_size) + "</batchSize>";
  if (c.keys) x += attributes_xml("customObjKeyList", *c.keys);
  x += "<includeAttributes>";
  for (const std::string &i : c.include) x += "<stringItem>" + xml_escape(i) + "</stringItem>";
  x += "</includeAttributes>";
  return envelope(demo_auth(), x + "</ns1:paramsGetCustomObjects>");
}

inline std::string delete_custom_request(const std::string &type, const std::vector<Fields> &key_lists) {
  std::string x = "<ns1:paramsDeleteCustomObjects><objTypeName>" + xml_escape(type) + "</objTypeName><customObjKeyLists>";
  for (const Fields &k : key_lists) x += attributes_xml("keyList", k);
  return envelope(demo_auth(), x + "</customObjKeyLists></ns1:paramsDeleteCustomObjects>");
}

inline Fields read_attributes(const mktows_test::XmlNode *list) {
  Fields out;
  if (!list) return out;
  std::vector<const mktows_test::XmlNode *> attrs;
  find_all(*list, "attribute", attrs);
  for (const auto *a : attrs) out.emplace_back(find(*a, "attrName")->text, find(*a, "attrValue")->text);
  return out;
}

struct CustomStatus {
  std::string type;
  Fields keys;
  std::string status;
  std::string error;
};

struct CustomWrite {
  int fault = 0;
  std::vector<CustomStatus> statuses;
  std::vector<std::string> status_names() const {
    std::vector<std::string> out;
    for (const CustomStatus &s : statuses) out.push_back(s.status);
    return out;
  }
};

inline CustomWrite read_custom_write(const HttpResponse &r) {
  CustomWrite w;
  w.fault = fault_code(r.body);
  if (w.fault) return w;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> items;
  find_all(body, "syncCustomObjStatus", items);
  for (const auto *i : items) {
    CustomStatus s;
    s.type = find(*i, "objTypeName")->text;
    s.keys = read_attributes(find(*i, "customObjKeyList"));
    s.status = find(*i, "status")->text;
    const mktows_test::XmlNode *e = find(*i, "error");
    if (e && !e->nil) s.error = e->text;
    w.statuses.push_back(s);
  }
  return w;
}

struct CustomRecord {
  Fields keys;
  Fields attributes;
  std::string key(const std::string &name) const {
    for (const auto &k : keys)
      if (k.first == name) return k.second;
    return std::string();
  }
  std::string attribute(const std::string &name) const {
    for (const auto &a : attributes)
      if (a.first == name) return a.second;
    return std::string();
  }
};

struct CustomPage {
  int fault = 0;
  std::string type;
  int return_count = -1;
  int remaining = -1;
  std::string position;
  std::vector<CustomRecord> records;
};

inline CustomPage read_custom_page(const HttpResponse &r) {
  CustomPage p;
  p.fault = fault_code(r.body);
  if (p.fault) return p;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  p.type = find(body, "objTypeName")->text;
  p.return_count = std::atoi(find(body, "returnCount")->text.c_str());
  p.remaining = std::atoi(find(body, "remainingCount")->text.c_str());
  p.position = find(body, "newStreamPosition")->text;
  std::vector<const mktows_test::XmlNode *> objs;
  find_all(body, "customObj", objs);
  for (const auto *o : objs)
    p.records.push_back(CustomRecord{read_attributes(find(*o, "customObjKeyList")),
                                     read_attributes(find(*o, "customObjAttributeList"))});
  return p;
}

// The sandbox over HTTP: SOAP calls and the REST face with the demo client.
struct Sandbox {
  explicit Sandbox(const std::vector<std::string> &args = {}) : process(args), c(process.port()) {}

  HttpResponse soap(const std::string &op, const std::string &body) {
    return c.post("/soap/mktows/2_2", body, action(op));
  }
  CustomWrite sync(const std::string &type, const std::vector<CustomObj> &records,
                   std::optional<std::string> operation = std::nullopt) {
    return read_custom_write(soap("syncCustomObjects", sync_custom_request(type, records, operation)));
  }
  CustomPage get(const GetCustomCall &call) { return read_custom_page(soap("getCustomObjects", get_custom_request(call))); }
  CustomWrite erase(const std::string &type, const std::vector<Fields> &key_lists) {
    return read_custom_write(soap("deleteCustomObjects", delete_custom_request(type, key_lists)));
  }
  int lead(const std::string &email) {
    SyncLeadCall call;
    call.lead.email = email;
    SyncOutcome o = read_sync_outcome(soap("syncLead", sync_lead_request(call)));
    BOOST_REQUIRE(o.lead_id > 0);
    return o.lead_id;
  }

  nlohmann::json rest(const std::string &method, const std::string &target, const std::string &body = std::string(),
                      const std::string &type = "application/json") {
    if (token.empty()) {
      HttpResponse t = c.get("/identity/oauth/token?grant_type=client_credentials&client_id=mktows-sandbox-demo-client"
                             "&client_secret=mktows-sandbox-demo-secret");
      BOOST_REQUIRE(t.status == 200);
      token = nlohmann::json::parse(t.body)["access_token"].get<std::string>();
    }
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
    if (!body.empty()) req += "Content-Type: " + type + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    BOOST_REQUIRE(c.send_raw(req));
    HttpResponse r = c.read_response();
    BOOST_REQUIRE(r.status == 200);
    return nlohmann::json::parse(r.body);
  }

  mktows_test::SandboxProcess process;
  Connection c;
  std::string token;
};

inline std::string rest_error(const nlohmann::json &j) {
  if (j.value("success", true) || !j.contains("errors")) return "";
  return j["errors"][0]["code"].get<std::string>();
}

}  // namespace sandbox_test
