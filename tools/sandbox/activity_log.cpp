// activity_log.cpp: the log, its REST type ids and its journal records.
#include "activity_log.hpp"
#include "text_values.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <stdexcept>

namespace mktows_sandbox {

const char ActivityLog::kKind[] = "A";

namespace {

// The vendor's documented REST ids (shared/mktows-operations.md §1.2).
struct KnownId {
  const char *enum_name;
  int id;
};
const KnownId kVendorIds[] = {
    {"VisitWebpage", 1}, {"FillOutForm", 2}, {"NewLead", 12}, {"ChangeDataValue", 13}, {"DeleteLead", 37}};
const int kOwnIdBase = 1000;


}  // namespace

int rest_activity_type_id(std::size_t type) {
  for (const KnownId &k : kVendorIds)
    if (std::strcmp(mktows::kActivityTypes[type].enum_name, k.enum_name) == 0) return k.id;
  return kOwnIdBase + static_cast<int>(type);
}

bool activity_type_of_rest_id(int id, std::size_t &type) {
  for (std::size_t t = 0; t < mktows::kActivityTypeCount; ++t)
    if (rest_activity_type_id(t) == id) {
      type = t;
      return true;
    }
  return false;
}

bool activity_type_of(const std::string &enum_name, std::size_t &type) {
  const mktows::ActivityTypeInfo *info = mktows::find_activity_type(enum_name.c_str());
  if (!info) return false;
  type = static_cast<std::size_t>(info - mktows::kActivityTypes);
  return true;
}

Activity make_activity(int lead_id, std::int64_t at, const char *type, std::string asset) {
  Activity a;
  a.lead_id = lead_id;
  a.at = at;
  if (!activity_type_of(type, a.type)) throw std::logic_error(std::string("no activity type ") + type);
  a.asset = std::move(asset);
  return a;
}

const Activity &ActivityLog::add(Activity a) {
  a.id = next_id_;
  replay(std::move(a));
  return log_.back();
}

void ActivityLog::replay(Activity a) {
  if (a.id >= next_id_) next_id_ = a.id + 1;
  by_lead_[a.lead_id].push_back(log_.size());
  log_.push_back(std::move(a));
}

const std::vector<std::size_t> *ActivityLog::of_lead(int lead_id) const {
  auto it = by_lead_.find(lead_id);
  return it == by_lead_.end() ? nullptr : &it->second;
}

void ActivityLog::move_lead(int from, int to) {
  auto it = by_lead_.find(from);
  if (it == by_lead_.end() || from == to) return;
  std::vector<std::size_t> moved = std::move(it->second);
  by_lead_.erase(it);
  for (std::size_t i : moved) log_[i].lead_id = to;
  std::vector<std::size_t> &into = by_lead_[to];
  std::vector<std::size_t> merged;
  merged.reserve(into.size() + moved.size());
  std::merge(into.begin(), into.end(), moved.begin(), moved.end(), std::back_inserter(merged));
  into.swap(merged);
}

std::vector<std::string> ActivityLog::encode(const Activity &a) {
  std::vector<std::string> f = {kKind,
                                std::to_string(a.id),
                                std::to_string(a.lead_id),
                                std::to_string(a.at),
                                a.info().enum_name,
                                a.asset,
                                a.campaign,
                                std::to_string(a.attributes.size())};
  for (const Attribute &at : a.attributes) {
    f.push_back(at.name);
    f.push_back(at.value);
  }
  return f;
}

bool ActivityLog::decode(const std::vector<std::string> &f, Activity &out) {
  long long id = 0, lead = 0, at = 0, n = 0;
  if (f.size() < 8 || f[0] != kKind || !to_long(f[1], id) || id <= 0 || !to_long(f[2], lead) || lead <= 0 ||
      lead > 2147483647 || !to_long(f[3], at) || at < 0 || !to_long(f[7], n) || n < 0 ||
      f.size() != 8 + 2 * static_cast<std::size_t>(n))
    return false;
  out = Activity();
  if (!activity_type_of(f[4], out.type)) return false;
  out.id = id;
  out.lead_id = static_cast<int>(lead);
  out.at = at;
  out.asset = f[5];
  out.campaign = f[6];
  for (std::size_t i = 8; i < f.size(); i += 2) out.attributes.push_back(Attribute{f[i], f[i + 1]});
  return true;
}

}  // namespace mktows_sandbox
