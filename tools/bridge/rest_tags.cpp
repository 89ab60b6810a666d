// rest_tags.cpp: channels and tag types from the asset API, each record
// kept in the lookup cache by its name (and the lists of them whole).
#include "rest_tags.hpp"

#include "ascii.hpp"
#include "rest_cost.hpp"
#include "service_error.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <set>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;
using mktows::rest_limits::kMaxAssetPage;

namespace {

const char kChannelsKey[] = "asset-channels";
const char kTagTypesKey[] = "asset-tag-types";

std::string channel_key(const std::string &name) { return "asset-channel\x1f" + ascii_lower(name); }
std::string tag_type_key(const std::string &name) { return "asset-tag-type\x1f" + ascii_lower(name); }

std::string text(const json &o, const char *k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An asset API read. A search that finds nothing is a success with a
// warning and no result, or (the sheet's §7.1) error 702: both are an
// empty answer here. 702 is raised as 20114, which no other REST answer
// becomes, and caught at once.
json asset_get(RestBackend &rest, const std::string &path_and_query) {
  try {
    return rest.call("GET", path_and_query, "", "", {{"702", fc::bad_parameter_value}});
  } catch (const ServiceError &e) {
    if (e.code() != fc::bad_parameter_value) throw;
    return json{{"success", true}};
  }
}

json results(const json &answer) {
  json out = json::array();
  if (answer.contains("result") && answer["result"].is_array())
    for (const json &r : answer["result"])
      if (r.is_object()) out.push_back(r);
  return out;
}

// Every record of an asset list, kMaxAssetPage at a time (maxReturn and
// offset; a short page is the last).
json every_page(RestBackend &rest, const std::string &path) {
  json out = json::array();
  for (int page = 0;; ++page) {
    if (page >= mktows::bridge_limits::kMaxFetchesPerPage)
      throw ServiceError(fc::api_failure, path + " lists more than " +
                                              std::to_string(mktows::bridge_limits::kMaxFetchesPerPage * kMaxAssetPage) +
                                              " records");
    json got = results(asset_get(rest, path + "?maxReturn=" + std::to_string(kMaxAssetPage) +
                                           "&offset=" + std::to_string(page * kMaxAssetPage)));
    for (const json &r : got) out.push_back(r);
    if (got.size() < static_cast<std::size_t>(kMaxAssetPage)) break;
  }
  return out;
}

// The record the cache keeps under `key`, asked of REST by name; null when
// REST has none (not kept: a channel made since is seen on the next call).
json by_name(RestBackend &rest, const std::string &key, const std::string &path, const char *name_member,
             const std::string &name) {
  json r = rest.lookups().get(key, [&] {
    for (const json &c : results(asset_get(rest, path + "?name=" + RestHttp::escape(name))))
      if (iequals(text(c, name_member), name)) return c;
    return json();
  });
  if (r.is_null()) rest.lookups().forget(key);
  return r;
}

ChannelData channel_of(const json &c) {
  ChannelData d;
  d.name = text(c, "name");
  if (c.contains("progressionStatuses") && c["progressionStatuses"].is_array())
    for (const json &s : c["progressionStatuses"]) {
      if (!s.is_object()) continue;
      ChannelStatusData st;
      st.name = text(s, "name");
      if (s.contains("step") && s["step"].is_number_integer()) st.step = s["step"].get<int>();
      if (s.contains("success") && s["success"].is_boolean()) st.success = s["success"].get<bool>();
      d.statuses.push_back(st);
    }
  // The vendor's sample lists the statuses by name, not by step.
  std::stable_sort(d.statuses.begin(), d.statuses.end(),
                   [](const ChannelStatusData &a, const ChannelStatusData &b) { return a.name < b.name; });
  return d;
}

// allowableValues: one bracketed string ("[AAA1 RT1, AAA1 RT2]", the
// sheet's §3.23), split at its commas; an array is read as it is.
std::vector<std::string> allowable(const json &t) {
  std::vector<std::string> out;
  auto it = t.find("allowableValues");
  if (it == t.end()) return out;
  if (it->is_array()) {
    for (const json &v : *it)
      if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
    return out;
  }
  if (!it->is_string()) return out;
  std::string s = it->get<std::string>();
  auto trim = [](std::string x) {
    std::size_t a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : x.substr(a, b - a + 1);
  };
  s = trim(s);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    std::string v = trim(s.substr(at, comma - at));
    if (!v.empty()) out.push_back(v);
    at = comma + 1;
  }
  return out;
}

// Distinct names (ASCII case-blind), in the order given, empty ones left out.
std::vector<std::string> distinct(const std::vector<std::string> &names) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string &n : names)
    if (!n.empty() && seen.insert(ascii_lower(n)).second) out.push_back(n);
  return out;
}

int uncached(RestBackend &rest, const std::vector<std::string> &names, std::string (*key)(const std::string &)) {
  int n = 0;
  for (const std::string &name : names) n += rest.lookups().has(key(name)) ? 0 : 1;
  return n;
}

}  // namespace

std::vector<ChannelData> RestTags::channels(const TagData *tag) {
  RestCost cost("getChannels", rest_.verbose());
  if (tag && tag->has_type && !tag->type.empty() && !iequals(tag->type, kChannelTagType))
    throw ServiceError::told(fc::bad_parameter,
                             "tag type " + tag->type + ": getChannels reads the " + kChannelTagType + " tag only");
  std::vector<ChannelData> out;
  if (tag && tag->has_values && !tag->values.empty()) {
    // The channels named, in the order named, each once; a name REST does
    // not know is left out.
    std::vector<std::string> names = distinct(tag->values);
    RestCost::require(rest_.gate(), uncached(rest_, names, channel_key), "getChannels");
    for (const std::string &name : names) {
      json c = by_name(rest_, channel_key(name), "/asset/v1/channel/byName.json", "name", name);
      if (!c.is_null()) out.push_back(channel_of(c));
    }
    return out;
  }
  RestCost::require(rest_.gate(), rest_.lookups().has(kChannelsKey) ? 0 : 1, "getChannels");
  json all = rest_.lookups().get(kChannelsKey, [&] { return every_page(rest_, "/asset/v1/channels.json"); });
  for (const json &c : all) out.push_back(channel_of(c));
  return out;
}

std::vector<TagData> RestTags::tags(const std::vector<TagData> &asked) {
  RestCost cost("getTags", rest_.verbose());
  std::vector<std::string> named;
  for (const TagData &a : asked)
    if (a.has_type && !a.type.empty()) named.push_back(a.type);
  std::vector<std::string> names;
  if (named.empty()) {
    // Every tag type: the list, then each type's values (REST gives them
    // by name only).
    RestCost::require(rest_.gate(), rest_.lookups().has(kTagTypesKey) ? 0 : 1, "getTags");
    json all = rest_.lookups().get(kTagTypesKey, [&] {
      json names_only = json::array();
      for (const json &t : every_page(rest_, "/asset/v1/tagTypes.json"))
        if (!text(t, "tagType").empty()) names_only.push_back(text(t, "tagType"));
      return names_only;
    });
    for (const json &n : all) names.push_back(n.get<std::string>());
  } else {
    names = named;
  }
  // The channels are not a tag type here (getChannels answers them).
  names = distinct(names);
  names.erase(std::remove_if(names.begin(), names.end(), [](const std::string &n) { return iequals(n, kChannelTagType); }),
              names.end());
  RestCost::require(rest_.gate(), RestCost::so_far() + uncached(rest_, names, tag_type_key), "getTags");
  std::vector<TagData> out;
  for (const std::string &name : names) {
    json t = by_name(rest_, tag_type_key(name), "/asset/v1/tagType/byName.json", "tagType", name);
    if (t.is_null()) continue;
    const TagData *filter = nullptr;
    for (const TagData &a : asked)
      if (!filter && a.has_type && iequals(a.type, name)) filter = &a;
    TagData d;
    d.has_type = d.has_values = true;
    d.type = text(t, "tagType");
    for (const std::string &v : allowable(t)) {
      // Asked for some values: those of them the type allows.
      bool wanted = !filter || !filter->has_values || filter->values.empty() ||
                    std::any_of(filter->values.begin(), filter->values.end(),
                                [&](const std::string &x) { return iequals(x, v); });
      if (wanted) d.values.push_back(v);
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace mktows_bridge
