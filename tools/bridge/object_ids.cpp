// object_ids.cpp: minting and reading the integer ids of REST records.
#include "object_ids.hpp"

#include "service_error.hpp"

#include <openssl/sha.h>

namespace mktows_bridge {

namespace {

const std::size_t kKeptInMemory = 100000;  // ids kept in memory at once
const int kMaxProbes = 64;                 // a walk longer than this means a broken store
const unsigned long kSpan = 2147483646UL;  // ids 1 .. 2^31 - 2: SOAP's id is an xs:int

}  // namespace

int ObjectIds::first_candidate(const std::string &type, const std::string &guid) {
  std::string text = type + std::string(1, '\0') + guid;
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char *>(text.data()), text.size(), md);
  unsigned long v = (static_cast<unsigned long>(md[0]) << 24) | (static_cast<unsigned long>(md[1]) << 16) |
                    (static_cast<unsigned long>(md[2]) << 8) | md[3];
  return static_cast<int>(1 + v % kSpan);
}

void ObjectIds::remember(const std::string &type, int id, const std::string &guid) {
  if (ids_.size() >= kKeptInMemory) ids_.clear(), guids_.clear();
  ids_[type + '\n' + guid] = id;
  guids_[key(type, id)] = guid;
}

int ObjectIds::id_of(const std::string &type, const std::string &guid) {
  if (guid.empty()) throw mktows_front::ServiceError(mktows::fault_code::api_failure, "REST answered a record without marketoGUID");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = ids_.find(type + '\n' + guid);
    if (it != ids_.end()) return it->second;
  }
  long long id = first_candidate(type, guid);
  for (int probe = 0; probe < kMaxProbes; ++probe) {
    std::string held = store_.get_or_put(key(type, static_cast<int>(id)), [&] { return guid; });
    if (held == guid) {
      std::lock_guard<std::mutex> lock(mutex_);
      remember(type, static_cast<int>(id), guid);
      return static_cast<int>(id);
    }
    id = id % static_cast<long long>(kSpan) + 1;  // the next id, wrapping past the last to 1
  }
  throw mktows_front::ServiceError(mktows::fault_code::api_failure,
                                   "bridge state: no free object id near the one for a " + type + " record");
}

bool ObjectIds::guid_of(const std::string &type, int id, std::string &guid) {
  if (id <= 0) return false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = guids_.find(key(type, id));
    if (it != guids_.end()) {
      guid = it->second;
      return true;
    }
  }
  if (!store_.get(key(type, id), guid)) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  remember(type, id, guid);
  return true;
}

}  // namespace mktows_bridge
