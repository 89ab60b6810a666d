// rest_backend.hpp: the SOAP face's lead calls carried out on a Marketo
// REST API (docs/BRIDGE.md has the mapping). Shared by all workers.
#pragma once

#include "bridge_config.hpp"
#include "call_gate.hpp"
#include "leads_backend.hpp"
#include "lookup_cache.hpp"
#include "rest_http.hpp"
#include "token_cache.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_bridge {

class StateStore;
class StreamSigner;

// A REST error code that a call gives a meaning of its own (1013 on a
// campaign trigger is 20113), rather than the fault table's.
struct RestCodeFault {
  const char *code;
  int fault;
};

class RestBackend : public mktows_front::LeadsBackend {
 public:
  // `state` keeps what outlives a call (stream positions' key, walks);
  // `lookups` the names REST resolved. Both are shared by the domains.
  RestBackend(const BridgeConfig &config, RestHttp &http, TokenCache &tokens, CallGate &gate, bool verbose,
              StateStore &state, StreamSigner &signer, LookupCache &lookups);

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
  // `codes`: REST errors this call maps itself (told to the caller).
  nlohmann::json call(const std::string &method, const std::string &path_and_query, const std::string &content_type,
                      const std::string &body, std::initializer_list<RestCodeFault> codes = {});

  // What the other domains' backends share with the leads domain.
  struct Names {
    std::map<std::string, std::string> soap_to_rest, rest_to_soap, soap_type;
    std::map<std::string, std::string> display_to_rest;  // Describe's displayName (import headers)
  };
  // The Describe table, fetched once and shared (refresh: fetch again).
  std::shared_ptr<const Names> names(bool refresh);
  // The REST filterType of a LeadKeyRef name; throws 20102 (told) for one
  // REST has none for.
  static const char *filter_type(const std::string &key_type);
  // Throws 20101/20102 for a key value that cannot go into filterValues.
  static void check_key_value(const std::string &key_type, const std::string &value);
  // Get Leads by Filter Type with these fields, every page (at most the
  // 1000 a filter may match): the REST records.
  std::vector<nlohmann::json> filter_records(const char *filter, const std::string &values, const std::string &fields);
  std::string all_fields(const Names &n) const;
  mktows_front::Lead to_lead(const nlohmann::json &rest, const Names &n) const;
  // includeAttributes applied to a lead (getMultipleLeads).
  static void keep_only(mktows_front::Lead &lead, const std::vector<std::string> &include);
  const BridgeConfig &config() const { return config_; }
  CallGate &gate() { return gate_; }
  bool verbose() const { return verbose_; }
  StateStore &state() { return state_; }
  StreamSigner &signer() { return signer_; }
  LookupCache &lookups() { return lookups_; }

 private:
  // getMultipleLeads by StaticListSelector and LastUpdateAtSelector
  // (rest_multiple_leads.cpp).
  mktows_front::MultipleLeadsPage list_leads_page(const mktows_front::MultipleLeadsRequest &request, int page_size);
  mktows_front::MultipleLeadsPage updated_leads_page(const mktows_front::MultipleLeadsRequest &request, int page_size);
  // One record for Sync Leads; throws ServiceError 20105 for an attribute
  // without a REST field.
  nlohmann::json rest_record(const mktows_front::LeadInput &in, const Names &n) const;
  std::string partition_for(bool has_workspace, const std::string &workspace) const;
  // Sync Leads with these records; one result item per record.
  nlohmann::json sync_call(const std::string &action, const std::string &lookup, const std::string &partition,
                           const std::vector<const mktows_front::LeadInput *> &records);
  mktows_front::Lead fetch_lead(int id);
  // The leads a filter matches, every page (at most the 1000 a filter may match).
  std::vector<mktows_front::Lead> filter_leads(const char *filter, const std::string &values, const Names &n);

  BridgeConfig config_;
  RestHttp &http_;
  TokenCache &tokens_;
  CallGate &gate_;
  bool verbose_;
  StateStore &state_;
  StreamSigner &signer_;
  LookupCache &lookups_;
  mutable std::mutex names_mutex_;
  std::shared_ptr<const Names> names_;
};

}  // namespace mktows_bridge
