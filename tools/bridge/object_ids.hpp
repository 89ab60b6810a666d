// object_ids.hpp: the integer ids SOAP's MObjects carry for REST records
// that have a marketoGUID only (opportunities, their roles). An id is
// minted on first sight of a GUID and kept in the state store for good
// (docs/BRIDGE.md, "Objects"):
//
//   h = 1 + (the first four bytes of SHA-256(type, NUL, GUID), as an
//       unsigned number, modulo 2^31 - 2)
//
// and the id is the first of h, h+1, h+2, ... whose store entry
// `mobj:<type>:<id>` is this GUID or is free (then claimed with
// get_or_put). Entries are never removed, so the walk from h always ends
// at the same id: the same GUID gets the same id after a restart and from
// every bridge that shares the store, and two GUIDs never share one.
// Nothing but the store decides: a GUID of any form works.
#pragma once

#include "state_store.hpp"

#include <map>
#include <mutex>
#include <string>

namespace mktows_bridge {

class ObjectIds {
 public:
  explicit ObjectIds(StateStore &store) : store_(store) {}

  // The SOAP id of REST record `guid` of `type` (Opportunity,
  // OpportunityPersonRole); minted and stored when new.
  int id_of(const std::string &type, const std::string &guid);
  // The GUID SOAP id `id` stands for; false when no bridge sharing this
  // store handed that id out (the id names nothing).
  bool guid_of(const std::string &type, int id, std::string &guid);
  // The first id the walk tries for `guid` (tests plant collisions with it).
  static int first_candidate(const std::string &type, const std::string &guid);

 private:
  static std::string key(const std::string &type, int id) { return "mobj:" + type + ":" + std::to_string(id); }
  void remember(const std::string &type, int id, const std::string &guid);

  StateStore &store_;
  std::mutex mutex_;
  // What the store said, kept in memory (an entry never changes once
  // written); bounded: a full map starts afresh.
  std::map<std::string, int> ids_;
  std::map<std::string, std::string> guids_;
};

}  // namespace mktows_bridge
