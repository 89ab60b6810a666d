// lead_output.hpp: how results are printed: one JSON object per result
// (--json), or short human lines.
#pragma once

#include "lead_client.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mktows_cli {

nlohmann::json lead_json(const LeadView &lead);
std::string lead_text(const LeadView &lead);  // several "  name: value" lines

}  // namespace mktows_cli
