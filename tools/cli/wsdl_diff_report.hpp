// wsdl_diff_report.hpp: the two renderings of a wsdl-diff result: sections
// for people, one JSON object for scripts (docs/CLI.md lists its fields).
#pragma once

#include "wsdl_diff.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mktows_cli {
namespace wsdl {

nlohmann::json diff_json(const Diff &diff);
std::string diff_text(const Diff &diff);

}  // namespace wsdl
}  // namespace mktows_cli
