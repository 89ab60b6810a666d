// multiple_leads.cpp: getMultipleLeads over the store: what each selector
// matches, the page, the fields a page carries. The rules and choices are
// docs/SANDBOX.md's ("getMultipleLeads").
#include "lead_service.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <ctime>
#include <set>
#include <unordered_set>

namespace mktows_sandbox {

std::vector<int> LeadService::select(const LeadSelection &sel) const {
  std::vector<int> ids;
  switch (sel.kind) {
    case LeadSelection::Kind::keys: {
      if (sel.key_values.empty()) throw ServiceError(fault_code::lead_key_required, "LeadKeySelector has no keyValues");
      // Keys past the limit are ignored, as the vendor documented.
      std::size_t n = std::min(sel.key_values.size(), mktows::kMaxSelectorKeys);
      std::unordered_set<int> seen;
      for (std::size_t i = 0; i < n; ++i)
        for (const Lead *l : leads_by_key(sel.key_type, sel.key_values[i]))
          if (seen.insert(l->id).second) ids.push_back(l->id);
      break;
    }
    case LeadSelection::Kind::static_list:
      ids = static_list_members_locked(sel.has_list_id, sel.list_id, sel.list_name);
      break;
    case LeadSelection::Kind::last_update: {
      std::int64_t latest = sel.has_latest ? sel.latest : static_cast<std::int64_t>(std::time(nullptr));
      if (latest < sel.oldest) throw ServiceError::told(fault_code::bad_parameter, "latestUpdatedAt is before oldestUpdatedAt");
      if (latest - sel.oldest > static_cast<std::int64_t>(mktows::kMaxUpdateWindowDays) * 86400)
        throw ServiceError::told(fault_code::time_range_exceeded,
                                 "oldestUpdatedAt to latestUpdatedAt spans more than " +
                                     std::to_string(mktows::kMaxUpdateWindowDays) + " days");
      // Oldest write first, then by Id: the order an export resumes in.
      std::vector<std::pair<std::int64_t, int>> hits;
      store_.for_each([&](const Lead &l) {
        if (l.updated_at >= sel.oldest && l.updated_at <= latest) hits.emplace_back(l.updated_at, l.id);
      });
      std::sort(hits.begin(), hits.end());
      ids.reserve(hits.size());
      for (const auto &h : hits) ids.push_back(h.second);
      break;
    }
  }
  return ids;
}

std::vector<int> LeadService::static_list_members_locked(bool has_id, int id, const std::string &name) const {
  if (!has_id && name.empty())
    throw ServiceError::told(fault_code::parameter_required, "StaticListSelector needs staticListName or staticListId");
  const StaticList *list = has_id ? config_.world.list(id) : config_.world.list_by_qualified_name(name);
  if (!list) throw ServiceError::told(fault_code::list_not_found, "no static list " + (has_id ? std::to_string(id) : name));
  if (!list_members_) throw ServiceError::told(fault_code::bad_parameter, "this sandbox keeps no list members");
  return list_members_(list->id);
}

MultipleLeadsPage LeadService::get_multiple_leads(const MultipleLeadsRequest &request) {
  int page_size = mktows::kDefaultLeadPage;
  if (request.has_batch_size) {
    if (request.batch_size < 1) throw ServiceError::told(fault_code::bad_parameter, "batchSize must be at least 1");
    page_size = std::min(request.batch_size, mktows::kMaxLeadPage);
  }
  // The fields asked for: the lead's keys by their element names, the
  // rest by their attribute names. An unknown name is a bad attribute.
  bool email = true, foreign = true;
  std::set<std::string> wanted;
  if (request.has_include) {
    email = foreign = false;
    for (const std::string &name : request.include) {
      if (name == "Email") email = true;
      else if (name == "ForeignSysPersonId" || name == "ForeignSysType") foreign = true;
      else if (config_.field(name)) wanted.insert(name);
      else throw ServiceError::told(fault_code::lead_attribute_bad, "includeAttributes names no lead field " + name);
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  LeadWalks::Cursor c = request.stream_position.empty() ? walks_.start(select(request.selection))
                                                        : walks_.resume(request.stream_position);
  MultipleLeadsPage page;
  const std::vector<int> &ids = *c.ids;
  std::size_t end = std::min(ids.size(), c.offset + static_cast<std::size_t>(page_size));
  for (std::size_t i = c.offset; i < end; ++i) {
    const Lead *l = store_.by_id(ids[i]);
    if (!l) continue;  // merged away since the walk began
    Lead out = *l;
    if (!email) out.email.clear();
    if (!foreign) out.foreign_id.clear(), out.foreign_type.clear();
    if (request.has_include) {
      std::vector<Attribute> kept;
      for (const Attribute &a : out.attributes)
        if (wanted.count(a.name)) kept.push_back(a);
      out.attributes.swap(kept);
    }
    page.leads.push_back(std::move(out));
  }
  page.remaining = static_cast<int>(ids.size() - end);
  if (end < ids.size()) page.next_position = walks_.position(c.walk, end);
  return page;
}

}  // namespace mktows_sandbox
