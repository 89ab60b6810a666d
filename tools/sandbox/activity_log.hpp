// activity_log.hpp: what happened to each lead, in the order it happened:
// the records getLeadActivity and getLeadChanges read and the REST face's
// activities calls list. Every write the sandbox carries out adds records
// (a new lead, each changed attribute value, list membership, a requested
// or scheduled campaign, a merge, an import); the journal keeps them, so
// they survive a restart as the leads do. Not synchronised: LeadService owns
// the lock.
#pragma once

#include "front_types.hpp"

#include <mktows/activity_types.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mktows_sandbox {

struct Activity {
  long long id = 0;      // ascending in the order of the log
  int lead_id = 0;
  std::int64_t at = 0;   // seconds since the epoch
  std::size_t type = 0;  // index into mktows::kActivityTypes
  std::string asset;     // mktgAssetName (REST: primaryAttributeValue)
  std::string campaign;  // the campaign that did it; empty: none
  std::vector<Attribute> attributes;

  const mktows::ActivityTypeInfo &info() const { return mktows::kActivityTypes[type]; }
};

// A record of `type` (its 2_2 enumeration value, which must be one) for a
// lead at a time, with its asset name; no attributes yet.
Activity make_activity(int lead_id, std::int64_t at, const char *type, std::string asset);

// The REST type id of each activity type, as the sandbox's activities/types.json
// lists it. The vendor documents five (1 Visit Webpage, 2 Fill Out Form, 12 New
// Lead, 13 Change Data Value, 37 Delete Lead); the others are the sandbox's own,
// 1000 + the type's row in mktows::kActivityTypes, so that nothing mistakes
// them for the vendor's: a REST client must look them up (docs/SANDBOX.md).
int rest_activity_type_id(std::size_t type);
// The type whose REST id is `id`; false when none.
bool activity_type_of_rest_id(int id, std::size_t &type);
// The row of an enumeration value (VisitWebpage); false when 2_2 has none.
bool activity_type_of(const std::string &enum_name, std::size_t &type);

class ActivityLog {
 public:
  // Appends `a` with the next id (its id is assigned here) and returns it.
  const Activity &add(Activity a);
  // Puts back a journaled record (its id kept).
  void replay(Activity a);
  // Every record, in log order.
  const std::vector<Activity> &all() const { return log_; }
  // The positions in all() of a lead's records, in log order (null: none).
  const std::vector<std::size_t> *of_lead(int lead_id) const;
  // A merge: the loser's records become the winner's (in log order).
  void move_lead(int from, int to);
  long long last_id() const { return next_id_ - 1; }

  // The journal's record of an activity: kind "A".
  static std::vector<std::string> encode(const Activity &a);
  static bool decode(const std::vector<std::string> &fields, Activity &out);
  static const char kKind[];

 private:
  std::vector<Activity> log_;
  std::unordered_map<int, std::vector<std::size_t>> by_lead_;
  long long next_id_ = 1;
};

}  // namespace mktows_sandbox
