// rest_names.hpp: SOAP names to REST records, through the REST API once
// and then the lookup cache (lookup_cache.hpp). Lists and campaigns are
// named in SOAP's `Program.Name` form: the REST record whose programName and
// name are the two parts (split at the first dot); failing that, or with no
// dot, the record whose own name is the whole text, in any program. Names
// compare without ASCII case. Several records matching → 20110, naming
// their ids (docs/BRIDGE.md, "Lookups").
#pragma once

#include "rest_backend.hpp"

#include <string>
#include <vector>

namespace mktows_bridge {

struct RestList {
  int id = 0;
  std::string name, program;
};

struct RestCampaign {
  int id = 0;
  std::string name, program, type, description;
};

struct RestActivityType {
  int id = 0;
  std::string name;
};

// A static list by its SOAP name; 20111 (told) when none. `fresh`: forget
// what was cached first (a cached id REST no longer knows).
RestList find_list(RestBackend &rest, const std::string &soap_name, bool fresh = false);
// By its program and own name (importToList's pair); 20111 when none.
RestList find_list_in(RestBackend &rest, const std::string &program, const std::string &name, bool fresh = false);
// A campaign by its program and own name; 20113 (told) when none.
RestCampaign find_campaign(RestBackend &rest, const std::string &program, const std::string &name, bool fresh = false);
// A campaign's own name by id (activity records); empty when REST has none.
std::string campaign_name(RestBackend &rest, int id);
// Every activity type the instance has (activities/types.json).
std::vector<RestActivityType> activity_types(RestBackend &rest);
// REST calls a look-up of this key would cost now: 0 while cached.
int lookup_calls(RestBackend &rest, const std::string &kind, const std::string &a, const std::string &b = "");

}  // namespace mktows_bridge
