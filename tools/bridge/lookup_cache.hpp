// lookup_cache.hpp: names the REST API resolves (lists, campaigns,
// programs, activity types), kept for a bounded time so that a SOAP call
// does not pay a look-up each time, and never written into the code: a
// REST peer whose ids differ works the same. Values are the REST records
// as JSON. A caller that meets "not found" on a cached id forgets the entry
// and resolves once more (docs/BRIDGE.md, "Lookups").
#pragma once

#include <mktows/limits.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace mktows_bridge {

class LookupCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LookupCache(std::chrono::seconds ttl = std::chrono::seconds(mktows::bridge_limits::kLookupSeconds),
                       std::size_t max_entries = mktows::bridge_limits::kLookupEntries)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The value kept for `key` while it is fresh; otherwise fetch() (called
  // without the lock held, so workers resolving other names do not wait)
  // and keep what it returns. fetch() may throw: nothing is kept then.
  nlohmann::json get(const std::string &key, const std::function<nlohmann::json()> &fetch);
  // Whether `key` is kept and fresh (what a call will cost is judged on it).
  bool has(const std::string &key) const;
  // Drops `key`: the next get() fetches.
  void forget(const std::string &key);
  // Look-ups that went to REST so far (tests, the log).
  unsigned long fetches() const;

 private:
  struct Entry {
    nlohmann::json value;
    Clock::time_point until;
  };
  std::chrono::seconds ttl_;
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  unsigned long fetches_ = 0;
};

}  // namespace mktows_bridge
