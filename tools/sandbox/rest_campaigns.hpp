// rest_campaigns.hpp: the REST campaign calls (Get Campaigns, Request
// Campaign, Schedule Campaign) over the sandbox's CampaignService, under the
// REST API's rules (docs/SANDBOX.md, "Campaigns"). JSON in, the response
// envelope's members out; request-level refusals throw RestError.
#pragma once

#include "campaigns_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestCampaigns {
 public:
  explicit RestCampaigns(CampaignService &campaigns);

  // True for the paths below /rest/v1/campaigns this class answers.
  static bool serves(const std::string &path);

  // Answers one request for such a path: sets body's success, result and
  // (campaigns.json) moreResult/nextPageToken. `query`: the decoded query
  // parameters; `type`: the body's media type, lower-cased.
  void handle(const std::string &method, const std::string &path,
              const std::vector<std::pair<std::string, std::string>> &query, const std::string &type,
              const std::string &request_body, nlohmann::json &body);

 private:
  nlohmann::json list(const std::vector<std::pair<std::string, std::string>> &query, bool &more, std::string &next);
  nlohmann::json trigger(int id, const nlohmann::json &in);
  nlohmann::json schedule(int id, const nlohmann::json &in);
  nlohmann::json to_json(const Campaign &c, const std::vector<CampaignRun> &runs) const;

  CampaignService &campaigns_;
};

}  // namespace mktows_sandbox
