// rest_objects.hpp: the REST opportunity calls (/rest/v1/opportunities.json
// and /rest/v1/opportunities/roles.json: sync, get by filter, delete,
// describe) over the sandbox's ObjectService, the store the SOAP MObject
// calls use (docs/SANDBOX.md, "Objects"). JSON in, the response envelope's
// members out; request-level refusals throw RestError.
#pragma once

#include "objects_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestObjects {
 public:
  using Query = std::vector<std::pair<std::string, std::string>>;
  explicit RestObjects(ObjectService &objects);

  // True for the paths below /rest/v1/opportunities this class answers.
  static bool owns(const std::string &path);

  // Answers one request: sets body's success, result and (get)
  // moreResult/nextPageToken. `query`: the decoded query parameters;
  // `type`: the body's media type, lower-cased.
  void handle(const std::string &method, const std::string &path, Query query, const std::string &type,
              const std::string &request_body, nlohmann::json &body);

 private:
  nlohmann::json get(bool role, const Query &query, const nlohmann::json *input, bool &more, std::string &next);
  nlohmann::json sync(bool role, const nlohmann::json &in);
  nlohmann::json remove(bool role, const nlohmann::json &in);
  nlohmann::json describe(bool role) const;
  nlohmann::json to_json(const StoredObject &o, const std::vector<std::string> &fields,
                         const std::vector<StoredObject> &opportunities) const;

  ObjectService &objects_;
};

}  // namespace mktows_sandbox
