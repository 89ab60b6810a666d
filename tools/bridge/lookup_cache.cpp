// lookup_cache.cpp: a map with expiry times under one lock.
#include "lookup_cache.hpp"

namespace mktows_bridge {

nlohmann::json LookupCache::get(const std::string &key, const std::function<nlohmann::json()> &fetch) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && Clock::now() < it->second.until) return it->second.value;
    ++fetches_;
  }
  nlohmann::json value = fetch();
  std::lock_guard<std::mutex> lock(mutex_);
  // Bounded: a full cache starts afresh (names are few; a flood of distinct
  // ones only costs their look-ups again).
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = Entry{value, Clock::now() + ttl_};
  return value;
}

bool LookupCache::has(const std::string &key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  return it != entries_.end() && Clock::now() < it->second.until;
}

void LookupCache::forget(const std::string &key) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(key);
}

unsigned long LookupCache::fetches() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return fetches_;
}

}  // namespace mktows_bridge
