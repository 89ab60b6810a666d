// rest_leads.cpp: Sync Leads' four actions and lookupField, the filter
// look-ups and the other lead calls, over the store the SOAP calls use.
// Attributes are stored under their SOAP names, so a lead written through
// one face is read through the other.
#include "rest_leads.hpp"
#include "text_values.hpp"

#include "rest_error.hpp"
#include "rest_fields.hpp"

#include <mktows/limits.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace mktows_sandbox {

using nlohmann::json;
using namespace rest_code;

namespace {

// The REST API's limits (mktows/limits.hpp): records in input, filter values, batchSize.
using mktows::rest_limits::kMaxRecords;
using mktows::rest_limits::kMaxFilterMatches;

json reason(int code, const std::string &detail = std::string()) {
  std::string m = rest_message(code);
  if (!detail.empty()) m += " '" + detail + "'";
  return json{{"status", "skipped"}, {"reasons", json::array({{{"code", std::to_string(code)}, {"message", m}}})}};
}

// A record-level refusal inside one record's processing.
struct Skip {
  int code;
  std::string detail;
};



bool ascii(const std::string &s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// A value as the store keeps it (text); JSON null and "" mean "no value".
bool value_text(const json &v, std::string &out, bool &clear) {
  clear = false;
  if (v.is_null()) {
    clear = true;
    return true;
  }
  if (v.is_string()) {
    out = v.get<std::string>();
    clear = out.empty();
    return true;
  }
  if (v.is_boolean()) {
    out = v.get<bool>() ? "true" : "false";
    return true;
  }
  if (v.is_number()) {
    out = v.dump();
    return true;
  }
  return false;
}

}  // namespace

using Kind = RestLeads::Kind;

RestLeads::RestLeads(LeadService &leads) : leads_(leads) {
  fields_.push_back(Field{"id", Kind::kId, "Id", "integer", false, true, true});
  fields_.push_back(Field{"email", Kind::kEmail, "Email", "email", true, true, true});
  fields_.push_back(Field{"cookies", Kind::kCookies, "", "string", false, false, true});
  fields_.push_back(Field{"leadPartitionId", Kind::kPartition, "", "integer", false, false, true});
  fields_.push_back(Field{"sfdcLeadId", Kind::kSfdcLead, "", "string", false, false, true});
  fields_.push_back(Field{"sfdcContactId", Kind::kSfdcContact, "", "string", false, false, true});
  fields_.push_back(Field{"createdAt", Kind::kCreatedAt, "", "datetime", false, false, false});
  fields_.push_back(Field{"updatedAt", Kind::kUpdatedAt, "", "datetime", false, false, false});
  for (const FieldConfig &f : leads_.config().fields) {
    if (f.rest_name.empty()) continue;
    // Standard fields (firstName, ...) are not dedupe keys; custom ones are.
    bool custom = standard_rest_name(f.name) == nullptr;
    fields_.push_back(
        Field{f.rest_name, Kind::kAttribute, f.name, f.type.empty() ? "string" : f.type, true, custom, custom});
  }
}

const RestLeads::Field *RestLeads::field(const std::string &rest_name) const {
  for (const Field &f : fields_)
    if (f.rest == rest_name) return &f;
  return nullptr;
}

std::vector<const RestLeads::Field *> RestLeads::fields_for(const std::string &list) const {
  std::vector<const Field *> out;
  if (list.empty()) {
    // The vendor's default set, in its order.
    for (const char *name : {"id", "email", "updatedAt", "createdAt", "firstName", "lastName"})
      if (const Field *f = field(name)) out.push_back(f);
    return out;
  }
  for (const std::string &name : split_commas(list)) {
    const Field *f = field(name);
    if (!f) throw RestError(kFieldNotFound, std::string(rest_message(kFieldNotFound)) + " '" + name + "'");
    out.push_back(f);
  }
  return out;
}

int RestLeads::partition_id(const std::string &name) const {
  const std::vector<std::string> &p = leads_.config().partitions;
  auto it = std::find(p.begin(), p.end(), name);
  return it == p.end() ? 0 : static_cast<int>(it - p.begin()) + 1;
}

json RestLeads::to_json(const Lead &lead, const std::vector<const Field *> &fields) const {
  json out = json::object();
  for (const Field *f : fields) {
    json v;  // null: the lead has no value (the vendor sends null or omits it)
    switch (f->kind) {
      case Kind::kId: v = lead.id; break;
      case Kind::kEmail: if (!lead.email.empty()) v = lead.email; break;
      case Kind::kCookies: if (!lead.cookie.empty()) v = lead.cookie; break;
      case Kind::kPartition: v = partition_id(lead.partition); break;
      case Kind::kCreatedAt: v = rest_time(lead.created_at); break;
      case Kind::kUpdatedAt: v = rest_time(lead.updated_at); break;
      case Kind::kSfdcLead:
      case Kind::kSfdcContact:
        if (lead.foreign_type == "SFDC" && !lead.foreign_id.empty()) v = lead.foreign_id;
        break;
      case Kind::kAttribute:
        if (const std::string *s = lead.attribute(f->soap)) {
          v = *s;
          // Typed fields go out typed, as the vendor's do.
          char *end = nullptr;
          if (f->type == "integer") {
            errno = 0;
            long long n = std::strtoll(s->c_str(), &end, 10);
            if (!s->empty() && !*end && !errno) v = n;
          } else if (f->type == "float" || f->type == "currency") {
            double d = std::strtod(s->c_str(), &end);
            if (!s->empty() && !*end) v = d;
          } else if (f->type == "boolean") {
            if (*s == "true" || *s == "1") v = true;
            else if (*s == "false" || *s == "0") v = false;
          }
        }
        break;
    }
    out[f->rest] = v;
  }
  return out;
}

json RestLeads::leads_json(const std::vector<const Lead *> &leads, const std::string &fields) const {
  std::vector<const Field *> f = fields_for(fields);
  json out = json::array();
  for (const Lead *l : leads) out.push_back(to_json(*l, f));
  return out;
}

std::string RestLeads::store_name(const std::string &rest_name) const {
  const Field *f = field(rest_name);
  if (!f || !f->writable) return std::string();
  return f->kind == Kind::kEmail ? std::string("Email") : f->soap;
}

json RestLeads::sync(const json &body) {
  if (!body.is_object()) throw RestError(kInvalidData, "Invalid data: the body must be an object");
  auto input = body.find("input");
  if (input == body.end() || !input->is_array() || input->empty())
    throw RestError(kBlank, "input cannot be blank");
  if (input->size() > kMaxRecords) throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(kMaxRecords) + " records in input");
  std::string action = "createOrUpdate", lookup_name = "email";
  bool has_partition = false;
  std::string partition;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string &k = it.key();
    if (k == "input") continue;
    if (k == "asyncProcessing") {
      if (!it->is_boolean()) throw RestError(kInvalidData, "Invalid data: asyncProcessing");
      continue;  // every write here is done before the answer anyway
    }
    if (!it->is_string()) throw RestError(kInvalidData, "Invalid data: " + k);
    if (k == "action") action = it->get<std::string>();
    else if (k == "lookupField") lookup_name = it->get<std::string>();
    else if (k == "partitionName") {
      has_partition = true;
      partition = it->get<std::string>();
    } else {
      throw RestError(kInvalidData, "Invalid data: unknown member " + k);
    }
  }
  bool create_only = action == "createOnly", update_only = action == "updateOnly",
       upsert = action == "createOrUpdate", duplicate = action == "createDuplicate";
  if (!create_only && !update_only && !upsert && !duplicate)
    throw RestError(kInvalidData, "Invalid data: action " + action);
  // partitionName only counts where a lead may be created.
  if (!create_only && !upsert) has_partition = false;

  const Field *lookup = field(lookup_name);
  const Config &config = leads_.config();
  json results = json::array();
  leads_.transact([&](LeadService::Writes &w) {
    const LeadStore &store = w.store();
    for (const json &record : *input) {
      try {
        if (!duplicate) {
          if (!lookup) throw Skip{kFieldNotFound, lookup_name};
          if (!lookup->lookup) throw Skip{kFieldNotSupported, lookup_name};
          // The vendor's rule: id is a lookupField of updateOnly only.
          if (lookup->kind == Kind::kId && !update_only) throw Skip{kInvalidData, ""};
        }
        if (!record.is_object()) throw Skip{kInvalidData, ""};
        // Check every member before touching the store.
        std::vector<std::pair<const Field *, const json *>> values;
        int given_id = 0;
        for (auto it = record.begin(); it != record.end(); ++it) {
          const Field *f = field(it.key());
          if (!f) throw Skip{kFieldNotFound, it.key()};
          if (f->kind == Kind::kId) {
            if (!update_only || !it->is_number_integer() || it->get<long long>() <= 0 ||
                it->get<long long>() > 2147483647)
              throw Skip{kInvalidData, ""};
            given_id = static_cast<int>(it->get<long long>());
            continue;
          }
          if (!f->writable) throw Skip{kInvalidData, ""};
          std::string text;
          bool clear;
          if (!value_text(*it, text, clear)) throw Skip{kInvalidData, ""};
          if (f->kind == Kind::kEmail && !ascii(text)) throw Skip{kInvalidData, ""};
          values.emplace_back(f, &*it);
        }
        // The matching leads.
        std::vector<const Lead *> matches;
        if (!duplicate) {
          if (lookup->kind == Kind::kId) {
            if (!given_id) throw Skip{kInvalidData, ""};
            if (const Lead *l = store.by_id(given_id)) matches.push_back(l);
          } else {
            auto v = record.find(lookup->rest);
            std::string key;
            bool clear = true;
            if (v == record.end() || !value_text(*v, key, clear) || clear) throw Skip{kInvalidData, ""};
            if (lookup->kind == Kind::kEmail) {
              matches = store.all_by_email(key);
            } else {
              // Custom dedupe fields are not indexed: a scan (the sandbox's
              // stores are small).
              store.for_each([&](const Lead &l) {
                const std::string *s = l.attribute(lookup->soap);
                if (s && *s == key) matches.push_back(&l);
              });
            }
          }
        }
        if (matches.size() > 1) throw Skip{kMultipleMatch, ""};
        const Lead *match = matches.empty() ? nullptr : matches.front();
        if (create_only && match) throw Skip{kLeadExists, ""};
        if (update_only && !match) throw Skip{kLeadNotFound, ""};
        Lead lead;
        bool created = !match;
        if (match) {
          lead = *match;
          if (has_partition && lead.partition != partition) throw Skip{kPartitionUpdate, ""};
        } else {
          std::string target = config.workspace("Default")->primary_partition;
          if (has_partition) {
            if (partition.empty()) throw Skip{kPartitionRequired, ""};
            if (!partition_id(partition)) throw Skip{kPartitionDenied, partition};
            target = partition;
          }
          lead.id = w.allocate_id();
          lead.partition = target;
        }
        for (const auto &fv : values) {
          std::string text;
          bool clear;
          value_text(*fv.second, text, clear);
          if (fv.first->kind == Kind::kEmail) {
            lead.email = clear ? std::string() : text;
          } else if (clear) {
            lead.attributes.erase(std::remove_if(lead.attributes.begin(), lead.attributes.end(),
                                                 [&](const Attribute &a) { return a.name == fv.first->soap; }),
                                  lead.attributes.end());
          } else {
            lead.set_attribute(fv.first->soap, text);
          }
        }
        const Lead &stored = w.put(std::move(lead));
        results.push_back(json{{"id", stored.id}, {"status", created ? "created" : "updated"}});
      } catch (const Skip &s) {
        results.push_back(reason(s.code, s.detail));
      }
    }
  });
  return results;
}

json RestLeads::filter(const std::string &filter_type, const std::string &filter_values, const std::string &fields,
                       const std::string &batch_size, const std::string &page_token, bool &more, std::string &next) {
  if (filter_type.empty()) throw RestError(kBlank, "filterType cannot be blank");
  if (filter_values.empty()) throw RestError(kBlank, "filterValues cannot be blank");
  std::vector<const Field *> out_fields = fields_for(fields);
  // "cookie" (singular) is seen working too.
  const Field *f = field(filter_type == "cookie" ? std::string("cookies") : filter_type);
  bool known_standard = standard_filter_type(filter_type);
  if (!f && !known_standard)
    throw RestError(kFieldNotFound, std::string(rest_message(kFieldNotFound)) + " '" + filter_type + "'");
  if (f && !f->filter)
    throw RestError(kFieldNotSupported, std::string(rest_message(kFieldNotSupported)) + " '" + filter_type + "'");
  std::vector<std::string> values = split_commas(filter_values);
  if (values.size() > kMaxRecords) throw RestError(kInvalidData, "Invalid data: more than " + std::to_string(kMaxRecords) + " filterValues");
  std::size_t batch = kMaxRecords, offset = 0;
  if (!batch_size.empty()) {
    int b;
    if (!parse_id(batch_size, b) || b > static_cast<int>(kMaxRecords))
      throw RestError(kInvalidData, "Invalid data: batchSize");
    batch = static_cast<std::size_t>(b);
  }
  if (!page_token.empty()) {
    int o;
    if (page_token.compare(0, 3, "sb-") != 0 || !parse_id(page_token.substr(3), o))
      throw RestError(kInvalidData, "Invalid data: nextPageToken");
    offset = static_cast<std::size_t>(o);
  }
  std::vector<Lead> found;
  leads_.read([&](const LeadStore &store) {
    std::vector<const Lead *> hits;
    for (const std::string &v : values) {
      if (!f) continue;  // a standard filter type the sandbox keeps no data for
      int id;
      switch (f->kind) {
        case Kind::kId:
          if (parse_id(v, id))
            if (const Lead *l = store.by_id(id)) hits.push_back(l);
          break;
        case Kind::kEmail:
          for (const Lead *l : store.all_by_email(v)) hits.push_back(l);
          break;
        case Kind::kCookies:
          if (const Lead *l = store.by_cookie(v)) hits.push_back(l);
          break;
        case Kind::kSfdcLead:
        case Kind::kSfdcContact:
          if (const Lead *l = store.by_foreign_id(v))
            if (l->foreign_type == "SFDC") hits.push_back(l);
          break;
        case Kind::kPartition:
          if (parse_id(v, id))
            store.for_each([&](const Lead &l) {
              if (partition_id(l.partition) == id) hits.push_back(&l);
            });
          break;
        case Kind::kCreatedAt:
        case Kind::kUpdatedAt:
          break;  // not a filterType (Field::filter is false): never reached
        case Kind::kAttribute:
          store.for_each([&](const Lead &l) {
            const std::string *s = l.attribute(f->soap);
            if (s && *s == v) hits.push_back(&l);
          });
          break;
      }
    }
    std::sort(hits.begin(), hits.end(), [](const Lead *a, const Lead *b) { return a->id < b->id; });
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    if (hits.size() > kMaxFilterMatches) throw RestError(kInvalidData, "Too many results match the filter");
    for (std::size_t i = offset; i < hits.size() && i < offset + batch; ++i) found.push_back(*hits[i]);
    more = offset + batch < hits.size();
    next = more ? "sb-" + std::to_string(offset + batch) : std::string();
  });
  json result = json::array();
  for (const Lead &l : found) result.push_back(to_json(l, out_fields));
  return result;
}

json RestLeads::by_id(int id, const std::string &fields) {
  std::vector<const Field *> out_fields = fields_for(fields);
  json result = json::array();
  leads_.read([&](const LeadStore &store) {
    if (const Lead *l = store.by_id(id)) result.push_back(to_json(*l, out_fields));
  });
  return result;
}

json RestLeads::describe() const {
  json result = json::array();
  int n = 0;
  for (const Field &f : fields_) {
    json item{{"id", ++n}, {"displayName", f.soap.empty() ? f.rest : f.soap}, {"dataType", f.type}};
    item["rest"] = json{{"name", f.rest}, {"readOnly", !f.writable}};
    if (!f.soap.empty()) item["soap"] = json{{"name", f.soap}, {"readOnly", !f.writable}};
    result.push_back(item);
  }
  // Configured fields without a REST name are SOAP only.
  for (const FieldConfig &c : leads_.config().fields)
    if (c.rest_name.empty())
      result.push_back(json{{"id", ++n},
                            {"displayName", c.name},
                            {"dataType", c.type.empty() ? "string" : c.type},
                            {"soap", {{"name", c.name}, {"readOnly", false}}}});
  return result;
}

json RestLeads::partitions() const {
  json result = json::array();
  const std::vector<std::string> &p = leads_.config().partitions;
  for (std::size_t i = 0; i < p.size(); ++i)
    result.push_back(json{{"id", static_cast<int>(i) + 1}, {"name", p[i]}, {"description", p[i] + " partition"}});
  return result;
}

void RestLeads::associate(int id, const std::string &cookie) {
  if (cookie.empty()) throw RestError(kBlank, "cookie cannot be blank");
  // A Munchkin cookie: id:<munchkin id>&token:_mch-<domain>-<time>-<n>.
  if (cookie.compare(0, 3, "id:") != 0 || cookie.find("&token:") == std::string::npos || cookie.size() > 512)
    throw RestError(kInvalidCookie, std::string(rest_message(kInvalidCookie)) + " '" + cookie + "'");
  leads_.transact([&](LeadService::Writes &w) {
    const Lead *l = w.store().by_id(id);
    if (!l) throw RestError(kLeadNotFound);
    // A cookie already associated with a lead stays with it (the vendor
    // does not move existing web activity).
    if (l->cookie == cookie || w.store().by_cookie(cookie)) return;
    Lead copy = *l;
    copy.cookie = cookie;
    w.put(std::move(copy));
  });
}

void RestLeads::merge(int winner, const std::string &lead_id, const std::string &lead_ids) {
  std::vector<std::string> ids = lead_ids.empty() ? std::vector<std::string>() : split_commas(lead_ids);
  if (!lead_id.empty()) ids.push_back(lead_id);
  if (ids.empty()) throw RestError(kBlank, "leadId or leadIds cannot be blank");
  if (ids.size() > mktows::rest_limits::kMaxMergeIds) throw RestError(kTooManyMergeIds);
  std::vector<LeadKeyList> losers;
  for (const std::string &i : ids) {
    int n = 0;
    if (!parse_id(i, n)) throw RestError(kInvalidData, "Invalid data: leadIds");
    losers.push_back({{"IDNUM", std::to_string(n)}});
  }
  // The SOAP call's rules and effects: one merge, whichever face asks.
  try {
    leads_.merge_leads({{"IDNUM", std::to_string(winner)}}, losers);
  } catch (const ServiceError &e) {
    if (e.code() == fault_code::lead_not_found) throw RestError(kLeadNotFound);
    if (e.code() == fault_code::bad_parameter) throw RestError(kInvalidData, std::string("Invalid data: ") + e.what());
    throw;
  }
}

}  // namespace mktows_sandbox
