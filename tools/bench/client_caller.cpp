// client_caller.cpp: the "ours" line — syncLead through mktows::Client.
// The client was not in the tree when this driver was written, so the line
// reports that clearly and tools/bench/run falls back to the tuned raw line
// (the sequence the client is meant to adopt).
#include "sync_lead_call.hpp"

#include <stdexcept>

namespace bench {

std::unique_ptr<Caller> make_client_caller(const Options &) {
  throw std::runtime_error(
      "this driver has no mktows::Client line yet (include/mktows/client.hpp was not in the tree); "
      "use --impl generated|direct");
}

}  // namespace bench
