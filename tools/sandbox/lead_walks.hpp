// lead_walks.hpp: the open getMultipleLeads walks and the positions that
// resume them. A walk is the list of lead ids its selector matched when its
// first page was asked for; every later page reads the next ids of that
// list, so a walk visits each lead once however the leads are written
// between pages (a lead written after the first page comes back with its
// new values when its turn comes; one created after it is not in the walk).
// A position names a walk and an offset, with a MAC under a key this
// process drew at start: one it did not hand out (forged, altered, from
// another sandbox or from before a restart), or whose walk was dropped, is
// refused with 20122. At most kMaxOpen walks are kept, the least recently
// used dropped first. Not synchronised: LeadService's lock covers it.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mktows_sandbox {

class LeadWalks {
 public:
  static const std::size_t kMaxOpen = 64;
  LeadWalks();

  struct Cursor {
    std::uint64_t walk = 0;
    std::shared_ptr<const std::vector<int>> ids;
    std::size_t offset = 0;
  };
  // A new walk over `ids`, at its start.
  Cursor start(std::vector<int> ids);
  // The walk and offset `position` names; throws ServiceError 20122.
  Cursor resume(const std::string &position);
  // The position that resumes `walk` at `offset`.
  std::string position(std::uint64_t walk, std::size_t offset) const;

 private:
  std::string mac(const std::string &text) const;
  void touch(std::uint64_t walk);

  unsigned char key_[32];
  std::uint64_t next_ = 1;
  std::list<std::uint64_t> recent_;  // most recently used first
  struct Open {
    std::shared_ptr<const std::vector<int>> ids;
    std::list<std::uint64_t>::iterator at;
  };
  std::unordered_map<std::uint64_t, Open> open_;
};

}  // namespace mktows_sandbox
