// rest_assets.cpp: the asset API's channels and tag types. Its envelope has
// errors and warnings arrays even on success, and a search that finds
// nothing is a success with a warning and no result, as the vendor's asset
// calls answer.
#include "rest_assets.hpp"

#include "front_types.hpp"
#include "rest_error.hpp"
#include "text_values.hpp"

#include <mktows/limits.hpp>

#include <set>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;

namespace {

const char kNoAssets[] = "No assets found for the given search criteria.";

std::string param(const RestAssets::Params &p, const std::string &name) {
  for (const auto &kv : p)
    if (kv.first == name) return kv.second;
  return std::string();
}

// "[a, b]": how the asset API writes a list inside one string.
std::string bracketed(const std::vector<std::string> &items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s + "]";
}

void found(json &body, json result) {
  body["success"] = true;
  body["errors"] = json::array();
  if (result.empty()) {
    body["warnings"] = json::array({kNoAssets});
  } else {
    body["warnings"] = json::array();
    body["result"] = std::move(result);
  }
}

// maxReturn (1..kMaxAssetPage, default kDefaultAssetPage) and offset.
void page_of(const RestAssets::Params &q, std::size_t &offset, std::size_t &count) {
  std::string m = param(q, "maxReturn"), o = param(q, "offset");
  int v = 0;
  count = mktows::rest_limits::kDefaultAssetPage;
  offset = 0;
  if (!m.empty()) {
    if (!parse_id(m, v) || v > mktows::rest_limits::kMaxAssetPage)
      throw RestError(kInvalidData, "Invalid data: maxReturn must be 1 to " +
                                        std::to_string(mktows::rest_limits::kMaxAssetPage));
    count = static_cast<std::size_t>(v);
  }
  if (!o.empty() && o != "0") {
    if (!parse_id(o, v)) throw RestError(kInvalidData, "Invalid data: offset");
    offset = static_cast<std::size_t>(v);
  }
}

}  // namespace

bool RestAssets::serves(const std::string &path) {
  return path == "/rest/asset/v1/channels.json" || path == "/rest/asset/v1/channel/byName.json" ||
         path == "/rest/asset/v1/tagTypes.json" || path == "/rest/asset/v1/tagType/byName.json";
}

std::string RestAssets::program_types() const {
  // The program types the world's channels apply to.
  std::vector<std::string> types;
  std::set<std::string> seen;
  for (const Channel &c : world_.channels)
    if (seen.insert(c.program_type).second) types.push_back(c.program_type);
  return bracketed(types);
}

json RestAssets::channel_json(const Channel &c, std::size_t index) const {
  json statuses = json::array();
  for (const ProgressionStatus &s : c.statuses)
    statuses.push_back({{"name", s.name}, {"step", s.step}, {"success", s.success}, {"hidden", false}, {"description", ""}});
  std::string at = rest_time(created_at_);
  // A channel's id is its place in the world (the configuration gives none).
  return json{{"id", static_cast<int>(index + 1)}, {"name", c.name}, {"applicableProgramType", c.program_type},
              {"progressionStatuses", statuses}, {"createdAt", at}, {"updatedAt", at}};
}

json RestAssets::tag_type_json(const TagType &t, bool with_values) const {
  json j{{"tagType", t.name}, {"applicableProgramTypes", program_types()}, {"required", false}};
  if (with_values) j["allowableValues"] = bracketed(t.values);
  return j;
}

void RestAssets::get(const std::string &path, const Params &q, json &body) const {
  if (path == "/rest/asset/v1/channels.json") {
    std::size_t offset, count;
    page_of(q, offset, count);
    json result = json::array();
    for (std::size_t i = offset; i < world_.channels.size() && result.size() < count; ++i)
      result.push_back(channel_json(world_.channels[i], i));
    found(body, result);
  } else if (path == "/rest/asset/v1/channel/byName.json") {
    // The swagger spells the parameter Name, the reference name: either.
    std::string name = param(q, "name");
    if (name.empty()) name = param(q, "Name");
    if (name.empty()) throw RestError(kInvalidData, "Invalid data: name is required");
    json result = json::array();
    for (std::size_t i = 0; i < world_.channels.size(); ++i)
      if (iequals(world_.channels[i].name, name)) result.push_back(channel_json(world_.channels[i], i));
    found(body, result);
  } else if (path == "/rest/asset/v1/tagTypes.json") {
    std::size_t offset, count;
    page_of(q, offset, count);
    json result = json::array();
    // The channels are not listed: getTags leaves them out too.
    for (std::size_t i = offset; i < world_.tag_types.size() && result.size() < count; ++i)
      result.push_back(tag_type_json(world_.tag_types[i], false));
    found(body, result);
  } else {
    std::string name = param(q, "name");
    if (name.empty()) throw RestError(kInvalidData, "Invalid data: name is required");
    json result = json::array();
    for (const TagType &t : world_.tag_types)
      if (iequals(t.name, name)) result.push_back(tag_type_json(t, true));
    found(body, result);
  }
}

}  // namespace mktows_sandbox
