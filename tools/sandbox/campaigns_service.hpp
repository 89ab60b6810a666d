// campaigns_service.hpp: the sandbox's campaigns (the world's, world.hpp):
// which a source may request, requested runs for leads (a Request Campaign
// activity per lead) and scheduled runs of batch campaigns (a journal record
// of their own, "CRUN"), under LeadService's one lock and journal. Both faces
// use it: the SOAP calls through CampaignsBackend, the REST face through
// trigger(), schedule() and runs(). The rules and the choices where the
// facts are unverified: docs/SANDBOX.md, "Campaigns".
#pragma once

#include "campaigns_backend.hpp"
#include "lead_service.hpp"
#include "world.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_sandbox {

using mktows_front::CampaignListing;
using mktows_front::CampaignRequest;
using mktows_front::CampaignSchedule;
using mktows_front::CampaignSource;
using mktows_front::CampaignToken;

// One run of a batch campaign, as scheduled.
struct CampaignRun {
  long long id = 0;  // ascending in the order they were scheduled
  int campaign_id = 0;
  std::int64_t requested_at = 0;  // seconds since the epoch
  std::int64_t run_at = 0;
  std::string via;  // "SOAP" or "REST": the face that scheduled it
  std::vector<CampaignToken> tokens;
};

class CampaignService : public mktows_front::CampaignsBackend {
 public:
  // Registers the run records with `leads`' journal: construct it before
  // leads.open_data_dir, so the runs are replayed.
  explicit CampaignService(LeadService &leads);

  // The SOAP calls: throw ServiceError with the fault code of a refusal.
  std::vector<CampaignListing> campaigns_for_source(CampaignSource source, const std::string *name,
                                                    bool exact_name) override;
  void request_campaign(const CampaignRequest &request) override;
  void schedule_campaign(const CampaignSchedule &schedule) override;

  // What either face can be refused for; each face gives its own code.
  enum class Refusal {
    not_found,           // no such campaign
    batch_requested,     // a batch campaign cannot be requested
    not_requestable,     // a trigger campaign the source may not request
    trigger_scheduled,   // a trigger campaign cannot be scheduled
    bad_token,           // a token name not of the {{my.name}} form
    too_many_tokens,     // more than rest_limits::kMaxCampaignTokens
    run_at_too_late,     // more than rest_limits::kMaxRunAtAheadSeconds ahead
    lead_not_found,      // a lead id (REST) that names no lead
  };
  class Refused : public std::runtime_error {
   public:
    Refused(Refusal why, const std::string &text) : std::runtime_error(text), why_(why) {}
    Refusal why() const { return why_; }

   private:
    Refusal why_;
  };

  // The REST face's calls (lead ids, campaign id); throw Refused.
  // Runs trigger campaign `campaign_id` for the leads, as the Web Service
  // API requests it.
  void trigger(int campaign_id, const std::vector<int> &lead_ids, const std::vector<CampaignToken> &tokens);
  // Records a run of batch campaign `campaign_id` at `run_at` (a time already
  // past: now) and returns it.
  CampaignRun schedule(int campaign_id, std::int64_t run_at, const std::vector<CampaignToken> &tokens,
                       const char *via);
  // Every scheduled run, in the order they were scheduled.
  std::vector<CampaignRun> runs();

  const World &world() const { return world_; }

  // The journal's record of a run: kind "CRUN".
  static std::vector<std::string> encode(const CampaignRun &run);
  static bool decode(const std::vector<std::string> &fields, CampaignRun &out);
  static const char kKind[];

 private:
  static void check_tokens(const std::vector<CampaignToken> &tokens);
  static void check_requestable(const Campaign &c, CampaignSource source);
  // Adds a Request Campaign activity per lead (each lead once, in order).
  void run_for(LeadService::Writes &w, const Campaign &c, const std::vector<int> &lead_ids,
               const std::vector<CampaignToken> &tokens, CampaignSource source);
  CampaignRun schedule_locked(LeadService::Writes &w, const Campaign &c, std::int64_t run_at,
                              const std::vector<CampaignToken> &tokens, const char *via);
  // A lead key of requestCampaign to a lead id (under the lock); throws
  // ServiceError 20101/20102/20103.
  static int resolve(const LeadStore &store, const mktows_front::CampaignLeadKey &key, std::size_t position);

  LeadService &leads_;
  const World &world_;
  std::vector<CampaignRun> runs_;  // guarded by leads_'s lock (transact/read)
};

}  // namespace mktows_sandbox
