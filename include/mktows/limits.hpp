// limits.hpp: the hosted services' limits, each written once. The client
// (batching, the Limiter's defaults), the sandbox (its 20110, the defaults
// of its optional limits), the bridge and the command line take them from
// here. gSOAP-free, C++11, part of mktows::core.
#ifndef MKTOWS_LIMITS_HPP
#define MKTOWS_LIMITS_HPP

#include <cstddef>

namespace mktows {

// The mktows SOAP service, as the vendor documented it.
static const std::size_t kMaxBatch = 300;       // records per syncMultipleLeads; more: fault 20110
static const int kCallsPerWindow = 100;         // calls per user in any kRateWindowSeconds: 20023
static const int kRateWindowSeconds = 20;
static const int kMaxConcurrent = 10;           // calls in progress per user; more: 20024
// getMultipleLeads (shared/mktows-operations.md §3.4).
static const std::size_t kMaxSelectorKeys = 100;  // LeadKeySelector keys; the rest are ignored, as documented
static const int kMaxUpdateWindowDays = 30;       // LastUpdateAtSelector oldest..latest; wider: 20022
// Records per page: the sheet's sources give 100 (the field table) and 1000
// (the prose); the sandbox pages 100 by default and at most 1000, a larger
// batchSize is capped (docs/SANDBOX.md).
static const int kDefaultLeadPage = 100;
static const int kMaxLeadPage = 1000;
static const std::size_t kMaxCampaignLeads = 100;  // lead keys per requestCampaign; the rest are ignored
static const int kMaxLeadActivityBatch = 100;   // getLeadActivity records per call; more: capped
static const int kMaxLeadChangesBatch = 1000;   // getLeadChanges records per call; more: capped
static const std::size_t kMaxLeadChangesKeys = 100;  // getLeadChanges LeadKeySelector keys; more: 20110
// listOperation: lead keys per call (the vendor's documented limit); more: 20110.
static const std::size_t kMaxListOperationLeads = 1000;
// importToList: the vendor documents none; the sandbox's choice
// (docs/SANDBOX.md, "Lists"): rows per call, and the bytes of the header
// and the rows together; more: 20110.
static const std::size_t kMaxImportRows = 10000;
static const std::size_t kMaxImportBytes = 4u << 20;
// The custom objects (shared/mktows-operations.md §3.14-3.16): records per
// syncCustomObjects and key lists per deleteCustomObjects (more: 20110);
// getCustomObjects' page, by default and at most (a larger batchSize is
// capped, docs/SANDBOX.md).
static const std::size_t kMaxCustomObjects = 100;
static const int kMaxCustomObjectPage = 100;

// getMObjects / syncMObjects / deleteMObjects: objects per call (the
// vendor's documented batch); a larger sync or delete: 20110; getMObjects
// pages this many.
static const std::size_t kMaxMObjects = 100;

// Its REST successor (the bridge's upstream and the sandbox's REST face).
// The same figures today, but named apart: they are another service's,
// counted per instance rather than per SOAP user, and may change alone.
namespace rest_limits {
static const std::size_t kMaxRecords = 300;        // input[], filterValues, batchSize; more: 1003
static const std::size_t kMaxFilterMatches = 1000; // leads one filter may match; more: 1003
static const int kCallsPerWindow = 100;            // per instance in any kRateWindowSeconds: 606
static const int kRateWindowSeconds = 20;
static const int kMaxConcurrent = 10;              // per instance; more: 615
static const std::size_t kMaxMergeIds = 25;        // losers per Merge Leads (from 31 Mar 2026); more: 1080
static const std::size_t kMaxTriggerLeads = 100;   // input.leads of Request Campaign; more: 1003
static const std::size_t kMaxCampaignTokens = 100; // input.tokens of Request/Schedule Campaign; more: 1003
static const long long kMaxRunAtAheadSeconds = 2LL * 365 * 86400;  // Schedule Campaign runAt, 2 years; later: 1042
static const long long kDefaultRunAtDelaySeconds = 5 * 60;         // Schedule Campaign without runAt
static const std::size_t kMaxActivityTypeIds = 10; // activities.json activityTypeIds; more: 1003
static const std::size_t kMaxActivityLeadIds = 30; // activities(/leadchanges).json leadIds; more: 1003
static const int kDefaultAssetPage = 20;           // the asset API's maxReturn when absent
static const int kMaxAssetPage = 200;              // maxReturn (channels.json, tagTypes.json); more: 1003
static const std::size_t kMaxActivityListMembers = 9999; // activities(/leadchanges).json listId: a list of 10,000 leads or more: 1003
}  // namespace rest_limits

// The bridge's own bounds (docs/BRIDGE.md, "Lookups" and "Stream positions").
namespace bridge_limits {
static const int kLookupSeconds = 300;             // a resolved list/campaign/activity-type name is kept this long
static const std::size_t kLookupEntries = 4096;    // names kept at once; more: the cache starts afresh
static const long long kImportBatchSeconds = 7LL * 86400;  // REST keeps a bulk batch 7 days; the bridge as long
static const std::size_t kMaxActivityLeads = 30;   // leads one getLeadActivity key may name (one REST leadIds)
static const int kMaxFetchesPerPage = 40;          // REST pages one SOAP page may read (short pages are normal)
static const std::size_t kMaxUpdatedLeads = 100000;  // leads one LastUpdateAtSelector walk may list
}  // namespace bridge_limits

}  // namespace mktows

#endif  // MKTOWS_LIMITS_HPP
