// merge.hpp: what mergeLeads answers. Plain C++11, no gSOAP (the wire
// side is detail/lead_calls.hpp).
#ifndef MKTOWS_MERGE_HPP
#define MKTOWS_MERGE_HPP

#include <string>
#include <vector>

namespace mktows {

// mergeLeads: the winner's id, the losers' ids, MERGED or not (with the
// service's text).
struct MergeResult {
  bool merged = false;
  int winning_lead_id = 0;
  std::vector<int> losing_lead_ids;
  std::string error;
};

}  // namespace mktows

#endif  // MKTOWS_MERGE_HPP
