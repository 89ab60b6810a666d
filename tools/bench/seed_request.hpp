// seed_request.hpp: the seed's syncLead request (Email t@t.com, FirstName
// George, LastName "of the Jungle", returnLead false) as generated types,
// and the check that an answer is a successful sync.
#ifndef MKTOWS_BENCH_SEED_REQUEST_HPP
#define MKTOWS_BENCH_SEED_REQUEST_HPP

#include "mktows/wire.hpp"

#include <string>

namespace bench {

// Owns the objects the request points to; built once, sent on every call
// (every peer builds its parameters once and signs a new header per call).
struct SeedRequest {
  std::string email = "t@t.com";
  mktows::wire::mktows__LeadRecord lead;
  mktows::wire::mktows__ArrayOfAttribute attributes;
  mktows::wire::mktows__Attribute first, last;

  void attach(mktows::wire::mktows__ParamsSyncLead &params) {
    first.attrName = "FirstName";
    first.attrValue = "George";
    last.attrName = "LastName";
    last.attrValue = "of the Jungle";
    attributes.attribute = {&first, &last};
    lead.Email = &email;
    lead.leadAttributeList = &attributes;
    params.leadRecord = &lead;
    params.returnLead = false;
  }
};

inline bool succeeded(const mktows::wire::mktows__SuccessSyncLead &r) {
  return r.result && r.result->syncStatus && r.result->syncStatus->status != mktows::wire::mktows__LeadSyncStatus__FAILED &&
         r.result->leadId > 0;
}

}  // namespace bench

#endif
