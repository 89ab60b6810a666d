// rest_fields.hpp: the REST names of the sandbox's lead fields. The store
// keeps attributes under their SOAP names (attrName); the REST face shows
// them under their REST names. There is no mechanical rule between the two
// (DateofBirth/dateOfBirth, SICCode/sicCode, "Marketo Jigsaw Contact Id"/
// jigsawContactId), so the standard pairs are a table, taken from the
// vendor's list of standard fields; a configured field may name its own.
#pragma once

#include <string>

namespace mktows_sandbox {

// The REST name of a standard lead field given its SOAP name, or nullptr.
const char *standard_rest_name(const std::string &soap_name);

// Standard fields that Get Leads by Filter Type accepts besides the custom
// ones (the vendor's list): id, email, cookies, sfdcLeadId, ...
bool standard_filter_type(const std::string &rest_name);

}  // namespace mktows_sandbox
