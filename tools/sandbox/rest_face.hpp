// rest_face.hpp: the sandbox's REST API (the vendor's identity service and
// lead database calls) as one pure function from an HTTP request to its
// response, over the same store as the SOAP face. It is the sandbox's own
// routes on the front end's port (HttpRoutes): the front end's router asks
// serves() before the SOAP endpoint, and its collector bounds the bodies of
// these targets by max_body().
#pragma once

#include "lead_service.hpp"
#include "rest_campaigns.hpp"
#include "rest_activities.hpp"
#include "rest_assets.hpp"
#include "rest_custom_objects.hpp"
#include "rest_leads.hpp"
#include "rest_lists.hpp"
#include "rest_objects.hpp"
#include "rest_programs.hpp"
#include "rest_tokens.hpp"

#include <atomic>
#include <memory>
#include <string>

namespace mktows_sandbox {

class RestFace : public HttpRoutes {
 public:
  // `limiter` is the SOAP face's: one sandbox is one subscription, so both
  // faces draw on the same limits.
  RestFace(LeadService &leads, Limiter &limiter, bool verbose);

  // True for the targets this face answers (/rest/..., /identity/...).
  bool serves(const std::string &target) const override;
  unsigned long long max_body() const override { return kMaxBody; }
  HttpResponse handle(const HttpRequest &request) override;

  // Serves the campaign calls over `campaigns` (unset: they answer 610).
  void serve_campaigns(CampaignService &campaigns) { rest_campaigns_.reset(new RestCampaigns(campaigns)); }
  // Serves the list calls and the bulk lead import (/bulk/...) from `lists`.
  void add_lists(ListService &lists) { rest_lists_.reset(new RestLists(lists, rest_leads_)); }
  // Serves the opportunity and role calls and the asset API's programs from
  // `objects` (unset: they answer 610).
  void serve_objects(ObjectService &objects) {
    rest_objects_.reset(new RestObjects(objects));
    rest_programs_.reset(new RestPrograms(objects));
  }

  // Serves the custom object calls from `service` (unset: they answer 610).
  void serve_custom_objects(CustomObjectService &service) {
    rest_custom_objects_.reset(new RestCustomObjects(service));
  }

  // Requests to /identity/oauth/token so far (answered or refused).
  unsigned long identity_calls() const { return identity_calls_.load(); }

  static const std::size_t kMaxBody = 1 << 20;  // larger: HTTP 413
  static const std::size_t kMaxTarget = 8192;   // longer: HTTP 414

 private:
  HttpResponse identity(const HttpRequest &request, const std::string &path, const std::string &query);
  HttpResponse rest(const HttpRequest &request, const std::string &path, const std::string &query);
  std::string request_id();

  Limiter &limiter_;
  bool verbose_;
  RestTokens tokens_;
  RestLeads rest_leads_;
  std::unique_ptr<RestCampaigns> rest_campaigns_;
  RestActivities rest_activities_;
  std::unique_ptr<RestLists> rest_lists_;  // null: the lists domain is not served
  std::unique_ptr<RestCustomObjects> rest_custom_objects_;  // null: not served
  RestAssets rest_assets_;  // the world's channels and tag types
  std::unique_ptr<RestObjects> rest_objects_;    // null: the objects domain is not served
  std::unique_ptr<RestPrograms> rest_programs_;
  std::atomic<unsigned long> identity_calls_{0};
  std::atomic<unsigned long> requests_{0};
};

}  // namespace mktows_sandbox
