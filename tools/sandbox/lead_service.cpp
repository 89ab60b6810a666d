// lead_service.cpp: the syncLead rules of the seed, in the order it states
// them. Every choice the seed leaves open is documented in docs/SANDBOX.md.
#include "lead_service.hpp"


#include <cerrno>
#include <sys/stat.h>
#include <cstdlib>
#include <ctime>
#include <exception>

namespace mktows_sandbox {

LeadService::LeadService(const Config &config) : config_(config) {
  store_.reserve(config_.leads.size());
  const std::int64_t now = std::time(nullptr);
  for (const Lead &lead : config_.leads) {
    Lead copy = lead;
    // A configured lead exists from the sandbox's start.
    copy.created_at = copy.updated_at = now;
    if (copy.id == 0) copy.id = store_.allocate_id(config_.first_lead_id);
    if (store_.by_id(copy.id)) throw ConfigError("configuration: duplicate lead id " + std::to_string(copy.id));
    if (!copy.foreign_id.empty() && store_.by_foreign_id(copy.foreign_id))
      throw ConfigError("configuration: duplicate foreignSysPersonId " + copy.foreign_id);
    if (!copy.cookie.empty() && store_.by_cookie(copy.cookie))
      throw ConfigError("configuration: duplicate cookie " + copy.cookie);
    store_.put(std::move(copy));
  }
}

void LeadService::open_data_dir(const std::string &dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Size the indexes once for the journal (a record is rarely under 64
  // bytes) instead of rehashing them over and over during the replay.
  struct stat st;
  if (::stat((dir + "/leads.journal").c_str(), &st) == 0)
    store_.reserve(store_.size() + static_cast<std::size_t>(st.st_size) / 64);
  journal_.open(
      dir, [this](Lead &&lead) { store_.put(std::move(lead)); },
      [this](std::vector<std::string> &fields) {
        if (fields[0] == ActivityLog::kKind) {
          Activity a;
          if (!ActivityLog::decode(fields, a)) return false;
          activities_.replay(std::move(a));
          return true;
        }
        if (fields[0] == kMergeKind) return replay_merge(fields);
        for (const auto &k : record_kinds_)
          if (k.first == fields[0]) return k.second(fields);
        return false;  // a kind nothing reads
      });
  // A journal written before leads kept their times: they get the time of
  // this replay (docs/SANDBOX.md).
  const std::int64_t now = std::time(nullptr);
  std::vector<Lead> untimed;
  store_.for_each([&](const Lead &l) {
    if (l.created_at == 0 || l.updated_at == 0) untimed.push_back(l);
  });
  for (Lead &l : untimed) {
    if (l.created_at == 0) l.created_at = now;
    if (l.updated_at == 0) l.updated_at = now;
    store_.put(std::move(l));
  }
}

void LeadService::add_record_kind(const std::string &kind, RecordReplay replay) {
  std::lock_guard<std::mutex> lock(mutex_);
  record_kinds_.emplace_back(kind, std::move(replay));
}

std::string LeadService::attribute_type(const std::string &name) const {
  const FieldConfig *f = config_.field(name);
  return f ? f->type : std::string();
}

std::size_t LeadService::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_.size();
}

void LeadService::validate(const LeadInput &lead) const {
  if (!lead.has_id && lead.email.empty() && lead.foreign_id.empty())
    throw ServiceError(fault_code::lead_key_required, "one of Id, Email, ForeignSysPersonId is required");
  if (!lead.foreign_id.empty() && lead.foreign_type.empty())
    throw ServiceError(fault_code::parameter_required, "ForeignSysType is required with ForeignSysPersonId");
  for (const Attribute &a : lead.attributes) {
    if (a.name.empty()) throw ServiceError(fault_code::parameter_required, "attribute without attrName");
    if (!config_.field(a.name)) throw ServiceError(fault_code::lead_attribute_bad, "unknown lead attribute " + a.name);
  }
}

const WorkspaceConfig *LeadService::target_workspace(bool has_workspace, const std::string &name) const {
  if (!config_.workspaces_enabled) {
    // Without workspaces the only target is Default (any letter case: the
    // seed's Java sample sends "default").
    if (has_workspace && !iequals(name, "Default"))
      throw ServiceError(fault_code::bad_parameter, "workspaces are not enabled; target must be Default");
    return nullptr;
  }
  if (!has_workspace) return nullptr;
  const WorkspaceConfig *w = config_.workspace(name);
  if (!w) throw ServiceError(fault_code::bad_parameter, "unknown workspace " + name);
  return w;
}

std::string LeadService::partition_for_new(const LeadInput &lead, const WorkspaceConfig *workspace) const {
  if (config_.workspaces_enabled) {
    for (const AssignmentRule &rule : config_.assignment_rules)
      for (const Attribute &a : lead.attributes)
        if (a.name == rule.attribute)
          for (const std::string &v : rule.values)
            if (iequals(v, a.value)) return rule.partition;
    if (workspace) return workspace->primary_partition;
  }
  return config_.workspace("Default")->primary_partition;
}

SyncResult LeadService::sync_locked(const LeadInput &in, const std::string &cookie, bool has_workspace,
                                    const WorkspaceConfig *workspace, bool dedup) {
  // Key precedence: Id > ForeignSysPersonId > cookie > Email. Only the Id is
  // final: an Id that matches nothing is an error (Ids are the server's to
  // give), the other keys fall through to the next one.
  const Lead *match = nullptr;
  bool by_email = false;
  if (in.has_id) {
    match = store_.by_id(in.id);
    if (!match) throw ServiceError(fault_code::lead_not_found, "no lead with Id " + std::to_string(in.id));
  } else if (dedup) {
    if (!in.foreign_id.empty()) match = store_.by_foreign_id(in.foreign_id);
    if (!match && !cookie.empty()) match = store_.by_cookie(cookie);
    if (!match && !in.email.empty()) {
      match = store_.by_email(in.email);
      by_email = match != nullptr;
    }
  }

  SyncResult result;
  Lead lead;
  if (match) {
    // A lead found by a unique key must live in the named workspace's
    // primary partition; one found by Email is updated where it is.
    if (config_.workspaces_enabled && has_workspace && !by_email &&
        match->partition != workspace->primary_partition)
      throw ServiceError(fault_code::lead_sync_failed, "lead " + std::to_string(match->id) + " is not in the primary partition of " +
                                              workspace->name);
    lead = *match;
  } else {
    lead.id = store_.allocate_id(config_.first_lead_id);
    lead.partition = partition_for_new(in, workspace);
    result.created = true;
  }

  if (!in.foreign_id.empty() && in.foreign_id != lead.foreign_id) {
    const Lead *owner = store_.by_foreign_id(in.foreign_id);
    if (owner && owner->id != lead.id)
      throw ServiceError(fault_code::lead_sync_failed, "ForeignSysPersonId " + in.foreign_id + " belongs to lead " +
                                              std::to_string(owner->id));
    lead.foreign_id = in.foreign_id;
  }
  if (!in.foreign_id.empty()) lead.foreign_type = in.foreign_type;
  if (!in.email.empty()) lead.email = in.email;
  // A cookie no lead holds yet is attached; one held by another lead stays
  // with it (cookies are unique keys).
  if (!cookie.empty() && lead.cookie.empty() && !store_.by_cookie(cookie)) lead.cookie = cookie;
  for (const Attribute &a : in.attributes) lead.set_attribute(a.name, a.value);

  const Lead &stored = write_lead(match, std::move(lead), kSoapReason);
  result.lead_id = stored.id;
  result.record = stored;
  return result;
}

void LeadService::make_durable(std::uint64_t ticket) {
  try {
    journal_.wait_durable(ticket);
  } catch (const JournalError &e) {
    throw ServiceError(fault_code::api_failure, e.what());
  }
}

SyncResult LeadService::sync_lead(const SyncRequest &request) {
  validate(request.lead);
  SyncResult result;
  std::uint64_t ticket;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const WorkspaceConfig *workspace = target_workspace(request.has_workspace, request.workspace);
    result = sync_locked(request.lead, request.cookie, request.has_workspace, workspace, true);
    ticket = journal_.last_ticket();
  }
  make_durable(ticket);
  return result;
}

std::vector<BatchResult> LeadService::sync_multiple(const std::vector<LeadInput> &records, bool has_workspace,
                                                    const std::string &workspace_name, bool dedup) {
  std::vector<BatchResult> out(records.size());
  std::unique_lock<std::mutex> lock(mutex_);
  const WorkspaceConfig *workspace = target_workspace(has_workspace, workspace_name);
  for (std::size_t i = 0; i < records.size(); ++i) {
    try {
      validate(records[i]);
      SyncResult r = sync_locked(records[i], std::string(), has_workspace, workspace, dedup);
      out[i].lead_id = r.lead_id;
      out[i].created = r.created;
    } catch (const ServiceError &e) {
      out[i].error_code = e.code();
      if (records[i].has_id) out[i].lead_id = records[i].id;
    }
  }
  std::uint64_t ticket = journal_.last_ticket();
  lock.unlock();
  make_durable(ticket);
  return out;
}

void LeadService::stamp(Lead &lead) {
  const std::int64_t now = std::time(nullptr);
  if (lead.created_at == 0) lead.created_at = now;
  lead.updated_at = now;
}

const Lead &LeadService::Writes::put(Lead lead, const char *reason) {
  return service_.write_lead(service_.store_.by_id(lead.id), std::move(lead), reason);
}

const Activity &LeadService::add_activity(Activity a) {
  const Activity &stored = activities_.add(std::move(a));
  journal_.append(ActivityLog::encode(stored));
  return stored;
}

const Lead &LeadService::write_lead(const Lead *before, Lead after, const char *reason) {
  stamp(after);
  // What changed, read before the store replaces `before`.
  std::vector<Activity> changes;
  auto activity = [&](const char *type, const std::string &asset) {
    Activity a;
    a.lead_id = after.id;
    a.at = after.updated_at;
    activity_type_of(type, a.type);
    a.asset = asset;
    changes.push_back(std::move(a));
    return &changes.back();
  };
  if (!before) {
    activity("NewLead", std::string());
  } else {
    // A Change Data Value per value that changed; the field's name stands
    // for its display name (the sandbox's fields have no other).
    auto changed = [&](const std::string &field, const std::string &old_value, const std::string &new_value) {
      Activity *a = activity("ChangeDataValue", field);
      a->attributes = {{"Attribute Name", field}, {"Old Value", old_value}, {"New Value", new_value}, {"Reason", reason}};
    };
    if (before->email != after.email) changed("Email", before->email, after.email);
    for (const Attribute &at : after.attributes) {
      const std::string *old = before->attribute(at.name);
      if (!old || *old != at.value) changed(at.name, old ? *old : std::string(), at.value);
    }
  }
  const Lead &stored = store_.put(std::move(after));
  journal_.append(stored);
  for (Activity &a : changes) add_activity(std::move(a));
  return stored;
}

void LeadService::transact(const std::function<void(Writes &)> &f) {
  std::exception_ptr failure;
  std::uint64_t ticket;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Writes writes(*this);
    try {
      f(writes);
    } catch (...) {
      failure = std::current_exception();
    }
    ticket = journal_.last_ticket();
  }
  // What was written before a failure was still acknowledged to no one, but
  // is in the store: make it durable like any other write.
  make_durable(ticket);
  if (failure) std::rethrow_exception(failure);
}

void LeadService::read(const std::function<void(const LeadStore &)> &f) {
  std::lock_guard<std::mutex> lock(mutex_);
  f(store_);
}

void LeadService::read(const std::function<void(const LeadStore &, const ActivityLog &)> &f) {
  std::lock_guard<std::mutex> lock(mutex_);
  f(store_, activities_);
}

std::vector<const Lead *> LeadService::leads_by_key(const std::string &key_type, const std::string &key_value) const {
  if (key_value.empty()) throw ServiceError(fault_code::lead_key_required, "empty keyValue");
  std::vector<const Lead *> out;
  if (key_type == "IDNUM") {
    char *end = nullptr;
    errno = 0;
    long id = std::strtol(key_value.c_str(), &end, 10);
    if (errno || !end || *end || id <= 0 || id > 2147483647)
      throw ServiceError(fault_code::lead_key_bad, "IDNUM must be a positive integer");
    if (const Lead *l = store_.by_id(static_cast<int>(id))) out.push_back(l);
  } else if (key_type == "EMAIL") {
    out = store_.all_by_email(key_value);
  } else if (key_type == "COOKIE") {
    if (const Lead *l = store_.by_cookie(key_value)) out.push_back(l);
  } else if (key_type == "SFDCLEADID" || key_type == "SFDCCONTACTID") {
    const Lead *l = store_.by_foreign_id(key_value);
    if (l && l->foreign_type == "SFDC") out.push_back(l);
  } else {
    throw ServiceError(fault_code::lead_key_bad, "key type " + key_type + " is not supported by the sandbox");
  }
  return out;
}

std::vector<Lead> LeadService::get_leads(const std::string &key_type, const std::string &key_value) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Lead> out;
  for (const Lead *l : leads_by_key(key_type, key_value)) out.push_back(*l);
  if (out.empty()) throw ServiceError(fault_code::lead_not_found, key_type + " matched no lead");
  return out;
}

}  // namespace mktows_sandbox
