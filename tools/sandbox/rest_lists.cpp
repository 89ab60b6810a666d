// rest_lists.cpp: the REST list calls and the bulk lead import. Lead ids
// come as repeated `id` query parameters or a JSON body's `input` array;
// each id gets its own status (added, removed, memberof, notmemberof,
// skipped with a reason), as the vendor's list calls answer.
#include "rest_lists.hpp"
#include "text_values.hpp"

#include "rest_error.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <strings.h>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;
using mktows::rest_limits::kMaxRecords;

namespace {

std::string param(const RestLists::Params &p, const std::string &name) {
  for (const auto &kv : p)
    if (kv.first == name) return kv.second;
  return std::string();
}


// "/rest/v1/lists/" 3001 "/leads.json": the id, and what follows it.
bool split_path(const std::string &path, const std::string &prefix, int &id, std::string &rest) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  std::size_t end = path.find_first_of("/.", prefix.size());
  if (end == std::string::npos || !parse_id(path.substr(prefix.size(), end - prefix.size()), id)) return false;
  rest = path.substr(end);
  return true;
}


std::string header(const HttpRequest &r, const char *name) {
  for (const auto &kv : r.headers)
    if (strcasecmp(kv.first.c_str(), name) == 0) return kv.second;
  return std::string();
}

json skipped(int code) {
  return json::array({{{"code", std::to_string(code)}, {"message", rest_message(code)}}});
}

// Paging of a result the sandbox holds whole: "sb-<offset>", as Get Leads'.
void page_bounds(const RestLists::Params &q, std::size_t &offset, std::size_t &batch) {
  batch = kMaxRecords;
  offset = 0;
  std::string b = param(q, "batchSize"), t = param(q, "nextPageToken");
  int v;
  if (!b.empty()) {
    if (!parse_id(b, v) || static_cast<std::size_t>(v) > kMaxRecords) throw RestError(kInvalidData, "Invalid data: batchSize");
    batch = static_cast<std::size_t>(v);
  }
  if (!t.empty()) {
    if (t.compare(0, 3, "sb-") != 0 || !parse_id(t.substr(3), v)) throw RestError(kInvalidData, "Invalid data: nextPageToken");
    offset = static_cast<std::size_t>(v);
  }
}

void set_paging(json &body, std::size_t offset, std::size_t batch, std::size_t total) {
  bool more = offset + batch < total;
  body["moreResult"] = more;
  if (more) body["nextPageToken"] = "sb-" + std::to_string(offset + batch);
}

// The body of the multipart part named `name`; false when there is none.
bool multipart_part(const std::string &content_type, const std::string &body, const std::string &name,
                    std::string &out) {
  std::size_t b = ascii_lower(content_type).find("boundary=");
  if (b == std::string::npos) return false;
  std::string boundary = content_type.substr(b + 9);
  boundary = boundary.substr(0, boundary.find(';'));
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
    boundary = boundary.substr(1, boundary.size() - 2);
  if (boundary.empty()) return false;
  const std::string delim = "--" + boundary;
  std::size_t at = body.find(delim);
  while (at != std::string::npos) {
    at += delim.size();
    if (body.compare(at, 2, "--") == 0) return false;  // the closing delimiter
    std::size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string::npos) return false;
    std::string head = ascii_lower(body.substr(at, head_end - at));
    std::size_t next = body.find("\r\n" + delim, head_end + 4);
    if (next == std::string::npos) return false;
    if (head.find("name=\"" + ascii_lower(name) + "\"") != std::string::npos) {
      out = body.substr(head_end + 4, next - head_end - 4);
      return true;
    }
    at = next + 2;
  }
  return false;
}

}  // namespace

bool RestLists::owns(const std::string &path) {
  return path == "/rest/v1/lists.json" || path.compare(0, 15, "/rest/v1/lists/") == 0 ||
         path == "/bulk/v1/leads.json" || path.compare(0, 21, "/bulk/v1/leads/batch/") == 0;
}

json RestLists::list_json(const StaticList &l) const {
  std::int64_t updated = lists_.updated_at_locked(l.id);
  return json{{"id", l.id},
              {"name", l.name},
              {"programName", l.program},
              {"workspaceName", "Default"},
              {"createdAt", rest_time(lists_.created_at())},
              {"updatedAt", rest_time(updated ? updated : lists_.created_at())}};
}

void RestLists::handle(const HttpRequest &request, const std::string &path, const Params &q, json &body) {
  std::string method = request.method;
  Params p = q;
  std::string type = ascii_lower(header(request, "Content-Type"));
  type = type.substr(0, type.find(';'));
  json input;
  if (method == "POST" && param(q, "_method") == "GET") method = "GET";  // the long-URI form
  int id = 0;
  std::string rest;
  json result;
  if (path == "/rest/v1/lists.json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    result = lists(p, body);
  } else if (path == "/bulk/v1/leads.json") {
    if (method != "POST") throw RestError(kMethodNotSupported);
    result = bulk_import(request, p);
  } else if (split_path(path, "/bulk/v1/leads/batch/", id, rest) && rest == ".json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    result = batch(id);
  } else if (split_path(path, "/rest/v1/lists/", id, rest) && rest == ".json") {
    if (method != "GET") throw RestError(kMethodNotSupported);
    result = json::array();
    lists_.leads().read([&](const LeadStore &) {
      const StaticList *l = lists_.world().list(id);
      if (!l) throw RestError(kObjectNotFound);
      result.push_back(list_json(*l));
    });
  } else if (split_path(path, "/rest/v1/lists/", id, rest) && (rest == "/leads.json" || rest == "/leads/ismember.json")) {
    bool ismember = rest == "/leads/ismember.json";
    if (!ismember && method == "GET") {
      result = list_leads(id, p, body);
    } else {
      if (ismember ? method != "GET" : (method != "POST" && method != "DELETE")) throw RestError(kMethodNotSupported);
      // The ids: query parameters, or the body's input (JSON).
      std::vector<int> ids;
      for (const auto &kv : q)
        if (kv.first == "id")
          for (const std::string &s : split_commas(kv.second, true)) {
            int v;
            if (!parse_id(s, v)) throw RestError(kInvalidData, "Invalid data: id '" + s + "'");
            ids.push_back(v);
          }
      if (!request.body.empty() && type == "application/json") {
        json in = json::parse(request.body, nullptr, false);
        if (in.is_discarded()) throw RestError(kInvalidJson);
        if (in.is_object() && in.contains("input")) {
          if (!in["input"].is_array()) throw RestError(kInvalidData, "Invalid data: input");
          for (const json &e : in["input"]) {
            if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer() || e["id"].get<long long>() <= 0 ||
                e["id"].get<long long>() > 2147483647)
              throw RestError(kInvalidData, "Invalid data: input id");
            ids.push_back(e["id"].get<int>());
          }
        }
      }
      if (ids.empty()) throw RestError(kBlank, "id cannot be blank");
      if (ids.size() > kMaxRecords)
        throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(kMaxRecords) + " ids");
      result = membership(ismember ? "ISMEMBER" : method, id, ids);
    }
  } else {
    throw RestError(kNotFound);
  }
  body["success"] = true;
  body["result"] = result;
}

json RestLists::lists(const Params &q, json &body) {
  std::vector<int> ids;
  for (const std::string &s : split_commas(param(q, "id"), true)) {
    int v;
    if (!parse_id(s, v)) throw RestError(kInvalidData, "Invalid data: id '" + s + "'");
    ids.push_back(v);
  }
  std::vector<std::string> names = split_commas(param(q, "name"), true);
  std::vector<std::string> programs = split_commas(param(q, "programName"), true);
  std::vector<std::string> workspaces = split_commas(param(q, "workspaceName"), true);
  std::size_t offset, batch;
  page_bounds(q, offset, batch);
  json all = json::array();
  lists_.leads().read([&](const LeadStore &) {
    for (const StaticList &l : lists_.world().lists) {
      auto any = [](const std::vector<std::string> &want, const std::string &have) {
        if (want.empty()) return true;
        for (const std::string &w : want)
          if (iequals(w, have)) return true;
        return false;
      };
      if (!ids.empty() && std::find(ids.begin(), ids.end(), l.id) == ids.end()) continue;
      if (!any(names, l.name) || !any(programs, l.program) || !any(workspaces, "Default")) continue;
      all.push_back(list_json(l));
    }
  });
  json page = json::array();
  for (std::size_t i = offset; i < all.size() && i < offset + batch; ++i) page.push_back(all[i]);
  set_paging(body, offset, batch, all.size());
  return page;
}

json RestLists::membership(const std::string &method, int list_id, const std::vector<int> &ids) {
  json result = json::array();
  lists_.leads().transact([&](LeadService::Writes &w) {
    const StaticList *l = lists_.world().list(list_id);
    if (!l) throw RestError(kObjectNotFound);
    for (int id : ids) {
      json item{{"id", id}};
      if (!w.store().by_id(id)) {
        item["status"] = "skipped";
        item["reasons"] = skipped(kLeadNotFound);
      } else if (method == "POST") {
        lists_.add_locked(w, *l, id, true);
        item["status"] = "added";  // a member already: added again, as the vendor answers
      } else if (method == "DELETE") {
        if (lists_.remove_locked(w, *l, id, true)) {
          item["status"] = "removed";
        } else {
          item["status"] = "skipped";
          item["reasons"] = skipped(kLeadNotInList);
        }
      } else {
        item["status"] = lists_.is_member_locked(list_id, id) ? "memberof" : "notmemberof";
      }
      result.push_back(item);
    }
  });
  return result;
}

json RestLists::list_leads(int list_id, const Params &q, json &body) {
  std::size_t offset, batch;
  page_bounds(q, offset, batch);
  std::string fields = param(q, "fields");
  json result;
  std::size_t total = 0;
  lists_.leads().read([&](const LeadStore &store) {
    if (!lists_.world().list(list_id)) throw RestError(kObjectNotFound);
    const std::vector<int> &members = lists_.members_locked(list_id);
    total = members.size();
    std::vector<const Lead *> page;
    for (std::size_t i = offset; i < members.size() && i < offset + batch; ++i)
      if (const Lead *l = store.by_id(members[i])) page.push_back(l);
    result = rest_leads_.leads_json(page, fields);
  });
  set_paging(body, offset, batch, total);
  return result;
}

json RestLists::bulk_import(const HttpRequest &request, const Params &q) {
  // The REST face's body bound (RestFace::kMaxBody) has already refused a
  // larger file with 413, before this runs.
  std::string format = param(q, "format");
  if (format.empty()) throw RestError(kBlank, "format cannot be blank");
  if (format != "csv") throw RestError(kInvalidData, "Invalid data: format '" + format + "' (the sandbox takes csv)");
  std::string lookup = param(q, "lookupField");
  if (!lookup.empty() && lookup != "email")
    throw RestError(kFieldNotSupported, std::string(rest_message(kFieldNotSupported)) + " '" + lookup + "'");
  if (!param(q, "partitionName").empty()) throw RestError(kInvalidData, "Invalid data: partitionName is not supported");
  std::string type = header(request, "Content-Type");
  if (ascii_lower(type).compare(0, 19, "multipart/form-data") != 0) throw RestError(kInvalidContentType);
  std::string file;
  if (!multipart_part(type, request.body, "file", file)) throw RestError(kInvalidMultipart);
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < file.size()) {
    std::size_t nl = file.find('\n', at);
    if (nl == std::string::npos) nl = file.size();
    std::string line = file.substr(at, nl - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
    at = nl + 1;
  }
  if (lines.empty()) throw RestError(kBlank, "file cannot be blank");
  if (lines.size() - 1 > mktows::kMaxImportRows)
    throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(mktows::kMaxImportRows) + " rows");
  ListService::ImportJob job;
  job.reason = LeadService::kRestReason;
  std::vector<std::string> header_fields;
  if (!ListService::split_csv(lines[0], header_fields)) throw RestError(kInvalidData, "Invalid data: the header line");
  for (const std::string &name : header_fields) {
    std::string store = rest_leads_.store_name(name);
    if (store.empty()) throw RestError(kFieldNotFound, std::string(rest_message(kFieldNotFound)) + " '" + name + "'");
    if (std::find(job.columns.begin(), job.columns.end(), store) != job.columns.end())
      throw RestError(kInvalidData, "Invalid data: " + name + " twice in the header");
    job.columns.push_back(store);
  }
  if (std::find(job.columns.begin(), job.columns.end(), "Email") == job.columns.end())
    throw RestError(kInvalidData, "Invalid data: the header has no email column (lookupField)");
  job.rows.resize(lines.size() - 1);
  job.malformed.assign(lines.size() - 1, false);
  for (std::size_t i = 1; i < lines.size(); ++i) job.malformed[i - 1] = !ListService::split_csv(lines[i], job.rows[i - 1]);
  int list_id = 0;
  std::string list_param = param(q, "listId");
  if (!list_param.empty() && !parse_id(list_param, list_id)) throw RestError(kInvalidData, "Invalid data: listId");
  int batch_id = 0;
  lists_.leads().transact([&](LeadService::Writes &w) {
    if (list_id) {
      job.list = lists_.world().list(list_id);
      if (!job.list) throw RestError(kObjectNotFound);
    }
    batch_id = lists_.run_import_locked(w, job);
  });
  return json::array({{{"batchId", batch_id}, {"importId", std::to_string(batch_id)}, {"status", "Queued"}}});
}

json RestLists::batch(int batch_id) {
  json result = json::array();
  lists_.leads().read([&](const LeadStore &) {
    bool running = false;
    const ListService::Import *im = lists_.poll_import_locked(batch_id, running);
    if (!im) throw RestError(kObjectNotFound);
    json item{{"batchId", im->id},
              {"importId", std::to_string(im->id)},
              {"status", running ? "Importing" : "Complete"},
              {"numOfLeadsProcessed", im->imported},
              {"numOfRowsFailed", im->failed},
              {"numOfRowsWithWarning", im->ignored}};
    if (!running) item["message"] = "Import completed: " + im->summary;
    result.push_back(item);
  });
  return result;
}

}  // namespace mktows_sandbox
