// rest_tags.hpp: the tags domain (getChannels, getTags) carried to the
// asset API's channels.json, channel/byName.json, tagTypes.json and
// tagType/byName.json, each name resolved once and kept in the lookup cache
// (docs/BRIDGE.md, "Custom objects, channels and tags").
#pragma once

#include "rest_backend.hpp"
#include "tags_backend.hpp"

namespace mktows_bridge {

class RestTags : public mktows_front::TagsBackend {
 public:
  explicit RestTags(RestBackend &rest) : rest_(rest) {}

  std::vector<mktows_front::ChannelData> channels(const mktows_front::TagData *tag) override;
  std::vector<mktows_front::TagData> tags(const std::vector<mktows_front::TagData> &asked) override;

 private:
  RestBackend &rest_;
};

}  // namespace mktows_bridge
