// rest_activities.hpp: the REST face's activities calls (activities/types.json,
// activities/pagingtoken.json, activities.json, activities/leadchanges.json)
// over the same activity log as getLeadActivity / getLeadChanges, under the
// REST API's rules (docs/SANDBOX.md, "getLeadActivity and getLeadChanges").
// Request-level refusals throw RestError.
#pragma once

#include "lead_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestActivities {
 public:
  // The query's parameters, decoded, in order (rest_face.cpp's).
  using Query = std::vector<std::pair<std::string, std::string>>;

  explicit RestActivities(LeadService &leads);

  // True for the paths below.
  static bool serves(const std::string &path);
  // Fills `body` (success, result, moreResult, nextPageToken) for a GET of
  // one of them.
  void get(const std::string &path, const Query &query, nlohmann::json &body);

 private:
  nlohmann::json types() const;
  std::string paging_token(const std::string &since) const;
  // Records after the token's position, oldest first; sets `more` and the
  // token of the position after the page (handed out on every page, so a
  // caller may come back for records written later).
  nlohmann::json activities(const Query &q, bool &more, std::string &next);
  nlohmann::json lead_changes(const Query &q, bool &more, std::string &next);

  LeadService &leads_;
};

}  // namespace mktows_sandbox
