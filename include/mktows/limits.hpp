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
static const int kMaxLeadActivityBatch = 100;   // getLeadActivity records per call; more: capped
static const int kMaxLeadChangesBatch = 1000;   // getLeadChanges records per call; more: capped
static const std::size_t kMaxLeadChangesKeys = 100;  // getLeadChanges LeadKeySelector keys; more: 20110

// Its REST successor (the bridge's upstream and the sandbox's REST face).
// The same figures today, but named apart: they are another service's,
// counted per instance rather than per SOAP user, and may change alone.
namespace rest_limits {
static const std::size_t kMaxRecords = 300;        // input[], filterValues, batchSize; more: 1003
static const std::size_t kMaxFilterMatches = 1000; // leads one filter may match; more: 1003
static const int kCallsPerWindow = 100;            // per instance in any kRateWindowSeconds: 606
static const int kRateWindowSeconds = 20;
static const int kMaxConcurrent = 10;              // per instance; more: 615
static const std::size_t kMaxActivityTypeIds = 10; // activities.json activityTypeIds; more: 1003
static const std::size_t kMaxActivityLeadIds = 30; // activities(/leadchanges).json leadIds; more: 1003
}  // namespace rest_limits

}  // namespace mktows

#endif  // MKTOWS_LIMITS_HPP
