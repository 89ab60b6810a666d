// detail/activity_calls.hpp: getLeadActivity and getLeadChanges as page
// sources for Pager, over a Runner (detail/runner.hpp).
#ifndef MKTOWS_DETAIL_ACTIVITY_CALLS_HPP
#define MKTOWS_DETAIL_ACTIVITY_CALLS_HPP

#include "mktows/wire.hpp"

#include "mktows/activity.hpp"
#include "mktows/activity_types.hpp"
#include "mktows/detail/body.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/lead_calls.hpp"  // check_selector, SelectorSlot
#include "mktows/detail/runner.hpp"
#include "mktows/limits.hpp"
#include "mktows/pager.hpp"

#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity) || defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
// Include or exclude, not both (20110); each a value of 2_2's enumeration
// (20107).
inline Error check_filter(Operation op, const ActivityFilter &f) {
  if (!f.include_types.empty() && !f.exclude_types.empty())
    return refuse(ValidationRule::bad_combination, op, "an activity filter includes or excludes, not both",
                  fault_code::bad_parameter);
  const std::vector<std::string> &types = f.include_types.empty() ? f.exclude_types : f.include_types;
  for (std::size_t i = 0; i < types.size(); ++i)
    if (!find_activity_type(types[i].c_str()))
      return refuse(ValidationRule::unknown_activity_type, op,
                    "activity type #" + std::to_string(i + 1) + " is not a 2_2 ActivityType value" +
                        (is_xml_text(types[i]) ? " ('" + types[i] + "')" : std::string()),
                    fault_code::activity_key_bad);
  return Error();
}

inline Error check_position(const StreamPosition &p) { return validate_text("the stream position's offset", p.offset); }

// The filter as the wire has it.
class FilterSlot {
 public:
  FilterSlot() {}
  FilterSlot(const FilterSlot &) = delete;
  FilterSlot &operator=(const FilterSlot &) = delete;

  // Null when the filter is empty; the names were checked (check_filter).
  wire::mktows__ActivityTypeFilter *fill(struct soap *soap, const ActivityFilter &f) {
    if (f.empty()) return nullptr;
    const bool include = !f.include_types.empty();
    const std::vector<std::string> &names = include ? f.include_types : f.exclude_types;
    types_.activityType.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
      enum wire::mktows__ActivityType v;
      if (wire::soap_s2mktows__ActivityType(soap, names[i].c_str(), &v) == SOAP_OK) types_.activityType.push_back(v);
    }
    soap->error = SOAP_OK;  // the conversion reports through the context
    filter_.includeTypes = include ? &types_ : nullptr;
    filter_.excludeTypes = include ? nullptr : &types_;
    return &filter_;
  }

 private:
  wire::mktows__ArrayOfActivityType types_;
  wire::mktows__ActivityTypeFilter filter_;
};

// A StreamPosition as the wire has it.
class PositionSlot {
 public:
  PositionSlot() : oldest_(0), latest_(0), activity_(0) {}
  PositionSlot(const PositionSlot &) = delete;
  PositionSlot &operator=(const PositionSlot &) = delete;

  wire::mktows__StreamPosition *fill(const StreamPosition &p) {
    oldest_ = p.oldest_created_at;
    latest_ = p.latest_created_at;
    activity_ = p.activity_created_at;
    offset_ = p.offset;
    wire_.oldestCreatedAt = p.has_oldest_created_at ? &oldest_ : nullptr;
    wire_.latestCreatedAt = p.has_latest_created_at ? &latest_ : nullptr;
    wire_.activityCreatedAt = p.has_activity_created_at ? &activity_ : nullptr;
    wire_.offset = p.offset.empty() ? nullptr : &offset_;
    return &wire_;
  }

 private:
  std::time_t oldest_, latest_, activity_;
  std::string offset_;
  wire::mktows__StreamPosition wire_;
};

inline StreamPosition read_position(const wire::mktows__StreamPosition &w) {
  StreamPosition p;
  if (w.oldestCreatedAt) {
    p.has_oldest_created_at = true;
    p.oldest_created_at = *w.oldestCreatedAt;
  }
  if (w.latestCreatedAt) {
    p.has_latest_created_at = true;
    p.latest_created_at = *w.latestCreatedAt;
  }
  if (w.activityCreatedAt) {
    p.has_activity_created_at = true;
    p.activity_created_at = *w.activityCreatedAt;
  }
  if (w.offset) p.offset = *w.offset;
  return p;
}

inline std::vector<Attribute> read_attributes(const wire::mktows__ArrayOfAttribute *list) {
  std::vector<Attribute> out;
  if (!list) return out;
  for (std::size_t i = 0; i < list->attribute.size(); ++i)
    if (list->attribute[i])
      out.push_back(Attribute(list->attribute[i]->attrName, list->attribute[i]->attrValue,
                              list->attribute[i]->attrType ? *list->attribute[i]->attrType : std::string()));
  return out;
}

inline std::string text_of(const std::string *s) { return s ? *s : std::string(); }

// The stall guard both reads share: an empty page that says more remain
// and hands back the position it was asked at would loop for ever.
inline Error stalled(Operation op) {
  Error e;
  e.kind = ErrorKind::protocol;
  e.message = std::string(to_string(op)) + ": an empty page that says more remain, at the same position";
  return e;
}

inline Error check_batch(Operation op, int batch_size) {
  if (batch_size < 0)
    return refuse(ValidationRule::value_required, op, "batch_size must be positive (0: the service's default)",
                  fault_code::bad_parameter);
  return Error();
}
#endif

#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
MKTOWS_DETAIL_BODY(getLeadActivity, SuccessGetLeadActivity, "successGetLeadActivity");

class LeadActivitySource : public PageSource<ActivityRecord, StreamPosition> {
 public:
  LeadActivitySource(Runner &runner, const LeadKey &key, const ActivityReadOptions &options, const CallOptions &call)
      : runner_(runner), call_(call), batch_(options.batch_size) {
    key_.keyType = to_wire(key.type);
    key_.keyValue = key.value;
    params_.leadKey = &key_;
    params_.activityFilter = filter_.fill(runner.context(), options.filter);
    if (options.batch_size > 0) params_.batchSize = &batch_;
    message_.mktows__paramsGetLeadActivity = &params_;
  }

  Error fetch(const StreamPosition &from, std::vector<ActivityRecord> &records, StreamPosition &next,
              bool &more) override {
    records.clear();
    const Operation op = Operation::get_lead_activity;
    params_.startPosition = from.empty() ? nullptr : position_.fill(from);
    Request r = {op, false, workspace_of(wire::context_header_declared::getLeadActivity, call_), soap_action(op),
                 {&getLeadActivity_body::put, &message_, &getLeadActivity_body::get, &answer_}};
    Error e = runner_.run(r, call_);
    if (!e.ok()) return e;
    const wire::mktows__LeadActivityList *list = answer_.leadActivityList;
    if (!list || !list->newStartPosition)
      return runner_.answer_lacks("successGetLeadActivity/leadActivityList/newStartPosition");
    if (list->activityRecordList) {
      const std::vector<wire::mktows__ActivityRecord *> &rs = list->activityRecordList->activityRecord;
      records.reserve(rs.size());
      for (std::size_t i = 0; i < rs.size(); ++i) {
        if (!rs[i]) continue;
        const wire::mktows__ActivityRecord &w = *rs[i];
        ActivityRecord a;
        a.id = w.id;
        a.at = w.activityDateTime;
        a.type = w.activityType;
        a.asset_name = text_of(w.mktgAssetName);
        a.attributes = read_attributes(w.activityAttributes);
        a.campaign = text_of(w.campaign);
        a.person_name = text_of(w.personName);
        a.mkt_person_id = w.mktPersonId;
        a.foreign_sys_id = text_of(w.foreignSysId);
        a.org_name = text_of(w.orgName);
        a.foreign_sys_org_id = text_of(w.foreignSysOrgId);
        records.push_back(a);
      }
    }
    next = read_position(*list->newStartPosition);
    more = list->remainingCount > 0;
    runner_.free_now();  // one page at a time
    if (more && records.empty() && next == from) return stalled(op);
    return Error();
  }

 private:
  Runner &runner_;
  CallOptions call_;
  int batch_;
  wire::mktows__LeadKey key_;
  FilterSlot filter_;
  PositionSlot position_;
  wire::mktows__ParamsGetLeadActivity params_;
  wire::__mktows__getLeadActivity message_;
  wire::mktows__SuccessGetLeadActivity answer_;
};

#endif  // getLeadActivity

#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
MKTOWS_DETAIL_BODY(getLeadChanges, SuccessGetLeadChanges, "successGetLeadChanges");

class LeadChangesSource : public PageSource<LeadChangeRecord, StreamPosition> {
 public:
  LeadChangesSource(Runner &runner, const LeadChangesOptions &options, const CallOptions &call)
      : runner_(runner), call_(call), batch_(options.batch_size) {
    params_.leadSelector = selector_.fill(options.leads);
    params_.activityFilter = filter_.fill(runner.context(), options.filter);
    if (options.batch_size > 0) params_.batchSize = &batch_;
    message_.mktows__paramsGetLeadChanges = &params_;
  }

  Error fetch(const StreamPosition &from, std::vector<LeadChangeRecord> &records, StreamPosition &next,
              bool &more) override {
    records.clear();
    const Operation op = Operation::get_lead_changes;
    params_.startPosition = position_.fill(from);
    Request r = {op, false, workspace_of(wire::context_header_declared::getLeadChanges, call_), soap_action(op),
                 {&getLeadChanges_body::put, &message_, &getLeadChanges_body::get, &answer_}};
    Error e = runner_.run(r, call_);
    if (!e.ok()) return e;
    const wire::mktows__ResultGetLeadChanges *result = answer_.result;
    if (!result || !result->newStartPosition)
      return runner_.answer_lacks("successGetLeadChanges/result/newStartPosition");
    if (result->leadChangeRecordList) {
      const std::vector<wire::mktows__LeadChangeRecord *> &rs = result->leadChangeRecordList->leadChangeRecord;
      records.reserve(rs.size());
      for (std::size_t i = 0; i < rs.size(); ++i) {
        if (!rs[i]) continue;
        const wire::mktows__LeadChangeRecord &w = *rs[i];
        LeadChangeRecord c;
        c.id = w.id;
        c.at = w.activityDateTime;
        c.type = w.activityType;
        c.asset_name = text_of(w.mktgAssetName);
        c.attributes = read_attributes(w.activityAttributes);
        c.campaign = text_of(w.campaign);
        c.mkt_person_id = w.mktPersonId;
        records.push_back(c);
      }
    }
    next = read_position(*result->newStartPosition);
    more = result->remainingCount > 0;
    runner_.free_now();
    if (more && records.empty() && next == from) return stalled(op);
    return Error();
  }

 private:
  Runner &runner_;
  CallOptions call_;
  int batch_;
  SelectorSlot selector_;
  FilterSlot filter_;
  PositionSlot position_;
  wire::mktows__ParamsGetLeadChanges params_;
  wire::__mktows__getLeadChanges message_;
  wire::mktows__SuccessGetLeadChanges answer_;
};

#endif  // getLeadChanges

#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
inline Pager<ActivityRecord, StreamPosition> get_lead_activity(Runner &runner, const Error &setup, const LeadKey &key,
                                                                const ActivityReadOptions &options,
                                                                const CallOptions &call) {
  typedef Pager<ActivityRecord, StreamPosition> ActivityPager;
  const Operation op = Operation::get_lead_activity;
  if (!setup.ok()) return ActivityPager(setup);
  Error e = check_key(op, key, "the lead key");
  if (e.ok()) e = check_filter(op, options.filter);
  if (e.ok()) e = check_batch(op, options.batch_size);
  if (e.ok()) e = check_position(options.resume_from);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return ActivityPager(e);
  std::unique_ptr<PageSource<ActivityRecord, StreamPosition> > source(
      new LeadActivitySource(runner, key, options, call));
  return ActivityPager(std::move(source), options.resume_from);
}
#endif  // getLeadActivity

#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)

inline Pager<LeadChangeRecord, StreamPosition> get_lead_changes(Runner &runner, const Error &setup,
                                                                 const LeadChangesOptions &options,
                                                                 const CallOptions &call) {
  typedef Pager<LeadChangeRecord, StreamPosition> ChangesPager;
  const Operation op = Operation::get_lead_changes;
  if (!setup.ok()) return ChangesPager(setup);
  Error e;
  if (options.start.empty())
    e = refuse(ValidationRule::value_required, op,
               "the start position needs oldest_created_at, latest_created_at or an offset",
               fault_code::parameter_required);
  // LeadKeySelector: more than kMaxLeadChangesKeys is the service's 20110;
  // no 30-day rule (documented for getMultipleLeads only).
  if (e.ok()) e = check_selector(op, options.leads, kMaxLeadChangesKeys, fault_code::bad_parameter, false, runner.now());
  if (e.ok()) e = check_filter(op, options.filter);
  if (e.ok()) e = check_batch(op, options.batch_size);
  if (e.ok()) e = check_position(options.start);
  if (e.ok()) e = validate(call);
  if (!e.ok()) return ChangesPager(e);
  std::unique_ptr<PageSource<LeadChangeRecord, StreamPosition> > source(new LeadChangesSource(runner, options, call));
  return ChangesPager(std::move(source), options.start);
}
#endif  // getLeadChanges

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_ACTIVITY_CALLS_HPP
