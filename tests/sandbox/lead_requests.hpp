// lead_requests.hpp: syncLead / syncMultipleLeads / getLead request bodies
// written by hand for the rule tests, and readers for their responses.
#pragma once

#include "sandbox_client.hpp"
#include "support/sandbox_process.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox_test {

struct LeadFields {
  std::optional<int> id;
  std::string email;
  std::string foreign_id;
  std::string foreign_type;
  std::vector<std::pair<std::string, std::string>> attributes;
};

inline std::string lead_record_xml(const LeadFields &f) {
  std::string x = "<leadRecord>";
  if (f.id) x += "<Id>" + std::to_string(*f.id) + "</Id>";
  if (!f.email.empty()) x += "<Email>" + xml_escape(f.email) + "</Email>";
  if (!f.foreign_id.empty()) x += "<ForeignSysPersonId>" + xml_escape(f.foreign_id) + "</ForeignSysPersonId>";
  if (!f.foreign_type.empty()) x += "<ForeignSysType>" + f.foreign_type + "</ForeignSysType>";
  if (!f.attributes.empty()) {
    x += "<leadAttributeList>";
    for (const auto &a : f.attributes)
      x += "<attribute><attrName>" + xml_escape(a.first) + "</attrName><attrValue>" + xml_escape(a.second) +
           "</attrValue></attribute>";
    x += "</leadAttributeList>";
  }
  return x + "</leadRecord>";
}

struct SyncLeadCall {
  LeadFields lead;
  std::string cookie;
  bool return_lead = false;
  bool omit_return_lead = false;
  std::optional<std::string> workspace;
};

inline std::string sync_lead_body(const SyncLeadCall &c) {
  std::string x = "<ns1:paramsSyncLead>" + lead_record_xml(c.lead);
  if (!c.omit_return_lead) x += std::string("<returnLead>") + (c.return_lead ? "true" : "false") + "</returnLead>";
  if (!c.cookie.empty()) x += "<marketoCookie>" + xml_escape(c.cookie) + "</marketoCookie>";
  return x + "</ns1:paramsSyncLead>";
}

inline std::string demo_auth() { return auth_header(mktows_test::kDemoUserId, mktows_test::kDemoEncryptionKey); }

inline std::string sync_lead_request(const SyncLeadCall &c) {
  return envelope(demo_auth() + (c.workspace ? context_header(*c.workspace) : std::string()), sync_lead_body(c));
}

inline std::string get_lead_request(const std::string &key_type, const std::string &key_value) {
  return envelope(demo_auth(), "<ns1:paramsGetLead><leadKey><keyType>" + key_type + "</keyType><keyValue>" +
                                   xml_escape(key_value) + "</keyValue></leadKey></ns1:paramsGetLead>");
}

inline std::string sync_multiple_request(const std::vector<LeadFields> &leads, std::optional<bool> dedup) {
  std::string x = "<ns1:paramsSyncMultipleLeads><leadRecordList>";
  for (const LeadFields &l : leads) x += lead_record_xml(l);
  x += "</leadRecordList>";
  if (dedup) x += std::string("<dedupEnabled>") + (*dedup ? "true" : "false") + "</dedupEnabled>";
  return envelope(demo_auth(), x + "</ns1:paramsSyncMultipleLeads>");
}

// What a syncLead response said.
struct SyncOutcome {
  int http_status = 0;
  int fault = 0;
  int lead_id = 0;
  std::string status;
  bool has_record = false;
  std::string record_email;
  std::string record_foreign_id;
  std::string record_foreign_type;
  std::vector<std::pair<std::string, std::string>> record_attributes;
};

inline SyncOutcome read_sync_outcome(const HttpResponse &r) {
  SyncOutcome o;
  o.http_status = r.status;
  if (r.status == 0) return o;
  o.fault = fault_code(r.body);
  if (o.fault) return o;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *result = find(body, "result");
  if (!result) return o;
  for (const auto &c : result->children) {
    if (c.name == "leadId") o.lead_id = std::atoi(c.text.c_str());
    if (c.name == "syncStatus" && find(c, "status")) o.status = find(c, "status")->text;
    if (c.name == "leadRecord" && !c.nil) {
      o.has_record = true;
      for (const auto &f : c.children) {
        if (f.name == "Email" && !f.nil) o.record_email = f.text;
        if (f.name == "ForeignSysPersonId" && !f.nil) o.record_foreign_id = f.text;
        if (f.name == "ForeignSysType" && !f.nil) o.record_foreign_type = f.text;
      }
      std::vector<const mktows_test::XmlNode *> attrs;
      find_all(c, "attribute", attrs);
      for (const auto *a : attrs) o.record_attributes.emplace_back(find(*a, "attrName")->text, find(*a, "attrValue")->text);
    }
  }
  return o;
}

// Lead ids a getLead response lists, or the fault code as {-code}.
inline std::vector<int> read_get_lead_ids(const HttpResponse &r) {
  int f = fault_code(r.body);
  if (f) return {-f};
  std::vector<const mktows_test::XmlNode *> ids;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  find_all(body, "Id", ids);
  std::vector<int> out;
  for (const auto *n : ids) out.push_back(std::atoi(n->text.c_str()));
  return out;
}

}  // namespace sandbox_test
