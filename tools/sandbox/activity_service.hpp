// activity_service.hpp: getLeadActivity and getLeadChanges over the
// sandbox's activity log, under LeadService's lock (docs/SANDBOX.md,
// "getLeadActivity and getLeadChanges": order, positions, limits, faults).
#pragma once

#include "activity_backend.hpp"
#include "lead_service.hpp"

#include <string>
#include <vector>

namespace mktows_sandbox {

using mktows_front::ActivityBackend;
using mktows_front::ActivityPage;
using mktows_front::ActivityRecordData;
using mktows_front::ActivityTypeFilterData;
using mktows_front::LeadActivityRequest;
using mktows_front::LeadChangesRequest;
using mktows_front::StreamPositionData;

class ActivityService : public ActivityBackend {
 public:
  explicit ActivityService(LeadService &leads);

  // Newest first, from the newest record at the first page down.
  ActivityPage lead_activity(const LeadActivityRequest &request) override;
  // Oldest first, over every lead or the selector's; never at an end (a
  // later call from the last position returns what was written since).
  ActivityPage lead_changes(const LeadChangesRequest &request) override;

  // Which of mktows::kActivityTypes a filter lets through. Throws 20110
  // (include and exclude both given), 20107 (a name 2_2 does not have).
  static std::vector<bool> wanted_types(const ActivityTypeFilterData &filter);

 private:
  // A position's offset: "ID:<n>:<mac>" or, for a stream with nothing left,
  // "END:<n>:<mac>". The mac covers the operation, `context` (the lead key),
  // n and the window members, under a key drawn when the sandbox starts, so
  // a position the sandbox did not hand out (altered, forged, another
  // operation's or another lead's, or from before a restart) is refused.
  std::string offset(char op, const std::string &context, bool end, long long n, const StreamPositionData &window) const;
  // Reads an offset back; throws 20122 for one this process did not write.
  void read_offset(char op, const std::string &context, const StreamPositionData &position, bool &end,
                   long long &n) const;
  std::string mac(const std::string &text) const;
  // The leads a key names, by id (the LeadsBackend's rules and faults).
  std::vector<int> lead_ids(const std::string &key_type, const std::string &key_value);

  LeadService &leads_;
  unsigned char key_[32];
};

}  // namespace mktows_sandbox
