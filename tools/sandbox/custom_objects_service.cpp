// custom_objects_service.cpp: the custom objects' rules (docs/SANDBOX.md,
// "Custom objects"): the key sets, the three sync operations, deletes by
// keys or id, the walks of getCustomObjects, the journal records, the
// records following a merge.
#include "custom_objects_service.hpp"
#include "text_values.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

namespace mktows_sandbox {

const char CustomObjectService::kKind[] = "CO";
const char CustomObjectService::kDeleteKind[] = "COD";

namespace {

const char kGuidPrefix[] = "00000000-0000-4000-8000-";  // then the id, 12 digits

const std::string *field_value(const CustomFields &fields, const std::string &name) {
  for (const CustomField &f : fields)
    if (f.name == name) return &f.value;
  return nullptr;
}

void set_value(CustomFields &fields, const std::string &name, const std::string &value) {
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if (it->name == name) {
      if (value.empty()) fields.erase(it);
      else it->value = value;
      return;
    }
  if (!value.empty()) fields.push_back(CustomField{name, value});
}

ServiceError input_error(const std::string &why) {
  // The vendor's answer to a wrong key set was 20110 "Input error" [mkty#33].
  return ServiceError::told(fault_code::bad_parameter, "Input error: " + why);
}

}  // namespace

const std::string *CustomObject::value(const std::string &name) const { return field_value(values, name); }

CustomObjectService::CustomObjectService(LeadService &leads)
    : leads_(leads), created_at_(static_cast<std::int64_t>(std::time(nullptr))) {
  for (const CustomObjectType &t : world().custom_object_types) walks_[t.name].reset(new LeadWalks());
  leads_.add_record_kind(kKind, [this](const std::vector<std::string> &f) { return replay(f); });
  leads_.add_record_kind(kDeleteKind, [this](const std::vector<std::string> &f) { return replay_delete(f); });
  leads_.add_merge_hook([this](LeadService::Writes &w, int winner, const std::vector<int> &losers) {
    move_leads_locked(w, winner, losers);
  });
}

std::string CustomObjectService::guid(int id) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%012d", id);
  return kGuidPrefix + std::string(digits);
}

bool CustomObjectService::parse_guid(const std::string &guid, int &id) {
  const std::size_t n = sizeof kGuidPrefix - 1;
  if (guid.size() != n + 12 || guid.compare(0, n, kGuidPrefix) != 0) return false;
  std::string digits = guid.substr(n);
  std::size_t first = digits.find_first_not_of('0');
  return first != std::string::npos && parse_id(digits.substr(first), id);
}

bool CustomObjectService::normal_integer(const std::string &in, std::string &out) {
  long long v = 0;
  if (!to_long(in, v) || in[0] == '+' || in.find(' ') != std::string::npos) return false;
  out = std::to_string(v);
  return true;
}

// --- the store ---------------------------------------------------------------

std::string CustomObjectService::index_key(const std::string &type, const std::vector<std::string> &values) const {
  // The unit and record separators cannot be typed into an XML 1.0 or JSON
  // string unescaped, but a value may hold them: lengths make it exact.
  std::string k = ascii_lower(type);
  for (const std::string &v : values) k += "\x1f" + std::to_string(v.size()) + ":" + v;
  return k;
}

std::vector<std::string> CustomObjectService::dedupe_values(const CustomObjectType &type, const CustomObject &o) const {
  std::vector<std::string> out;
  for (const CustomObjectField &f : type.dedupe) {
    const std::string *v = o.value(f.name);
    out.push_back(v ? *v : std::string());
  }
  return out;
}

void CustomObjectService::put_locked(CustomObject o) {
  const CustomObjectType *type = world().custom_object_type(o.type);
  auto old = records_.find(o.id);
  if (old != records_.end()) index_.erase(index_key(o.type, dedupe_values(*type, old->second)));
  index_[index_key(o.type, dedupe_values(*type, o))] = o.id;
  next_id_ = std::max(next_id_, o.id + 1);
  records_[o.id] = std::move(o);
}

void CustomObjectService::remove_locked(int id) {
  auto it = records_.find(id);
  if (it == records_.end()) return;
  index_.erase(index_key(it->second.type, dedupe_values(*world().custom_object_type(it->second.type), it->second)));
  records_.erase(it);
}

const CustomObject *CustomObjectService::by_keys_locked(const CustomObjectType &type, const CustomFields &values,
                                                        bool &complete, std::string &missing) const {
  std::vector<std::string> keys;
  complete = true;
  for (const CustomObjectField &f : type.dedupe) {
    const std::string *v = field_value(values, f.name);
    std::string value = v ? *v : std::string();
    if (value.empty()) {
      complete = false;
      missing = f.name;
      return nullptr;
    }
    if (f.type == "integer" && !normal_integer(value, value)) return nullptr;  // no record has such a key
    keys.push_back(value);
  }
  auto it = index_.find(index_key(type.name, keys));
  return it == index_.end() ? nullptr : &records_.at(it->second);
}

// The journal: CO, id, type, lead, createdAt, updatedAt, then name, value
// pairs (a record's whole state: the last line for an id wins).
bool CustomObjectService::replay(const std::vector<std::string> &f) {
  if (f.size() < 6 || f.size() % 2 != 0) return false;
  CustomObject o;
  long long created = 0, updated = 0;
  if (!parse_id(f[1], o.id) || !parse_id(f[3], o.lead_id) || !to_long(f[4], created) || !to_long(f[5], updated))
    return false;
  const CustomObjectType *type = world().custom_object_type(f[2]);
  if (!type) return false;  // the configuration no longer has the type: refuse rather than drop it
  o.type = type->name;
  o.created_at = created;
  o.updated_at = updated;
  for (std::size_t i = 6; i + 1 < f.size(); i += 2) o.values.push_back(CustomField{f[i], f[i + 1]});
  put_locked(std::move(o));
  return true;
}

bool CustomObjectService::replay_delete(const std::vector<std::string> &f) {
  int id = 0;
  if (f.size() != 2 || !parse_id(f[1], id)) return false;
  remove_locked(id);
  return true;
}

void CustomObjectService::move_leads_locked(LeadService::Writes &w, int winner, const std::vector<int> &losers) {
  // Each moved record is journaled whole after the merge's record (the last
  // line for an id wins), like the lists' moved memberships: the journal
  // alone says where a record is, whatever the merge's replay does. In id
  // order, so the journal's lines come in one order whatever the map's.
  std::vector<int> moved;
  for (const auto &kv : records_)
    if (std::find(losers.begin(), losers.end(), kv.second.lead_id) != losers.end()) moved.push_back(kv.first);
  std::sort(moved.begin(), moved.end());
  for (int id : moved) {
    CustomObject &o = records_.at(id);
    o.lead_id = winner;
    journal_locked(w, o);
  }
}

void CustomObjectService::journal_locked(LeadService::Writes &w, const CustomObject &o) {
  std::vector<std::string> record{kKind, std::to_string(o.id), o.type, std::to_string(o.lead_id),
                                  std::to_string(o.created_at), std::to_string(o.updated_at)};
  for (const CustomField &f : o.values) {
    record.push_back(f.name);
    record.push_back(f.value);
  }
  w.journal(record);
}

// --- the rules both faces share ----------------------------------------------

CustomObjectService::Outcome CustomObjectService::write_locked(LeadService::Writes &w, const CustomObjectType &type,
                                                               Mode mode, const CustomFields &in, int by_id) {
  Outcome out;
  auto refuse = [&](Refusal r, const std::string &text) {
    out.refusal = r;
    out.text = text;
    return out;
  };
  // Every name a field of the type, every integer an integer.
  CustomFields values;
  bool has_link = false;
  int link = 0;
  for (const CustomField &f : in) {
    const char *ftype = type.field_type(f.name);
    if (!ftype) return refuse(Refusal::unknown_field, type.name + " has no field " + f.name);
    std::string v = f.value;
    if (std::string(ftype) == "integer" && !v.empty() && !normal_integer(v, v))
      return refuse(Refusal::bad_value, f.name + " must be an integer, not \"" + f.value + "\"");
    if (f.name == type.lead_link) {
      has_link = !v.empty();
      if (has_link && !parse_id(v, link)) return refuse(Refusal::lead_not_found, "no lead with Id " + v);
      continue;
    }
    if (by_id && type.is_dedupe(f.name))
      return refuse(Refusal::bad_value, f.name + " is a dedupe field: an update by marketoGUID cannot change it");
    set_value(values, f.name, v);
    if (v.empty()) values.push_back(CustomField{f.name, ""});  // an explicit clear
  }
  if (has_link && !w.store().by_id(link)) return refuse(Refusal::lead_not_found, "no lead with Id " + std::to_string(link));
  const CustomObject *found = nullptr;
  if (by_id) {
    auto it = records_.find(by_id);
    if (it != records_.end() && it->second.type == type.name) found = &it->second;
    if (!found) return refuse(Refusal::not_found, "no " + type.name + " " + guid(by_id));
  } else {
    bool complete = true;
    std::string missing;
    found = by_keys_locked(type, values, complete, missing);
    if (!complete) return refuse(Refusal::missing_key, "no value for the dedupe field " + missing);
  }
  if (found && mode == Mode::create_only) return refuse(Refusal::exists, "a " + type.name + " with these keys exists");
  if (!found && mode == Mode::update_only) return refuse(Refusal::not_found, "no " + type.name + " with these keys");
  if (!found && !has_link) return refuse(Refusal::no_lead, "a new " + type.name + " needs " + type.lead_link);
  CustomObject o;
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  if (found) {
    o = *found;
  } else {
    o.id = next_id_;
    o.type = type.name;
    o.created_at = now;
  }
  if (has_link) o.lead_id = link;
  for (const CustomField &f : values) set_value(o.values, f.name, f.value);
  o.updated_at = now;
  journal_locked(w, o);
  out.created = !found;
  out.id = o.id;
  put_locked(std::move(o));
  return out;
}

CustomObjectService::Outcome CustomObjectService::erase_locked(LeadService::Writes &w, const CustomObjectType &type,
                                                               const CustomFields &keys, int by_id) {
  Outcome out;
  const CustomObject *found = nullptr;
  if (by_id) {
    auto it = records_.find(by_id);
    if (it != records_.end() && it->second.type == type.name) found = &it->second;
  } else {
    bool complete = true;
    std::string missing;
    found = by_keys_locked(type, keys, complete, missing);
    if (!complete) {
      out.refusal = Refusal::missing_key;
      out.text = "no value for the dedupe field " + missing;
      return out;
    }
    // A key list that also names the link deletes only a record of that lead.
    const std::string *link = field_value(keys, type.lead_link);
    if (found && link && *link != std::to_string(found->lead_id)) found = nullptr;
  }
  if (!found) {
    out.refusal = Refusal::not_found;
    out.text = "no " + type.name + " with these keys";
    return out;
  }
  out.id = found->id;
  w.journal({kDeleteKind, std::to_string(found->id)});
  remove_locked(found->id);
  return out;
}

std::vector<CustomObjectService::Outcome> CustomObjectService::write(const CustomObjectType &type, Mode mode,
                                                                     const std::vector<CustomFields> &records,
                                                                     const std::vector<int> &by_id) {
  std::vector<Outcome> out;
  leads_.transact([&](LeadService::Writes &w) {
    for (std::size_t i = 0; i < records.size(); ++i)
      out.push_back(write_locked(w, type, mode, records[i], i < by_id.size() ? by_id[i] : 0));
  });
  return out;
}

std::vector<CustomObjectService::Outcome> CustomObjectService::erase(const CustomObjectType &type,
                                                                     const std::vector<CustomFields> &key_sets,
                                                                     const std::vector<int> &by_id) {
  std::vector<Outcome> out;
  leads_.transact([&](LeadService::Writes &w) {
    for (std::size_t i = 0; i < key_sets.size(); ++i)
      out.push_back(erase_locked(w, type, key_sets[i], i < by_id.size() ? by_id[i] : 0));
  });
  return out;
}

std::vector<CustomObject> CustomObjectService::find(const CustomObjectType &type, const std::string &field,
                                                    const std::vector<std::string> &values,
                                                    std::vector<std::size_t> &seq) {
  std::vector<CustomObject> out;
  seq.clear();
  leads_.read([&](const LeadStore &) {
    std::set<int> seen;
    auto take = [&](const CustomObject &o, std::size_t i) {
      if (!seen.insert(o.id).second) return;
      out.push_back(o);
      seq.push_back(i);
    };
    const char *ftype = field == "marketoGUID" ? "string" : type.field_type(field);
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::string v = values[i];
      if (ftype && std::string(ftype) == "integer" && !normal_integer(v, v)) continue;
      if (field == "marketoGUID") {
        int id = 0;
        auto it = parse_guid(v, id) ? records_.find(id) : records_.end();
        if (it != records_.end() && it->second.type == type.name) take(it->second, i);
      } else if (type.dedupe.size() == 1 && field == type.dedupe[0].name) {
        auto it = index_.find(index_key(type.name, {v}));
        if (it != index_.end()) take(records_.at(it->second), i);
      } else {
        for (const auto &kv : records_) {
          const CustomObject &o = kv.second;
          if (o.type != type.name) continue;
          const std::string *have = o.value(field);
          std::string link = std::to_string(o.lead_id);
          if (field == type.lead_link ? link == v : (have && *have == v)) take(o, i);
        }
      }
    }
  });
  return out;
}

std::vector<CustomObject> CustomObjectService::find_keys(const CustomObjectType &type,
                                                         const std::vector<CustomFields> &key_sets,
                                                         std::vector<std::size_t> &seq) {
  std::vector<CustomObject> out;
  seq.clear();
  leads_.read([&](const LeadStore &) {
    std::set<int> seen;
    for (std::size_t i = 0; i < key_sets.size(); ++i) {
      bool complete = true;
      std::string missing;
      const CustomObject *o = by_keys_locked(type, key_sets[i], complete, missing);
      if (o && seen.insert(o->id).second) {
        out.push_back(*o);
        seq.push_back(i);
      }
    }
  });
  return out;
}

std::vector<CustomObject> CustomObjectService::all(const std::string &type_name) {
  std::vector<CustomObject> out;
  leads_.read([&](const LeadStore &) {
    for (const auto &kv : records_)
      if (kv.second.type == type_name) out.push_back(kv.second);
  });
  return out;
}

// --- the SOAP calls -------------------------------------------------------------

const CustomObjectType &CustomObjectService::soap_type(const std::string &name) const {
  const CustomObjectType *t = world().custom_object_type(name);
  if (!t) throw ServiceError::told(fault_code::bad_parameter, "objTypeName " + name + " names no custom object type");
  return *t;
}

void CustomObjectService::check_key_set(const CustomObjectType &type, const CustomFields &keys,
                                        const std::string &where) const {
  // Only the dedupe fields are keys (the link may come with them); each
  // once, each with a value.
  std::set<std::string> seen;
  for (const CustomField &k : keys) {
    if (!type.is_dedupe(k.name) && k.name != type.lead_link)
      throw input_error(where + ": " + k.name + " is not a key of " + type.name + " (its keys: " +
                        type.dedupe[0].name + (type.dedupe.size() > 1 ? ", ..." : "") + ")");
    if (!seen.insert(k.name).second) throw input_error(where + ": the key " + k.name + " is given twice");
  }
  for (const CustomObjectField &f : type.dedupe) {
    const std::string *v = field_value(keys, f.name);
    if (!v || v->empty()) throw input_error(where + ": no value for the key " + f.name);
  }
}

CustomObjectResult CustomObjectService::sync_custom_objects(const std::string &type_name,
                                                            CustomSyncOperation operation,
                                                            const std::vector<CustomObjectInput> &records) {
  const CustomObjectType &type = soap_type(type_name);
  if (records.empty()) throw ServiceError::told(fault_code::parameter_required, "customObjList holds no customObj");
  if (records.size() > mktows::kMaxCustomObjects)
    throw ServiceError::told(fault_code::bad_parameter, std::to_string(records.size()) + " customObj: at most " +
                                                            std::to_string(mktows::kMaxCustomObjects) + " per call");
  // Every record's key set first: a wrong one refuses the call before
  // anything is written.
  for (std::size_t i = 0; i < records.size(); ++i)
    check_key_set(type, records[i].keys, "customObj " + std::to_string(i + 1));
  Mode mode = operation == CustomSyncOperation::insert   ? Mode::create_only
              : operation == CustomSyncOperation::update ? Mode::update_only
                                                         : Mode::upsert;
  CustomObjectResult result;
  result.type_name = type.name;
  leads_.transact([&](LeadService::Writes &w) {
    for (const CustomObjectInput &r : records) {
      mktows_front::CustomObjectOutcome o;
      o.keys = r.keys;
      CustomFields flat = r.keys;
      std::string misplaced;
      for (const CustomField &a : r.attributes) {
        if (type.is_dedupe(a.name)) misplaced = a.name;
        flat.push_back(a);
      }
      Outcome done;
      if (!misplaced.empty()) {
        done.refusal = Refusal::bad_value;
        done.text = misplaced + " is a key: it belongs in customObjKeyList";
      } else {
        done = write_locked(w, type, mode, flat, 0);
      }
      if (done.refusal == Refusal::none) {
        o.status = done.created ? mktows_front::CustomObjectStatus::created : mktows_front::CustomObjectStatus::updated;
      } else {
        o.status = mktows_front::CustomObjectStatus::failed;
        o.error = done.text;
      }
      result.outcomes.push_back(std::move(o));
    }
  });
  return result;
}

CustomObjectResult CustomObjectService::delete_custom_objects(const std::string &type_name,
                                                              const std::vector<CustomFields> &key_lists) {
  const CustomObjectType &type = soap_type(type_name);
  if (key_lists.empty()) throw ServiceError::told(fault_code::parameter_required, "customObjKeyLists holds no keyList");
  if (key_lists.size() > mktows::kMaxCustomObjects)
    throw ServiceError::told(fault_code::bad_parameter, std::to_string(key_lists.size()) + " keyList: at most " +
                                                            std::to_string(mktows::kMaxCustomObjects) + " per call");
  for (std::size_t i = 0; i < key_lists.size(); ++i) check_key_set(type, key_lists[i], "keyList " + std::to_string(i + 1));
  std::vector<Outcome> done = erase(type, key_lists, {});
  CustomObjectResult result;
  result.type_name = type.name;
  for (std::size_t i = 0; i < done.size(); ++i) {
    mktows_front::CustomObjectOutcome o;
    o.keys = key_lists[i];
    if (done[i].refusal == Refusal::none) {
      o.status = mktows_front::CustomObjectStatus::deleted;
    } else {
      // UNCHANGED is not in 2_2's SyncStatusEnum (the sheet's §6 #5).
      o.status = mktows_front::CustomObjectStatus::failed;
      o.error = done[i].text;
    }
    result.outcomes.push_back(std::move(o));
  }
  return result;
}

CustomObjectPage CustomObjectService::get_custom_objects(const CustomObjectQuery &query) {
  const CustomObjectType &type = soap_type(query.type_name);
  int page_size = mktows::kMaxCustomObjectPage;
  if (query.has_batch_size) {
    if (query.batch_size < 1) throw ServiceError::told(fault_code::bad_parameter, "batchSize must be at least 1");
    page_size = std::min(query.batch_size, mktows::kMaxCustomObjectPage);
  }
  // The keys select: each a dedupe field or the link, each once.
  std::set<std::string> seen;
  CustomFields keys;
  for (const CustomField &k : query.keys) {
    if (!type.is_dedupe(k.name) && k.name != type.lead_link)
      throw input_error("customObjKeyList: " + k.name + " is not a key of " + type.name);
    if (!seen.insert(k.name).second) throw input_error("customObjKeyList: the key " + k.name + " is given twice");
    std::string v = k.value;
    if (std::string(type.field_type(k.name)) == "integer" && !normal_integer(v, v)) v = "\x1f(no integer)";
    keys.push_back(CustomField{k.name, v});
  }
  std::set<std::string> include;
  for (const std::string &name : query.include) {
    if (!type.field_type(name))
      throw ServiceError::told(fault_code::bad_parameter, "includeAttributes: " + type.name + " has no field " + name);
    include.insert(name);
  }
  CustomObjectPage page;
  page.type_name = type.name;
  leads_.read([&](const LeadStore &) {
    LeadWalks &walks = *walks_.at(type.name);
    LeadWalks::Cursor c;
    if (query.stream_position.empty()) {
      std::vector<int> ids;
      for (const auto &kv : records_) {
        const CustomObject &o = kv.second;
        if (o.type != type.name) continue;
        bool match = true;
        for (const CustomField &k : keys) {
          const std::string *have = o.value(k.name);
          std::string v = k.name == type.lead_link ? std::to_string(o.lead_id) : have ? *have : std::string();
          if (v != k.value) match = false;
        }
        if (match) ids.push_back(o.id);
      }
      c = walks.start(std::move(ids));
    } else {
      c = walks.resume(query.stream_position);
    }
    const std::vector<int> &ids = *c.ids;
    std::size_t end = std::min(ids.size(), c.offset + static_cast<std::size_t>(page_size));
    for (std::size_t i = c.offset; i < end; ++i) {
      auto it = records_.find(ids[i]);
      if (it == records_.end() || it->second.type != type.name) continue;  // deleted since the walk began
      const CustomObject &o = it->second;
      mktows_front::CustomObjectRecord r;
      r.keys.push_back(CustomField{type.lead_link, std::to_string(o.lead_id)});
      for (const CustomObjectField &f : type.dedupe) {
        const std::string *v = o.value(f.name);  // every record has its keys; no dereference on faith
        r.keys.push_back(CustomField{f.name, v ? *v : std::string()});
      }
      for (const CustomObjectField &f : type.fields) {
        const std::string *v = o.value(f.name);
        if (v && (include.empty() || include.count(f.name))) r.attributes.push_back(CustomField{f.name, *v});
      }
      page.records.push_back(std::move(r));
    }
    page.remaining = static_cast<int>(ids.size() - end);
    if (end < ids.size()) page.next_position = walks.position(c.walk, end);
  });
  return page;
}

}  // namespace mktows_sandbox
