// state_store.hpp: what the bridge must remember between calls and across
// restarts (import batch ids, LastUpdateAtSelector walks, the key that
// signs stream positions), behind one small interface, so that another
// home (Redis, issue 25) replaces the file without touching the
// operations. Values are opaque text; each may carry an expiry.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace mktows_bridge {

class StateStore {
 public:
  virtual ~StateStore() = default;
  // False when `key` is absent (or expired).
  virtual bool get(const std::string &key, std::string &value) = 0;
  // ttl_seconds 0: kept until replaced.
  virtual void put(const std::string &key, const std::string &value, long long ttl_seconds) = 0;
  // The value of `key`; when absent, make()'s, stored first. Two workers
  // (or two bridges sharing the store) asking at once get the same value.
  virtual std::string get_or_put(const std::string &key, const std::function<std::string()> &make) = 0;
};

// One JSON file, `bridge-state.json`, in the bridge's state directory
// (created 0700 when missing). Every write replaces the file atomically (a
// 0600 temporary file, fsync, rename), so a crash leaves the old or the new
// state, never half of one; it is read again before each change, so bridges
// sharing the directory see each other's writes. Throws ServiceError 20011
// when the directory cannot be used (the reason names the path only).
class FileStateStore : public StateStore {
 public:
  explicit FileStateStore(const std::string &directory);

  bool get(const std::string &key, std::string &value) override;
  void put(const std::string &key, const std::string &value, long long ttl_seconds) override;
  std::string get_or_put(const std::string &key, const std::function<std::string()> &make) override;

  std::string path() const { return directory_ + "/bridge-state.json"; }

 private:
  struct Value {
    std::string text;
    long long expires = 0;  // seconds since the epoch; 0: never
  };
  std::map<std::string, Value> load() const;
  void save(const std::map<std::string, Value> &all) const;

  std::string directory_;
  std::mutex mutex_;
};

}  // namespace mktows_bridge
