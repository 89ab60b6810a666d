// tags_service.cpp: the channels and tag types of the world, as getChannels
// and getTags answer them (docs/SANDBOX.md, "getChannels and getTags").
#include "tags_service.hpp"

#include "front_types.hpp"

#include <algorithm>

namespace mktows_sandbox {

using mktows_front::kChannelTagType;

std::vector<ChannelData> TagsService::channels(const TagData *tag) {
  if (tag && tag->has_type && !tag->type.empty() && !iequals(tag->type, kChannelTagType))
    throw ServiceError::told(fault_code::bad_parameter,
                             "tag type " + tag->type + ": getChannels reads the " + kChannelTagType + " tag only");
  std::vector<const Channel *> picked;
  if (tag && tag->has_values && !tag->values.empty()) {
    // The channels named, in the order named, each once; a name that is no
    // channel is left out.
    for (const std::string &name : tag->values) {
      const Channel *c = world_.channel(name);
      if (c && std::find(picked.begin(), picked.end(), c) == picked.end()) picked.push_back(c);
    }
  } else {
    for (const Channel &c : world_.channels) picked.push_back(&c);
  }
  std::vector<ChannelData> out;
  for (const Channel *c : picked) {
    ChannelData d;
    d.name = c->name;
    for (const ProgressionStatus &s : c->statuses) d.statuses.push_back({s.name, s.step, s.success});
    // The vendor's sample lists the statuses by name, not by step.
    std::stable_sort(d.statuses.begin(), d.statuses.end(),
                     [](const mktows_front::ChannelStatusData &a, const mktows_front::ChannelStatusData &b) {
                       return a.name < b.name;
                     });
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<TagData> TagsService::tags(const std::vector<TagData> &asked) {
  std::vector<TagData> out;
  auto answer = [&](const TagType &t, const TagData *filter) {
    TagData d;
    d.has_type = d.has_values = true;
    d.type = t.name;
    for (const std::string &v : t.values) {
      // Asked for some values: those of them the type allows.
      bool wanted = !filter || !filter->has_values || filter->values.empty() ||
                    std::any_of(filter->values.begin(), filter->values.end(),
                                [&](const std::string &x) { return iequals(x, v); });
      if (wanted) d.values.push_back(v);
    }
    out.push_back(std::move(d));
  };
  bool any_type = false;
  for (const TagData &a : asked) any_type = any_type || (a.has_type && !a.type.empty());
  if (!any_type) {
    for (const TagType &t : world_.tag_types) answer(t, nullptr);
    return out;
  }
  // The types named, in the order named, each once; the channels are not a
  // tag type here (getChannels answers them), nor is an unknown name.
  std::vector<const TagType *> done;
  for (const TagData &a : asked) {
    if (!a.has_type || a.type.empty()) continue;
    for (const TagType &t : world_.tag_types)
      if (iequals(t.name, a.type) && std::find(done.begin(), done.end(), &t) == done.end()) {
        done.push_back(&t);
        answer(t, &a);
      }
  }
  return out;
}

}  // namespace mktows_sandbox
