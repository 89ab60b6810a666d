// objects_service.hpp: the sandbox's objects domain: opportunities, the
// roles that tie leads to them, and the costs and tags of the world's
// programs, under LeadService's one lock and journal (records "OBJ", "OBJD",
// "PRG"). Both faces use it: the SOAP calls through ObjectsBackend, the REST
// face (rest_objects.cpp, rest_programs.cpp) through sync(), remove(),
// objects() and the program calls. One id space: every opportunity and role
// has an integer id from one counter; the REST face's marketoGUID is that id
// written in a fixed form (guid_of / id_of_guid). The rules and the choices
// where the facts are unverified: docs/SANDBOX.md, "Objects".
#pragma once

#include "lead_service.hpp"
#include "object_criteria.hpp"
#include "object_fields.hpp"
#include "objects_backend.hpp"
#include "world.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mktows_sandbox {

using mktows_front::MObjAssociationData;
using mktows_front::MObjAttrib;
using mktows_front::MObjDescription;
using mktows_front::MObjectData;
using mktows_front::MObjPage;
using mktows_front::MObjQuery;
using mktows_front::MObjStatusCode;
using mktows_front::MObjStatusData;
using mktows_front::MObjSyncOperation;

extern const char kOpportunity[];  // "Opportunity"
extern const char kRole[];         // "OpportunityPersonRole"
extern const char kProgram[];      // "Program"

// An opportunity or a role as stored.
struct StoredObject {
  int id = 0;
  std::string type;
  bool has_key = false;  // the external key (Opportunity only)
  MObjAttrib key;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::map<std::string, std::string> values;  // by the field's SOAP name; stored forms
  const std::string *value(const std::string &field) const {
    auto it = values.find(field);
    return it == values.end() ? nullptr : &it->second;
  }
  int int_value(const std::string &field) const;  // 0: none
};

struct ProgramCost {
  int id = 0;
  std::string month;   // YYYY-MM
  std::string amount;  // a decimal number, as sent
  std::string note;
  bool keep_note = false;  // an edit that sends no Note keeps the cost's
};

struct ProgramTag {
  std::string type;
  std::string value;
};

// What the sandbox adds to a program of the world.
struct ProgramState {
  std::string channel;  // the world's, until a write sets another
  std::vector<ProgramTag> tags;  // one value per tag type
  std::vector<ProgramCost> costs;
  int next_cost_id = 1;
  std::int64_t updated_at = 0;
};

// A program as both faces answer it.
struct ProgramView {
  Program program;
  ProgramState state;
  std::int64_t created_at = 0;
};

// A change to a program's costs and tags (SOAP's UPDATE, REST's update).
struct ProgramChange {
  bool replace_costs = false;  // REST costsDestructiveUpdate: the costs below are all of them
  std::vector<ProgramCost> costs;  // id 0: a new cost; else the cost it edits
  std::vector<ProgramTag> tags;
};

class ObjectService : public mktows_front::ObjectsBackend {
 public:
  // Registers the journal records and the merge hook with `leads`:
  // construct it before leads.open_data_dir.
  explicit ObjectService(LeadService &leads);

  // The SOAP calls (throw ServiceError with the fault code of a refusal).
  std::vector<std::string> object_names() override;
  MObjDescription describe(const std::string &name) override;
  MObjPage get_objects(const MObjQuery &query) override;
  std::vector<MObjStatusData> sync_objects(const std::vector<MObjectData> &objects,
                                           MObjSyncOperation operation) override;
  std::vector<MObjStatusData> delete_objects(const std::vector<MObjectData> &objects) override;

  // Why a record of a sync or delete was not written, for the REST face's
  // reasons (the SOAP face answers FAILED or SKIPPED with the text).
  enum class Reason { none, not_found, exists, invalid, field_not_found, lead_not_found, read_only };
  struct Outcome {
    MObjStatusData status;
    Reason reason = Reason::none;
  };
  // The REST face's writes: the same rules as the SOAP calls', one outcome
  // per record, without the SOAP call's limit (the REST face has its own).
  std::vector<Outcome> sync(const std::vector<MObjectData> &objects, MObjSyncOperation operation);
  std::vector<Outcome> remove(const std::vector<MObjectData> &objects);
  // Every stored object of `type`, in id order.
  std::vector<StoredObject> objects(const std::string &type);
  // The opportunity whose external key value is `value`, or id 0.
  StoredObject opportunity_by_key(const std::string &value);

  // The programs, in id order; program(): false when none has that id.
  std::vector<ProgramView> programs();
  bool program(int id, ProgramView &out);
  // Applies `change` (all of it or, with a Refused, none of it).
  class Refused : public std::runtime_error {
   public:
    explicit Refused(const std::string &why) : std::runtime_error(why) {}
  };
  ProgramView update_program(int id, const ProgramChange &change);

  // SOAP's answer for a stored object (attribs in the table's order).
  static MObjectData to_data(const StoredObject &o);
  // The REST face's marketoGUID of an id, and back (false: not one).
  static std::string guid_of(int id);
  static bool id_of_guid(const std::string &guid, int &id);
  // When the world's programs were made (describe's updatedAt too).
  static const std::int64_t kWorldTime;

 private:
  Outcome sync_one(LeadService::Writes &w, const MObjectData &o, MObjSyncOperation op, std::int64_t now);
  Outcome sync_program(LeadService::Writes &w, const MObjectData &o, MObjSyncOperation op, std::int64_t now);
  Outcome remove_one(LeadService::Writes &w, const MObjectData &o);
  MObjPage get_programs(const MObjQuery &query, const LeadStore &store);
  // Checks and applies a program change to `state` (false, with `why`).
  bool apply(const Program &p, ProgramState &state, const ProgramChange &change, std::string &why) const;
  ProgramState state_of(const Program &p) const;
  ProgramView view_of(const Program &p) const;
  const StoredObject *find_key(const std::string &type, const std::string &value) const;
  const StoredObject *find_role(int opportunity, int person, const std::string &role, int except) const;
  void put(LeadService::Writes &w, const StoredObject &o);
  void erase(LeadService::Writes &w, int id);
  void move_roles_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers);
  bool replay(const std::vector<std::string> &fields);

  LeadService &leads_;
  const World &world_;
  // Guarded by leads_'s lock (transact/read), like every domain's state.
  std::map<int, StoredObject> objects_;
  std::map<int, ProgramState> programs_;  // only the programs a write changed
  int next_id_ = 1;
};

}  // namespace mktows_sandbox
