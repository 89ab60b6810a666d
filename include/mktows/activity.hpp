// activity.hpp: what getLeadActivity and getLeadChanges read: activity
// records, the filter by activity type, the stream position a walk resumes
// from, and the options of the two reads. Plain C++11, no gSOAP (the wire
// side is detail/activity_calls.hpp).
#ifndef MKTOWS_ACTIVITY_HPP
#define MKTOWS_ACTIVITY_HPP

#include "mktows/lead.hpp"
#include "mktows/lead_selector.hpp"

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

// 2_2's StreamPosition: a window of creation times and the service's
// opaque offset. The service hands one back with every page; the pager
// sends it with the next. To start a getLeadChanges walk give
// oldest_created_at (and optionally latest_created_at).
struct StreamPosition {
  bool has_oldest_created_at = false;
  std::time_t oldest_created_at = 0;
  bool has_latest_created_at = false;
  std::time_t latest_created_at = 0;
  bool has_activity_created_at = false;
  std::time_t activity_created_at = 0;
  std::string offset;  // empty: none

  static StreamPosition since(std::time_t oldest) {
    StreamPosition p;
    p.has_oldest_created_at = true;
    p.oldest_created_at = oldest;
    return p;
  }
  StreamPosition &until(std::time_t latest) {
    has_latest_created_at = true;
    latest_created_at = latest;
    return *this;
  }
  bool empty() const { return !has_oldest_created_at && !has_latest_created_at && offset.empty(); }
};

inline bool operator==(const StreamPosition &a, const StreamPosition &b) {
  return a.has_oldest_created_at == b.has_oldest_created_at && a.oldest_created_at == b.oldest_created_at &&
         a.has_latest_created_at == b.has_latest_created_at && a.latest_created_at == b.latest_created_at &&
         a.offset == b.offset;
}
inline bool operator!=(const StreamPosition &a, const StreamPosition &b) { return !(a == b); }

// Which activity types to read, by 2_2 enumeration name ("VisitWebpage",
// activity_types.hpp); include or exclude, not both (the service's 20110).
struct ActivityFilter {
  std::vector<std::string> include_types;
  std::vector<std::string> exclude_types;

  static ActivityFilter include(std::vector<std::string> types) {
    ActivityFilter f;
    f.include_types = std::move(types);
    return f;
  }
  static ActivityFilter exclude(std::vector<std::string> types) {
    ActivityFilter f;
    f.exclude_types = std::move(types);
    return f;
  }
  bool empty() const { return include_types.empty() && exclude_types.empty(); }
};

// One record of getLeadActivity. `type` is the display text ("Visit
// Webpage"); the optional texts are empty when the service sent none.
struct ActivityRecord {
  int id = 0;
  std::time_t at = 0;  // activityDateTime, UTC
  std::string type;
  std::string asset_name;  // mktgAssetName
  std::vector<Attribute> attributes;
  std::string campaign;
  std::string person_name;
  std::string mkt_person_id;  // the lead's id, as text
  std::string foreign_sys_id;
  std::string org_name;
  std::string foreign_sys_org_id;

  // The value of the attribute named `name`, or null.
  const std::string *find(const std::string &name) const {
    for (std::size_t i = 0; i < attributes.size(); ++i)
      if (attributes[i].name == name) return &attributes[i].value;
    return nullptr;
  }
};

// One record of getLeadChanges (a new lead, a changed value, another
// activity), over every lead.
struct LeadChangeRecord {
  int id = 0;
  std::time_t at = 0;
  std::string type;
  std::string asset_name;
  std::vector<Attribute> attributes;
  std::string campaign;
  std::string mkt_person_id;

  const std::string *find(const std::string &name) const {
    for (std::size_t i = 0; i < attributes.size(); ++i)
      if (attributes[i].name == name) return &attributes[i].value;
    return nullptr;
  }
};

// getLeadActivity's options: the filter, the page size (0: the service's;
// it caps at kMaxLeadActivityBatch), where to resume (empty: the newest).
struct ActivityReadOptions {
  ActivityFilter filter;
  int batch_size = 0;
  StreamPosition resume_from;
};

// getLeadChanges' options: `start` is required (oldest_created_at, or a
// position a pager handed out); the leads (none: every lead; a
// LeadKeySelector of at most kMaxLeadChangesKeys keys, or a
// LastUpdateAtSelector), the filter, the page size (0: the service's; it
// caps at kMaxLeadChangesBatch).
struct LeadChangesOptions {
  StreamPosition start;
  LeadSelector leads;
  ActivityFilter filter;
  int batch_size = 0;

  explicit LeadChangesOptions(StreamPosition from) : start(std::move(from)) {}
};

}  // namespace mktows

#endif  // MKTOWS_ACTIVITY_HPP
