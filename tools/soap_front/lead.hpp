// lead.hpp: a lead as the backends hand it to the front end (and as the
// sandbox stores it), independent of gSOAP's types.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mktows_front {

struct Attribute {
  std::string name;
  std::string value;
};

// Empty strings mean "not set": the service never stores an empty key.
struct Lead {
  int id = 0;
  std::string email;
  std::string foreign_id;
  std::string foreign_type;  // CUSTOM, SFDC or NETSUITE when foreign_id is set
  std::string cookie;        // the Munchkin cookie an anonymous visit left
  std::string partition;
  std::uint64_t updated = 0;  // the store's write sequence at the last write
  // When the lead was created and last written, in seconds since the epoch
  // (UTC); the journal keeps them. 0: not known (a journal from before the
  // sandbox kept them: replay gives such a lead the time it is replayed).
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::vector<Attribute> attributes;  // in the order they were first set

  // Known = reachable by more than a cookie (the seed's "anonymous" leads
  // have only a cookie).
  bool anonymous() const { return email.empty() && foreign_id.empty(); }

  const std::string *attribute(const std::string &name) const {
    for (const Attribute &a : attributes)
      if (a.name == name) return &a.value;
    return nullptr;
  }
  void set_attribute(const std::string &name, const std::string &value) {
    for (Attribute &a : attributes)
      if (a.name == name) {
        a.value = value;
        return;
      }
    attributes.push_back(Attribute{name, value});
  }
};

}  // namespace mktows_front
