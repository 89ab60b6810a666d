// rest_lists.cpp: list names to ids, lead keys to ids, then membership
// calls of at most 300 ids; importToList as one bulk import.
#include "rest_lists.hpp"
#include "random_id.hpp"

#include "ascii.hpp"
#include "lead_keys.hpp"
#include "rest_cost.hpp"
#include "rest_names.hpp"
#include "service_error.hpp"
#include "state_store.hpp"

#include <mktows/limits.hpp>

#include <ctime>

namespace mktows_bridge {

using namespace mktows_front;
using nlohmann::json;
namespace fc = mktows::fault_code;
using mktows::rest_limits::kMaxRecords;

namespace {

int chunks(std::size_t n) { return static_cast<int>((n + kMaxRecords - 1) / kMaxRecords); }

// A value no lead can have under this key type: its status is false
// without asking REST (the sandbox's rule: not a fault).
bool askable(const ListMemberKey &k) {
  if (k.key_value.empty() || k.key_value.find(',') != std::string::npos) return false;
  return k.key_type != "IDNUM" || k.key_value.find_first_not_of("0123456789") == std::string::npos;
}

// One CSV line's fields (RFC 4180 quoting); false when it is not CSV.
bool split_csv(const std::string &line, std::vector<std::string> &out) {
  out.clear();
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
      else if (c == '"') quoted = false;
      else cur += c;
    } else if (c == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
      was_quoted = false;
    } else {
      if (was_quoted) return false;  // text after a closing quote
      cur += c;
    }
  }
  if (quoted) return false;
  out.push_back(cur);
  return true;
}

std::string csv_field(const std::string &s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string import_key(const std::string &program, const std::string &list) {
  return "import/" + ascii_lower(program) + "\x1f" + ascii_lower(list);
}

}  // namespace

std::vector<std::string> RestLists::membership(const std::string &method, const std::string &path,
                                               const std::vector<int> &ids) {
  std::vector<std::string> out;
  for (std::size_t from = 0; from < ids.size(); from += kMaxRecords) {
    std::size_t to = std::min(ids.size(), from + kMaxRecords);
    std::string q;
    for (std::size_t i = from; i < to; ++i) q += (i > from ? "&id=" : "?id=") + std::to_string(ids[i]);
    json r = rest_.call(method, path + q, "", "", {{"1013", fc::list_not_found}});
    if (!r.contains("result") || !r["result"].is_array() || r["result"].size() != to - from)
      throw ServiceError(fc::api_failure, "a list call answered a result of the wrong length");
    for (std::size_t i = from; i < to; ++i) {
      const json &item = r["result"][i - from];
      if (!item.is_object() || item.value("id", 0) != ids[i])
        throw ServiceError(fc::api_failure, "a list call answered another lead's status");
      out.push_back(item.value("status", std::string()));
    }
  }
  return out;
}

ListOperationResult RestLists::list_operation(const ListOperationRequest &request) {
  RestCost cost("listOperation", rest_.verbose());
  if (request.list_key_type != "MKTOLISTNAME")
    throw ServiceError::told(fc::bad_parameter, "listKey type " + request.list_key_type +
                                                    " (a Sales Insight list) has no REST equivalent: REST lists are "
                                                    "static lists named by MKTOLISTNAME");
  if (request.list_key_value.empty()) throw ServiceError(fc::parameter_required, "empty listKey keyValue");
  // Key types first, before any REST call: a type REST cannot filter by
  // refuses the call (20102); an impossible value is only a false status.
  std::vector<LeadKeyRef> keys;
  std::vector<std::size_t> asked;  // request index of keys[k]
  for (std::size_t i = 0; i < request.members.size(); ++i) {
    RestBackend::filter_type(request.members[i].key_type);
    if (!askable(request.members[i])) continue;
    keys.push_back(LeadKeyRef{request.members[i].key_type, request.members[i].key_value});
    asked.push_back(i);
  }
  bool write = request.action != ListAction::is_member;
  bool strict_remove = request.strict && request.action == ListAction::remove;
  int needed = lookup_calls(rest_, "list", request.list_key_value) + lead_key_calls(keys) + chunks(keys.size()) +
               (strict_remove ? chunks(keys.size()) : 0);
  RestCost::require(rest_.gate(), needed, "listOperation");

  RestList list = find_list(rest_, request.list_key_value);
  std::vector<std::vector<LeadMatch>> found = resolve_lead_keys(rest_, keys);
  std::vector<int> ids;
  std::vector<std::size_t> at;  // request index of ids[k]
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (int id = newest(found[k])) ids.push_back(id), at.push_back(asked[k]);
  ListOperationResult result;
  result.statuses.assign(request.members.size(), false);
  // strict (the sandbox's rule): when any key would be false, nothing is
  // written and every status is false. REST has no transaction, so every
  // key is resolved (and, to remove, checked for membership) first.
  if (request.strict && write && ids.size() != request.members.size()) return result;
  auto path = [&](int id, const char *tail) { return "/v1/lists/" + std::to_string(id) + tail; };
  auto run = [&](int list_id) {
    if (strict_remove) {
      for (const std::string &s : membership("GET", path(list_id, "/leads/ismember.json"), ids))
        if (s != "memberof") return std::vector<std::string>();
    }
    const char *method = request.action == ListAction::add ? "POST" : request.action == ListAction::remove ? "DELETE" : "GET";
    return membership(method, path(list_id, request.action == ListAction::is_member ? "/leads/ismember.json" : "/leads.json"), ids);
  };
  std::vector<std::string> statuses;
  if (!ids.empty()) {
    try {
      statuses = run(list.id);
    } catch (const ServiceError &e) {
      // A cached list id REST no longer knows: resolve it once more.
      if (e.code() != fc::list_not_found) throw;
      RestList again = find_list(rest_, request.list_key_value, true);
      if (again.id == list.id) throw;
      statuses = run(again.id);
    }
  }
  if (statuses.empty() && !ids.empty()) return result;  // strict remove of a non-member: nothing written
  result.success = ids.size() == request.members.size();
  for (std::size_t k = 0; k < statuses.size(); ++k) {
    const std::string &s = statuses[k];
    bool ok = s == "added" || s == "removed" || s == "memberof";
    result.statuses[at[k]] = ok;
    result.success = result.success && ok;
  }
  return result;
}

ImportState RestLists::import_to_list(const ImportRequest &request) {
  RestCost cost("importToList", rest_.verbose());
  if (request.program.empty() || request.list.empty())
    throw ServiceError(fc::parameter_required, "programName and listName are required");
  if (request.mode == ImportMode::list_only)
    throw ServiceError::told(fc::bad_parameter, "importListMode LISTONLY is not carried: REST's bulk import always "
                                                "upserts (send UPSERTLEADS, or listOperation for existing leads)");
  if (request.clear_list)
    throw ServiceError::told(fc::bad_parameter, "clearList is not carried: REST has no clear, and removing every "
                                                "member first is not atomic with the import");
  if (!request.campaign.empty())
    throw ServiceError::told(fc::bad_parameter, "campaignName has no REST equivalent: the bulk import runs no campaign "
                                                "(requestCampaign afterwards does)");
  if (request.rows.size() > mktows::kMaxImportRows)
    throw ServiceError::told(fc::bad_parameter, "more than " + std::to_string(mktows::kMaxImportRows) + " rows");
  std::vector<std::string> columns;
  if (!split_csv(request.header, columns) || columns.empty() || request.header.empty())
    throw ServiceError::told(fc::bad_parameter, "importFileHeader is not one CSV line");
  std::shared_ptr<const RestBackend::Names> n = rest_.names(false);
  // Display names (what the UI import takes), else SOAP names, to REST
  // names, which the bulk import's header takes.
  std::string header;
  bool email = false;
  for (const std::string &c : columns) {
    if (c.compare(0, 5, "{{my.") == 0)
      throw ServiceError::told(fc::bad_parameter, "token column " + c + " has no REST equivalent: the bulk import takes no tokens");
    std::string rest_name;
    for (const auto &d : n->display_to_rest)
      if (iequals(d.first, c)) rest_name = d.second;
    if (rest_name.empty())
      for (const auto &s : n->soap_to_rest)
        if (iequals(s.first, c)) rest_name = s.second;
    if (rest_name.empty()) throw ServiceError::told(fc::bad_parameter, "column " + c + " names no lead field");
    email = email || rest_name == "email";
    header += (header.empty() ? "" : ",") + csv_field(rest_name);
  }
  if (!email) throw ServiceError::told(fc::bad_parameter, "the header has no email column (the bulk import's lookupField)");
  std::string file = header + "\n";
  for (const std::string &r : request.rows) file += r + "\n";
  if (file.size() > mktows::kMaxImportBytes)
    throw ServiceError::told(fc::bad_parameter, "the rows exceed " + std::to_string(mktows::kMaxImportBytes) + " bytes");
  RestCost::require(rest_.gate(), lookup_calls(rest_, "list-in", request.program, request.list) + 1, "importToList");
  RestList list = find_list_in(rest_, request.program, request.list);
  const std::string boundary = "mktows-bridge-" + random_hex(12, "a boundary");
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"import.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
  auto send = [&](int list_id) {
    return rest_.call("POST", "/bulk/v1/leads.json?format=csv&lookupField=email&listId=" + std::to_string(list_id),
                      "multipart/form-data; boundary=" + boundary, body,
                      {{"1013", fc::list_not_found}, {"1016", fc::bad_parameter}, {"1019", fc::bad_parameter}});
  };
  json r;
  try {
    r = send(list.id);
  } catch (const ServiceError &e) {
    if (e.code() != fc::list_not_found) throw;
    RestList again = find_list_in(rest_, request.program, request.list, true);
    if (again.id == list.id) throw;
    r = send(again.id);
  }
  if (!r.contains("result") || !r["result"].is_array() || r["result"].empty() || !r["result"][0].is_object() ||
      !r["result"][0].contains("batchId") || !r["result"][0]["batchId"].is_number_integer())
    throw ServiceError(fc::api_failure, "the bulk import answered no batchId");
  json kept{{"batch", r["result"][0]["batchId"]}, {"at", static_cast<long long>(std::time(nullptr))}};
  rest_.state().put(import_key(request.program, request.list), kept.dump(), mktows::bridge_limits::kImportBatchSeconds);
  std::string status = r["result"][0].value("status", std::string());
  return status == "Complete" ? ImportState::complete : status == "Failed" ? ImportState::failed : ImportState::processing;
}

ImportStatus RestLists::import_status(const std::string &program, const std::string &list) {
  RestCost cost("getImportToListStatus", rest_.verbose());
  std::string text;
  json kept;
  if (!rest_.state().get(import_key(program, list), text) || !(kept = json::parse(text, nullptr, false)).is_object() ||
      !kept.contains("batch") || !kept["batch"].is_number_integer())
    throw ServiceError::told(fc::list_not_found, "no import into " + program + "." + list +
                                                     " through this bridge in the last 7 days (the bridge keeps the "
                                                     "batch ids of its own imports)");
  json r = rest_.call("GET", "/bulk/v1/leads/batch/" + std::to_string(kept["batch"].get<long long>()) + ".json", "", "",
                      {{"1013", fc::bad_parameter}});
  if (!r.contains("result") || !r["result"].is_array() || r["result"].empty() || !r["result"][0].is_object())
    throw ServiceError(fc::api_failure, "the batch status answered no result");
  const json &b = r["result"][0];
  ImportStatus st;
  std::string s = b.value("status", std::string());
  if (s == "Complete") st.state = ImportState::complete;
  else if (s == "Failed") st.state = ImportState::failed;
  else if (s == "Queued" || s == "Importing") st.state = ImportState::processing;
  else throw ServiceError(fc::api_failure, "the batch status " + s + " is none REST documents");
  st.started = kept.value("at", 0LL);
  st.rows_imported = b.value("numOfLeadsProcessed", 0);
  st.rows_failed = b.value("numOfRowsFailed", 0);
  st.rows_ignored = b.value("numOfRowsWithWarning", 0);
  if (b.contains("message") && b["message"].is_string()) st.summary = b["message"];
  return st;
}

}  // namespace mktows_bridge
