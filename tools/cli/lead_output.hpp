// lead_output.hpp: how results are printed: one JSON object per result
// (--json), or short human lines.
#pragma once

#include <mktows/lead.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace mktows_cli {

nlohmann::json lead_json(const mktows::Lead &lead);
std::string lead_text(const mktows::Lead &lead);  // several "  name: value" lines

}  // namespace mktows_cli
