// lead_store.cpp: the in-memory indexes.
#include "lead_store.hpp"

#include "config.hpp"

#include <algorithm>

namespace mktows_sandbox {

const Lead *LeadStore::by_id(int id) const {
  auto it = leads_.find(id);
  return it == leads_.end() ? nullptr : &it->second;
}

const Lead *LeadStore::by_foreign_id(const std::string &foreign_id) const {
  auto it = by_foreign_.find(foreign_id);
  return it == by_foreign_.end() ? nullptr : by_id(it->second);
}

const Lead *LeadStore::by_cookie(const std::string &cookie) const {
  auto it = by_cookie_.find(cookie);
  return it == by_cookie_.end() ? nullptr : by_id(it->second);
}

const Lead *LeadStore::by_email(const std::string &email) const {
  auto it = by_email_.find(ascii_lower(email));
  if (it == by_email_.end()) return nullptr;
  const Lead *best = nullptr;
  for (int id : it->second) {
    const Lead *l = by_id(id);
    if (l && (!best || l->updated > best->updated)) best = l;
  }
  return best;
}

std::vector<const Lead *> LeadStore::all_by_email(const std::string &email) const {
  std::vector<const Lead *> out;
  auto it = by_email_.find(ascii_lower(email));
  if (it == by_email_.end()) return out;
  for (int id : it->second)
    if (const Lead *l = by_id(id)) out.push_back(l);
  std::sort(out.begin(), out.end(), [](const Lead *a, const Lead *b) { return a->id < b->id; });
  return out;
}

void LeadStore::unindex(const Lead &lead) {
  if (!lead.foreign_id.empty()) {
    auto it = by_foreign_.find(lead.foreign_id);
    if (it != by_foreign_.end() && it->second == lead.id) by_foreign_.erase(it);
  }
  if (!lead.cookie.empty()) {
    auto it = by_cookie_.find(lead.cookie);
    if (it != by_cookie_.end() && it->second == lead.id) by_cookie_.erase(it);
  }
  if (!lead.email.empty()) {
    auto it = by_email_.find(ascii_lower(lead.email));
    if (it != by_email_.end()) {
      auto &ids = it->second;
      ids.erase(std::remove(ids.begin(), ids.end(), lead.id), ids.end());
      if (ids.empty()) by_email_.erase(it);
    }
  }
}

void LeadStore::index(const Lead &lead) {
  if (!lead.foreign_id.empty()) by_foreign_[lead.foreign_id] = lead.id;
  if (!lead.cookie.empty()) by_cookie_[lead.cookie] = lead.id;
  if (!lead.email.empty()) by_email_[ascii_lower(lead.email)].push_back(lead.id);
}

const Lead &LeadStore::put(Lead lead) {
  lead.updated = ++sequence_;
  if (lead.id > max_id_) max_id_ = lead.id;
  auto it = leads_.find(lead.id);
  if (it == leads_.end()) {
    index(lead);
    return leads_.emplace(lead.id, std::move(lead)).first->second;
  }
  Lead &stored = it->second;
  bool same_keys = stored.email == lead.email && stored.foreign_id == lead.foreign_id && stored.cookie == lead.cookie;
  if (!same_keys) unindex(stored);
  stored = std::move(lead);
  if (!same_keys) index(stored);
  return stored;
}

bool LeadStore::erase(int id) {
  auto it = leads_.find(id);
  if (it == leads_.end()) return false;
  unindex(it->second);
  leads_.erase(it);
  return true;
}

int LeadStore::allocate_id(int floor) {
  if (max_id_ < floor - 1) max_id_ = floor - 1;
  return max_id_ + 1;
}

void LeadStore::reserve(std::size_t n) {
  leads_.reserve(n);
  by_email_.reserve(n);
  by_foreign_.reserve(n);
  by_cookie_.reserve(n);
}

}  // namespace mktows_sandbox
