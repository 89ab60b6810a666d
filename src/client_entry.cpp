// client_entry.cpp: detail/client_entry.hpp's definitions, compiled once
// into the bindings library with the gSOAP variant's definitions: each
// forwards to the client's state (detail/client_state.hpp) or to a call of
// detail/*_calls.hpp over it.
#include "mktows/detail/client_entry.hpp"

#include "mktows/detail/activity_calls.hpp"
#include "mktows/detail/campaign_calls.hpp"
#include "mktows/detail/client_state.hpp"
#include "mktows/detail/lead_calls.hpp"
#include "mktows/detail/list_calls.hpp"
#include "mktows/detail/object_calls.hpp"

namespace mktows {
namespace detail {
namespace entry {

ClientState *create(const ClientOptions &options) { return new ClientState(options); }
void Destroy::operator()(ClientState *state) const { delete state; }

const Error &setup_error(const ClientState &state) { return state.setup_error(); }
unsigned long requests_sent(const ClientState &state) { return state.requests_sent(); }

Result<SyncResult> sync_lead(ClientState &state, const Lead &lead, const CallOptions &call) {
  return state.sync_lead(lead, call);
}
void start_sync_lead(ClientState &state, const Lead &lead, const CallOptions &call) {
  state.start_sync_lead(lead, call);
}
Result<SyncResult> finish_sync_lead(ClientState &state) { return state.finish_sync_lead(); }
Result<std::vector<SyncResult> > sync_multiple_leads(ClientState &state, const std::vector<Lead> &leads, bool dedup,
                                                      const CallOptions &call) {
  return state.sync_multiple_leads(leads, dedup, call);
}
Result<std::vector<Lead> > get_lead(ClientState &state, const LeadKey &key, const CallOptions &call) {
  return state.get_lead(key, call);
}

#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads)
Pager<Lead, std::string> get_multiple_leads(ClientState &state, const LeadSelector &selector,
                                            const LeadReadOptions &options, const CallOptions &call) {
  return detail::get_multiple_leads(state, state.setup_error(), selector, options, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
Pager<ActivityRecord, StreamPosition> get_lead_activity(ClientState &state, const LeadKey &key,
                                                        const ActivityReadOptions &options, const CallOptions &call) {
  return detail::get_lead_activity(state, state.setup_error(), key, options, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
Pager<LeadChangeRecord, StreamPosition> get_lead_changes(ClientState &state, const LeadChangesOptions &options,
                                                         const CallOptions &call) {
  return detail::get_lead_changes(state, state.setup_error(), options, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_listOperation)
Result<ListOperationResult> list_operation(ClientState &state, ListOperation operation, const ListKey &list,
                                           const std::vector<LeadKey> &leads, const ListOperationOptions &options,
                                           const CallOptions &call) {
  return detail::list_operation(state, state.setup_error(), operation, list, leads, options, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_importToList)
Result<ImportStatus> import_to_list(ClientState &state, const ImportToListRequest &request, const CallOptions &call) {
  return detail::import_to_list(state, state.setup_error(), request, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
Result<ImportListStatus> get_import_to_list_status(ClientState &state, const std::string &program_name,
                                                   const std::string &list_name, const CallOptions &call) {
  return detail::get_import_to_list_status(state, state.setup_error(), program_name, list_name, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource)
Result<std::vector<Campaign> > get_campaigns_for_source(ClientState &state, CampaignSource source,
                                                        const std::string &name, bool exact_name,
                                                        const CallOptions &call) {
  return detail::get_campaigns_for_source(state, state.setup_error(), source, name, exact_name, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_requestCampaign)
Result<CampaignRunResult> request_campaign(ClientState &state, const CampaignRef &campaign,
                                           const std::vector<LeadKey> &leads, CampaignSource source,
                                           const CallOptions &call) {
  return detail::request_campaign(state, state.setup_error(), campaign, leads, source, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
Result<CampaignRunResult> schedule_campaign(ClientState &state, const std::string &program_name,
                                            const std::string &campaign_name, std::time_t run_at,
                                            const std::vector<ProgramToken> &tokens, const CallOptions &call) {
  return detail::schedule_campaign(state, state.setup_error(), program_name, campaign_name, run_at, tokens, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_mergeLeads)
Result<MergeResult> merge_leads(ClientState &state, const LeadKey &winner, const std::vector<LeadKey> &losers,
                                const CallOptions &call) {
  return detail::merge_leads(state, state.setup_error(), winner, losers, call);
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_listMObjects)
Result<std::vector<std::string> > list_mobjects(ClientState &state, const CallOptions &call) {
  return detail::list_mobjects(state, state.setup_error(), call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_describeMObject)
Result<ObjectDescription> describe_mobject(ClientState &state, const std::string &name, const CallOptions &call) {
  return detail::describe_mobject(state, state.setup_error(), name, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getMObjects)
Result<MObjectPage> get_mobjects(ClientState &state, const MObjectQuery &query, const CallOptions &call) {
  return detail::get_mobjects(state, state.setup_error(), query, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_syncMObjects)
Result<std::vector<MObjectStatus> > sync_mobjects(ClientState &state, const std::vector<MObject> &objects,
                                                   SyncOperation operation, const CallOptions &call) {
  return detail::sync_mobjects(state, state.setup_error(), objects, operation, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_deleteMObjects)
Result<std::vector<MObjectStatus> > delete_mobjects(ClientState &state, const std::vector<MObject> &objects,
                                                     const CallOptions &call) {
  return detail::delete_mobjects(state, state.setup_error(), objects, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_syncCustomObjects)
Result<std::vector<CustomObjectStatus> > sync_custom_objects(ClientState &state, const std::string &type,
                                                              const std::vector<CustomObject> &objects,
                                                              SyncOperation operation, const CallOptions &call) {
  return detail::sync_custom_objects(state, state.setup_error(), type, objects, operation, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects)
Result<CustomObjectPage> get_custom_objects(ClientState &state, const CustomObjectQuery &query, const CallOptions &call) {
  return detail::get_custom_objects(state, state.setup_error(), query, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
Result<std::vector<CustomObjectStatus> > delete_custom_objects(ClientState &state, const std::string &type,
                                                                const std::vector<std::vector<Attribute> > &keys,
                                                                const CallOptions &call) {
  return detail::delete_custom_objects(state, state.setup_error(), type, keys, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getChannels)
Result<std::vector<Channel> > get_channels(ClientState &state, const std::vector<std::string> &names,
                                          const CallOptions &call) {
  return detail::get_channels(state, state.setup_error(), names, call);
}
#endif
#if defined(MKTOWS_BINDINGS_HAS_getTags)
Result<std::vector<TagType> > get_tags(ClientState &state, const std::vector<TagType> &filter, const CallOptions &call) {
  return detail::get_tags(state, state.setup_error(), filter, call);
}
#endif

}  // namespace entry
}  // namespace detail
}  // namespace mktows
