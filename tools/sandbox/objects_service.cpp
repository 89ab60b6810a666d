// objects_service.cpp: the objects' rules (docs/SANDBOX.md, "Objects"): the
// describe answers, the reads with their criteria, associations and stream
// positions, the writes with their statuses, the journal records.
#include "objects_service.hpp"

#include "activity_record_metadata.hpp"
#include "text_values.hpp"

#include <mktows/limits.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace mktows_sandbox {

using mktows_front::MObjComparison;
using mktows_front::MObjCriterion;
using mktows_front::MObjField;
using mktows_front::ServiceError;
using nlohmann::json;

const char kOpportunity[] = "Opportunity";
const char kRole[] = "OpportunityPersonRole";
const char kProgram[] = "Program";
const std::int64_t ObjectService::kWorldTime = 1767225600;  // 2026-01-01T00:00:00Z

namespace {

const char kObjectKind[] = "OBJ";    // an opportunity or role as written
const char kDeleteKind[] = "OBJD";   // its id, deleted
const char kProgramKind[] = "PRG";   // a program's costs and tags as written
const char kGuidPrefix[] = "5a9d0c1e-0000-4000-8000-";  // + the id in 12 digits

// "FirstName" -> "First Name": the display name of a configured lead field.
std::string spaced(const std::string &name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (i > 0 && c >= 'A' && c <= 'Z' && name[i - 1] >= 'a' && name[i - 1] <= 'z') out += ' ';
    out += c;
  }
  return out;
}

MObjField to_field(const ObjectField &f) {
  MObjField m;
  m.name = f.soap;
  m.display_name = f.display;
  m.source_object = f.source;
  m.data_type = kind_name(f.kind);
  // Size: nil for the types without a length (the vendor's sample leaves it
  // nil for dateTime and Array).
  m.has_size = f.size > 0;
  m.size = f.size;
  m.read_only = f.read_only;
  m.update_blocked = f.read_only;
  m.is_name = std::string(f.soap) == "Name";
  m.primary_key = std::string(f.soap) == "Id";
  return m;
}

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

// 64-bit FNV-1a: ties a stream position to the query it came from.
std::uint64_t fnv(const std::string &s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}


// Everything that selects records, so that a position made for one query
// is refused for another (20122).
std::string query_text(const MObjQuery &q) {
  std::string t = q.type + '\x1f';
  if (q.has_id) t += "id=" + std::to_string(q.id);
  t += '\x1f';
  if (q.has_external_key) t += q.external_key.name + '=' + q.external_key.value;
  for (const MObjCriterion &c : q.criteria) t += '\x1f' + c.name + comparison_name(c.comparison) + c.value;
  for (const MObjAssociationData &a : q.associations)
    t += '\x1e' + a.type + (a.has_id ? std::to_string(a.id) : "") + (a.has_external_key ? a.external_key.name + '=' + a.external_key.value : "");
  t += q.include_details ? "\x1d" "1" : "\x1d" "0";
  return t;
}

// The position after the record `last_id`: "MO1:<last id>:<query digest>".
std::string make_position(const MObjQuery &q, int last_id) {
  char digest[17];
  // The digest covers the id too: an altered id is a foreign position.
  std::snprintf(digest, sizeof digest, "%016llx",
                static_cast<unsigned long long>(fnv(query_text(q) + '\x1c' + std::to_string(last_id))));
  return "MO1:" + std::to_string(last_id) + ":" + digest;
}

// The last id a position names; throws 20122 for one that is altered or was
// made for another query.
int read_position(const MObjQuery &q, const std::string &position) {
  std::size_t colon = position.find(':', 4);
  int last = 0;
  if (position.compare(0, 4, "MO1:") != 0 || colon == std::string::npos ||
      !parse_id(position.substr(4, colon - 4), last) || make_position(q, last) != position)
    throw ServiceError::told(mktows::fault_code::bad_stream_position, "the stream position is not one of this query's");
  return last;
}

// The lead an association or key names, or 0: by id, or by an external key
// whose name is IDNUM/Id (the id) or EMAIL/Email (the newest lead with that
// address). `why` is set for a key the sandbox does not resolve.
int lead_of(const LeadStore &store, const MObjAssociationData &a, std::string &why) {
  if (a.has_id) return store.by_id(a.id) ? a.id : 0;
  if (!a.has_external_key) {
    why = "a Lead association needs an id or an externalKey";
    return -1;
  }
  const std::string &n = a.external_key.name;
  if (iequals(n, "IDNUM") || iequals(n, "Id")) {
    int id = 0;
    return parse_id(a.external_key.value, id) && store.by_id(id) ? id : 0;
  }
  if (iequals(n, "EMAIL")) {
    const Lead *l = store.by_email(a.external_key.value);
    return l ? l->id : 0;
  }
  why = "a Lead externalKey is IDNUM or EMAIL, not " + n;
  return -1;
}

MObjStatusData status_for(const MObjectData &o, MObjStatusCode code, const std::string &error = std::string()) {
  MObjStatusData s;
  s.id = o.has_id ? o.id : 0;
  s.has_external_key = o.has_external_key;
  s.external_key = o.external_key;
  s.status = code;
  s.error = error;
  return s;
}

json program_record(int id, const ProgramState &s) {
  json tags = json::array(), costs = json::array();
  for (const ProgramTag &t : s.tags) tags.push_back({t.type, t.value});
  for (const ProgramCost &c : s.costs) costs.push_back({c.id, c.month, c.amount, c.note});
  return json{{"id", id}, {"channel", s.channel}, {"tags", tags}, {"costs", costs},
              {"next", s.next_cost_id}, {"updated", s.updated_at}};
}

bool valid_month(const std::string &m) {
  return m.size() == 7 && m.find_first_not_of("0123456789-") == std::string::npos && m[4] == '-' &&
         m.find('-', 5) == std::string::npos && m.compare(5, 2, "01") >= 0 && m.compare(5, 2, "12") <= 0;
}

}  // namespace

int StoredObject::int_value(const std::string &field) const {
  const std::string *v = value(field);
  int id = 0;
  return v && parse_id(*v, id) ? id : 0;
}

ObjectService::ObjectService(LeadService &leads) : leads_(leads), world_(leads.config().world) {
  auto replay_fn = [this](const std::vector<std::string> &f) { return replay(f); };
  leads_.add_record_kind(kObjectKind, replay_fn);
  leads_.add_record_kind(kDeleteKind, replay_fn);
  leads_.add_record_kind(kProgramKind, replay_fn);
  leads_.add_merge_hook([this](LeadService::Writes &w, int winner, const std::vector<int> &losers) {
    move_roles_locked(w, winner, losers);
  });
}

std::string ObjectService::guid_of(int id) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%012d", id);
  return kGuidPrefix + std::string(digits);
}

bool ObjectService::id_of_guid(const std::string &guid, int &id) {
  const std::size_t n = sizeof kGuidPrefix - 1;
  if (guid.size() != n + 12 || guid.compare(0, n, kGuidPrefix) != 0) return false;
  std::string digits = guid.substr(n);
  while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  return parse_id(digits, id);
}

// --- the journal -------------------------------------------------------------

bool ObjectService::replay(const std::vector<std::string> &f) {
  if (f.size() != 2) return false;
  if (f[0] == kDeleteKind) {
    int id = 0;
    if (!parse_id(f[1], id)) return false;
    objects_.erase(id);
    return true;
  }
  json j = json::parse(f[1], nullptr, false);
  if (!j.is_object()) return false;
  try {
    if (f[0] == kObjectKind) {
      StoredObject o;
      o.id = j.at("id").get<int>();
      o.type = j.at("type").get<std::string>();
      if (o.id <= 0 || (o.type != kOpportunity && o.type != kRole)) return false;
      o.has_key = j.contains("key");
      if (o.has_key) o.key = MObjAttrib{j["key"].at(0).get<std::string>(), j["key"].at(1).get<std::string>()};
      o.created_at = j.at("created").get<std::int64_t>();
      o.updated_at = j.at("updated").get<std::int64_t>();
      o.values = j.at("values").get<std::map<std::string, std::string>>();
      objects_[o.id] = o;
      next_id_ = std::max(next_id_, o.id + 1);
      return true;
    }
    if (f[0] == kProgramKind) {
      ProgramState s;
      int id = j.at("id").get<int>();
      s.channel = j.at("channel").get<std::string>();
      for (const json &t : j.at("tags")) s.tags.push_back({t.at(0).get<std::string>(), t.at(1).get<std::string>()});
      for (const json &c : j.at("costs"))
        s.costs.push_back({c.at(0).get<int>(), c.at(1).get<std::string>(), c.at(2).get<std::string>(),
                           c.at(3).get<std::string>()});
      s.next_cost_id = j.at("next").get<int>();
      s.updated_at = j.at("updated").get<std::int64_t>();
      programs_[id] = s;
      return true;
    }
  } catch (const json::exception &) {
    return false;
  }
  return false;
}

void ObjectService::put(LeadService::Writes &w, const StoredObject &o) {
  json j{{"id", o.id}, {"type", o.type}, {"created", o.created_at}, {"updated", o.updated_at}, {"values", o.values}};
  if (o.has_key) j["key"] = {o.key.name, o.key.value};
  w.journal({kObjectKind, j.dump()});
  objects_[o.id] = o;
  next_id_ = std::max(next_id_, o.id + 1);
}

void ObjectService::erase(LeadService::Writes &w, int id) {
  w.journal({kDeleteKind, std::to_string(id)});
  objects_.erase(id);
}

// A merge: the losers' roles become the winner's; a role the winner
// already holds (same opportunity and role) is dropped rather than doubled.
void ObjectService::move_roles_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers) {
  // Each change is journaled after the merge's record, like the lists'
  // moved memberships; in id order, so the journal's lines come in one
  // order whatever the map's.
  std::vector<int> roles;
  for (const auto &kv : objects_)
    if (kv.second.type == kRole &&
        std::find(losers.begin(), losers.end(), kv.second.int_value("PersonId")) != losers.end())
      roles.push_back(kv.first);
  std::sort(roles.begin(), roles.end());
  for (int id : roles) {
    StoredObject o = objects_.at(id);
    const std::string *role = o.value("Role");
    if (find_role(o.int_value("OpportunityId"), winner, role ? *role : std::string(), o.id)) {
      erase(w, id);
      continue;
    }
    o.values["PersonId"] = std::to_string(winner);
    put(w, o);
  }
}

// --- lookups (under the lock) ------------------------------------------------

const StoredObject *ObjectService::find_key(const std::string &type, const std::string &value) const {
  for (const auto &kv : objects_)
    if (kv.second.type == type && kv.second.has_key && kv.second.key.value == value) return &kv.second;
  return nullptr;
}

const StoredObject *ObjectService::find_role(int opportunity, int person, const std::string &role, int except) const {
  for (const auto &kv : objects_) {
    const StoredObject &o = kv.second;
    if (o.type != kRole || o.id == except) continue;
    const std::string *r = o.value("Role");
    if (o.int_value("OpportunityId") == opportunity && o.int_value("PersonId") == person && r && iequals(*r, role))
      return &o;
  }
  return nullptr;
}

MObjectData ObjectService::to_data(const StoredObject &o) {
  MObjectData d;
  d.type = o.type;
  d.has_id = true;
  d.id = o.id;
  d.has_external_key = o.has_key;
  d.external_key = o.key;
  d.created_at = o.created_at;
  d.updated_at = o.updated_at;
  for (const ObjectField &f : object_fields(o.type)) {
    if (f.read_only) continue;  // the id and the times are members of MObject
    if (const std::string *v = o.value(f.soap)) d.attribs.push_back(MObjAttrib{f.soap, *v});
  }
  if (o.type == kRole) {
    MObjAssociationData opp, lead;
    opp.type = kOpportunity;
    opp.has_id = true;
    opp.id = o.int_value("OpportunityId");
    lead.type = "Lead";
    lead.has_id = true;
    lead.id = o.int_value("PersonId");
    d.associations = {opp, lead};
  }
  return d;
}

// --- listMObjects, describeMObject ------------------------------------------

std::vector<std::string> ObjectService::object_names() {
  return {"ActivityRecord", "LeadRecord", kOpportunity, kRole};
}

MObjDescription ObjectService::describe(const std::string &name) {
  if (name.empty()) throw ServiceError::told(mktows::fault_code::parameter_required, "no objectName");
  MObjDescription d;
  d.updated_at = kWorldTime;
  if (name == "LeadRecord") {
    d.name = name;
    // The configured lead fields (config.hpp), after the two every lead has.
    MObjField id = to_field(ObjectField{"Id", "id", "Id", ValueKind::integer, 0, true, false, "Lead"});
    MObjField email = to_field(ObjectField{"Email", "email", "Email Address", ValueKind::string, 255, false, false, "Lead"});
    d.fields = {id, email};
    for (const FieldConfig &c : leads_.config().fields) {
      MObjField f;
      f.name = c.name;
      f.display_name = spaced(c.name);
      f.source_object = "Lead";
      f.data_type = c.type.empty() ? "string" : c.type;
      bool text = f.data_type == "string" || f.data_type == "email" || f.data_type == "phone" || f.data_type == "url";
      f.has_size = text;
      f.size = text ? 255 : 0;
      f.custom = false;
      d.fields.push_back(f);
    }
    return d;
  }
  if (name == "ActivityRecord") {
    MObjDescription a = mktows_front::activity_record_description();
    a.updated_at = kWorldTime;
    return a;
  }
  if (name != kOpportunity && name != kRole)
    throw ServiceError::told(mktows::fault_code::bad_parameter, "describeMObject knows no object " + name);
  d.name = name;
  for (const ObjectField &f : object_fields(name)) d.fields.push_back(to_field(f));
  return d;
}

// --- getMObjects ----------------------------------------------------------------

MObjPage ObjectService::get_objects(const MObjQuery &q) {
  using mktows::fault_code::bad_parameter;
  if (q.type.empty()) throw ServiceError::told(mktows::fault_code::parameter_required, "no type");
  MObjPage page;
  if (q.type == kProgram) {
    leads_.read([&](const LeadStore &store) { page = get_programs(q, store); });
    return page;
  }
  if (q.type != kOpportunity && q.type != kRole)
    throw ServiceError::told(bad_parameter, "getMObjects reads Opportunity, OpportunityPersonRole or Program, not " + q.type);
  // The criteria, each against its field ("CRM Id": the external key).
  struct Test {
    std::string field;  // "" : the external key's value
    Criterion c;
  };
  std::vector<Test> tests;
  for (const MObjCriterion &mc : q.criteria) {
    Test t;
    ValueKind kind = ValueKind::string;
    if (q.type == kOpportunity && iequals(mc.name, "CRM Id")) {
      t.field.clear();
    } else if (const ObjectField *f = object_field(q.type, mc.name)) {
      t.field = f->soap;
      kind = f->kind;
    } else {
      throw ServiceError::told(bad_parameter, "no criterion " + mc.name + " for " + q.type);
    }
    std::string why;
    if (!make_criterion(kind, mc.comparison, mc.value, t.c, why))
      throw ServiceError::told(bad_parameter, "criterion " + mc.name + ": " + why);
    tests.push_back(t);
  }
  leads_.read([&](const LeadStore &store) {
    // Associations, resolved to what a record must point at.
    std::vector<int> leads_wanted, opps_wanted;
    std::vector<std::string> companies;
    bool none = false;  // an association that names nothing: no record can match
    for (const MObjAssociationData &a : q.associations) {
      if (iequals(a.type, "Lead")) {
        std::string why;
        int id = lead_of(store, a, why);
        if (id < 0) throw ServiceError::told(bad_parameter, why);
        if (id == 0) none = true;
        leads_wanted.push_back(id);
      } else if (iequals(a.type, "Company") && q.type == kOpportunity) {
        if (!a.has_external_key)
          throw ServiceError::told(bad_parameter, "the sandbox names companies by externalKey only");
        companies.push_back(a.external_key.value);
      } else if (iequals(a.type, kOpportunity) && q.type == kRole) {
        int id = 0;
        if (a.has_id) {
          id = a.id;
        } else if (a.has_external_key) {
          const StoredObject *o = find_key(kOpportunity, a.external_key.value);
          id = o ? o->id : 0;
        } else {
          throw ServiceError::told(bad_parameter, "an Opportunity association needs an id or an externalKey");
        }
        if (id == 0) none = true;
        opps_wanted.push_back(id);
      } else {
        throw ServiceError::told(bad_parameter, "no " + a.type + " association for " + q.type);
      }
    }
    int last = q.has_position ? read_position(q, q.position) : 0;
    auto match = [&](const StoredObject &o) {
      if (none || o.type != q.type) return false;
      if (q.has_id && o.id != q.id) return false;
      if (q.has_external_key && (!o.has_key || o.key.value != q.external_key.value)) return false;
      for (const Test &t : tests) {
        std::string held;
        const std::string *v = nullptr;
        if (t.field.empty()) {
          v = o.has_key ? &o.key.value : nullptr;
        } else if (t.field == "Id") {
          held = std::to_string(o.id);
          v = &held;
        } else if (t.field == "Created At" || t.field == "Updated At") {
          held = std::to_string(t.field == "Created At" ? o.created_at : o.updated_at);
          v = &held;
        } else {
          v = o.value(t.field);
        }
        if (!meets(t.c, v)) return false;
      }
      for (int lead : leads_wanted) {
        if (q.type == kRole) {
          if (o.int_value("PersonId") != lead) return false;
        } else {
          bool linked = false;
          for (const auto &kv : objects_)
            if (kv.second.type == kRole && kv.second.int_value("OpportunityId") == o.id &&
                kv.second.int_value("PersonId") == lead)
              linked = true;
          if (!linked) return false;
        }
      }
      for (int opp : opps_wanted)
        if (o.int_value("OpportunityId") != opp) return false;
      for (const std::string &c : companies) {
        const std::string *v = o.value("ExternalCompanyId");
        if (!v || *v != c) return false;
      }
      return true;
    };
    // Id order, from the record after the position's: a walk meets every
    // record once, whatever is written while it goes on.
    for (auto it = objects_.upper_bound(last); it != objects_.end(); ++it) {
      if (!match(it->second)) continue;
      if (page.objects.size() == mktows::kMaxMObjects) {
        page.has_more = true;
        break;
      }
      page.objects.push_back(to_data(it->second));
    }
  });
  if (q.has_position && page.objects.empty())
    throw ServiceError::told(mktows::fault_code::stream_at_end, "no records after the stream position");
  if (!page.objects.empty()) page.position = make_position(q, page.objects.back().id);
  return page;
}

ProgramState ObjectService::state_of(const Program &p) const {
  auto it = programs_.find(p.id);
  if (it != programs_.end()) return it->second;
  ProgramState s;
  s.channel = p.channel;
  s.updated_at = kWorldTime;
  return s;
}

ProgramView ObjectService::view_of(const Program &p) const {
  ProgramView v;
  v.program = p;
  v.state = state_of(p);
  v.created_at = kWorldTime;
  return v;
}

MObjPage ObjectService::get_programs(const MObjQuery &q, const LeadStore &) {
  using mktows::fault_code::bad_parameter;
  if (!q.associations.empty()) throw ServiceError::told(bad_parameter, "a Program takes no associations");
  if (q.has_external_key) throw ServiceError::told(bad_parameter, "a Program has no externalKey");
  // Each criterion: a field of the program, or one of the tag tests.
  struct Test {
    std::string field;
    Criterion c;
  };
  std::vector<Test> tests;
  const std::string *tag_type = nullptr, *tag_value = nullptr;
  for (const MObjCriterion &mc : q.criteria) {
    ValueKind kind = ValueKind::string;
    std::string field;
    if (iequals(mc.name, "Tag Type") || iequals(mc.name, "Tag Value") || iequals(mc.name, "Include Archive")) {
      if (mc.comparison != MObjComparison::eq) throw ServiceError::told(bad_parameter, mc.name + " compares with EQ only");
      if (iequals(mc.name, "Tag Type")) {
        if (tag_type) throw ServiceError::told(bad_parameter, "only one Tag Type criterion");
        tag_type = &mc.value;
      } else if (iequals(mc.name, "Tag Value")) {
        if (tag_value) throw ServiceError::told(bad_parameter, "only one Tag Value criterion");
        tag_value = &mc.value;
      } else {
        std::string out, why;
        // No program of the sandbox is archived: the flag only has to be one.
        if (!normalise_value(ValueKind::boolean, 0, mc.value, out, why))
          throw ServiceError::told(bad_parameter, "Include Archive: " + why);
      }
      continue;
    }
    if (iequals(mc.name, "Id") || iequals(mc.name, "Workspace Id")) {
      kind = ValueKind::integer;
      field = iequals(mc.name, "Id") ? "Id" : "Workspace Id";
    } else if (iequals(mc.name, "Created At") || iequals(mc.name, "Updated At")) {
      kind = ValueKind::datetime;
      field = iequals(mc.name, "Created At") ? "Created At" : "Updated At";
    } else if (iequals(mc.name, "Name") || iequals(mc.name, "Type") || iequals(mc.name, "Workspace Name")) {
      field = iequals(mc.name, "Name") ? "Name" : iequals(mc.name, "Type") ? "Type" : "Workspace Name";
    } else {
      throw ServiceError::told(bad_parameter, "no criterion " + mc.name + " for Program");
    }
    Test t;
    t.field = field;
    std::string why;
    if (!make_criterion(kind, mc.comparison, mc.value, t.c, why))
      throw ServiceError::told(bad_parameter, "criterion " + mc.name + ": " + why);
    tests.push_back(t);
  }
  int last = q.has_position ? read_position(q, q.position) : 0;
  std::vector<const Program *> sorted;
  for (const Program &p : world_.programs) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](const Program *a, const Program *b) { return a->id < b->id; });
  MObjPage page;
  for (const Program *p : sorted) {
    if (p->id <= last || (q.has_id && p->id != q.id)) continue;
    ProgramView v = view_of(*p);
    std::vector<ProgramTag> tags = v.state.tags;
    if (!v.state.channel.empty()) tags.insert(tags.begin(), ProgramTag{"Channel", v.state.channel});
    bool ok = true;
    for (const Test &t : tests) {
      std::string held = t.field == "Id"             ? std::to_string(p->id)
                         : t.field == "Workspace Id" ? "1"
                         : t.field == "Created At"   ? std::to_string(v.created_at)
                         : t.field == "Updated At"   ? std::to_string(v.state.updated_at)
                         : t.field == "Name"         ? p->name
                         : t.field == "Type"         ? p->type
                                                     : "Default";
      if (!meets(t.c, &held)) ok = false;
    }
    if (tag_type || tag_value) {
      bool found = false;
      for (const ProgramTag &t : tags)
        if ((!tag_type || iequals(t.type, *tag_type)) && (!tag_value || iequals(t.value, *tag_value))) found = true;
      if (!found) ok = false;
    }
    if (!ok) continue;
    if (page.objects.size() == mktows::kMaxMObjects) {
      page.has_more = true;
      break;
    }
    MObjectData d;
    d.type = kProgram;
    d.has_id = true;
    d.id = p->id;
    d.created_at = v.created_at;
    d.updated_at = v.state.updated_at;
    d.attribs = {{"Name", p->name},
                 {"Description", ""},
                 {"Type", p->type},
                 {"Workspace Id", "1"},
                 {"Workspace Name", "Default"},
                 {"Tree Path", "Marketing Activities/" + p->name},
                 {"Is Archived", "false"}};
    if (q.include_details) {
      for (const ProgramTag &t : tags) d.type_attribs.push_back({"Tag", {{"Type", t.type}, {"Value", t.value}}});
      for (const ProgramCost &c : v.state.costs)
        d.type_attribs.push_back(
            {"Cost", {{"Id", std::to_string(c.id)}, {"Month", c.month}, {"Amount", c.amount}, {"Note", c.note}}});
    }
    page.objects.push_back(d);
  }
  if (q.has_position && page.objects.empty())
    throw ServiceError::told(mktows::fault_code::stream_at_end, "no programs after the stream position");
  if (!page.objects.empty()) page.position = make_position(q, page.objects.back().id);
  return page;
}

// --- syncMObjects, deleteMObjects --------------------------------------------------

std::vector<MObjStatusData> ObjectService::sync_objects(const std::vector<MObjectData> &objects,
                                                        MObjSyncOperation operation) {
  if (objects.size() > mktows::kMaxMObjects)
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             std::to_string(objects.size()) + " objects: at most " +
                                 std::to_string(mktows::kMaxMObjects) + " per call");
  std::vector<MObjStatusData> out;
  for (const Outcome &o : sync(objects, operation)) out.push_back(o.status);
  return out;
}

std::vector<MObjStatusData> ObjectService::delete_objects(const std::vector<MObjectData> &objects) {
  if (objects.size() > mktows::kMaxMObjects)
    throw ServiceError::told(mktows::fault_code::bad_parameter,
                             std::to_string(objects.size()) + " objects: at most " +
                                 std::to_string(mktows::kMaxMObjects) + " per call");
  std::vector<MObjStatusData> out;
  for (const Outcome &o : remove(objects)) out.push_back(o.status);
  return out;
}

std::vector<ObjectService::Outcome> ObjectService::sync(const std::vector<MObjectData> &objects,
                                                        MObjSyncOperation operation) {
  std::vector<Outcome> out;
  std::int64_t now = now_seconds();
  leads_.transact([&](LeadService::Writes &w) {
    for (const MObjectData &o : objects) out.push_back(sync_one(w, o, operation, now));
  });
  return out;
}

std::vector<ObjectService::Outcome> ObjectService::remove(const std::vector<MObjectData> &objects) {
  std::vector<Outcome> out;
  leads_.transact([&](LeadService::Writes &w) {
    for (const MObjectData &o : objects) out.push_back(remove_one(w, o));
  });
  return out;
}

ObjectService::Outcome ObjectService::sync_one(LeadService::Writes &w, const MObjectData &o, MObjSyncOperation op,
                                               std::int64_t now) {
  auto fail = [&](Reason r, const std::string &why) { return Outcome{status_for(o, MObjStatusCode::failed, why), r}; };
  if (o.type == kProgram) return sync_program(w, o, op, now);
  if (o.type != kOpportunity && o.type != kRole)
    return fail(Reason::invalid, o.type.empty() ? "no type" : "syncMObjects writes no " + o.type);
  if (!o.type_attribs.empty()) return fail(Reason::invalid, "an " + o.type + " takes no typeAttribList");
  const bool role = o.type == kRole;
  if (role && o.has_external_key)
    return fail(Reason::invalid, "a role has no externalKey: name it by id, or by OpportunityId, PersonId and Role");
  // The record this one names, if any.
  const StoredObject *found = nullptr;
  if (o.has_id) {
    if (op == MObjSyncOperation::insert) return fail(Reason::invalid, "INSERT takes no id");
    auto it = objects_.find(o.id);
    if (it == objects_.end() || it->second.type != o.type)
      return fail(Reason::not_found, "no " + o.type + " with id " + std::to_string(o.id));
    found = &it->second;
  } else if (o.has_external_key) {
    if (o.external_key.value.empty()) return fail(Reason::invalid, "an empty externalKey");
    found = find_key(o.type, o.external_key.value);
  }
  // The values the record will hold.
  StoredObject next;
  if (found) next = *found;
  if (o.has_id && o.has_external_key && (!found->has_key || found->key.value != o.external_key.value)) {
    // An id and a new external key: the key is set, if no other record has it.
    if (o.external_key.value.empty()) return fail(Reason::invalid, "an empty externalKey");
    if (find_key(o.type, o.external_key.value)) return fail(Reason::exists, "another " + o.type + " has this externalKey");
    next.has_key = true;
    next.key = o.external_key;
  }
  for (const MObjAttrib &a : o.attribs) {
    const ObjectField *f = object_field(o.type, a.name);
    if (!f) return fail(Reason::field_not_found, "no attribute " + a.name + " on " + o.type);
    if (f->read_only) return fail(Reason::read_only, a.name + " is read-only");
    if (a.value.empty()) {
      next.values.erase(f->soap);  // an empty value clears the field
      continue;
    }
    std::string v, why;
    if (!normalise_value(f->kind, f->size, a.value, v, why)) return fail(Reason::invalid, a.name + ": " + why);
    next.values[f->soap] = v;
  }
  for (const MObjAssociationData &a : o.associations) {
    if (!role && iequals(a.type, "Company")) {
      if (!a.has_external_key || a.external_key.value.empty())
        return fail(Reason::invalid, "the sandbox names companies by externalKey only");
      next.values["ExternalCompanyId"] = a.external_key.value;
    } else if (role && iequals(a.type, "Lead")) {
      std::string why;
      int id = lead_of(w.store(), a, why);
      if (id < 0) return fail(Reason::invalid, why);
      if (id == 0) return fail(Reason::lead_not_found, "the Lead association names no lead");
      next.values["PersonId"] = std::to_string(id);
    } else if (role && iequals(a.type, kOpportunity)) {
      const StoredObject *opp = nullptr;
      if (a.has_id) {
        auto it = objects_.find(a.id);
        if (it != objects_.end() && it->second.type == kOpportunity) opp = &it->second;
      } else if (a.has_external_key) {
        opp = find_key(kOpportunity, a.external_key.value);
      }
      if (!opp) return fail(Reason::not_found, "the Opportunity association names no opportunity");
      next.values["OpportunityId"] = std::to_string(opp->id);
    } else {
      return fail(Reason::invalid, "no " + a.type + " association for " + o.type);
    }
  }
  if (role) {
    for (const ObjectField &f : object_fields(kRole))
      if (f.required && !next.value(f.soap)) return fail(Reason::invalid, std::string("a role needs ") + f.soap);
    int opp = next.int_value("OpportunityId"), person = next.int_value("PersonId");
    auto it = objects_.find(opp);
    if (it == objects_.end() || it->second.type != kOpportunity)
      return fail(Reason::not_found, "OpportunityId " + *next.value("OpportunityId") + " names no opportunity");
    if (!w.store().by_id(person))
      return fail(Reason::lead_not_found, "PersonId " + *next.value("PersonId") + " names no lead");
    // The compound key (the REST dedupe fields): an unnamed role is found by it.
    const StoredObject *same = find_role(opp, person, *next.value("Role"), found ? found->id : 0);
    if (!found && !o.has_id && same) {
      found = same;
      StoredObject merged = *same;
      for (const auto &kv : next.values) merged.values[kv.first] = kv.second;
      next = merged;
    } else if (same) {
      return fail(Reason::exists, "another role has this OpportunityId, PersonId and Role");
    }
  }
  if (found) {
    if (op == MObjSyncOperation::insert)
      return Outcome{status_for(o, MObjStatusCode::skipped, "the " + o.type + " exists: INSERT leaves it"), Reason::exists};
    MObjStatusData s = status_for(o, MObjStatusCode::unchanged);
    s.id = found->id;
    s.has_external_key = found->has_key;
    s.external_key = found->key;
    if (next.values == found->values && next.has_key == found->has_key && next.key.value == found->key.value)
      return Outcome{s, Reason::none};
    next.updated_at = now;
    put(w, next);
    s.status = MObjStatusCode::updated;
    s.has_external_key = next.has_key;
    s.external_key = next.key;
    return Outcome{s, Reason::none};
  }
  if (op == MObjSyncOperation::update)
    return fail(Reason::not_found, o.has_external_key ? "no " + o.type + " with this externalKey"
                                                      : "UPDATE needs an id or an externalKey");
  next.id = next_id_;
  next.type = o.type;
  next.has_key = o.has_external_key;
  next.key = o.external_key;
  next.created_at = next.updated_at = now;
  put(w, next);
  MObjStatusData s = status_for(o, MObjStatusCode::created);
  s.id = next.id;
  return Outcome{s, Reason::none};
}

ObjectService::Outcome ObjectService::remove_one(LeadService::Writes &w, const MObjectData &o) {
  auto fail = [&](Reason r, const std::string &why) { return Outcome{status_for(o, MObjStatusCode::failed, why), r}; };
  if (o.type != kOpportunity && o.type != kRole)
    return fail(Reason::invalid, o.type.empty() ? "no type" : "deleteMObjects deletes no " + o.type);
  int id = 0;
  if (o.has_id) {
    id = o.id;
  } else if (o.has_external_key && o.type == kOpportunity) {
    const StoredObject *found = find_key(kOpportunity, o.external_key.value);
    id = found ? found->id : 0;
  } else {
    return fail(Reason::invalid, "a delete names its object by id");
  }
  auto it = objects_.find(id);
  if (id == 0 || it == objects_.end() || it->second.type != o.type)
    return Outcome{status_for(o, MObjStatusCode::unchanged, "no such " + o.type), Reason::not_found};
  if (o.type == kOpportunity) {
    // Its roles go with it: a role names an opportunity that exists.
    std::vector<int> roles;
    for (const auto &kv : objects_)
      if (kv.second.type == kRole && kv.second.int_value("OpportunityId") == id) roles.push_back(kv.first);
    for (int r : roles) erase(w, r);
  }
  erase(w, id);
  MObjStatusData s = status_for(o, MObjStatusCode::deleted);
  s.id = id;
  return Outcome{s, Reason::none};
}

// --- programs --------------------------------------------------------------------

bool ObjectService::apply(const Program &p, ProgramState &state, const ProgramChange &change, std::string &why) const {
  ProgramState next = state;
  if (change.replace_costs) next.costs.clear();
  for (const ProgramCost &c : change.costs) {
    if (!valid_month(c.month)) {
      why = "a cost's Month is YYYY-MM, not " + c.month;
      return false;
    }
    std::string amount;
    if (!normalise_value(ValueKind::currency, 0, c.amount, amount, why)) {
      why = "a cost's Amount: " + why;
      return false;
    }
    if (c.id == 0) {
      next.costs.push_back(ProgramCost{next.next_cost_id++, c.month, c.amount, c.note});
      continue;
    }
    auto it = std::find_if(next.costs.begin(), next.costs.end(), [&](const ProgramCost &k) { return k.id == c.id; });
    if (it == next.costs.end()) {
      why = "the program has no cost " + std::to_string(c.id);
      return false;
    }
    std::string note = c.keep_note ? it->note : c.note;
    *it = ProgramCost{c.id, c.month, c.amount, note};
  }
  for (const ProgramTag &t : change.tags) {
    if (iequals(t.type, "Channel")) {
      const Channel *ch = world_.channel(t.value);
      if (!ch) {
        why = "no channel " + t.value;
        return false;
      }
      if (!iequals(ch->program_type, p.type)) {
        why = "channel " + ch->name + " is for " + ch->program_type + " programs";
        return false;
      }
      next.channel = ch->name;
      continue;
    }
    const TagType *type = nullptr;
    for (const TagType &k : world_.tag_types)
      if (iequals(k.name, t.type)) type = &k;
    if (!type) {
      why = "no tag type " + t.type;
      return false;
    }
    const std::string *value = nullptr;
    for (const std::string &v : type->values)
      if (iequals(v, t.value)) value = &v;
    if (!value) {
      why = "tag type " + type->name + " has no value " + t.value;
      return false;
    }
    auto it = std::find_if(next.tags.begin(), next.tags.end(), [&](const ProgramTag &k) { return k.type == type->name; });
    if (it == next.tags.end()) next.tags.push_back({type->name, *value});
    else it->value = *value;
  }
  state = next;
  return true;
}

static bool same_state(const ProgramState &a, const ProgramState &b) {
  if (a.channel != b.channel || a.tags.size() != b.tags.size() || a.costs.size() != b.costs.size()) return false;
  for (std::size_t i = 0; i < a.tags.size(); ++i)
    if (a.tags[i].type != b.tags[i].type || a.tags[i].value != b.tags[i].value) return false;
  for (std::size_t i = 0; i < a.costs.size(); ++i)
    if (a.costs[i].id != b.costs[i].id || a.costs[i].month != b.costs[i].month || a.costs[i].amount != b.costs[i].amount ||
        a.costs[i].note != b.costs[i].note)
      return false;
  return true;
}

ObjectService::Outcome ObjectService::sync_program(LeadService::Writes &w, const MObjectData &o, MObjSyncOperation op,
                                                   std::int64_t now) {
  auto fail = [&](Reason r, const std::string &why) { return Outcome{status_for(o, MObjStatusCode::failed, why), r}; };
  if (op != MObjSyncOperation::update) return fail(Reason::invalid, "a Program is only updated (operation UPDATE)");
  if (!o.has_id) return fail(Reason::invalid, "a Program is named by its id");
  const Program *p = nullptr;
  for (const Program &k : world_.programs)
    if (k.id == o.id) p = &k;
  if (!p) return fail(Reason::not_found, "no Program with id " + std::to_string(o.id));
  if (!o.attribs.empty() || !o.associations.empty())
    return fail(Reason::read_only, "only a program's costs and tags can be written");
  ProgramChange change;
  for (const mktows_front::MObjTypeAttribData &t : o.type_attribs) {
    auto get = [&](const char *name) -> const std::string * {
      for (const MObjAttrib &a : t.attribs)
        if (iequals(a.name, name)) return &a.value;
      return nullptr;
    };
    if (iequals(t.type, "Cost")) {
      for (const MObjAttrib &a : t.attribs)
        if (!iequals(a.name, "Month") && !iequals(a.name, "Amount") && !iequals(a.name, "Id") && !iequals(a.name, "Note"))
          return fail(Reason::field_not_found, "a Cost has no " + a.name);
      const std::string *month = get("Month"), *amount = get("Amount"), *id = get("Id"), *note = get("Note");
      if (!month || !amount) return fail(Reason::invalid, "a Cost needs Month and Amount");
      ProgramCost c{0, *month, *amount, note ? *note : std::string(), !note};
      if (id && !id->empty() && !parse_id(*id, c.id)) return fail(Reason::invalid, "a Cost's Id is a positive number");
      change.costs.push_back(c);
    } else if (iequals(t.type, "Tag")) {
      const std::string *type = get("Type"), *value = get("Value");
      if (!type || !value || t.attribs.size() != 2) return fail(Reason::invalid, "a Tag is a Type and a Value");
      change.tags.push_back({*type, *value});
    } else {
      return fail(Reason::invalid, "a Program takes Cost and Tag, not " + t.type);
    }
  }
  ProgramState state = state_of(*p), before = state;
  std::string why;
  if (!apply(*p, state, change, why)) return fail(Reason::invalid, why);
  MObjStatusData s = status_for(o, MObjStatusCode::unchanged);
  if (same_state(state, before)) return Outcome{s, Reason::none};
  state.updated_at = now;
  w.journal({kProgramKind, program_record(p->id, state).dump()});
  programs_[p->id] = state;
  s.status = MObjStatusCode::updated;
  return Outcome{s, Reason::none};
}

std::vector<ProgramView> ObjectService::programs() {
  std::vector<ProgramView> out;
  leads_.read([&](const LeadStore &) {
    for (const Program &p : world_.programs) out.push_back(view_of(p));
  });
  std::sort(out.begin(), out.end(), [](const ProgramView &a, const ProgramView &b) { return a.program.id < b.program.id; });
  return out;
}

bool ObjectService::program(int id, ProgramView &out) {
  bool found = false;
  leads_.read([&](const LeadStore &) {
    for (const Program &p : world_.programs)
      if (p.id == id) {
        out = view_of(p);
        found = true;
      }
  });
  return found;
}

ProgramView ObjectService::update_program(int id, const ProgramChange &change) {
  ProgramView v;
  std::int64_t now = now_seconds();
  leads_.transact([&](LeadService::Writes &w) {
    const Program *p = nullptr;
    for (const Program &k : world_.programs)
      if (k.id == id) p = &k;
    if (!p) throw Refused("no program " + std::to_string(id));
    ProgramState state = state_of(*p), before = state;
    std::string why;
    if (!apply(*p, state, change, why)) throw Refused(why);
    if (!same_state(state, before)) {
      state.updated_at = now;
      w.journal({kProgramKind, program_record(p->id, state).dump()});
      programs_[p->id] = state;
    }
    v = view_of(*p);
  });
  return v;
}

std::vector<StoredObject> ObjectService::objects(const std::string &type) {
  std::vector<StoredObject> out;
  leads_.read([&](const LeadStore &) {
    for (const auto &kv : objects_)
      if (kv.second.type == type) out.push_back(kv.second);
  });
  return out;
}

StoredObject ObjectService::opportunity_by_key(const std::string &value) {
  StoredObject out;
  leads_.read([&](const LeadStore &) {
    if (const StoredObject *o = find_key(kOpportunity, value)) out = *o;
  });
  return out;
}

}  // namespace mktows_sandbox
