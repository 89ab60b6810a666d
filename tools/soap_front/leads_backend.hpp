// leads_backend.hpp: the leads domain of the operation table
// (mktows/operations.hpp: syncLead, syncMultipleLeads, getLead,
// getMultipleLeads, mergeLeads), as the front
// end carries it out. The sandbox's LeadService keeps the leads itself; the
// bridge's RestBackend carries the calls to a Marketo REST API. Both throw
// ServiceError with the mktows fault code of a refused request.
#pragma once

#include "lead.hpp"

#include <cstdint>
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

// getMultipleLeads' leadSelector (or the deprecated lastUpdatedAt), as
// the front end read it: one of the three kinds, the others' members empty.
struct LeadSelection {
  enum class Kind { keys, static_list, last_update };
  Kind kind = Kind::keys;
  std::string key_type;                 // keys: the LeadKeyRef name
  std::vector<std::string> key_values;  // keys, as sent (the backend applies the limit)
  bool has_list_id = false;             // static_list: by id, else by name
  int list_id = 0;
  std::string list_name;                // "Program.List"
  std::int64_t oldest = 0;              // last_update: seconds since the epoch
  bool has_latest = false;
  std::int64_t latest = 0;
};

struct MultipleLeadsRequest {
  LeadSelection selection;
  std::string stream_position;  // empty: the first page
  bool has_batch_size = false;
  int batch_size = 0;
  // includeAttributes: only these fields (SOAP names) are returned; not
  // given: every field.
  bool has_include = false;
  std::vector<std::string> include;
};

struct MultipleLeadsPage {
  std::vector<Lead> leads;  // already reduced to the fields asked for
  int remaining = 0;        // leads after this page
  std::string next_position;  // empty: the walk is done
};

// A lead named by attribute pairs, as mergeLeads names them: each
// attrName a LeadKeyRef name (IDNUM, EMAIL, ...), attrValue its value.
using LeadKeyList = std::vector<Attribute>;

struct MergeResult {
  int winner_id = 0;
  std::vector<int> loser_ids;
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
  // One page of getMultipleLeads.
  virtual MultipleLeadsPage get_multiple_leads(const MultipleLeadsRequest &request) = 0;
  // Merges the losers into the winner; each key list must name one lead.
  virtual MergeResult merge_leads(const LeadKeyList &winner, const std::vector<LeadKeyList> &losers) = 0;
  // The attrType reported for an attribute; empty: none.
  virtual std::string attribute_type(const std::string &name) const = 0;
};

}  // namespace mktows_front
