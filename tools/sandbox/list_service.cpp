// list_service.cpp: listOperation's rules, importToList and its status, the
// membership and import records of the journal (docs/SANDBOX.md, "Lists").
#include "list_service.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace mktows_sandbox {

const char ListService::kMemberKind[] = "ListMember";
const char ListService::kImportKind[] = "ListImport";

namespace {

bool parse_int(const std::string &s, long long lo, long long hi, long long &out) {
  if (s.empty() || s.size() > 19) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  out = std::strtoll(s.c_str(), nullptr, 10);
  return out >= lo && out <= hi;
}

// The display names importToList's header takes for the standard fields
// (the vendor's UI import names them so; the sandbox's fields have no display
// names of their own): docs/SANDBOX.md lists them.
struct DisplayName {
  const char *display;
  const char *field;
};
const DisplayName kDisplayNames[] = {
    {"Email Address", "Email"},          {"First Name", "FirstName"},       {"Last Name", "LastName"},
    {"Middle Name", "MiddleName"},       {"Company Name", "Company"},       {"Job Title", "Title"},
    {"Phone Number", "Phone"},           {"Mobile Phone Number", "MobilePhone"}, {"Fax Number", "Fax"},
    {"Postal Code", "PostalCode"},       {"Annual Revenue", "AnnualRevenue"},
    {"Num Employees", "NumberOfEmployees"}, {"Lead Source", "LeadSource"}, {"Lead Status", "LeadStatus"},
    {"Lead Score", "LeadScore"},         {"Do Not Call", "DoNotCall"}};

std::string trim(const std::string &s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::string();
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

ListService::ListService(LeadService &leads) : leads_(leads), created_at_(std::time(nullptr)) {
  leads_.add_record_kind(kMemberKind, [this](const std::vector<std::string> &f) { return replay_member(f); });
  leads_.add_record_kind(kImportKind, [this](const std::vector<std::string> &f) { return replay_import(f); });
  leads_.add_merge_hook([this](LeadService::Writes &w, int winner, const std::vector<int> &losers) {
    move_members_locked(w, winner, losers);
  });
}

void ListService::move_members_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers) {
  // In list id order, so the journal's records come in one order whatever
  // the hash map's.
  std::vector<int> lists;
  for (const auto &kv : members_)
    for (int id : losers)
      if (kv.second.set.count(id)) {
        lists.push_back(kv.first);
        break;
      }
  std::sort(lists.begin(), lists.end());
  for (int list_id : lists) {
    const StaticList *list = world().list(list_id);
    if (!list) continue;  // a journal's list the configuration no longer has
    for (int id : losers) remove_locked(w, *list, id, false);
    add_locked(w, *list, winner, false);
  }
}

// ListMember  + or -  list id  lead id  at; or  0  list id  0  at  (cleared)
bool ListService::replay_member(const std::vector<std::string> &f) {
  long long list_id, lead_id, at;
  if (f.size() != 5 || (f[1] != "+" && f[1] != "-" && f[1] != "0") || !parse_int(f[2], 1, 2147483647, list_id) ||
      !parse_int(f[3], f[1] == "0" ? 0 : 1, 2147483647, lead_id) || !parse_int(f[4], 0, 1LL << 40, at))
    return false;
  Members &m = members_[static_cast<int>(list_id)];
  int id = static_cast<int>(lead_id);
  if (f[1] == "0") {
    m.order.clear();
    m.set.clear();
  } else if (f[1] == "+") {
    if (m.set.insert(id).second) m.order.push_back(id);
  } else if (m.set.erase(id)) {
    m.order.erase(std::find(m.order.begin(), m.order.end(), id));
  }
  m.updated_at = at;
  return true;
}

// ListImport  id  list id  started  ended  imported  failed  ignored  summary
bool ListService::replay_import(const std::vector<std::string> &f) {
  long long v[7];
  if (f.size() != 9) return false;
  for (int i = 0; i < 7; ++i)
    if (!parse_int(f[i + 1], 0, 1LL << 40, v[i])) return false;
  if (v[0] < 1 || v[0] > 10000000) return false;
  Import im;
  im.id = static_cast<int>(v[0]);
  im.list_id = static_cast<int>(v[1]);
  im.started = v[2];
  im.ended = v[3];
  im.imported = static_cast<int>(v[4]);
  im.failed = static_cast<int>(v[5]);
  im.ignored = static_cast<int>(v[6]);
  im.summary = f[8];
  im.reported_running = true;  // its writes are all replayed: it is finished
  if (imports_.size() < static_cast<std::size_t>(im.id)) imports_.resize(static_cast<std::size_t>(im.id));
  imports_[static_cast<std::size_t>(im.id) - 1] = im;
  if (im.list_id) last_import_[im.list_id] = im.id;
  return true;
}

void ListService::journal_member(LeadService::Writes &w, bool add, int list_id, int lead_id, std::int64_t at) {
  w.journal({kMemberKind, add ? "+" : "-", std::to_string(list_id), std::to_string(lead_id), std::to_string(at)});
}

void ListService::journal_import(LeadService::Writes &w, const Import &im) {
  w.journal({kImportKind, std::to_string(im.id), std::to_string(im.list_id), std::to_string(im.started),
             std::to_string(im.ended), std::to_string(im.imported), std::to_string(im.failed),
             std::to_string(im.ignored), im.summary});
}

std::vector<int> ListService::members(int list_id) {
  std::vector<int> out;
  leads_.read([&](const LeadStore &) { out = members_locked(list_id); });
  return out;
}

const std::vector<int> &ListService::members_locked(int list_id) const {
  static const std::vector<int> kNone;
  auto it = members_.find(list_id);
  return it == members_.end() ? kNone : it->second.order;
}

bool ListService::is_member_locked(int list_id, int lead_id) const {
  auto it = members_.find(list_id);
  return it != members_.end() && it->second.set.count(lead_id) != 0;
}

std::int64_t ListService::updated_at_locked(int list_id) const {
  auto it = members_.find(list_id);
  return it == members_.end() ? 0 : it->second.updated_at;
}

bool ListService::add_locked(LeadService::Writes &w, const StaticList &list, int lead_id, bool log) {
  Members &m = members_[list.id];
  if (!m.set.insert(lead_id).second) return false;
  m.order.push_back(lead_id);
  m.updated_at = std::time(nullptr);
  journal_member(w, true, list.id, lead_id, m.updated_at);
  if (log) w.add_activity(make_activity(lead_id, m.updated_at, "AddToList", list.qualified_name()));
  return true;
}

bool ListService::remove_locked(LeadService::Writes &w, const StaticList &list, int lead_id, bool log) {
  auto it = members_.find(list.id);
  if (it == members_.end() || !it->second.set.erase(lead_id)) return false;
  Members &m = it->second;
  m.order.erase(std::find(m.order.begin(), m.order.end(), lead_id));
  m.updated_at = std::time(nullptr);
  journal_member(w, false, list.id, lead_id, m.updated_at);
  if (log) w.add_activity(make_activity(lead_id, m.updated_at, "RemoveFromList", list.qualified_name()));
  return true;
}

void ListService::clear_locked(LeadService::Writes &w, const StaticList &list) {
  auto it = members_.find(list.id);
  if (it == members_.end() || it->second.order.empty()) return;
  Members &m = it->second;
  m.updated_at = std::time(nullptr);
  w.journal({kMemberKind, "0", std::to_string(list.id), "0", std::to_string(m.updated_at)});
  std::size_t type;
  activity_type_of("RemoveFromList", type);
  for (int id : m.order) {
    Activity a;
    a.lead_id = id;
    a.at = m.updated_at;
    a.type = type;
    a.asset = list.qualified_name();
    w.add_activity(std::move(a));
  }
  m.order.clear();
  m.set.clear();
}

const StaticList &ListService::list_for_key(const std::string &type, const std::string &value) const {
  if (type == "MKTOSALESUSERID" || type == "SFDCLEADOWNERID")
    throw ServiceError::told(fault_code::bad_parameter, "listKey type " + type + " (Sales Insight lists) is not supported");
  if (type != "MKTOLISTNAME") throw ServiceError(fault_code::bad_parameter, "unknown listKey type");
  const StaticList *l = world().list_by_qualified_name(value);
  if (!l) throw ServiceError(fault_code::list_not_found, "no static list by that MKTOLISTNAME");
  return *l;
}

ListOperationResult ListService::list_operation(const ListOperationRequest &request) {
  const StaticList &list = list_for_key(request.list_key_type, request.list_key_value);
  for (const auto &k : request.members)
    if (k.key_type != "IDNUM" && k.key_type != "EMAIL")
      throw ServiceError::told(fault_code::lead_key_bad, "keyType " + k.key_type + " is not a listOperation member key (IDNUM, EMAIL)");
  ListOperationResult out;
  leads_.transact([&](LeadService::Writes &w) {
    // Each key to its lead (0: none). EMAIL: the store's rule for a shared
    // address (the most recently written lead).
    std::vector<int> ids;
    ids.reserve(request.members.size());
    for (const auto &k : request.members) {
      const Lead *lead = nullptr;
      long long id;
      if (k.key_type == "IDNUM") {
        if (parse_int(k.key_value, 1, 2147483647, id)) lead = w.store().by_id(static_cast<int>(id));
      } else if (!k.key_value.empty()) {
        lead = w.store().by_email(k.key_value);
      }
      ids.push_back(lead ? lead->id : 0);
    }
    out.statuses.assign(ids.size(), false);
    if (request.action == ListAction::is_member) {
      for (std::size_t i = 0; i < ids.size(); ++i) out.statuses[i] = ids[i] && is_member_locked(list.id, ids[i]);
    } else if (request.strict) {
      // All or nothing: when any lead would fail, nothing is written and
      // every status is false (docs/SANDBOX.md). A duplicate removal within
      // the call fails its second time, as it would without strict.
      std::unordered_set<int> removed;
      bool all = true;
      for (int id : ids) {
        if (!id) all = false;
        else if (request.action == ListAction::remove && (!is_member_locked(list.id, id) || !removed.insert(id).second))
          all = false;
      }
      if (all) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
          if (request.action == ListAction::add) add_locked(w, list, ids[i], !request.skip_activity_log);
          else remove_locked(w, list, ids[i], !request.skip_activity_log);
          out.statuses[i] = true;
        }
      }
    } else {
      for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!ids[i]) continue;
        if (request.action == ListAction::add) {
          add_locked(w, list, ids[i], !request.skip_activity_log);
          out.statuses[i] = true;  // a member already: still success
        } else {
          out.statuses[i] = remove_locked(w, list, ids[i], !request.skip_activity_log);
        }
      }
    }
  });
  out.success = std::all_of(out.statuses.begin(), out.statuses.end(), [](bool b) { return b; });
  return out;
}

bool ListService::split_csv(const std::string &line_in, std::vector<std::string> &out) {
  out.clear();
  std::string line = line_in;
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  std::string field;
  std::size_t i = 0;
  for (;;) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) return false;  // the quote is never closed
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') return false;
    } else {
      while (i < line.size() && line[i] != ',') {
        if (line[i] == '"') return false;  // a quote inside an unquoted field
        field += line[i++];
      }
    }
    out.push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

int ListService::run_import_locked(LeadService::Writes &w, const ImportJob &job) {
  Import im;
  im.id = static_cast<int>(imports_.size()) + 1;
  im.list_id = job.list ? job.list->id : 0;
  im.started = std::time(nullptr);
  if (job.list && job.clear_list) clear_locked(w, *job.list);
  std::size_t email_col = job.columns.size();
  for (std::size_t c = 0; c < job.columns.size(); ++c)
    if (job.columns[c] == "Email") email_col = c;
  const std::string partition = leads_.config().workspace("Default")
                                    ? leads_.config().workspace("Default")->primary_partition
                                    : std::string();
  for (std::size_t r = 0; r < job.rows.size(); ++r) {
    const std::vector<std::string> &row = job.rows[r];
    if ((r < job.malformed.size() && job.malformed[r]) || row.size() != job.columns.size() ||
        email_col == job.columns.size()) {
      ++im.failed;
      continue;
    }
    const std::string email = trim(row[email_col]);
    if (email.empty()) {
      ++im.failed;
      continue;
    }
    const Lead *match = w.store().by_email(email);
    int lead_id;
    if (job.mode == ImportMode::list_only) {
      if (!match) {
        ++im.ignored;  // LISTONLY adds existing leads only
        continue;
      }
      lead_id = match->id;
    } else {
      Lead lead;
      if (match) {
        lead = *match;
      } else {
        lead.id = w.allocate_id();
        lead.email = email;
        lead.partition = partition;
      }
      // An empty cell leaves the value as it is (docs/SANDBOX.md).
      for (std::size_t c = 0; c < row.size(); ++c)
        if (c != email_col && !row[c].empty()) lead.set_attribute(job.columns[c], row[c]);
      lead_id = w.put(std::move(lead), job.reason).id;
    }
    if (job.list) add_locked(w, *job.list, lead_id, true);
    ++im.imported;
  }
  im.ended = std::time(nullptr);
  im.summary = std::to_string(im.imported) + " imported, " + std::to_string(im.failed) + " failed, " +
               std::to_string(im.ignored) + " ignored";
  journal_import(w, im);
  imports_.push_back(im);
  if (im.list_id) last_import_[im.list_id] = im.id;
  return im.id;
}

const ListService::Import *ListService::poll_import_locked(int id, bool &running) {
  if (id < 1 || static_cast<std::size_t>(id) > imports_.size() || imports_[static_cast<std::size_t>(id) - 1].id == 0)
    return nullptr;
  Import &im = imports_[static_cast<std::size_t>(id) - 1];
  // The first status read reports the import running, every later one
  // finished: a client's poll loop sees both states (docs/SANDBOX.md).
  running = !im.reported_running;
  im.reported_running = true;
  return &im;
}

ImportState ListService::import_to_list(const ImportRequest &request) {
  if (request.program.empty()) throw ServiceError(fault_code::parameter_required, "no programName");
  if (request.list.empty()) throw ServiceError(fault_code::parameter_required, "no listName");
  const StaticList *list = world().list(request.program, request.list);
  if (!list) throw ServiceError(fault_code::list_not_found, "no static list by that programName and listName");
  if (!request.campaign.empty())
    throw ServiceError::told(fault_code::bad_parameter, "campaignName is not supported by the sandbox's importToList");
  if (request.rows.size() > mktows::kMaxImportRows)
    throw ServiceError::told(fault_code::bad_parameter,
                             "more than " + std::to_string(mktows::kMaxImportRows) + " rows in importFileRows");
  std::size_t bytes = request.header.size();
  for (const std::string &r : request.rows) bytes += r.size();
  if (bytes > mktows::kMaxImportBytes)
    throw ServiceError::told(fault_code::bad_parameter,
                             "more than " + std::to_string(mktows::kMaxImportBytes) + " bytes of header and rows");
  ImportJob job;
  job.list = list;
  job.mode = request.mode;
  job.clear_list = request.clear_list;
  job.reason = LeadService::kSoapReason;
  std::vector<std::string> header;
  if (!split_csv(request.header, header) || header.empty() || (header.size() == 1 && trim(header[0]).empty()))
    throw ServiceError::told(fault_code::bad_parameter, "importFileHeader is not a CSV line");
  for (const std::string &raw : header) {
    const std::string name = trim(raw);
    if (name.size() > 4 && name.compare(0, 2, "{{") == 0)
      throw ServiceError::told(fault_code::bad_parameter, "token columns need campaignName, which the sandbox does not support");
    std::string field;
    for (const DisplayName &d : kDisplayNames)
      if (iequals(name, d.display)) field = d.field;
    // The field's own (SOAP) name, or any configured field's name.
    if (field.empty() && iequals(name, "Email")) field = "Email";
    if (field.empty())
      for (const FieldConfig &f : leads_.config().fields)
        if (iequals(name, f.name)) field = f.name;
    if (field.empty() || (field != "Email" && !leads_.config().field(field)))
      throw ServiceError::told(fault_code::bad_parameter, "importFileHeader column '" + name + "' names no lead field");
    if (std::find(job.columns.begin(), job.columns.end(), field) != job.columns.end())
      throw ServiceError::told(fault_code::bad_parameter, "importFileHeader names " + field + " twice");
    job.columns.push_back(field);
  }
  if (request.mode == ImportMode::upsert_leads || request.mode == ImportMode::list_only)
    if (std::find(job.columns.begin(), job.columns.end(), "Email") == job.columns.end())
      throw ServiceError::told(fault_code::bad_parameter, "importFileHeader has no Email Address column");
  job.rows.resize(request.rows.size());
  job.malformed.assign(request.rows.size(), false);
  for (std::size_t i = 0; i < request.rows.size(); ++i) job.malformed[i] = !split_csv(request.rows[i], job.rows[i]);
  leads_.transact([&](LeadService::Writes &w) { run_import_locked(w, job); });
  return ImportState::processing;
}

ImportStatus ListService::import_status(const std::string &program, const std::string &list_name) {
  const StaticList *list = world().list(program, list_name);
  if (!list) throw ServiceError(fault_code::list_not_found, "no static list by that programName and listName");
  ImportStatus st;
  bool found = false;
  leads_.read([&](const LeadStore &) {
    auto it = last_import_.find(list->id);
    if (it == last_import_.end()) return;
    bool running = false;
    const Import *im = poll_import_locked(it->second, running);
    if (!im) return;
    found = true;
    st.state = running ? ImportState::processing : ImportState::complete;
    st.started = im->started;
    st.ended = running ? 0 : im->ended;
    st.rows_imported = im->imported;
    st.rows_failed = im->failed;
    st.rows_ignored = im->ignored;
    st.summary = running ? std::string() : im->summary;
  });
  if (!found) throw ServiceError::told(fault_code::bad_parameter, "no import into this list yet");
  return st;
}

}  // namespace mktows_sandbox
