// custom_objects_service.hpp: the sandbox's custom objects: the records of
// the world's custom object types (world.hpp), each named by its dedupe
// fields' values and linked to a lead, under LeadService's one lock and
// journal (kinds "CO", a record's whole state after a write, and "COD", a
// deletion), so a record and the lead it names are written and replayed
// together; a merge of leads moves the losers' records to the winner (a
// merge hook: the merge's one journal record moves them again at replay).
//
// Both faces use it: the SOAP calls through CustomObjectsBackend, the REST
// face (rest_custom_objects.cpp) through write(), find() and erase(). One id
// space: each record has an integer id, and its REST marketoGUID is that id
// in a fixed UUID shape (guid(), parse_guid()), so either face addresses a
// record the other wrote. The rules and the choices where the sheets are
// silent: docs/SANDBOX.md, "Custom objects".
#pragma once

#include "custom_objects_backend.hpp"
#include "lead_service.hpp"
#include "lead_walks.hpp"
#include "world.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mktows_sandbox {

using mktows_front::CustomField;
using mktows_front::CustomFields;
using mktows_front::CustomObjectInput;
using mktows_front::CustomObjectPage;
using mktows_front::CustomObjectQuery;
using mktows_front::CustomObjectResult;
using mktows_front::CustomSyncOperation;

struct CustomObject {
  int id = 0;
  std::string type;  // its type's name
  int lead_id = 0;   // the lead it is linked to
  CustomFields values;  // the dedupe fields and the others that have a value (not the link)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  const std::string *value(const std::string &name) const;
};

class CustomObjectService : public mktows_front::CustomObjectsBackend {
 public:
  // Registers the journal kinds and the merge hook with `leads`: construct
  // it before leads.open_data_dir.
  explicit CustomObjectService(LeadService &leads);

  // The SOAP calls: throw ServiceError with the fault code of a refusal.
  CustomObjectResult sync_custom_objects(const std::string &type_name, CustomSyncOperation operation,
                                         const std::vector<CustomObjectInput> &records) override;
  CustomObjectPage get_custom_objects(const CustomObjectQuery &query) override;
  CustomObjectResult delete_custom_objects(const std::string &type_name,
                                           const std::vector<CustomFields> &key_lists) override;

  // Why one record was not written or deleted; each face words it its way.
  enum class Refusal {
    none,
    exists,          // create only, and the keys name a record
    not_found,       // update only / delete, and nothing matches
    missing_key,     // a dedupe field without a value
    unknown_field,   // a name the type has no field for
    bad_value,       // not an integer for an integer field; a dedupe field in an update by id
    lead_not_found,  // the link names no lead
    no_lead,         // a new record without the link
  };
  struct Outcome {
    Refusal refusal = Refusal::none;
    bool created = false;  // else updated (or deleted)
    int id = 0;
    std::string text;  // the refusal, for the caller
  };

  // The REST face's calls, and the core of the SOAP ones. `values`: the
  // record's fields, flat (dedupe fields, link, others); `by_id` non-zero:
  // the record with that id (update only). One transaction for all.
  enum class Mode { create_only, update_only, upsert };
  std::vector<Outcome> write(const CustomObjectType &type, Mode mode, const std::vector<CustomFields> &records,
                             const std::vector<int> &by_id);
  // Deletes the record each key set (or id, where non-zero) names.
  std::vector<Outcome> erase(const CustomObjectType &type, const std::vector<CustomFields> &key_sets,
                             const std::vector<int> &by_id);
  // The records whose `field` (a dedupe field, the link, or "marketoGUID")
  // has one of `values`, each once, in the order of the values that match
  // them; `seq` gets, per record, the index of the first value matching.
  std::vector<CustomObject> find(const CustomObjectType &type, const std::string &field,
                                 const std::vector<std::string> &values, std::vector<std::size_t> &seq);
  // The record each key set (every dedupe field) names, in order.
  std::vector<CustomObject> find_keys(const CustomObjectType &type, const std::vector<CustomFields> &key_sets,
                                      std::vector<std::size_t> &seq);
  // Every record of the type, by id.
  std::vector<CustomObject> all(const std::string &type_name);

  const World &world() const { return leads_.config().world; }
  // When this sandbox's world was made (the types' createdAt).
  std::int64_t created_at() const { return created_at_; }

  static std::string guid(int id);
  static bool parse_guid(const std::string &guid, int &id);
  // An integer field's value in its one spelling ("007" -> "7"); false
  // when it is not a whole decimal number.
  static bool normal_integer(const std::string &in, std::string &out);

  static const char kKind[];        // "CO"
  static const char kDeleteKind[];  // "COD"

 private:
  Outcome write_locked(LeadService::Writes &w, const CustomObjectType &type, Mode mode, const CustomFields &values,
                       int by_id);
  Outcome erase_locked(LeadService::Writes &w, const CustomObjectType &type, const CustomFields &keys, int by_id);
  // The record the dedupe values of `values` name (null: none); false in
  // `complete` when a dedupe field has no value.
  const CustomObject *by_keys_locked(const CustomObjectType &type, const CustomFields &values, bool &complete,
                                     std::string &missing) const;
  std::string index_key(const std::string &type, const std::vector<std::string> &dedupe_values) const;
  std::vector<std::string> dedupe_values(const CustomObjectType &type, const CustomObject &o) const;
  void put_locked(CustomObject o);
  void remove_locked(int id);
  bool replay(const std::vector<std::string> &fields);
  bool replay_delete(const std::vector<std::string> &fields);
  // A merge's losers' records now belong to the winner; journaled.
  void move_leads_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers);
  void journal_locked(LeadService::Writes &w, const CustomObject &o);
  // getCustomObjects' key list checked and read (20110 for a name that is
  // not a key); `link` set when the list names the link.
  const CustomObjectType &soap_type(const std::string &name) const;
  void check_key_set(const CustomObjectType &type, const CustomFields &keys, const std::string &where) const;

  LeadService &leads_;
  std::int64_t created_at_;
  // Guarded by leads_'s lock (transact/read).
  std::map<int, CustomObject> records_;
  std::map<std::string, int> index_;  // index_key -> id
  int next_id_ = 1;
  // One set of walks per type: a position of one type's walk is not
  // another's (their MAC keys differ), so it is refused with 20122.
  std::map<std::string, std::unique_ptr<LeadWalks>> walks_;
};

}  // namespace mktows_sandbox
