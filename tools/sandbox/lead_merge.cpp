// lead_merge.cpp: mergeLeads over the store. The winner keeps its values and
// takes, for each field it has no value for, the first loser's that has one;
// the losers are deleted, their activity becomes the winner's, and a Merge
// Leads record names them (docs/SANDBOX.md, "mergeLeads").
#include "lead_service.hpp"
#include "text_values.hpp"

#include <algorithm>

namespace mktows_sandbox {

const Lead &LeadService::lead_of(const LeadKeyList &keys) const {
  if (keys.empty()) throw ServiceError(fault_code::lead_key_required, "an empty key list");
  const Lead *found = nullptr;
  // Every key of one list must name the same, single lead.
  for (const Attribute &k : keys) {
    std::vector<const Lead *> leads = leads_by_key(k.name, k.value);
    if (leads.empty()) throw ServiceError(fault_code::lead_not_found, k.name + " matched no lead");
    if (leads.size() > 1)
      throw ServiceError::told(fault_code::bad_parameter, k.name + " matches " + std::to_string(leads.size()) + " leads");
    if (found && found != leads.front())
      throw ServiceError::told(fault_code::bad_parameter, "the keys of one key list name different leads");
    found = leads.front();
  }
  return *found;
}

void LeadService::apply_merge(int winner, const std::vector<int> &losers) {
  for (int id : losers) {
    activities_.move_lead(id, winner);
    store_.erase(id);
  }
  for (const MergeHook &h : merge_hooks_) h(winner, losers);
}

MergeResult LeadService::merge_leads(const LeadKeyList &winner_keys, const std::vector<LeadKeyList> &loser_keys) {
  if (loser_keys.empty()) throw ServiceError::told(fault_code::parameter_required, "no losing lead");
  MergeResult result;
  std::uint64_t ticket;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Lead &winner = lead_of(winner_keys);
    result.winner_id = winner.id;
    std::vector<const Lead *> losers;
    for (const LeadKeyList &k : loser_keys) {
      const Lead &l = lead_of(k);
      if (l.id == winner.id) throw ServiceError::told(fault_code::bad_parameter, "a losing lead is the winning lead");
      if (std::find(result.loser_ids.begin(), result.loser_ids.end(), l.id) != result.loser_ids.end())
        throw ServiceError::told(fault_code::bad_parameter, "a losing lead is named twice");
      losers.push_back(&l);
      result.loser_ids.push_back(l.id);
    }
    Lead merged = winner;
    for (const Lead *l : losers) {
      if (merged.email.empty()) merged.email = l->email;
      for (const Attribute &a : l->attributes) {
        const std::string *have = merged.attribute(a.name);
        if ((!have || have->empty()) && !a.value.empty()) merged.set_attribute(a.name, a.value);
      }
    }
    // The losers go first: a loser's cookie or foreign id is its own key
    // and must not be indexed twice while the winner is written.
    std::vector<std::string> record = {kMergeKind, std::to_string(winner.id)};  // M, winner, loser...
    for (int id : result.loser_ids) record.push_back(std::to_string(id));
    apply_merge(winner.id, result.loser_ids);
    journal_.append(record);
    const Lead *stored_winner = &write_lead(store_.by_id(result.winner_id), std::move(merged), "Merge Leads");
    Activity a = make_activity(stored_winner->id, stored_winner->updated_at, "MergeLeads", "Merge Leads");
    std::string ids;
    for (int id : result.loser_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    a.attributes = {{"Merge Ids", ids}, {"Master Updated", "true"}};
    add_activity(std::move(a));
    ticket = journal_.last_ticket();
  }
  make_durable(ticket);
  return result;
}

// Replays a merge journaled by merge_leads.
bool LeadService::replay_merge(const std::vector<std::string> &f) {
  if (f.size() < 3) return false;
  std::vector<int> ids;
  for (std::size_t i = 1; i < f.size(); ++i) {
    int id = 0;
    if (!parse_id(f[i], id)) return false;
    ids.push_back(id);
  }
  apply_merge(ids.front(), std::vector<int>(ids.begin() + 1, ids.end()));
  return true;
}

}  // namespace mktows_sandbox
