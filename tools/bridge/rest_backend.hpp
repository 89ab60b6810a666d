// rest_backend.hpp: the SOAP face's lead calls carried out on a Marketo
// REST API (docs/BRIDGE.md has the mapping). Shared by all workers.
#pragma once

#include "bridge_config.hpp"
#include "call_gate.hpp"
#include "leads_backend.hpp"
#include "rest_http.hpp"
#include "token_cache.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_bridge {

class RestBackend : public mktows_front::LeadsBackend {
 public:
  RestBackend(const BridgeConfig &config, RestHttp &http, TokenCache &tokens, CallGate &gate, bool verbose);

  mktows_front::SyncResult sync_lead(const mktows_front::SyncRequest &request) override;
  std::vector<mktows_front::BatchResult> sync_multiple(const std::vector<mktows_front::LeadInput> &records,
                                                         bool has_workspace, const std::string &workspace,
                                                         bool dedup) override;
  std::vector<mktows_front::Lead> get_leads(const std::string &key_type, const std::string &key_value) override;
  // getMultipleLeads: a LeadKeySelector whose leads fit in one page, as one
  // Get Leads by Filter Type; the other selectors are refused with their
  // reason (docs/BRIDGE.md).
  mktows_front::MultipleLeadsPage get_multiple_leads(const mktows_front::MultipleLeadsRequest &request) override;
  // mergeLeads: each key list to its one lead, then Merge Leads.
  mktows_front::MergeResult merge_leads(const mktows_front::LeadKeyList &winner,
                                        const std::vector<mktows_front::LeadKeyList> &losers) override;
  std::string attribute_type(const std::string &name) const override;

  // One REST call with the token, the limits, the retries and the fault
  // table applied: the response envelope when success is true; otherwise
  // throws ServiceError with the mapped fault.
  nlohmann::json call(const std::string &method, const std::string &path_and_query, const std::string &content_type,
                      const std::string &body);

 private:
  struct Names {
    std::map<std::string, std::string> soap_to_rest, rest_to_soap, soap_type;
  };
  // The Describe table, fetched once and shared (refresh: fetch again).
  std::shared_ptr<const Names> names(bool refresh);
  // One record for Sync Leads; throws ServiceError 20105 for an attribute
  // without a REST field.
  nlohmann::json rest_record(const mktows_front::LeadInput &in, const Names &n) const;
  std::string partition_for(bool has_workspace, const std::string &workspace) const;
  // Sync Leads with these records; one result item per record.
  nlohmann::json sync_call(const std::string &action, const std::string &lookup, const std::string &partition,
                           const std::vector<const mktows_front::LeadInput *> &records);
  mktows_front::Lead fetch_lead(int id);
  // The REST filterType of a LeadKeyRef name; throws 20102 (told) for one
  // REST has none for.
  static const char *filter_type(const std::string &key_type);
  // The leads a filter matches, every page (at most the 1000 a filter may match).
  std::vector<mktows_front::Lead> filter_leads(const char *filter, const std::string &values, const Names &n);
  std::string all_fields(const Names &n) const;
  mktows_front::Lead to_lead(const nlohmann::json &rest, const Names &n) const;

  BridgeConfig config_;
  RestHttp &http_;
  TokenCache &tokens_;
  CallGate &gate_;
  bool verbose_;
  mutable std::mutex names_mutex_;
  std::shared_ptr<const Names> names_;
};

}  // namespace mktows_bridge
