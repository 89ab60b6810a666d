// lead_selector.hpp: which leads getMultipleLeads (and getLeadChanges)
// reads: the three selectors of 2_2 (LeadKeySelector, StaticListSelector,
// LastUpdateAtSelector) and LeadSelector, the one a call takes, made from
// any of them. Plain C++11, no gSOAP: what the wire makes of them is
// detail/lead_calls.hpp's business.
#ifndef MKTOWS_LEAD_SELECTOR_HPP
#define MKTOWS_LEAD_SELECTOR_HPP

#include "mktows/lead.hpp"

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

// Leads by key: one key type, up to kMaxSelectorKeys values (limits.hpp; the
// service ignores the rest, so the client refuses more before sending).
struct LeadKeySelector {
  LeadKeyType key_type;
  std::vector<std::string> values;

  LeadKeySelector(LeadKeyType type, std::vector<std::string> keys) : key_type(type), values(std::move(keys)) {}
  static LeadKeySelector by_ids(const std::vector<int> &ids) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < ids.size(); ++i) v.push_back(std::to_string(ids[i]));
    return LeadKeySelector(LeadKeyType::idnum, v);
  }
  static LeadKeySelector by_emails(std::vector<std::string> emails) {
    return LeadKeySelector(LeadKeyType::email, std::move(emails));
  }
};

// The members of a static list, by its name ("Program.List") or its id.
struct StaticListSelector {
  std::string name;  // "Demo Program.Newsletter"; empty when by id
  int id;            // > 0 when by id

  static StaticListSelector named(std::string list_name) {
    StaticListSelector s;
    s.name = std::move(list_name);
    return s;
  }
  static StaticListSelector with_id(int list_id) {
    StaticListSelector s;
    s.id = list_id;
    return s;
  }

 private:
  StaticListSelector() : id(0) {}
};

// The leads updated in [oldest, latest] (UTC seconds); without a latest,
// up to now. At most kMaxUpdateWindowDays between the two (the service's
// 20022), checked before sending.
struct LastUpdateAtSelector {
  std::time_t oldest;
  bool has_latest;
  std::time_t latest;

  static LastUpdateAtSelector since(std::time_t oldest_updated_at) {
    return LastUpdateAtSelector(oldest_updated_at, false, 0);
  }
  static LastUpdateAtSelector between(std::time_t oldest_updated_at, std::time_t latest_updated_at) {
    return LastUpdateAtSelector(oldest_updated_at, true, latest_updated_at);
  }

 private:
  LastUpdateAtSelector(std::time_t o, bool h, std::time_t l) : oldest(o), has_latest(h), latest(l) {}
};

// One of the three, or none (getLeadChanges: every lead).
class LeadSelector {
 public:
  enum class Kind { none, keys, static_list, last_update };

  LeadSelector() : kind_(Kind::none), keys_(LeadKeyType::idnum, {}), list_(StaticListSelector::with_id(0)),
                   update_(LastUpdateAtSelector::since(0)) {}
  LeadSelector(const LeadKeySelector &s) : LeadSelector() {  // implicit: any selector is a LeadSelector
    kind_ = Kind::keys;
    keys_ = s;
  }
  LeadSelector(const StaticListSelector &s) : LeadSelector() {
    kind_ = Kind::static_list;
    list_ = s;
  }
  LeadSelector(const LastUpdateAtSelector &s) : LeadSelector() {
    kind_ = Kind::last_update;
    update_ = s;
  }

  Kind kind() const { return kind_; }
  const LeadKeySelector &keys() const { return keys_; }
  const StaticListSelector &static_list() const { return list_; }
  const LastUpdateAtSelector &last_update() const { return update_; }

 private:
  Kind kind_;
  LeadKeySelector keys_;
  StaticListSelector list_;
  LastUpdateAtSelector update_;
};

// getMultipleLeads' options: the page size (0: the service's default;
// larger than kMaxLeadPage the service caps it), the fields to read (none
// given: every field; names are the SOAP names, Email included), and the
// stream position to resume from (a Pager's position(); empty: start).
class LeadReadOptions {
 public:
  LeadReadOptions() : batch_size_(0), has_fields_(false) {}
  LeadReadOptions &batch_size(int n) {
    batch_size_ = n;
    return *this;
  }
  LeadReadOptions &fields(std::vector<std::string> names) {
    has_fields_ = true;
    fields_ = std::move(names);
    return *this;
  }
  LeadReadOptions &resume_from(std::string position) {
    position_ = std::move(position);
    return *this;
  }
  int batch_size() const { return batch_size_; }
  bool has_fields() const { return has_fields_; }
  const std::vector<std::string> &fields() const { return fields_; }
  const std::string &position() const { return position_; }

 private:
  int batch_size_;
  bool has_fields_;
  std::vector<std::string> fields_;
  std::string position_;
};

}  // namespace mktows

#endif  // MKTOWS_LEAD_SELECTOR_HPP
