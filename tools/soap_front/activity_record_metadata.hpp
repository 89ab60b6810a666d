// activity_record_metadata.hpp: describeMObject's answer for ActivityRecord,
// the one virtual object of 2_2: the 11 members of the ActivityRecord type
// as the vendor's sample describes them (shared/mktows-operations.md
// §3.18). No REST describe exists for it, so the sandbox and the bridge
// answer this same table.
#pragma once

#include "objects_backend.hpp"

namespace mktows_front {

MObjDescription activity_record_description();

}  // namespace mktows_front
