// rest_objects.hpp: the objects domain (listMObjects, describeMObject,
// getMObjects, syncMObjects, deleteMObjects) carried to REST: opportunities
// and their roles to /v1/opportunities.json and /v1/opportunities/roles.json
// (rest_objects.cpp), programs to the asset API's programs
// (rest_programs.cpp), SOAP's integer ids to REST's marketoGUIDs through
// ObjectIds (docs/BRIDGE.md, "Objects").
#pragma once

#include "object_ids.hpp"
#include "objects_backend.hpp"
#include "rest_backend.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace mktows_bridge {

class RestObjects : public mktows_front::ObjectsBackend {
 public:
  RestObjects(RestBackend &rest, ObjectIds &ids) : rest_(rest), ids_(ids) {}

  std::vector<std::string> object_names() override;
  mktows_front::MObjDescription describe(const std::string &name) override;
  mktows_front::MObjPage get_objects(const mktows_front::MObjQuery &query) override;
  std::vector<mktows_front::MObjStatusData> sync_objects(const std::vector<mktows_front::MObjectData> &objects,
                                                         mktows_front::MObjSyncOperation operation) override;
  std::vector<mktows_front::MObjStatusData> delete_objects(const std::vector<mktows_front::MObjectData> &objects) override;

  // One REST field of an opportunity or a role as SOAP names it.
  struct Field {
    std::string rest, soap, display, data_type;
    bool has_length = false;
    int length = 0;
    bool updateable = true;
  };
  // The REST describe of an opportunity or a role, in SOAP's terms.
  struct Schema {
    std::vector<Field> fields;
    std::vector<std::string> searchable;  // the fields REST filters on alone
    std::vector<std::string> dedupe;      // the dedupe fields (written on create even where not updateable)
    std::int64_t updated_at = 0;
    const Field *by_soap(const std::string &name) const;  // ASCII case ignored
    const Field *by_rest(const std::string &name) const;
  };

 private:
  // Opportunity or OpportunityPersonRole: the REST describe, cached
  // (`fresh`: fetched again).
  Schema schema(bool role, bool fresh);
  // REST calls schema() costs now: 0 while cached.
  int schema_calls(bool role) const;
  mktows_front::MObjPage get_opportunities(const mktows_front::MObjQuery &query, bool role);
  // REST records to SOAP objects (a role's opportunity by its
  // externalOpportunityId: one more call for the page).
  std::vector<mktows_front::MObjectData> to_objects(const nlohmann::json &records, bool role, const Schema &s);
  // externalOpportunityId of the opportunities these GUIDs name (one call).
  std::map<std::string, std::string> external_ids(const std::vector<std::string> &guids);
  void sync_opportunities(const std::vector<mktows_front::MObjectData> &objects, mktows_front::MObjSyncOperation op,
                          std::vector<std::size_t> &at, std::vector<mktows_front::MObjStatusData> &out);

  // Programs (rest_programs.cpp).
  mktows_front::MObjPage get_programs(const mktows_front::MObjQuery &query);
  // REST calls each program object of a sync needs (0: it fails before any).
  int program_calls(const mktows_front::MObjectData &object, mktows_front::MObjSyncOperation op) const;
  mktows_front::MObjStatusData sync_program(const mktows_front::MObjectData &object, mktows_front::MObjSyncOperation op);
  mktows_front::MObjectData to_program(const nlohmann::json &record, bool details) const;

  RestBackend &rest_;
  ObjectIds &ids_;
};

}  // namespace mktows_bridge
