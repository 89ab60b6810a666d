// tags_operations.cpp: the tags domain's operations (getChannels, getTags):
// the wire types to the TagsBackend's and back. The rules are the backend's.
#include "soap_handler.hpp"

#include "service_error.hpp"

namespace mktows_front {

namespace {

TagData to_tag(const wire::mktows__Tag &t) {
  TagData d;
  if (t.type) {
    d.has_type = true;
    d.type = *t.type;
  }
  if (t.values) {
    d.has_values = true;
    d.values = t.values->stringItem;
  }
  return d;
}

wire::mktows__Attrib *attrib(struct soap *soap, const char *name, const std::string &value) {
  wire::mktows__Attrib *a = wire::soap_new_mktows__Attrib(soap);
  a->name = name;
  a->value = value;
  return a;
}

}  // namespace

int SoapHandler::getChannels(wire::mktows__ParamsGetChannels *params, wire::mktows__SuccessGetChannels &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetChannels");
    TagData asked;
    if (params->tag) asked = to_tag(*params->tag);
    std::vector<ChannelData> found = context_.backends.tags->channels(params->tag ? &asked : nullptr);
    response.result = wire::soap_new_mktows__ResultGetChannels(soap);
    response.result->tags = wire::soap_new_mktows__ArrayOfTagStatus(soap);
    for (const ChannelData &c : found) {
      wire::mktows__TagStatus *t = wire::soap_new_mktows__TagStatus(soap);
      t->tagValue = c.name;
      t->statusList = wire::soap_new_mktows__ArrayOfProgressionStatus(soap);
      for (const ChannelStatusData &s : c.statuses) {
        wire::mktows__ProgressionStatus *p = wire::soap_new_mktows__ProgressionStatus(soap);
        p->progressionStatus = wire::soap_new_mktows__ArrayOfAttrib(soap);
        p->progressionStatus->attrib.push_back(attrib(soap, "Status", s.name));
        p->progressionStatus->attrib.push_back(attrib(soap, "Step", std::to_string(s.step)));
        p->progressionStatus->attrib.push_back(attrib(soap, "Success", s.success ? "true" : "false"));
        t->statusList->progressionStatusItem.push_back(p);
      }
      response.result->tags->tagStatus.push_back(t);
    }
  });
}

int SoapHandler::getTags(wire::mktows__ParamsGetTags *params, wire::mktows__SuccessGetTags &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetTags");
    std::vector<TagData> asked;
    if (params->tagList)
      for (const wire::mktows__Tag *t : params->tagList->tag)
        if (t) asked.push_back(to_tag(*t));
    std::vector<TagData> found = context_.backends.tags->tags(asked);
    response.result = wire::soap_new_mktows__ResultGetTags(soap);
    response.result->tagList = wire::soap_new_mktows__ArrayOfTag(soap);
    for (const TagData &d : found) {
      wire::mktows__Tag *t = wire::soap_new_mktows__Tag(soap);
      t->type = wire::soap_new_std__string(soap);
      *t->type = d.type;
      t->values = wire::soap_new_mktows__ArrayOfString(soap);
      t->values->stringItem = d.values;
      response.result->tagList->tag.push_back(t);
    }
  });
}

}  // namespace mktows_front
