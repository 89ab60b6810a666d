// wsdl_walk.hpp: the WSDL walk, shared by the sandbox's suite
// (wsdl_walk_test) and the bridge's (bridge_wsdl_walk_test): every operation
// the WSDL this build used declares (read with libxml2, not gSOAP) is called
// on a running server with a minimal valid request, signed, and must be
// answered with a success, not a fault (20019 least of all); the same call
// signed with a wrong key must get 20014. It fails the day an operation is
// added to the WSDL or to the table without a request here, and the day one
// stops being served.
#pragma once

#include <boost/test/unit_test.hpp>

#include "sandbox/sandbox_client.hpp"
#include "support/test_paths.hpp"
#include "support/wsdl_operations.hpp"

#include <mktows/operations.hpp>

#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wsdl_walk {

using namespace sandbox_test;


inline std::string lead_key(const char *type, const std::string &value) {
  return "<leadKey><keyType>" + std::string(type) + "</keyType><keyValue>" + value + "</keyValue></leadKey>";
}

inline std::string attribute(const char *name, const std::string &value) {
  return "<attribute><attrName>" + std::string(name) + "</attrName><attrValue>" + value + "</attrValue></attribute>";
}

constexpr char kXsi[] = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

// The body of a minimal valid call of each operation of 2_2, on the
// sandbox's default world (docs/SANDBOX.md) and the leads the walk syncs
// first (walk.a, walk.b, walk.c; `winner` is walk.b's id, `loser` walk.c's).
inline std::map<std::string, std::string> minimal_requests(int loser, int winner) {
  const std::string a = "walk.a@example.com";
  std::map<std::string, std::string> r;
  r["syncLead"] = "<leadRecord><Email>walk.sync@example.com</Email></leadRecord><returnLead>false</returnLead>";
  r["syncMultipleLeads"] =
      "<leadRecordList><leadRecord><Email>walk.multi@example.com</Email></leadRecord></leadRecordList>"
      "<dedupEnabled>true</dedupEnabled>";
  r["getLead"] = lead_key("EMAIL", a);
  r["getMultipleLeads"] = std::string("<leadSelector ") + kXsi +
                          " xsi:type=\"ns1:LeadKeySelector\"><keyType>EMAIL</keyType><keyValues><stringItem>" + a +
                          "</stringItem></keyValues></leadSelector>";
  r["mergeLeads"] = "<winningLeadKeyList>" + attribute("IDNUM", std::to_string(winner)) +
                    "</winningLeadKeyList><losingLeadKeyLists><keyList>" + attribute("IDNUM", std::to_string(loser)) +
                    "</keyList></losingLeadKeyLists>";
  r["getLeadActivity"] = lead_key("EMAIL", a);
  r["getLeadChanges"] = "<startPosition><oldestCreatedAt>2000-01-01T00:00:00Z</oldestCreatedAt></startPosition>";
  r["listOperation"] =
      "<listOperation>ADDTOLIST</listOperation><listKey><keyType>MKTOLISTNAME</keyType>"
      "<keyValue>Demo Program.Newsletter</keyValue></listKey><listMemberList>" +
      lead_key("EMAIL", a) + "</listMemberList>";
  r["importToList"] = std::string(
                          "<programName>Demo Program</programName><importFileHeader>Email</importFileHeader>"
                          "<importFileRows><stringItem>walk.import@example.com</stringItem></importFileRows>"
                          "<importListMode>UPSERTLEADS</importListMode><listName>Newsletter</listName>"
                          "<clearList>false</clearList><campaignName xsi:nil=\"true\" ") +
                      kXsi + "/>";
  r["getImportToListStatus"] = "<programName>Demo Program</programName><listName>Newsletter</listName>";
  r["getCampaignsForSource"] = "<source>MKTOWS</source>";
  r["requestCampaign"] = "<source>MKTOWS</source><campaignId>2001</campaignId><leadList>" + lead_key("EMAIL", a) +
                         "</leadList>";
  r["scheduleCampaign"] = "<programName>Demo Program</programName><campaignName>Weekly Digest</campaignName>";
  r["listMObjects"] = "";
  r["describeMObject"] = "<objectName>Opportunity</objectName>";
  r["getMObjects"] = "<type>Program</type><id>1001</id>";
  r["syncMObjects"] =
      "<mObjectList><mObject><type>Opportunity</type><attribList><attrib><name>Name</name>"
      "<value>Walk deal</value></attrib></attribList></mObject></mObjectList><operation>INSERT</operation>";
  r["deleteMObjects"] = "<mObjectList><mObject><type>Opportunity</type><id>1</id></mObject></mObjectList>";
  // The world's Car: keyed by VIN, linked to its lead by MKTOID.
  const std::string car_keys = attribute("MKTOID", std::to_string(winner)) + attribute("VIN", "WALK0000000000001");
  r["syncCustomObjects"] = "<objTypeName>Car</objTypeName><customObjList><customObj><customObjKeyList>" + car_keys +
                           "</customObjKeyList></customObj></customObjList><operation>UPSERT</operation>";
  r["getCustomObjects"] = "<objTypeName>Car</objTypeName><customObjKeyList>" +
                          attribute("MKTOID", std::to_string(winner)) + "</customObjKeyList><includeAttributes/>";
  r["deleteCustomObjects"] =
      "<objTypeName>Car</objTypeName><customObjKeyLists><keyList>" + car_keys + "</keyList></customObjKeyLists>";
  r["getChannels"] = "";
  r["getTags"] = "";
  return r;
}

inline std::string element_of(const std::string &op) {
  std::string e = op;
  e[0] = static_cast<char>(e[0] - 'a' + 'A');
  return "params" + e;
}

inline std::string call(const std::string &op, const std::string &children) {
  const std::string e = element_of(op);
  return children.empty() ? "<ns1:" + e + "/>" : "<ns1:" + e + ">" + children + "</ns1:" + e + ">";
}

inline int sync(Connection &c, const std::string &path, const std::string &user, const std::string &key,
                const std::string &email) {
  HttpResponse r = c.post(path,
                          envelope(auth_header(user, key), call("syncLead", "<leadRecord><Email>" + email +
                                                                                  "</Email></leadRecord><returnLead>false</returnLead>")),
                          action("syncLead"));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *id = find(body, "leadId");
  BOOST_REQUIRE(id);
  return std::atoi(id->text.c_str());
}



// The walk on the server at 127.0.0.1:`port`, `path`, whose SOAP user is
// `user` / `key`; `where` names the server in the failures.
inline void walk_every_operation(int port, const std::string &path, const std::string &user, const std::string &key,
                                 const std::string &where) {
  const std::map<std::string, mktows_test::WsdlOperation> ops =
      mktows_test::read_wsdl_operations(mktows_test::paths::built_wsdl);
  BOOST_TEST_MESSAGE("the built WSDL declares " << ops.size() << " operations");
  // Our WSDL and the vendor's 2_2 declare all 23 (every row of the table).
  BOOST_TEST(ops.size() == mktows::kOperationCount);

  Connection seed(port);
  sync(seed, path, user, key, "walk.a@example.com");
  const int winner = sync(seed, path, user, key, "walk.b@example.com");
  const int loser = sync(seed, path, user, key, "walk.c@example.com");
  const std::map<std::string, std::string> requests = minimal_requests(loser, winner);

  // In the table's order, where each domain's writes come before its reads
  // (importToList before getImportToListStatus), then anything the WSDL has
  // that the table lacks (which the walk then has no request for).
  std::vector<std::pair<std::string, mktows_test::WsdlOperation>> walk;
  for (const mktows::OperationInfo &o : mktows::kOperations)
    if (ops.count(o.name)) walk.emplace_back(o.name, ops.at(o.name));
  for (const auto &op : ops)
    if (!mktows::find_operation(op.first.data(), op.first.size())) walk.push_back(op);
  int served = 0;
  for (const auto &op : walk) {
    auto it = requests.find(op.first);
    BOOST_TEST_REQUIRE((it != requests.end()), op.first << " has no minimal request in this walk");
    const std::string body = call(op.first, it->second);
    Connection c(port);
    HttpResponse good = c.post(path, envelope(auth_header(user, key), body), op.second.soap_action);
    const int code = fault_code(good.body);
    BOOST_TEST(code != 20019, where << ": " << op.first << " answered 20019");
    BOOST_TEST(code == 0, where << ": " << op.first << " answered fault " << code << ": " << good.body.substr(0, 600));
    BOOST_TEST(good.status == 200, where << ": " << op.first);
    // The answer is the WSDL's output element.
    BOOST_TEST(good.body.find(op.second.output_element) != std::string::npos,
               where << ": " << op.first << ": " << good.body.substr(0, 300));
    if (code == 0 && good.status == 200) ++served;

    Connection b(port);
    HttpResponse bad = b.post(path, envelope(auth_header(user, "not-the-key-of-this-user"), body),
                              op.second.soap_action);
    BOOST_TEST(bad.status == 500, where << ": " << op.first);
    BOOST_TEST(fault_code(bad.body) == 20014,
               where << ": " << op.first << " with a bad signature: " << bad.body.substr(0, 300));
  }
  BOOST_TEST(served == static_cast<int>(ops.size()));
}

}  // namespace wsdl_walk
