// lead_store.hpp: the leads in memory, with O(1) look-ups by Id,
// ForeignSysPersonId, cookie and Email. Not synchronised: LeadService owns
// the lock.
#pragma once

#include "front_types.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace mktows_sandbox {

class LeadStore {
 public:
  const Lead *by_id(int id) const;
  const Lead *by_foreign_id(const std::string &foreign_id) const;
  const Lead *by_cookie(const std::string &cookie) const;
  // Email is not a unique key: when several leads share an address (compared
  // ASCII case-insensitively) the most recently written one wins.
  const Lead *by_email(const std::string &email) const;
  // Every lead with the address, lowest Id first.
  std::vector<const Lead *> all_by_email(const std::string &email) const;

  // Inserts or replaces the lead with lead.id, re-indexing changed keys and
  // stamping it as the most recent write. Returns the stored copy.
  const Lead &put(Lead lead);

  // Removes the lead (a merge's loser); false when there is none. Its Id is
  // never given again: allocate_id counts from the highest ever stored.
  bool erase(int id);

  // The next unused Id (never below `floor`).
  int allocate_id(int floor);
  std::size_t size() const { return leads_.size(); }
  // Every lead, in no particular order.
  template <class F>
  void for_each(F f) const {
    for (const auto &kv : leads_) f(kv.second);
  }
  void reserve(std::size_t n);

 private:
  void unindex(const Lead &lead);
  void index(const Lead &lead);

  std::unordered_map<int, Lead> leads_;
  std::unordered_map<std::string, int> by_foreign_;
  std::unordered_map<std::string, int> by_cookie_;
  std::unordered_map<std::string, std::vector<int>> by_email_;  // key: lower-cased
  std::uint64_t sequence_ = 0;
  int max_id_ = 0;
};

}  // namespace mktows_sandbox
