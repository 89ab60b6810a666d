// rest_assets.hpp: the asset API's channel and tag type calls (Get Channels,
// Get Channel by Name, Get Tag Types, Get Tag by Name) from the world's
// channels and tag types, the ones getChannels and getTags answer
// (docs/SANDBOX.md, "getChannels and getTags"). Read only.
#pragma once

#include "world.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestAssets {
 public:
  using Params = std::vector<std::pair<std::string, std::string>>;
  // `created_at`: when the world was made (every asset's createdAt and
  // updatedAt: no call changes them).
  RestAssets(const World &world, std::int64_t created_at) : world_(world), created_at_(created_at) {}

  static bool serves(const std::string &path);
  // Sets body's success, errors, warnings and result (the asset API's
  // envelope); throws RestError for a refused request.
  void get(const std::string &path, const Params &query, nlohmann::json &body) const;

 private:
  nlohmann::json channel_json(const Channel &c, std::size_t index) const;
  nlohmann::json tag_type_json(const TagType &t, bool with_values) const;
  std::string program_types() const;

  const World &world_;
  std::int64_t created_at_;
};

}  // namespace mktows_sandbox
