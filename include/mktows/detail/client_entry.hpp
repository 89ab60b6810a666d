// detail/client_entry.hpp: the door from mktows::Client (client.hpp) to
// the client's state, compiled into the bindings library
// (src/client_entry.cpp, over src/mktows/detail/client_state.hpp and the
// calls of src/mktows/detail/*_calls.hpp).
//
// Declarations only, over an opaque ClientState, so that a translation unit
// that includes <mktows/mktows.hpp> parses no generated serializer and not
// gSOAP's runtime header: what needs them is compiled once, with exactly
// the gSOAP variant's definitions (pkg-config --cflags gsoapssl++). The
// calls beyond the lead calls are declared where the bindings' WSDL has
// their operation (mktows_bindings_operations.h, generated beside the
// bindings: MKTOWS_BINDINGS_HAS_<operation>), the same test the library's
// definitions are compiled under.
#ifndef MKTOWS_DETAIL_CLIENT_ENTRY_HPP
#define MKTOWS_DETAIL_CLIENT_ENTRY_HPP

#include "mktows_bindings_operations.h"

#include "mktows/activity.hpp"
#include "mktows/campaign.hpp"
#include "mktows/error.hpp"
#include "mktows/lead.hpp"
#include "mktows/lead_selector.hpp"
#include "mktows/list_operation.hpp"
#include "mktows/merge.hpp"
#include "mktows/objects.hpp"
#include "mktows/options.hpp"
#include "mktows/pager.hpp"

#include <ctime>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

class ClientState;  // src/mktows/detail/client_state.hpp

namespace entry {

// A new state set up from `options` (never null: a bad option is its
// setup_error); the key is handed to the signing plugin and not kept.
ClientState *create(const ClientOptions &options);
struct Destroy {
  void operator()(ClientState *state) const;
};

const Error &setup_error(const ClientState &state);
unsigned long requests_sent(const ClientState &state);

Result<SyncResult> sync_lead(ClientState &state, const Lead &lead, const CallOptions &call);
// sync_lead's halves, for ClientPool::sync_each.
void start_sync_lead(ClientState &state, const Lead &lead, const CallOptions &call);
Result<SyncResult> finish_sync_lead(ClientState &state);
Result<std::vector<SyncResult> > sync_multiple_leads(ClientState &state, const std::vector<Lead> &leads, bool dedup,
                                                      const CallOptions &call);
Result<std::vector<Lead> > get_lead(ClientState &state, const LeadKey &key, const CallOptions &call);

#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads)
Pager<Lead, std::string> get_multiple_leads(ClientState &state, const LeadSelector &selector,
                                            const LeadReadOptions &options, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
Pager<ActivityRecord, StreamPosition> get_lead_activity(ClientState &state, const LeadKey &key,
                                                        const ActivityReadOptions &options, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
Pager<LeadChangeRecord, StreamPosition> get_lead_changes(ClientState &state, const LeadChangesOptions &options,
                                                         const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_listOperation)
Result<ListOperationResult> list_operation(ClientState &state, ListOperation operation, const ListKey &list,
                                           const std::vector<LeadKey> &leads, const ListOperationOptions &options,
                                           const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_importToList)
Result<ImportStatus> import_to_list(ClientState &state, const ImportToListRequest &request, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
Result<ImportListStatus> get_import_to_list_status(ClientState &state, const std::string &program_name,
                                                   const std::string &list_name, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource)
Result<std::vector<Campaign> > get_campaigns_for_source(ClientState &state, CampaignSource source,
                                                        const std::string &name, bool exact_name,
                                                        const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_requestCampaign)
Result<CampaignRunResult> request_campaign(ClientState &state, const CampaignRef &campaign,
                                           const std::vector<LeadKey> &leads, CampaignSource source,
                                           const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
Result<CampaignRunResult> schedule_campaign(ClientState &state, const std::string &program_name,
                                            const std::string &campaign_name, std::time_t run_at,
                                            const std::vector<ProgramToken> &tokens, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_mergeLeads)
Result<MergeResult> merge_leads(ClientState &state, const LeadKey &winner, const std::vector<LeadKey> &losers,
                                const CallOptions &call);
#endif

#if defined(MKTOWS_BINDINGS_HAS_listMObjects)
Result<std::vector<std::string> > list_mobjects(ClientState &state, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_describeMObject)
Result<ObjectDescription> describe_mobject(ClientState &state, const std::string &name, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getMObjects)
Result<MObjectPage> get_mobjects(ClientState &state, const MObjectQuery &query, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_syncMObjects)
Result<std::vector<MObjectStatus> > sync_mobjects(ClientState &state, const std::vector<MObject> &objects,
                                                   SyncOperation operation, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_deleteMObjects)
Result<std::vector<MObjectStatus> > delete_mobjects(ClientState &state, const std::vector<MObject> &objects,
                                                     const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_syncCustomObjects)
Result<std::vector<CustomObjectStatus> > sync_custom_objects(ClientState &state, const std::string &type,
                                                              const std::vector<CustomObject> &objects,
                                                              SyncOperation operation, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getCustomObjects)
Result<CustomObjectPage> get_custom_objects(ClientState &state, const CustomObjectQuery &query, const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_deleteCustomObjects)
Result<std::vector<CustomObjectStatus> > delete_custom_objects(ClientState &state, const std::string &type,
                                                                const std::vector<std::vector<Attribute> > &keys,
                                                                const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getChannels)
Result<std::vector<Channel> > get_channels(ClientState &state, const std::vector<std::string> &names,
                                          const CallOptions &call);
#endif
#if defined(MKTOWS_BINDINGS_HAS_getTags)
Result<std::vector<TagType> > get_tags(ClientState &state, const std::vector<TagType> &filter, const CallOptions &call);
#endif

}  // namespace entry
}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_CLIENT_ENTRY_HPP
