// lead_keys.hpp: SOAP lead keys (LeadKey{keyType, keyValue}) to REST lead
// ids, which the REST writes (trigger, list membership, activities) take
// in their place. Keys of one type go in one Get Leads by Filter Type per
// 300 values, matched back to their key by the filter field's value; COOKIE
// keys, whose value no lead field shows, one call each.
#pragma once

#include "rest_backend.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mktows_bridge {

struct LeadKeyRef {
  std::string type;   // the LeadKeyRef name: IDNUM, EMAIL, ...
  std::string value;
};

struct LeadMatch {
  int id = 0;
  std::string updated_at;  // REST updatedAt: the most recently written wins where one lead is wanted
};

// Throws the key faults (20101, 20102) before any REST call.
void check_lead_keys(const std::vector<LeadKeyRef> &keys);
// REST calls resolve_lead_keys makes for these keys.
int lead_key_calls(const std::vector<LeadKeyRef> &keys);
// One list of matches per key, in order (empty: no lead).
std::vector<std::vector<LeadMatch>> resolve_lead_keys(RestBackend &rest, const std::vector<LeadKeyRef> &keys);
// The most recently written of a key's matches (the syncLead rule for a
// non-unique EMAIL); 0 when there is none.
int newest(const std::vector<LeadMatch> &matches);

}  // namespace mktows_bridge
