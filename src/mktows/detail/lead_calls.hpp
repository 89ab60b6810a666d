// detail/lead_calls.hpp: getMultipleLeads (a page source for Pager, one
// selector of three) and mergeLeads, over a Runner (detail/runner.hpp).
// Each is there when the bindings' WSDL has the operation
// (MKTOWS_BINDINGS_HAS_<operation>, mktows_bindings.h): a client built from
// a WSDL of the lead calls alone still builds, without them.
#ifndef MKTOWS_DETAIL_LEAD_CALLS_HPP
#define MKTOWS_DETAIL_LEAD_CALLS_HPP

#include "mktows/wire.hpp"

#include "mktows/detail/body.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/runner.hpp"
#include "mktows/lead.hpp"
#include "mktows/lead_selector.hpp"
#include "mktows/limits.hpp"
#include "mktows/merge.hpp"
#include "mktows/pager.hpp"

#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace mktows {
namespace detail {


#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads) || defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
// What a selector may be sent with: keys present and at most `max_keys`
// (more: `over_fault`, or ignored by the service, which would lose them
// silently); a list named; a time window not reversed and, with
// `window_rule`, no wider than kMaxUpdateWindowDays (20022; without a
// latest the window ends now).
inline Error check_selector(Operation op, const LeadSelector &s, std::size_t max_keys, int over_fault, bool window_rule,
                            std::time_t now) {
  switch (s.kind()) {
    case LeadSelector::Kind::none: return Error();
    case LeadSelector::Kind::keys: {
      const std::vector<std::string> &v = s.keys().values;
      if (v.empty())
        return refuse(ValidationRule::lead_key_required, op, "a LeadKeySelector needs at least one key",
                      fault_code::lead_key_required);
      if (v.size() > max_keys)
        return refuse(ValidationRule::too_many_keys, op,
                      "a LeadKeySelector takes at most " + std::to_string(max_keys) + " keys, not " +
                          std::to_string(v.size()) + (over_fault ? "" : " (the service would ignore the rest)"),
                      over_fault);
      for (std::size_t i = 0; i < v.size(); ++i) {
        Error e = check_key(op, LeadKey(s.keys().key_type, v[i]), "key #" + std::to_string(i + 1));
        if (!e.ok()) return e;
      }
      return Error();
    }
    case LeadSelector::Kind::static_list: {
      const StaticListSelector &l = s.static_list();
      if (l.name.empty() && l.id <= 0)
        return refuse(ValidationRule::value_required, op, "a StaticListSelector needs a list name or a positive id",
                      fault_code::parameter_required);
      return validate_text("StaticListSelector name", l.name);
    }
    case LeadSelector::Kind::last_update: {
      const LastUpdateAtSelector &u = s.last_update();
      std::time_t latest = u.has_latest ? u.latest : now;
      if (u.has_latest && u.latest < u.oldest)
        return refuse(ValidationRule::time_window, op, "latestUpdatedAt is before oldestUpdatedAt",
                      fault_code::bad_parameter);
      const long long max = static_cast<long long>(kMaxUpdateWindowDays) * 86400;
      if (window_rule && static_cast<long long>(latest) - static_cast<long long>(u.oldest) > max)
        return refuse(ValidationRule::time_window, op,
                      "a LastUpdateAtSelector spans at most " + std::to_string(kMaxUpdateWindowDays) + " days" +
                          (u.has_latest ? "" : " (without a latest it ends now)"),
                      fault_code::time_range_exceeded);
      return Error();
    }
  }
  return Error();
}

// A selector as the wire has it, with the storage its pointers point into.
class SelectorSlot {
 public:
  SelectorSlot() : list_id_(0), latest_(0) {}
  SelectorSlot(const SelectorSlot &) = delete;
  SelectorSlot &operator=(const SelectorSlot &) = delete;

  wire::mktows__LeadSelector *fill(const LeadSelector &s) {
    switch (s.kind()) {
      case LeadSelector::Kind::none: return nullptr;
      case LeadSelector::Kind::keys:
        keys_.keyType = to_wire(s.keys().key_type);
        values_.stringItem = s.keys().values;
        keys_.keyValues = &values_;
        return &keys_;
      case LeadSelector::Kind::static_list:
        list_.staticListName = nullptr;
        list_.staticListId = nullptr;
        if (!s.static_list().name.empty()) {
          list_name_ = s.static_list().name;
          list_.staticListName = &list_name_;
        } else {
          list_id_ = s.static_list().id;
          list_.staticListId = &list_id_;
        }
        return &list_;
      case LeadSelector::Kind::last_update:
        update_.oldestUpdatedAt = s.last_update().oldest;
        update_.latestUpdatedAt = nullptr;
        if (s.last_update().has_latest) {
          latest_ = s.last_update().latest;
          update_.latestUpdatedAt = &latest_;
        }
        return &update_;
    }
    return nullptr;
  }

 private:
  wire::mktows__LeadKeySelector keys_;
  wire::mktows__ArrayOfString values_;
  wire::mktows__StaticListSelector list_;
  std::string list_name_;
  int list_id_;
  wire::mktows__LastUpdateAtSelector update_;
  std::time_t latest_;
};

#endif

#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads)
MKTOWS_DETAIL_BODY(getMultipleLeads, SuccessGetMultipleLeads, "successGetMultipleLeads");

// getMultipleLeads, page by page: the same selector, fields and batch size
// each time, with the position the last page handed back.
class MultipleLeadsSource : public PageSource<Lead, std::string> {
 public:
  MultipleLeadsSource(Runner &runner, const LeadSelector &selector, const LeadReadOptions &options,
                      const CallOptions &call)
      : runner_(runner), call_(call), batch_(options.batch_size()) {
    params_.leadSelector = slot_.fill(selector);
    if (options.batch_size() > 0) params_.batchSize = &batch_;
    if (options.has_fields()) {
      fields_.stringItem = options.fields();
      params_.includeAttributes = &fields_;
    }
    message_.mktows__paramsGetMultipleLeads = &params_;
  }

  Error fetch(const std::string &from, std::vector<Lead> &records, std::string &next, bool &more) override {
    records.clear();
    position_ = from;
    params_.streamPosition = from.empty() ? nullptr : &position_;
    Request r = {Operation::get_multiple_leads, false,
                 workspace_of(wire::context_header_declared::getMultipleLeads, call_),
                 soap_action(Operation::get_multiple_leads),
                 {&getMultipleLeads_body::put, &message_, &getMultipleLeads_body::get, &answer_}};
    Error e = runner_.run(r, call_);
    if (!e.ok()) return e;
    const wire::mktows__ResultGetMultipleLeads *result = answer_.result;
    if (!result) return runner_.answer_lacks("successGetMultipleLeads/result");
    if (result->leadRecordList) {
      const std::vector<wire::mktows__LeadRecord *> &list = result->leadRecordList->leadRecord;
      records.reserve(list.size());
      for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i]) records.push_back(read_lead(*list[i]));
    }
    next = result->newStreamPosition;
    more = result->remainingCount > 0 && !next.empty();
    if (more && records.empty() && next == from) {
      runner_.free_now();
      Error stalled;
      stalled.kind = ErrorKind::protocol;
      stalled.message = "getMultipleLeads: an empty page that says more remain, at the same position";
      return stalled;
    }
    runner_.free_now();  // one page at a time
    return Error();
  }

 private:
  Runner &runner_;
  CallOptions call_;
  SelectorSlot slot_;
  int batch_;
  wire::mktows__ArrayOfString fields_;
  std::string position_;
  wire::mktows__ParamsGetMultipleLeads params_;
  wire::__mktows__getMultipleLeads message_;
  wire::mktows__SuccessGetMultipleLeads answer_;
};

inline Pager<Lead, std::string> get_multiple_leads(Runner &runner, const Error &setup, const LeadSelector &selector,
                                                    const LeadReadOptions &options, const CallOptions &call) {
  typedef Pager<Lead, std::string> LeadPager;
  const Operation op = Operation::get_multiple_leads;
  if (!setup.ok()) return LeadPager(setup);
  if (selector.kind() == LeadSelector::Kind::none)
    return LeadPager(refuse(ValidationRule::value_required, op, "a selector is required", fault_code::parameter_required));
  Error e = check_selector(op, selector, kMaxSelectorKeys, 0, true, runner.now());
  if (e.ok() && options.batch_size() < 0)
    e = refuse(ValidationRule::value_required, op, "batch_size must be positive (0: the service's default)",
               fault_code::bad_parameter);
  for (std::size_t i = 0; e.ok() && i < options.fields().size(); ++i)
    e = check_required(op, "a field name", options.fields()[i]);
  if (e.ok()) e = validate_text("the stream position", options.position());
  if (e.ok()) e = validate(call);
  if (!e.ok()) return LeadPager(e);
  std::unique_ptr<PageSource<Lead, std::string> > source(new MultipleLeadsSource(runner, selector, options, call));
  return LeadPager(std::move(source), options.position());
}

#endif  // getMultipleLeads

#if defined(MKTOWS_BINDINGS_HAS_mergeLeads)
MKTOWS_DETAIL_BODY(mergeLeads, SuccessMergeLeads, "successMergeLeads");

// A lead key as mergeLeads takes it: attrName the key type's name.
inline void fill_key_list(struct soap *soap, const LeadKey &key, wire::mktows__ArrayOfAttribute &list,
                          wire::mktows__Attribute &attribute) {
  attribute.attrName = wire::soap_mktows__LeadKeyRef2s(soap, to_wire(key.type));
  attribute.attrValue = key.value;
  attribute.attrType = nullptr;
  list.attribute.assign(1, &attribute);
}

inline Result<MergeResult> merge_leads(Runner &runner, const Error &setup, const LeadKey &winner,
                                       const std::vector<LeadKey> &losers, const CallOptions &call) {
  const Operation op = Operation::merge_leads;
  if (!setup.ok()) return setup;
  Error e = check_key(op, winner, "the winner's key");
  if (e.ok() && losers.empty())
    e = refuse(ValidationRule::value_required, op, "at least one losing lead is required", fault_code::parameter_required);
  for (std::size_t i = 0; e.ok() && i < losers.size(); ++i) {
    e = check_key(op, losers[i], "loser #" + std::to_string(i + 1) + "'s key");
    if (e.ok() && losers[i].type == winner.type && losers[i].value == winner.value)
      e = refuse(ValidationRule::bad_combination, op, "loser #" + std::to_string(i + 1) + " is the winner",
                 fault_code::bad_parameter);
    for (std::size_t j = 0; e.ok() && j < i; ++j)
      if (losers[j].type == losers[i].type && losers[j].value == losers[i].value)
        e = refuse(ValidationRule::bad_combination, op, "loser #" + std::to_string(i + 1) + " is named twice",
                   fault_code::bad_parameter);
  }
  if (e.ok()) e = validate(call);
  if (!e.ok()) return e;

  struct soap *soap = runner.context();
  wire::mktows__ArrayOfAttribute winner_list;
  wire::mktows__Attribute winner_key;
  fill_key_list(soap, winner, winner_list, winner_key);
  std::vector<wire::mktows__ArrayOfAttribute> loser_lists(losers.size());
  std::vector<wire::mktows__Attribute> loser_keys(losers.size());
  wire::mktows__ArrayOfKeyList losing;
  for (std::size_t i = 0; i < losers.size(); ++i) {
    fill_key_list(soap, losers[i], loser_lists[i], loser_keys[i]);
    losing.keyList.push_back(&loser_lists[i]);
  }
  wire::mktows__ParamsMergeLeads params;
  params.winningLeadKeyList = &winner_list;
  params.losingLeadKeyLists = &losing;
  wire::__mktows__mergeLeads message;
  message.mktows__paramsMergeLeads = &params;
  wire::mktows__SuccessMergeLeads answer;
  Request r = {op, false, workspace_of(wire::context_header_declared::mergeLeads, call), soap_action(op),
               {&mergeLeads_body::put, &message, &mergeLeads_body::get, &answer}};
  e = runner.run(r, call);
  if (!e.ok()) return e;
  if (!answer.result || !answer.result->mergeStatus) return runner.answer_lacks("successMergeLeads/result/mergeStatus");
  const wire::mktows__MergeStatus &s = *answer.result->mergeStatus;
  MergeResult out;
  out.merged = s.status == wire::mktows__LeadMergeStatusEnum__MERGED;
  if (s.winningLeadId) out.winning_lead_id = *s.winningLeadId;
  if (s.losingLeadIdList) out.losing_lead_ids = s.losingLeadIdList->integerItem;
  if (s.error) out.error = *s.error;
  runner.answer_used();
  return out;
}
#endif  // mergeLeads

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_LEAD_CALLS_HPP
