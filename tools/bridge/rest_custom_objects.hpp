// rest_custom_objects.hpp: the custom objects domain (syncCustomObjects,
// getCustomObjects, deleteCustomObjects) carried to REST's
// customobjects/{apiName}.json, its `?_method=GET` form and delete.json
// (docs/BRIDGE.md, "Custom objects, channels and tags").
#pragma once

#include "custom_objects_backend.hpp"
#include "rest_backend.hpp"

namespace mktows_bridge {

class RestCustomObjects : public mktows_front::CustomObjectsBackend {
 public:
  explicit RestCustomObjects(RestBackend &rest) : rest_(rest) {}

  mktows_front::CustomObjectResult sync_custom_objects(const std::string &type_name,
                                                       mktows_front::CustomSyncOperation operation,
                                                       const std::vector<mktows_front::CustomObjectInput> &records) override;
  mktows_front::CustomObjectPage get_custom_objects(const mktows_front::CustomObjectQuery &query) override;
  mktows_front::CustomObjectResult delete_custom_objects(const std::string &type_name,
                                                         const std::vector<mktows_front::CustomFields> &key_lists) override;

 private:
  RestBackend &rest_;
};

}  // namespace mktows_bridge
