// operations.hpp: the one table of the 23 operations of the mktows 2_2
// interface. Everything else that needs a fact about an operation asks this
// table: the client's retry loop (idempotency.hpp), the servers' front end
// (tools/soap_front: soapAction, the context header, which backend domain
// serves it), the tests that check it against the WSDL the build used.
//
// A row: the C++ name, the wire name (the WSDL's operation name; the
// soapAction is the target namespace followed by it, the body element
// "params" + the name with its first letter raised), the domain whose
// backend interface serves it, whether sending it twice can leave more
// records than sending it once, and whether the vendor's 2_2 binding
// declares MktowsContextHeader on its input (syncLead only).
//
// Idempotency, per operation (why each row says what it says):
//   read             reads only
//   always           an upsert or delete by key, or a set operation: a
//                    resend finds what the first one wrote and leaves it
//                    as it is (syncLead: every lead has a key,
//                    validation.hpp; listOperation: adding a member twice
//                    or removing it twice leaves the same list; mergeLeads:
//                    the losers are gone after the first)
//   when_keyed       syncMultipleLeads: an upsert only with dedupEnabled
//                    (off, every record is created anew); syncMObjects: an
//                    upsert unless the operation is INSERT
//   never            a resend runs a campaign or an import a second time
//                    (requestCampaign, scheduleCampaign, importToList: the
//                    import may carry a campaign and per-lead tokens)
#ifndef MKTOWS_OPERATIONS_HPP
#define MKTOWS_OPERATIONS_HPP

#include <cstddef>
#include <cstring>

namespace mktows {

// The backend interfaces an operation belongs to (a server implements the
// domains it serves; the others answer 20019).
enum class Domain { leads, activity, lists, campaigns, objects, custom_objects, tags };

enum class Idempotency { read, always, when_keyed, never };

// X(cpp_name, wire_name, domain, idempotency, context_header)
#define MKTOWS_OPERATIONS(X)                                                \
  X(sync_lead, "syncLead", leads, always, true)                            \
  X(sync_multiple_leads, "syncMultipleLeads", leads, when_keyed, false)    \
  X(get_lead, "getLead", leads, read, false)                               \
  X(get_multiple_leads, "getMultipleLeads", leads, read, false)            \
  X(merge_leads, "mergeLeads", leads, always, false)                       \
  X(get_lead_activity, "getLeadActivity", activity, read, false)           \
  X(get_lead_changes, "getLeadChanges", activity, read, false)             \
  X(list_operation, "listOperation", lists, always, false)                 \
  X(import_to_list, "importToList", lists, never, false)                   \
  X(get_import_to_list_status, "getImportToListStatus", lists, read, false) \
  X(get_campaigns_for_source, "getCampaignsForSource", campaigns, read, false) \
  X(request_campaign, "requestCampaign", campaigns, never, false)          \
  X(schedule_campaign, "scheduleCampaign", campaigns, never, false)        \
  X(list_mobjects, "listMObjects", objects, read, false)                   \
  X(describe_mobject, "describeMObject", objects, read, false)             \
  X(get_mobjects, "getMObjects", objects, read, false)                     \
  X(sync_mobjects, "syncMObjects", objects, when_keyed, false)             \
  X(delete_mobjects, "deleteMObjects", objects, always, false)             \
  X(sync_custom_objects, "syncCustomObjects", custom_objects, always, false) \
  X(get_custom_objects, "getCustomObjects", custom_objects, read, false)   \
  X(delete_custom_objects, "deleteCustomObjects", custom_objects, always, false) \
  X(get_channels, "getChannels", tags, read, false)                        \
  X(get_tags, "getTags", tags, read, false)

enum class Operation {
#define MKTOWS_OPERATION_ENUM(cpp, wire, domain, idem, context) cpp,
  MKTOWS_OPERATIONS(MKTOWS_OPERATION_ENUM)
#undef MKTOWS_OPERATION_ENUM
};

struct OperationInfo {
  Operation op;
  const char *name;  // the WSDL's operation name
  Domain domain;
  Idempotency idempotency;
  bool context_header;  // the 2_2 binding declares MktowsContextHeader on it
};

// The target namespace; an operation's soapAction is it followed by the name.
constexpr const char kMktowsNamespace[] = "http://www.marketo.com/mktows/";

constexpr OperationInfo kOperations[] = {
#define MKTOWS_OPERATION_ROW(cpp, wire, domain, idem, context) \
  {Operation::cpp, wire, Domain::domain, Idempotency::idem, context},
    MKTOWS_OPERATIONS(MKTOWS_OPERATION_ROW)
#undef MKTOWS_OPERATION_ROW
};

constexpr std::size_t kOperationCount = sizeof(kOperations) / sizeof(kOperations[0]);

// The rows are in enum order (both come from one list), so an Operation
// indexes the table.
inline const OperationInfo &info(Operation op) { return kOperations[static_cast<std::size_t>(op)]; }

inline const char *to_string(Operation op) { return info(op).name; }

inline const char *to_string(Domain d) {
  switch (d) {
    case Domain::leads: return "leads";
    case Domain::activity: return "activity";
    case Domain::lists: return "lists";
    case Domain::campaigns: return "campaigns";
    case Domain::objects: return "objects";
    case Domain::custom_objects: return "custom objects";
    case Domain::tags: return "tags and channels";
  }
  return "unknown";
}

// The row whose wire name is `name` (`len` characters); null when 2_2 has
// no such operation.
inline const OperationInfo *find_operation(const char *name, std::size_t len) {
  for (const OperationInfo &o : kOperations)
    if (std::strlen(o.name) == len && std::memcmp(o.name, name, len) == 0) return &o;
  return nullptr;
}

}  // namespace mktows

#endif  // MKTOWS_OPERATIONS_HPP
