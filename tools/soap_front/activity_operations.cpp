// activity_operations.cpp: the activity domain's operations (getLeadActivity,
// getLeadChanges): the wire types to the ActivityBackend's and back.
#include "soap_handler.hpp"

#include "service_error.hpp"

#include <climits>
#include <stdexcept>

namespace mktows_front {

namespace {

StreamPositionData position_of(const wire::mktows__StreamPosition &p) {
  StreamPositionData d;
  if (p.latestCreatedAt) {
    d.has_latest = true;
    d.latest = static_cast<std::int64_t>(*p.latestCreatedAt);
  }
  if (p.oldestCreatedAt) {
    d.has_oldest = true;
    d.oldest = static_cast<std::int64_t>(*p.oldestCreatedAt);
  }
  if (p.activityCreatedAt) {
    d.has_activity = true;
    d.activity = static_cast<std::int64_t>(*p.activityCreatedAt);
  }
  if (p.offset) {
    d.has_offset = true;
    d.offset = *p.offset;
  }
  return d;
}

}  // namespace

ActivityTypeFilterData SoapHandler::to_filter(const wire::mktows__ActivityTypeFilter *f) {
  ActivityTypeFilterData d;
  if (!f) return d;
  auto names = [&](const wire::mktows__ArrayOfActivityType *a, std::vector<std::string> &out) {
    if (!a) return;
    for (wire::mktows__ActivityType t : a->activityType) {
      const char *name = wire::soap_mktows__ActivityType2s(soap, t);
      // The parser accepts only the enumeration's values; a number outside
      // it would come back as its digits, which the backend refuses (20107).
      out.push_back(name ? name : "");
    }
  };
  names(f->includeTypes, d.include);
  names(f->excludeTypes, d.exclude);
  return d;
}

wire::mktows__StreamPosition *SoapHandler::to_position(const StreamPositionData &d) {
  wire::mktows__StreamPosition *p = wire::soap_new_mktows__StreamPosition(soap);
  auto time = [&](bool has, std::int64_t v) -> time_t * {
    if (!has) return nullptr;
    time_t *t = static_cast<time_t *>(soap_malloc(soap, sizeof(time_t)));
    *t = static_cast<time_t>(v);
    return t;
  };
  p->latestCreatedAt = time(d.has_latest, d.latest);
  p->oldestCreatedAt = time(d.has_oldest, d.oldest);
  p->activityCreatedAt = time(d.has_activity, d.activity);
  if (d.has_offset) {
    p->offset = wire::soap_new_std__string(soap);
    *p->offset = d.offset;
  }
  return p;
}

// The members ActivityRecord and LeadChangeRecord share.
template <class Record>
static void fill_record(struct soap *soap, const ActivityRecordData &a, Record &r) {
  // 2_2's record id is an xs:int; the log's ids are wider.
  if (a.id <= 0 || a.id > INT_MAX) throw std::overflow_error("activity id out of xs:int range");
  r.id = static_cast<int>(a.id);
  r.activityDateTime = static_cast<time_t>(a.at);
  r.activityType = a.type;
  if (!a.asset.empty()) {
    r.mktgAssetName = wire::soap_new_std__string(soap);
    *r.mktgAssetName = a.asset;
  }
  if (!a.attributes.empty()) {
    r.activityAttributes = wire::soap_new_mktows__ArrayOfAttribute(soap);
    for (const Attribute &at : a.attributes) {
      wire::mktows__Attribute *x = wire::soap_new_mktows__Attribute(soap);
      x->attrName = at.name;
      x->attrValue = at.value;
      r.activityAttributes->attribute.push_back(x);
    }
  }
  if (!a.campaign.empty()) {
    r.campaign = wire::soap_new_std__string(soap);
    *r.campaign = a.campaign;
  }
  r.mktPersonId = std::to_string(a.lead_id);
}

int SoapHandler::getLeadActivity(wire::mktows__ParamsGetLeadActivity *params,
                                 wire::mktows__SuccessGetLeadActivity &response) {
  return answer([&] {
    if (!params || !params->leadKey) throw ServiceError(fault_code::lead_key_required, "no leadKey");
    const char *type = wire::soap_mktows__LeadKeyRef2s(soap, params->leadKey->keyType);
    key_type_ = type ? type : "";
    LeadActivityRequest request;
    request.key_type = key_type_;
    request.key_value = params->leadKey->keyValue;
    request.filter = to_filter(params->activityFilter);
    if (params->startPosition) {
      request.has_position = true;
      request.position = position_of(*params->startPosition);
    }
    if (params->batchSize) {
      request.has_batch = true;
      request.batch = *params->batchSize;
    }
    ActivityPage page = context_.backends.activity->lead_activity(request);
    wire::mktows__LeadActivityList *list = wire::soap_new_mktows__LeadActivityList(soap);
    list->returnCount = static_cast<int>(page.records.size());
    list->remainingCount = page.remaining;
    list->newStartPosition = to_position(page.next);
    if (!page.records.empty()) {
      list->activityRecordList = wire::soap_new_mktows__ArrayOfActivityRecord(soap);
      for (const ActivityRecordData &a : page.records) {
        wire::mktows__ActivityRecord *r = wire::soap_new_mktows__ActivityRecord(soap);
        fill_record(soap, a, *r);
        list->activityRecordList->activityRecord.push_back(r);
      }
    }
    response.leadActivityList = list;
  });
}

int SoapHandler::getLeadChanges(wire::mktows__ParamsGetLeadChanges *params,
                                wire::mktows__SuccessGetLeadChanges &response) {
  return answer([&] {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsGetLeadChanges");
    LeadChangesRequest request;
    if (params->startPosition) {
      request.has_position = true;
      request.position = position_of(*params->startPosition);
    }
    request.filter = to_filter(params->activityFilter);
    if (params->batchSize) {
      request.has_batch = true;
      request.batch = *params->batchSize;
    }
    if (const wire::mktows__LeadSelector *s = params->leadSelector) {
      using Selector = LeadChangesRequest::Selector;
      // The xsi:type the parser read decides the subtype.
      if (auto *k = dynamic_cast<const wire::mktows__LeadKeySelector *>(s)) {
        request.selector = Selector::keys;
        const char *type = wire::soap_mktows__LeadKeyRef2s(soap, k->keyType);
        request.key_type = key_type_ = type ? type : "";
        if (k->keyValues) request.keys = k->keyValues->stringItem;
      } else if (auto *l = dynamic_cast<const wire::mktows__StaticListSelector *>(s)) {
        request.selector = Selector::static_list;
        if (l->staticListName) {
          request.has_list_name = true;
          request.list_name = *l->staticListName;
        }
        if (l->staticListId) {
          request.has_list_id = true;
          request.list_id = *l->staticListId;
        }
      } else if (auto *u = dynamic_cast<const wire::mktows__LastUpdateAtSelector *>(s)) {
        request.selector = Selector::last_update;
        request.oldest_updated = static_cast<std::int64_t>(u->oldestUpdatedAt);
        if (u->latestUpdatedAt) {
          request.has_latest_updated = true;
          request.latest_updated = static_cast<std::int64_t>(*u->latestUpdatedAt);
        }
      } else {
        request.selector = Selector::other;
      }
    }
    ActivityPage page = context_.backends.activity->lead_changes(request);
    wire::mktows__ResultGetLeadChanges *result = wire::soap_new_mktows__ResultGetLeadChanges(soap);
    result->returnCount = static_cast<int>(page.records.size());
    result->remainingCount = page.remaining;
    result->newStartPosition = to_position(page.next);
    if (!page.records.empty()) {
      result->leadChangeRecordList = wire::soap_new_mktows__ArrayOfLeadChangeRecord(soap);
      for (const ActivityRecordData &a : page.records) {
        wire::mktows__LeadChangeRecord *r = wire::soap_new_mktows__LeadChangeRecord(soap);
        fill_record(soap, a, *r);
        result->leadChangeRecordList->leadChangeRecord.push_back(r);
      }
    }
    response.result = result;
  });
}

}  // namespace mktows_front
