// key_args.hpp: the lead keys (--id N ..., --email E ...) and program
// tokens (--token NAME=VALUE ...) of the commands that name several, read
// the same way by each.
#pragma once

#include "args.hpp"

#include <mktows/campaign.hpp>
#include <mktows/lead.hpp>

#include <string>
#include <vector>

namespace mktows_cli {

// The keys of `id_option` (whole numbers 1..INT_MAX) then of
// `email_option` (non-empty), each in the order given. UsageError when
// there are none and `required`.
std::vector<mktows::LeadKey> lead_keys(const ParsedArgs &a, const std::string &id_option,
                                       const std::string &email_option, bool required);

// The ids of a repeatable option, each 1..INT_MAX.
std::vector<int> lead_ids(const ParsedArgs &a, const std::string &option);

// --token NAME=VALUE, in order; the name is kept as given ("{{my.Message}}"
// or "my.Message": the service's, docs/CLI.md). UsageError for a value
// without "=" or an empty name.
std::vector<mktows::ProgramToken> program_tokens(const ParsedArgs &a, const std::string &option);

// "IDNUM 1000001", "EMAIL a@b.c": how a key is shown.
std::string key_text(const mktows::LeadKey &k);
const char *key_type_name(mktows::LeadKeyType t);

}  // namespace mktows_cli
