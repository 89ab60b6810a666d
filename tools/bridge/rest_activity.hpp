// rest_activity.hpp: the activity domain (getLeadActivity, getLeadChanges)
// carried to REST's activities.json: type names to REST type ids through
// activities/types.json, lead keys to ids, streams of at most 10 types and
// 30 leads merged by date, positions signed (docs/BRIDGE.md, "Activity").
#pragma once

#include "activity_backend.hpp"
#include "rest_backend.hpp"

#include <cstdint>
#include <vector>

namespace mktows_bridge {

class RestActivity : public mktows_front::ActivityBackend {
 public:
  explicit RestActivity(RestBackend &rest) : rest_(rest) {}

  mktows_front::ActivityPage lead_activity(const mktows_front::LeadActivityRequest &request) override;
  mktows_front::ActivityPage lead_changes(const mktows_front::LeadChangesRequest &request) override;

 private:
  // The REST type ids a filter asks for (none: every type the instance
  // has); 20107 / 20110 for a filter SOAP refused.
  std::vector<int> type_ids(const mktows_front::ActivityTypeFilterData &filter);
  mktows_front::ActivityRecordData record(const nlohmann::json &rest);

  RestBackend &rest_;
};

}  // namespace mktows_bridge
