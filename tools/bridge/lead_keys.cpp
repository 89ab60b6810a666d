// lead_keys.cpp: lead keys to ids through Get Leads by Filter Type.
#include "lead_keys.hpp"

#include "ascii.hpp"
#include "service_error.hpp"

#include <mktows/limits.hpp>

#include <map>

namespace mktows_bridge {

using mktows_front::ServiceError;
using nlohmann::json;
using mktows::rest_limits::kMaxRecords;

namespace {

std::string text(const json &v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return std::string();
}

bool is_cookie(const std::string &type) { return type == "COOKIE"; }

}  // namespace

void check_lead_keys(const std::vector<LeadKeyRef> &keys) {
  for (const LeadKeyRef &k : keys) {
    RestBackend::filter_type(k.type);  // 20102 for a type REST cannot filter by
    RestBackend::check_key_value(k.type, k.value);
  }
}

int lead_key_calls(const std::vector<LeadKeyRef> &keys) {
  std::map<std::string, std::size_t> per_type;
  int calls = 0;
  for (const LeadKeyRef &k : keys) {
    if (is_cookie(k.type)) ++calls;
    else ++per_type[k.type];
  }
  for (const auto &t : per_type) calls += static_cast<int>((t.second + kMaxRecords - 1) / kMaxRecords);
  return calls;
}

std::vector<std::vector<LeadMatch>> resolve_lead_keys(RestBackend &rest, const std::vector<LeadKeyRef> &keys) {
  check_lead_keys(keys);
  std::vector<std::vector<LeadMatch>> out(keys.size());
  auto match = [](const json &l) {
    LeadMatch m;
    if (l.contains("id") && l["id"].is_number_integer()) m.id = l["id"].get<int>();
    if (l.contains("updatedAt") && l["updatedAt"].is_string()) m.updated_at = l["updatedAt"];
    return m;
  };
  std::map<std::string, std::vector<std::size_t>> per_type;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!is_cookie(keys[i].type)) {
      per_type[keys[i].type].push_back(i);
      continue;
    }
    for (const json &l : rest.filter_records("cookies", keys[i].value, "id,updatedAt")) out[i].push_back(match(l));
  }
  for (const auto &t : per_type) {
    const char *field = RestBackend::filter_type(t.first);  // the filter field is also the lead's field
    const std::vector<std::size_t> &idx = t.second;
    for (std::size_t from = 0; from < idx.size(); from += kMaxRecords) {
      std::string values;
      std::size_t to = std::min(idx.size(), from + kMaxRecords);
      for (std::size_t k = from; k < to; ++k) values += (k > from ? "," : "") + keys[idx[k]].value;
      std::string fields = std::string("id,updatedAt") + (std::string(field) == "id" ? "" : std::string(",") + field);
      for (const json &l : rest.filter_records(field, values, fields)) {
        if (!l.is_object() || !l.contains(field)) continue;
        std::string have = text(l[field]);
        for (std::size_t k = from; k < to; ++k) {
          const std::string &want = keys[idx[k]].value;
          // Email addresses compare without case, as the lead database does.
          bool same = std::string(field) == "email" ? mktows_front::iequals(have, want) : have == want;
          if (same) out[idx[k]].push_back(match(l));
        }
      }
    }
  }
  return out;
}

int newest(const std::vector<LeadMatch> &matches) {
  const LeadMatch *best = nullptr;
  for (const LeadMatch &m : matches)
    if (!best || m.updated_at > best->updated_at) best = &m;  // ISO times of one form compare as text
  return best ? best->id : 0;
}

}  // namespace mktows_bridge
