// tags_service.hpp: getChannels and getTags, answered straight from the
// world's channels and tag types (world.hpp), which no call writes. The
// rules and the choices where the sheets are silent: docs/SANDBOX.md,
// "getChannels and getTags".
#pragma once

#include "tags_backend.hpp"
#include "world.hpp"

#include <string>
#include <vector>

namespace mktows_sandbox {

using mktows_front::ChannelData;
using mktows_front::TagData;

class TagsService : public mktows_front::TagsBackend {
 public:
  explicit TagsService(const World &world) : world_(world) {}

  std::vector<ChannelData> channels(const TagData *tag) override;
  std::vector<TagData> tags(const std::vector<TagData> &asked) override;

 private:
  const World &world_;
};

}  // namespace mktows_sandbox
