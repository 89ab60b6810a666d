// backends.hpp: what the front end carries a call out on. One interface per
// domain of the operation table (mktows/operations.hpp); a server hands the
// front end the domains it serves, and the front end answers 20019 for an
// operation of any other domain before it parses the call.
//
// Adding a domain: its interface (leads_backend.hpp is the pattern), a
// member here, a case in serves(), and its operations' handlers in the
// front end (soap_handler.hpp says where).
#pragma once

#include "activity_backend.hpp"
#include "leads_backend.hpp"
#include "campaigns_backend.hpp"
#include "lists_backend.hpp"
#include "custom_objects_backend.hpp"
#include "tags_backend.hpp"

#include "objects_backend.hpp"

#include <mktows/operations.hpp>

namespace mktows_front {

struct Backends {
  LeadsBackend *leads = nullptr;
  CampaignsBackend *campaigns = nullptr;
  ActivityBackend *activity = nullptr;
  ListsBackend *lists = nullptr;
  CustomObjectsBackend *custom_objects = nullptr;
  TagsBackend *tags = nullptr;
  ObjectsBackend *objects = nullptr;

  bool serves(mktows::Domain d) const {
    switch (d) {
      case mktows::Domain::leads: return leads != nullptr;
      case mktows::Domain::activity: return activity != nullptr;
      case mktows::Domain::campaigns: return campaigns != nullptr;
      case mktows::Domain::lists: return lists != nullptr;
      case mktows::Domain::objects: return objects != nullptr;
      case mktows::Domain::custom_objects: return custom_objects != nullptr;
      case mktows::Domain::tags: return tags != nullptr;
    }
    return false;
  }
};

}  // namespace mktows_front
