// tags_backend.hpp: the tags domain of the operation table
// (mktows/operations.hpp: getChannels, getTags), as the front end carries it
// out. The sandbox answers from its world (tags_service.hpp). Methods throw
// ServiceError with the mktows fault code of a refused request.
#pragma once

#include <string>
#include <vector>

namespace mktows_front {

// The tag type the channels are, as getChannels' Tag names it (the sandbox
// and the bridge alike: neither answers it as a getTags type).
static const char kChannelTagType[] = "Channel";

// A progression status of a channel.
struct ChannelStatusData {
  std::string name;
  int step = 0;
  bool success = false;
};

struct ChannelData {
  std::string name;  // getChannels' tagValue
  std::vector<ChannelStatusData> statuses;
};

// A Tag as it arrived, or as it is answered: a type and its values.
struct TagData {
  bool has_type = false;
  std::string type;
  bool has_values = false;
  std::vector<std::string> values;
};

class TagsBackend {
 public:
  virtual ~TagsBackend() = default;
  // getChannels: `tag` null: every channel; else its values name the
  // channels (its type, when sent, must be the channel type).
  virtual std::vector<ChannelData> channels(const TagData *tag) = 0;
  // getTags: `asked` empty: every tag type with all its values.
  virtual std::vector<TagData> tags(const std::vector<TagData> &asked) = 0;
};

}  // namespace mktows_front
