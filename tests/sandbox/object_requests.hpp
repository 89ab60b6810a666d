// object_requests.hpp: the objects domain's SOAP bodies (syncMObjects,
// deleteMObjects, getMObjects) written by hand and readers of their
// answers, for the sandbox's objects suite and the bridge's.
#pragma once

#include "lead_requests.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox_test {

using Attribs = std::vector<std::pair<std::string, std::string>>;

// --- SOAP bodies, written by hand -------------------------------------------

struct Assoc {
  std::string type;
  std::optional<int> id;
  std::optional<std::pair<std::string, std::string>> key;
};

struct TypeAttrib {
  std::string type;
  Attribs attribs;
};

struct Obj {
  std::string type = "Opportunity";
  std::optional<int> id;
  std::optional<std::pair<std::string, std::string>> key;
  Attribs attribs;
  std::vector<TypeAttrib> type_attribs;
  std::vector<Assoc> assocs;
};

inline std::string attrib_xml(const std::pair<std::string, std::string> &a, const char *tag = "attrib") {
  return std::string("<") + tag + "><name>" + xml_escape(a.first) + "</name><value>" + xml_escape(a.second) + "</value></" +
         tag + ">";
}

inline std::string assocs_xml(const char *list, const std::vector<Assoc> &assocs) {
  std::string x = std::string("<") + list + ">";
  for (const Assoc &a : assocs) {
    x += "<mObjAssociation><mObjType>" + a.type + "</mObjType>";
    if (a.id) x += "<id>" + std::to_string(*a.id) + "</id>";
    if (a.key) x += attrib_xml(*a.key, "externalKey");
    x += "</mObjAssociation>";
  }
  return x + "</" + list + ">";
}

inline std::string object_xml(const Obj &o) {
  std::string x = "<mObject><type>" + o.type + "</type>";
  if (o.id) x += "<id>" + std::to_string(*o.id) + "</id>";
  if (o.key) x += attrib_xml(*o.key, "externalKey");
  if (!o.attribs.empty()) {
    x += "<attribList>";
    for (const auto &a : o.attribs) x += attrib_xml(a);
    x += "</attribList>";
  }
  if (!o.type_attribs.empty()) {
    x += "<typeAttribList>";
    for (const TypeAttrib &t : o.type_attribs) {
      x += "<typeAttrib><attrType>" + t.type + "</attrType><attrList>";
      for (const auto &a : t.attribs) x += attrib_xml(a);
      x += "</attrList></typeAttrib>";
    }
    x += "</typeAttribList>";
  }
  if (!o.assocs.empty()) x += assocs_xml("associationList", o.assocs);
  return x + "</mObject>";
}

inline std::string sync_request(const std::vector<Obj> &objs, const std::string &op) {
  std::string x = "<ns1:paramsSyncMObjects><mObjectList>";
  for (const Obj &o : objs) x += object_xml(o);
  return envelope(demo_auth(), x + "</mObjectList><operation>" + op + "</operation></ns1:paramsSyncMObjects>");
}

inline std::string delete_request(const std::vector<Obj> &objs) {
  std::string x = "<ns1:paramsDeleteMObjects><mObjectList>";
  for (const Obj &o : objs) x += object_xml(o);
  return envelope(demo_auth(), x + "</mObjectList></ns1:paramsDeleteMObjects>");
}

struct Crit {
  std::string name;
  std::string comparison;
  std::string value;
};

struct Query {
  std::string type = "Opportunity";
  std::optional<int> id;
  std::optional<std::pair<std::string, std::string>> key;
  std::vector<Crit> criteria;
  std::vector<Assoc> assocs;
  std::optional<bool> details;
  std::optional<std::string> position;
};

inline std::string get_request(const Query &q) {
  std::string x = "<ns1:paramsGetMObjects><type>" + q.type + "</type>";
  if (q.id) x += "<id>" + std::to_string(*q.id) + "</id>";
  if (q.key) x += attrib_xml(*q.key, "externalKey");
  if (!q.criteria.empty()) {
    x += "<mObjCriteriaList>";
    for (const Crit &c : q.criteria)
      x += "<mObjCriteria><attrName>" + xml_escape(c.name) + "</attrName><comparison>" + c.comparison +
           "</comparison><attrValue>" + xml_escape(c.value) + "</attrValue></mObjCriteria>";
    x += "</mObjCriteriaList>";
  }
  if (!q.assocs.empty()) x += assocs_xml("mObjAssociationList", q.assocs);
  if (q.details) x += std::string("<includeDetails>") + (*q.details ? "true" : "false") + "</includeDetails>";
  if (q.position) x += "<streamPosition>" + xml_escape(*q.position) + "</streamPosition>";
  return envelope(demo_auth(), x + "</ns1:paramsGetMObjects>");
}

// --- reading answers ------------------------------------------------------------

// A child that must be there (a missing one fails the test, not the process).
const mktows_test::XmlNode &need(const mktows_test::XmlNode &n, const std::string &name) {
  const mktows_test::XmlNode *f = find(n, name);
  BOOST_REQUIRE_MESSAGE(f, "no <" + name + "> in <" + n.name + ">: " + n.canonical());
  return *f;
}

struct Status {
  int id = 0;
  std::string status;
  std::string error;
  std::string key_value;
};

struct Statuses {
  int fault = 0;
  std::vector<Status> items;
};

inline Statuses read_statuses(const HttpResponse &r) {
  Statuses s;
  s.fault = fault_code(r.body);
  if (s.fault) return s;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> items;
  find_all(body, "mObjStatus", items);
  for (const auto *n : items) {
    Status st;
    st.id = std::atoi(need(*n, "id").text.c_str());
    st.status = need(*n, "status").text;
    if (const auto *e = find(*n, "error")) st.error = e->text;  // nil: none
    if (const auto *k = find(*n, "externalKey"))
      if (!k->nil) st.key_value = need(*k, "value").text;
    s.items.push_back(st);
  }
  return s;
}

struct Got {
  int id = 0;
  std::string type;
  std::map<std::string, std::string> attribs;
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> type_attribs;
  std::vector<std::pair<std::string, int>> assocs;
  std::string key_value;
};

struct Page {
  int fault = 0;
  int return_count = -1;
  bool has_more = false;
  std::string position;
  std::vector<Got> objects;
  std::vector<int> ids() const {
    std::vector<int> out;
    for (const Got &g : objects) out.push_back(g.id);
    return out;
  }
};

inline std::map<std::string, std::string> attribs_of(const mktows_test::XmlNode &list) {
  std::map<std::string, std::string> out;
  for (const auto &a : list.children)
    if (a.name == "attrib") out[need(a, "name").text] = need(a, "value").text;
  return out;
}

inline Page read_page(const HttpResponse &r) {
  Page p;
  p.fault = fault_code(r.body);
  if (p.fault) return p;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  p.return_count = std::atoi(need(body, "returnCount").text.c_str());
  p.has_more = need(body, "hasMore").text == "true";
  p.position = need(body, "newStreamPosition").text;
  std::vector<const mktows_test::XmlNode *> objs;
  find_all(body, "mObject", objs);
  for (const auto *n : objs) {
    Got g;
    for (const auto &c : n->children) {
      if (c.name == "id") g.id = std::atoi(c.text.c_str());
      if (c.name == "type") g.type = c.text;
      if (c.name == "attribList" && !c.nil) g.attribs = attribs_of(c);
      if (c.name == "externalKey" && !c.nil) g.key_value = need(c, "value").text;
      if (c.name == "typeAttribList" && !c.nil)
        for (const auto &t : c.children) g.type_attribs.emplace_back(find(t, "attrType")->text, attribs_of(*find(t, "attrList")));
      if (c.name == "associationList" && !c.nil)
        for (const auto &a : c.children) g.assocs.emplace_back(find(a, "mObjType")->text, std::atoi(find(a, "id")->text.c_str()));
    }
    p.objects.push_back(g);
  }
  return p;
}

}  // namespace sandbox_test
