// list_service.hpp: the sandbox's static lists: membership (listOperation,
// the REST list calls) and imports into a list (importToList, the REST bulk
// lead import), under LeadService's one lock and journal, so a list and the
// leads it names are always written and replayed together.
//
// State: each list's members (lead ids, in the order they were added) and
// the imports, both journaled as their own record kinds ("ListMember",
// "ListImport") and replayed at open_data_dir. Construct before
// LeadService::open_data_dir (the kinds are registered here).
//
// The *_locked members run under LeadService's lock: call them only from
// inside LeadService::read or transact.
#pragma once

#include "lead_service.hpp"
#include "lists_backend.hpp"
#include "world.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mktows_sandbox {

using mktows_front::ImportMode;
using mktows_front::ImportRequest;
using mktows_front::ImportState;
using mktows_front::ImportStatus;
using mktows_front::ListAction;
using mktows_front::ListOperationRequest;
using mktows_front::ListOperationResult;
using mktows_front::ListsBackend;

class ListService : public ListsBackend {
 public:
  explicit ListService(LeadService &leads);

  ListOperationResult list_operation(const ListOperationRequest &request) override;
  ImportState import_to_list(const ImportRequest &request) override;
  ImportStatus import_status(const std::string &program, const std::string &list) override;

  const World &world() const { return leads_.config().world; }
  LeadService &leads() { return leads_; }

  // A list's members, lead ids in the order they were added (empty: none or
  // no such list). members() takes the lock itself; getMultipleLeads'
  // StaticListSelector reads members_locked() inside its own read.
  std::vector<int> members(int list_id);
  const std::vector<int> &members_locked(int list_id) const;
  bool is_member_locked(int list_id, int lead_id) const;
  // When the list's membership last changed (0: never).
  std::int64_t updated_at_locked(int list_id) const;
  // When this sandbox's world was made (the lists' createdAt).
  std::int64_t created_at() const { return created_at_; }

  // Membership writes: true when the membership changed. An Add to List /
  // Remove from List activity (asset: the list's qualified name) unless
  // `log` is false.
  bool add_locked(LeadService::Writes &w, const StaticList &list, int lead_id, bool log);
  bool remove_locked(LeadService::Writes &w, const StaticList &list, int lead_id, bool log);
  // Empties the list (one journal record, so neither this nor its replay
  // costs more than linear time; a Remove from List activity per member).
  void clear_locked(LeadService::Writes &w, const StaticList &list);

  // One import, as both faces hand it over: the columns already resolved to
  // the store's names ("Email" for the address), the rows already split.
  struct ImportJob {
    const StaticList *list = nullptr;  // null: no list (a bulk import without listId)
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // a row with a different width fails
    std::vector<bool> malformed;                 // per row: its CSV could not be read
    ImportMode mode = ImportMode::upsert_leads;
    bool clear_list = false;
    const char *reason = LeadService::kSoapReason;
  };
  struct Import {
    int id = 0;
    int list_id = 0;
    std::int64_t started = 0;
    std::int64_t ended = 0;
    int imported = 0;
    int failed = 0;
    int ignored = 0;
    std::string summary;
    // A status read has reported the import as still running (not journaled:
    // a replayed import is finished).
    bool reported_running = false;
  };
  // Runs the job and records it; returns its id (the REST batchId).
  int run_import_locked(LeadService::Writes &w, const ImportJob &job);
  // The import with this id, advanced by one status read (see docs); null: none.
  const Import *poll_import_locked(int id, bool &running);

  // A CSV line split into its fields (RFC 4180 quoting); false when a quote
  // is not closed or stray characters follow a closing quote.
  static bool split_csv(const std::string &line, std::vector<std::string> &out);

  static const char kMemberKind[];
  static const char kImportKind[];

 private:
  struct Members {
    std::vector<int> order;
    std::unordered_set<int> set;
    std::int64_t updated_at = 0;
  };
  // A merge's losers leave every list they are in and the winner joins it
  // (at the end, unless a member already); no Add to List / Remove from List
  // records: the losers' own records move to the winner with their activity.
  void move_members_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers);
  bool replay_member(const std::vector<std::string> &fields);
  bool replay_import(const std::vector<std::string> &fields);
  void journal_member(LeadService::Writes &w, bool add, int list_id, int lead_id, std::int64_t at);
  void journal_import(LeadService::Writes &w, const Import &im);
  const StaticList &list_for_key(const std::string &type, const std::string &value) const;

  LeadService &leads_;
  std::int64_t created_at_;
  std::unordered_map<int, Members> members_;
  std::vector<Import> imports_;                    // id = position + 1
  std::unordered_map<int, int> last_import_;       // list id -> import id
};

}  // namespace mktows_sandbox
