// rest_campaigns.hpp: the campaigns domain (getCampaignsForSource,
// requestCampaign, scheduleCampaign) carried to REST's campaigns.json,
// campaigns/{id}/trigger.json and campaigns/{id}/schedule.json
// (docs/BRIDGE.md, "Campaigns").
#pragma once

#include "campaigns_backend.hpp"
#include "rest_backend.hpp"

namespace mktows_bridge {

class RestCampaigns : public mktows_front::CampaignsBackend {
 public:
  explicit RestCampaigns(RestBackend &rest) : rest_(rest) {}

  std::vector<mktows_front::CampaignListing> campaigns_for_source(mktows_front::CampaignSource source,
                                                                  const std::string *name, bool exact_name) override;
  void request_campaign(const mktows_front::CampaignRequest &request) override;
  void schedule_campaign(const mktows_front::CampaignSchedule &schedule) override;

 private:
  RestBackend &rest_;
};

}  // namespace mktows_bridge
