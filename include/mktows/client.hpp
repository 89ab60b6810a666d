// client.hpp: mktows::Client, the idiomatic way to call the mktows 2_2
// operations people use: syncLead, syncMultipleLeads, getLead,
// getMultipleLeads, getLeadActivity and getLeadChanges (pagers, pager.hpp),
// listOperation, importToList and its status, getCampaignsForSource,
// requestCampaign, scheduleCampaign, mergeLeads.
//
//   mktows::ClientOptions options;
//   options.endpoint = "https://123-ABC-456.mktoapi.com/soap/mktows/2_2";
//   options.user_id = "bigcorp1_461839624B16E06BA2D663";
//   options.encryption_key = key;
//   mktows::Client client(options);
//   auto r = client.sync_lead(mktows::Lead().email("george@jungle.com")
//                                 .attribute("FirstName", "George"));
//   if (r) std::cout << r->lead_id << ' ' << mktows::to_string(r->status) << '\n';
//   else   std::cerr << r.error() << '\n';
//
// One Client owns one gSOAP context with the signing plugin registered; it
// is movable, not copyable, and used by one thread at a time (ClientPool
// serves several threads). Calls never throw: they return Result<T>.
// The calls beyond the lead calls are there when the bindings' WSDL has
// their operation (MKTOWS_BINDINGS_HAS_<operation>,
// mktows_bindings_operations.h).
//
// The wrappers below are inline; what they reach (the context, the
// requests, the generated serializers: detail::ClientState) is compiled
// into the bindings library, behind detail/client_entry.hpp, so including
// this header parses neither the bindings nor gSOAP's runtime header.
#ifndef MKTOWS_CLIENT_HPP
#define MKTOWS_CLIENT_HPP

#include "mktows/detail/client_entry.hpp"
#include "mktows/error.hpp"
#include "mktows/lead.hpp"
#include "mktows/options.hpp"
#include "mktows/validation.hpp"  // validation_error

#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mktows {
class ClientPool;

class Client {
 public:
  explicit Client(const ClientOptions &options) : state_(detail::entry::create(options)) {}
  Client(Client &&other) noexcept : state_(std::move(other.state_)) {}
  Client &operator=(Client &&other) noexcept {
    state_ = std::move(other.state_);
    return *this;
  }
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  // Inserts or updates one lead.
  Result<SyncResult> sync_lead(const Lead &lead, const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::sync_lead(*state_, lead, options);
  }

  // Inserts or updates many leads, in batches of at most 300; one result
  // per input lead, in input order.
  Result<std::vector<SyncResult> > sync_multiple_leads(const std::vector<Lead> &leads, bool dedup = true,
                                                        const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::sync_multiple_leads(*state_, leads, dedup, options);
  }

  // The leads matching a key (an email can match several).
  Result<std::vector<Lead> > get_lead(const LeadKey &key, const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_lead(*state_, key, options);
  }

#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads)
  // The leads a selector names, page after page (pager.hpp):
  //   for (const Lead &lead : client.get_multiple_leads(selector)) ...
  // LeadKeySelector: at most kMaxSelectorKeys keys; LastUpdateAtSelector: a
  // window of at most kMaxUpdateWindowDays; checked before sending.
  // options.resume_from(pager.position()) takes up a walk where one left it.
  Pager<Lead, std::string> get_multiple_leads(const LeadSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<Lead, std::string>(moved_from());
    return detail::entry::get_multiple_leads(*state_, selector, options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const LeadKeySelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const StaticListSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const LastUpdateAtSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
  // A lead's activity, newest first, page after page.
  Pager<ActivityRecord, StreamPosition> get_lead_activity(const LeadKey &key,
                                                          const ActivityReadOptions &options = ActivityReadOptions(),
                                                          const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<ActivityRecord, StreamPosition>(moved_from());
    return detail::entry::get_lead_activity(*state_, key, options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
  // Changes over every lead (or the selected ones) from options.start on,
  // page after page; the last position() polls for what came later.
  Pager<LeadChangeRecord, StreamPosition> get_lead_changes(const LeadChangesOptions &options,
                                                           const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<LeadChangeRecord, StreamPosition>(moved_from());
    return detail::entry::get_lead_changes(*state_, options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_listOperation)
  // Adds leads to a static list, removes them, or asks whether they are
  // members: one status per key, in order (calls of at most
  // kMaxListOperationLeads keys).
  Result<ListOperationResult> list_operation(ListOperation operation, const ListKey &list,
                                             const std::vector<LeadKey> &leads,
                                             const ListOperationOptions &options = ListOperationOptions(),
                                             const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::list_operation(*state_, operation, list, leads, options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_importToList)
  // Imports CSV rows into a list (asynchronous: poll get_import_to_list_status).
  // Never resent after the service may have received it.
  Result<ImportStatus> import_to_list(const ImportToListRequest &request, const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::import_to_list(*state_, request, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
  Result<ImportListStatus> get_import_to_list_status(const std::string &program_name, const std::string &list_name,
                                                     const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_import_to_list_status(*state_, program_name, list_name, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource)
  // The campaigns requestCampaign may run from `source`; `name` filters
  // (a part of the name, or with `exact_name` the whole name).
  Result<std::vector<Campaign> > get_campaigns_for_source(CampaignSource source = CampaignSource::mktows,
                                                          const std::string &name = std::string(),
                                                          bool exact_name = false,
                                                          const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_campaigns_for_source(*state_, source, name, exact_name, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_requestCampaign)
  // Runs a trigger campaign for 1..kMaxCampaignLeads leads; by id, or by
  // program and campaign name with program tokens. Never resent after the
  // service may have received it.
  Result<CampaignRunResult> request_campaign(const CampaignRef &campaign, const std::vector<LeadKey> &leads,
                                             CampaignSource source = CampaignSource::mktows,
                                             const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::request_campaign(*state_, campaign, leads, source, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
  // Schedules a batch campaign at `run_at` (0: now), with program tokens.
  // Never resent after the service may have received it.
  Result<CampaignRunResult> schedule_campaign(const std::string &program_name, const std::string &campaign_name,
                                              std::time_t run_at = 0,
                                              const std::vector<ProgramToken> &tokens = std::vector<ProgramToken>(),
                                              const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::schedule_campaign(*state_, program_name, campaign_name, run_at, tokens, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_mergeLeads)
  // Merges the losers into the winner (which keeps its values).
  Result<MergeResult> merge_leads(const LeadKey &winner, const std::vector<LeadKey> &losers,
                                  const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::merge_leads(*state_, winner, losers, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_listMObjects)
  // The object names describeMObject knows (ActivityRecord, LeadRecord,
  // Opportunity, OpportunityPersonRole); a cheap check of the credentials.
  Result<std::vector<std::string> > list_mobjects(const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::list_mobjects(*state_, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_describeMObject)
  // An object's fields ("LeadRecord": the lead fields of the instance).
  Result<ObjectDescription> describe_mobject(const std::string &name, const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::describe_mobject(*state_, name, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getMObjects)
  // One page of opportunities, roles or programs (query.position: the
  // previous page's position, empty for the first).
  Result<MObjectPage> get_mobjects(const MObjectQuery &query, const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_mobjects(*state_, query, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_syncMObjects)
  // Writes 1..kMaxMObjects objects; one status per object, in order. An
  // INSERT is never resent once the service may have received it.
  Result<std::vector<MObjectStatus> > sync_mobjects(const std::vector<MObject> &objects,
                                                     SyncOperation operation = SyncOperation::upsert,
                                                     const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::sync_mobjects(*state_, objects, operation, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_deleteMObjects)
  // Deletes 1..kMaxMObjects objects named by type and id.
  Result<std::vector<MObjectStatus> > delete_mobjects(const std::vector<MObject> &objects,
                                                       const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::delete_mobjects(*state_, objects, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_syncCustomObjects)
  // Writes 1..kMaxCustomObjects records of a custom object type.
  Result<std::vector<CustomObjectStatus> > sync_custom_objects(const std::string &type,
                                                                const std::vector<CustomObject> &objects,
                                                                SyncOperation operation = SyncOperation::upsert,
                                                                const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::sync_custom_objects(*state_, type, objects, operation, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects)
  // One page of a custom object type's records.
  Result<CustomObjectPage> get_custom_objects(const CustomObjectQuery &query, const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_custom_objects(*state_, query, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
  // Deletes 1..kMaxCustomObjects records, each named by its keys.
  Result<std::vector<CustomObjectStatus> > delete_custom_objects(const std::string &type,
                                                                  const std::vector<std::vector<Attribute> > &keys,
                                                                  const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::delete_custom_objects(*state_, type, keys, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getChannels)
  // The channels and their progression statuses; `names` empty: all.
  Result<std::vector<Channel> > get_channels(const std::vector<std::string> &names = std::vector<std::string>(),
                                            const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_channels(*state_, names, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getTags)
  // The tag types (not the channels) and their values; `filter` empty: all.
  Result<std::vector<TagType> > get_tags(const std::vector<TagType> &filter = std::vector<TagType>(),
                                        const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::entry::get_tags(*state_, filter, call);
  }
#endif

  // Why every call will fail (bad options, TLS setup), or an Error with kind none.
  Error setup_error() const { return state_ ? detail::entry::setup_error(*state_) : moved_from(); }
  bool ready() const { return state_ && detail::entry::setup_error(*state_).ok(); }

  // Requests put on the wire (attempts, retries included).
  unsigned long requests_sent() const { return state_ ? detail::entry::requests_sent(*state_) : 0; }

 private:
  friend class ClientPool;  // sync_each starts and finishes sync_lead calls itself
  static Error moved_from() {
    return validation_error(ValidationRule::client_options, "client_options: this client was moved from");
  }
  std::unique_ptr<detail::ClientState, detail::entry::Destroy> state_;
};

}  // namespace mktows

#endif  // MKTOWS_CLIENT_HPP
