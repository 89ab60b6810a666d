// stream_position.hpp: the positions the bridge hands out
// (getMultipleLeads' newStreamPosition, the activity calls'
// newStartPosition.offset) carry what the next page needs (REST
// nextPageTokens, the bridge's own offsets) as JSON, signed with
// HMAC-SHA256 under a key kept in the state store, so they survive a
// restart and a position this bridge did not hand out is refused, not
// followed.
#pragma once

#include "state_store.hpp"

#include <nlohmann/json.hpp>

#include <mutex>
#include <string>

namespace mktows_bridge {

class StreamSigner {
 public:
  explicit StreamSigner(StateStore &store) : store_(store) {}

  // "mkb1.<payload, hex>.<mac, hex>".
  std::string seal(const nlohmann::json &payload);
  // The payload of a position seal() made with this bridge's key; throws
  // ServiceError 20122 (told) for anything else: altered, truncated,
  // another bridge's, not ours at all.
  nlohmann::json open(const std::string &position);

 private:
  const std::string &key();
  std::string mac(const std::string &text);

  StateStore &store_;
  std::mutex mutex_;
  std::string key_;  // raw bytes, read from (or first written to) the store
};

}  // namespace mktows_bridge
