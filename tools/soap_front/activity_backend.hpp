// activity_backend.hpp: the activity domain of the operation table
// (mktows/operations.hpp: getLeadActivity, getLeadChanges), as the front end
// carries it out: gSOAP-free requests and pages. The sandbox's
// ActivityService reads its activity log; a backend throws ServiceError
// with the mktows fault code of a refused request.
#pragma once

#include "lead.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mktows_front {

// A StreamPosition as it travels: each member may be absent.
struct StreamPositionData {
  bool has_latest = false, has_oldest = false, has_activity = false, has_offset = false;
  std::int64_t latest = 0;    // latestCreatedAt, seconds since the epoch
  std::int64_t oldest = 0;    // oldestCreatedAt
  std::int64_t activity = 0;  // activityCreatedAt
  std::string offset;
};

// ActivityTypeFilter: 2_2 enumeration names (VisitWebpage), as sent.
struct ActivityTypeFilterData {
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

struct ActivityRecordData {
  long long id = 0;
  std::int64_t at = 0;
  std::string type;      // the display text (Add to List)
  std::string asset;     // mktgAssetName; empty: none
  std::string campaign;  // empty: none
  int lead_id = 0;
  std::vector<Attribute> attributes;
};

// One page of either operation.
struct ActivityPage {
  int remaining = 0;
  StreamPositionData next;  // newStartPosition
  std::vector<ActivityRecordData> records;
};

struct LeadActivityRequest {
  std::string key_type;  // the LeadKeyRef name (IDNUM, EMAIL, ...)
  std::string key_value;
  ActivityTypeFilterData filter;
  bool has_position = false;
  StreamPositionData position;
  bool has_batch = false;
  int batch = 0;
};

struct LeadChangesRequest {
  bool has_position = false;  // startPosition is required: false is refused
  StreamPositionData position;
  ActivityTypeFilterData filter;
  bool has_batch = false;
  int batch = 0;
  // leadSelector, by its xsi:type; `other` is a LeadSelector of no known subtype.
  enum class Selector { none, keys, static_list, last_update, other } selector = Selector::none;
  std::string key_type;            // keys
  std::vector<std::string> keys;   // keys
  bool has_list_name = false, has_list_id = false;  // static_list
  std::string list_name;
  int list_id = 0;
  bool has_latest_updated = false;  // last_update
  std::int64_t latest_updated = 0, oldest_updated = 0;
};

class ActivityBackend {
 public:
  virtual ~ActivityBackend() = default;
  // One lead's activity records (the lead the key names; every lead it
  // names when a key such as EMAIL matches several).
  virtual ActivityPage lead_activity(const LeadActivityRequest &request) = 0;
  // Changes over all leads or the selector's, oldest first.
  virtual ActivityPage lead_changes(const LeadChangesRequest &request) = 0;
};

}  // namespace mktows_front
