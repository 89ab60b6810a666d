// lead_service.hpp: the seed's syncLead rules, syncMultipleLeads and
// getLead over the store, behind one lock, with durable writes.
// An independent oracle: the seed's rules are written again here, not taken from mktows/validation.hpp; only the fault codes and names are shared (mktows/fault_codes.hpp).
#pragma once

#include "activity_log.hpp"
#include "config.hpp"
#include "journal.hpp"
#include "lead_store.hpp"
#include "lead_walks.hpp"

#include <functional>
#include <utility>
#include <mutex>
#include <string>
#include <vector>

namespace mktows_sandbox {

class LeadService : public LeadsBackend {
 public:
  // Loads the configuration's initial leads. `config` must be completed.
  explicit LeadService(const Config &config);

  // Replays DIR's journal on top of the initial leads and journals every
  // later write. Throws JournalError.
  void open_data_dir(const std::string &dir);

  // The journal records of another kind that a domain of the sandbox keeps
  // (list members, campaign runs, imports: each its own kind and encoding).
  // `replay` gets each such record at open_data_dir, in file order, under
  // the lock, and returns false for one it cannot use (a corrupt journal).
  // Register before open_data_dir.
  using RecordReplay = std::function<bool(const std::vector<std::string> &fields)>;
  void add_record_kind(const std::string &kind, RecordReplay replay);

  // Throws ServiceError with the fault code of a refused request.
  SyncResult sync_lead(const SyncRequest &request) override;

  // Each record is synced on its own (one failing does not stop the rest);
  // all writes are durable before this returns. With dedup false, a record
  // without an Id always creates a new lead.
  std::vector<BatchResult> sync_multiple(const std::vector<LeadInput> &records, bool has_workspace,
                                         const std::string &workspace, bool dedup) override;

  // keyType is the LeadKeyRef name (IDNUM, EMAIL, COOKIE, SFDCLEADID, ...).
  // Throws ServiceError 20101/20102/20103.
  std::vector<Lead> get_leads(const std::string &key_type, const std::string &key_value) override;
  // getMultipleLeads (multiple_leads.cpp): one page of a walk (lead_walks.hpp).
  MultipleLeadsPage get_multiple_leads(const MultipleLeadsRequest &request) override;
  // mergeLeads (lead_merge.cpp). Throws 20103 for a key list that names no
  // lead, 20110 for one that names several or a loser that is the winner.
  MergeResult merge_leads(const LeadKeyList &winner, const std::vector<LeadKeyList> &losers) override;
  // The leads of a static list, in its order (the lists domain sets it; until
  // then StaticListSelector is refused).
  using ListMembers = std::function<std::vector<int>(int list_id)>;
  void set_list_members(ListMembers members) { list_members_ = std::move(members); }
  // A StaticListSelector's members (staticListId when `has_id`, else
  // staticListName in Program.List form), in the list's order; under the
  // lock (inside read or transact). Throws 20109 (neither given), 20111 (no
  // such list), 20110 (no lists domain).
  std::vector<int> static_list_members_locked(bool has_id, int id, const std::string &name) const;
  // What a merge does to another domain's records of the losers (the lists
  // move their memberships, the custom objects their link, the objects
  // their opportunity roles): runs under the lock once the losers are gone
  // and journals its changes through `w`, so a replay of the journal
  // repeats them after the merge's own record. Register before serving.
  class Writes;
  using MergeHook = std::function<void(Writes &w, int winner, const std::vector<int> &losers)>;
  void add_merge_hook(MergeHook hook) { merge_hooks_.push_back(std::move(hook)); }
  std::string attribute_type(const std::string &name) const override;

  std::size_t size();
  const Config &config() const { return config_; }

  // For rules other than the SOAP calls' (the REST face's): `f` runs under
  // the store's lock; every lead it puts is journaled, and durable before
  // transact returns. A ServiceError thrown by `f` keeps the leads it put.
  class Writes {
   public:
    const LeadStore &store() const { return service_.store_; }
    // Stamps the lead's times, records what changed (reason: the
    // Change Data Value records' Reason) and journals both.
    const Lead &put(Lead lead, const char *reason = kRestReason);
    const ActivityLog &activities() const { return service_.activities_; }
    // Appends an activity (its id assigned) and journals it.
    const Activity &add_activity(Activity a) { return service_.add_activity(std::move(a)); }
    // Journals a record of a registered kind (fields[0]), durable with the
    // rest of the transaction's writes.
    void journal(const std::vector<std::string> &fields) { service_.journal_.append(fields); }
    int allocate_id() { return service_.store_.allocate_id(service_.config_.first_lead_id); }

   private:
    friend class LeadService;
    explicit Writes(LeadService &service) : service_(service) {}
    LeadService &service_;
  };
  void transact(const std::function<void(Writes &)> &f);
  void read(const std::function<void(const LeadStore &)> &f);
  void read(const std::function<void(const LeadStore &, const ActivityLog &)> &f);

  // The Reason of the Change Data Value records a write through each face
  // leaves (the vendor's texts are not documented: docs/SANDBOX.md).
  static constexpr const char *kSoapReason = "Web Service API";
  static constexpr const char *kRestReason = "REST API";

 private:
  void validate(const LeadInput &lead) const;
  // Sets the lead's times for a write now (createdAt only when new).
  static void stamp(Lead &lead);
  // Puts `after` (stamped) in the store and the journal with the activity
  // records of the write: New Lead when `before` is null, else a Change Data
  // Value per changed value.
  const Lead &write_lead(const Lead *before, Lead after, const char *reason);
  const Activity &add_activity(Activity a);
  // The leads a key names (getLead's rules, under the lock): 20101 for an
  // empty value, 20102 for a key type the sandbox does not resolve.
  std::vector<const Lead *> leads_by_key(const std::string &key_type, const std::string &key_value) const;
  // The one lead a mergeLeads key list names.
  const Lead &lead_of(const LeadKeyList &keys) const;
  std::vector<int> select(const LeadSelection &selection) const;
  // A merge's effects, as applied and as replayed from the journal.
  void apply_merge(int winner, const std::vector<int> &losers);
  bool replay_merge(const std::vector<std::string> &fields);
  static constexpr const char *kMergeKind = "M";  // the journal's record of a merge
  const WorkspaceConfig *target_workspace(bool has_workspace, const std::string &name) const;
  SyncResult sync_locked(const LeadInput &lead, const std::string &cookie, bool has_workspace,
                         const WorkspaceConfig *workspace, bool dedup);
  std::string partition_for_new(const LeadInput &lead, const WorkspaceConfig *workspace) const;
  // Waits (without the lock) until the writes up to `ticket` are on disk.
  void make_durable(std::uint64_t ticket);

  Config config_;
  std::mutex mutex_;
  LeadStore store_;
  ActivityLog activities_;
  std::vector<std::pair<std::string, RecordReplay>> record_kinds_;
  std::vector<MergeHook> merge_hooks_;
  LeadWalks walks_;
  ListMembers list_members_;
  Journal journal_;
};

}  // namespace mktows_sandbox
