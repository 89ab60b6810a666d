// rest_lists.hpp: the REST face's static list calls (Get Lists, Get List by
// Id, Add to / Remove from / Member of List, Get Leads by List Id) and the
// bulk lead import with its batch status, over the ListService the SOAP
// calls use (docs/SANDBOX.md, "Lists"). Request-level refusals throw
// RestError.
#pragma once

#include "list_service.hpp"
#include "rest_leads.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

class RestLists {
 public:
  typedef std::vector<std::pair<std::string, std::string>> Params;

  RestLists(ListService &lists, RestLeads &rest_leads) : lists_(lists), rest_leads_(rest_leads) {}

  // True for the paths these calls answer (the RestFace routes them here).
  static bool owns(const std::string &path);
  // Answers one call: fills `body`'s success, result and paging members.
  void handle(const HttpRequest &request, const std::string &path, const Params &query, nlohmann::json &body);

 private:
  nlohmann::json lists(const Params &q, nlohmann::json &body);
  nlohmann::json list_json(const StaticList &l) const;
  nlohmann::json membership(const std::string &method, int list_id, const std::vector<int> &ids);
  nlohmann::json list_leads(int list_id, const Params &q, nlohmann::json &body);
  nlohmann::json bulk_import(const HttpRequest &request, const Params &q);
  nlohmann::json batch(int batch_id);

  ListService &lists_;
  RestLeads &rest_leads_;
};

}  // namespace mktows_sandbox
