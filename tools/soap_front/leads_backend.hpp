// leads_backend.hpp: the leads domain of the operation table
// (mktows/operations.hpp: syncLead, syncMultipleLeads, getLead), as the front
// end carries it out. The sandbox's LeadService keeps the leads itself; the
// bridge's RestBackend carries the calls to a Marketo REST API. Both throw
// ServiceError with the mktows fault code of a refused request.
#pragma once

#include "lead.hpp"

#include <string>
#include <vector>

namespace mktows_front {

// A LeadRecord as it arrived; empty strings are "not given".
struct LeadInput {
  bool has_id = false;
  int id = 0;
  std::string email;
  std::string foreign_id;
  std::string foreign_type;
  std::vector<Attribute> attributes;
};

struct SyncRequest {
  LeadInput lead;
  std::string cookie;          // marketoCookie, empty when absent
  bool has_workspace = false;  // a MktowsContextHeader was sent
  std::string workspace;
  bool return_lead = false;    // the caller wants `record`
};

struct SyncResult {
  int lead_id = 0;
  bool created = false;
  std::string error;  // non-empty: FAILED, with this syncStatus/error text
  Lead record;        // the lead after the write
};

// One record's outcome in syncMultipleLeads.
struct BatchResult {
  int lead_id = 0;
  bool created = false;
  int error_code = 0;  // non-zero: FAILED
  std::string error;   // its syncStatus/error text; empty: the code's fault string
};

class LeadsBackend {
 public:
  virtual ~LeadsBackend() = default;
  virtual SyncResult sync_lead(const SyncRequest &request) = 0;
  // One result per record, in order; dedup false: a record without an Id
  // always creates a lead.
  virtual std::vector<BatchResult> sync_multiple(const std::vector<LeadInput> &records, bool has_workspace,
                                                 const std::string &workspace, bool dedup) = 0;
  // keyType is the LeadKeyRef name (IDNUM, EMAIL, COOKIE, SFDCLEADID, ...).
  virtual std::vector<Lead> get_leads(const std::string &key_type, const std::string &key_value) = 0;
  // The attrType reported for an attribute; empty: none.
  virtual std::string attribute_type(const std::string &name) const = 0;
};

}  // namespace mktows_front
