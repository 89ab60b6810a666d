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
// listOperation: lead keys per call (the vendor's documented limit); more: 20110.
static const std::size_t kMaxListOperationLeads = 1000;
// importToList: the vendor documents none; the sandbox's choice
// (docs/SANDBOX.md, "Lists"): rows per call, and the bytes of the header
// and the rows together; more: 20110.
static const std::size_t kMaxImportRows = 10000;
static const std::size_t kMaxImportBytes = 4u << 20;

// Its REST successor (the bridge's upstream and the sandbox's REST face).
// The same figures today, but named apart: they are another service's,
// counted per instance rather than per SOAP user, and may change alone.
namespace rest_limits {
static const std::size_t kMaxRecords = 300;        // input[], filterValues, batchSize; more: 1003
static const std::size_t kMaxFilterMatches = 1000; // leads one filter may match; more: 1003
static const int kCallsPerWindow = 100;            // per instance in any kRateWindowSeconds: 606
static const int kRateWindowSeconds = 20;
static const int kMaxConcurrent = 10;              // per instance; more: 615
}  // namespace rest_limits

}  // namespace mktows

#endif  // MKTOWS_LIMITS_HPP
