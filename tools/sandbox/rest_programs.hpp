// rest_programs.hpp: the asset API's program calls (GET
// /rest/asset/v1/programs.json, GET and POST /rest/asset/v1/program/{id}.json,
// GET /rest/asset/v1/program/byName.json) over ObjectService, where SOAP's
// Program MObjects read and write the same costs and tags (docs/SANDBOX.md,
// "Objects"). Request-level refusals throw RestError.
#pragma once

#include "objects_service.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestPrograms {
 public:
  using Query = std::vector<std::pair<std::string, std::string>>;
  explicit RestPrograms(ObjectService &objects);

  // True for the program paths of the asset API.
  static bool owns(const std::string &path);

  // Answers one request: sets body's success, result and warnings (the
  // asset API's envelope). `query`: the query parameters, and for a POST
  // the form body's too.
  void handle(const std::string &method, const std::string &path, const Query &query, nlohmann::json &body);

 private:
  nlohmann::json list(const Query &query);
  nlohmann::json update(int id, const Query &query);
  nlohmann::json to_json(const ProgramView &p, bool tags, bool costs) const;

  ObjectService &objects_;
};

}  // namespace mktows_sandbox
