// rest_leads.hpp: the REST lead calls (Sync Leads, Get Leads by Filter
// Type, Get Lead by Id, Describe, partitions, Associate Lead) over the
// sandbox's store, under the REST API's rules (docs/SANDBOX.md, "REST
// face"). JSON in, JSON out; request-level refusals throw RestError.
#pragma once

#include "lead_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mktows_sandbox {

class RestLeads {
 public:
  explicit RestLeads(LeadService &leads);

  // The `result` array of Sync Leads for the request body.
  nlohmann::json sync(const nlohmann::json &body);
  // Get Leads by Filter Type; fields/batch/page as the query gives them
  // (empty = default). Sets more/next for paging.
  nlohmann::json filter(const std::string &filter_type, const std::string &filter_values, const std::string &fields,
                        const std::string &batch_size, const std::string &page_token, bool &more, std::string &next);
  nlohmann::json by_id(int id, const std::string &fields);
  nlohmann::json describe() const;
  nlohmann::json partitions() const;
  void associate(int id, const std::string &cookie);
  // Merge Leads: `leadId` or `leadIds` (a comma list) into `winner`.
  void merge(int winner, const std::string &lead_id, const std::string &lead_ids);
  // For the list calls (rest_lists.cpp): leads as Get Leads shows them
  // (`fields` as its query gives them; throws RestError 1006), and the
  // store's name of a writable REST field ("Email" for email; empty: none).
  nlohmann::json leads_json(const std::vector<const Lead *> &leads, const std::string &fields) const;
  std::string store_name(const std::string &rest_name) const;

 public:
  enum class Kind { kId, kEmail, kCookies, kPartition, kSfdcLead, kSfdcContact, kCreatedAt, kUpdatedAt, kAttribute };
  // One REST name of a lead.
  struct Field {
    std::string rest;
    Kind kind;
    std::string soap;  // the attribute's (or key's) SOAP name; empty: REST only
    std::string type;  // describe's dataType
    bool writable;
    bool lookup;  // allowed as lookupField
    bool filter;  // allowed as filterType
  };

 private:
  const Field *field(const std::string &rest_name) const;
  std::vector<const Field *> fields_for(const std::string &list) const;
  nlohmann::json to_json(const Lead &lead, const std::vector<const Field *> &fields) const;
  int partition_id(const std::string &name) const;

  LeadService &leads_;
  std::vector<Field> fields_;
};

}  // namespace mktows_sandbox
