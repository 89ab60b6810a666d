// campaigns_backend.hpp: the campaigns domain of the operation table
// (mktows/operations.hpp: getCampaignsForSource, requestCampaign,
// scheduleCampaign), as the front end carries it out. The sandbox's
// CampaignService holds the campaigns and their runs. Methods throw
// ServiceError with the mktows fault code of a refused request.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mktows_front {

// ReqCampSourceType: who asks for the campaign.
enum class CampaignSource { web_service, sales };  // MKTOWS, SALES

// A CampaignRecord of getCampaignsForSource.
struct CampaignListing {
  int id = 0;
  std::string name;  // "Program.Campaign"
  std::string description;
};

// A LeadKey as it arrived (keyType by its LeadKeyRef name).
struct CampaignLeadKey {
  std::string type;
  std::string value;
};

// An Attrib of programTokenList.
struct CampaignToken {
  std::string name;  // "{{my.message}}"
  std::string value;
};

// requestCampaign's members; has_*: the element was sent and not nil (the
// legal shapes are decided on what was sent, docs/SANDBOX.md).
struct CampaignRequest {
  CampaignSource source = CampaignSource::web_service;
  bool has_campaign_id = false;
  int campaign_id = 0;
  bool has_program_name = false;
  std::string program_name;
  bool has_campaign_name = false;
  std::string campaign_name;
  bool has_tokens = false;
  std::vector<CampaignToken> tokens;
  std::vector<CampaignLeadKey> leads;  // in the order sent
};

struct CampaignSchedule {
  std::string program_name;
  std::string campaign_name;
  bool has_run_at = false;
  std::int64_t run_at = 0;  // seconds since the epoch
  std::vector<CampaignToken> tokens;
};

class CampaignsBackend {
 public:
  virtual ~CampaignsBackend() = default;
  // The campaigns `source` may request; `name` null: all of them.
  virtual std::vector<CampaignListing> campaigns_for_source(CampaignSource source, const std::string *name,
                                                            bool exact_name) = 0;
  virtual void request_campaign(const CampaignRequest &request) = 0;
  virtual void schedule_campaign(const CampaignSchedule &schedule) = 0;
};

}  // namespace mktows_front
