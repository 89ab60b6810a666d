// rest_custom_objects.hpp: the REST custom object calls (List Custom
// Objects, Describe, Sync, Get, Delete) over the sandbox's
// CustomObjectService, the store the SOAP calls use, under the REST API's
// rules (docs/SANDBOX.md, "Custom objects"). JSON in, the response
// envelope's members out; request-level refusals throw RestError.
#pragma once

#include "custom_objects_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestCustomObjects {
 public:
  using Params = std::vector<std::pair<std::string, std::string>>;
  explicit RestCustomObjects(CustomObjectService &service) : service_(service) {}

  // True for /rest/v1/customobjects.json and the paths below it.
  static bool serves(const std::string &path);

  // Answers one request for such a path: sets body's success, result and
  // (the reads) moreResult/nextPageToken. `query`: the decoded query
  // parameters; `type`: the body's media type, lower-cased.
  void handle(const std::string &method, const std::string &path, const Params &query, const std::string &type,
              const std::string &request_body, nlohmann::json &body);

 private:
  nlohmann::json list(const Params &query) const;
  nlohmann::json describe(const CustomObjectType &type) const;
  nlohmann::json type_json(const CustomObjectType &type) const;
  nlohmann::json sync(const CustomObjectType &type, const nlohmann::json &in);
  nlohmann::json erase(const CustomObjectType &type, const nlohmann::json &in);
  // Get by filter: the GET form (filterValues) or the POST ?_method=GET
  // form (`input` objects: compound keys).
  void get(const CustomObjectType &type, const std::string &filter_type, const std::vector<std::string> &values,
           const std::vector<CustomFields> *key_sets, const std::string &fields, const std::string &batch_size,
           const std::string &next, nlohmann::json &body);
  nlohmann::json record_json(const CustomObjectType &type, const CustomObject &o, const std::vector<std::string> &fields) const;

  CustomObjectService &service_;
};

}  // namespace mktows_sandbox
