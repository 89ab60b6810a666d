// lead_columns.cpp: header classification, and the client's per-lead rules
// (mktows::validate) checked per row so that one bad row is rejected alone
// instead of failing its batch.
#include "lead_columns.hpp"

#include <mktows/utf8.hpp>  // the client's rule for text that can go on the wire
#include <mktows/validation.hpp>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>
#include <strings.h>

namespace mktows_cli {

namespace {

bool iequals(const std::string &a, const char *b) { return strcasecmp(a.c_str(), b) == 0; }

}  // namespace

LeadColumns::LeadColumns(const std::vector<std::string> &header) : header_(header) {
  std::set<std::string> seen;
  bool has_key = false;
  for (const std::string &name : header_) {
    if (name.empty()) throw HeaderError("the header has an empty column name");
    std::size_t bad = mktows::first_invalid_xml_char(name);
    if (bad != std::string::npos)
      throw HeaderError("header column #" + std::to_string(kinds_.size() + 1) +
                        " is not UTF-8 text that XML 1.0 can carry (" + mktows::describe_invalid_byte(name, bad) + ")");
    if (!seen.insert(name).second) throw HeaderError("the header names column '" + name + "' twice");
    Kind k = kAttribute;
    if (iequals(name, "Id")) k = kId;
    else if (iequals(name, "Email")) k = kEmail;
    else if (iequals(name, "ForeignSysPersonId")) k = kForeignId;
    else if (iequals(name, "ForeignSysType")) k = kForeignType;
    if (k == kId || k == kEmail || k == kForeignId) has_key = true;
    kinds_.push_back(k);
  }
  for (std::size_t i = 0; i < kinds_.size(); ++i)
    for (std::size_t j = i + 1; j < kinds_.size(); ++j)
      if (kinds_[i] != kAttribute && kinds_[i] == kinds_[j])
        throw HeaderError("the header names columns '" + header_[i] + "' and '" + header_[j] +
                          "', which are the same field");
  if (!has_key) throw HeaderError("the header has none of the key columns Id, Email, ForeignSysPersonId");
}

bool set_foreign_key(mktows::Lead &lead, const std::string &foreign_id, const std::string &foreign_type,
                     std::string &error) {
  mktows::ForeignSystem system = mktows::ForeignSystem::none;
  if (!foreign_type.empty() && !mktows::parse_foreign_system(foreign_type, system)) {
    const mktows::ForeignSystem all[] = {mktows::ForeignSystem::custom, mktows::ForeignSystem::sfdc,
                                         mktows::ForeignSystem::netsuite};
    error = "ForeignSysType '" + foreign_type + "' is not one of";
    for (mktows::ForeignSystem s : all) error += std::string(s == all[0] ? " " : ", ") + mktows::to_string(s);
    return false;
  }
  if (!foreign_id.empty()) lead.foreign_id(foreign_id, system);
  return true;
}

bool LeadColumns::to_lead(const std::vector<std::string> &fields, mktows::Lead &lead, std::string &error) const {
  lead = mktows::Lead();
  if (fields.size() != kinds_.size()) {
    error = "the row has " + std::to_string(fields.size()) + " fields, the header " +
            std::to_string(kinds_.size());
    return false;
  }
  const std::string *foreign_id = nullptr, *foreign_type = nullptr;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string &v = fields[i];
    if (v.empty()) continue;
    // Refused here, per row, rather than by the client, which would refuse
    // the whole batch the row is in.
    std::size_t bad = mktows::first_invalid_xml_char(v);
    if (bad != std::string::npos) {
      error = header_[i] + " is not UTF-8 text that XML 1.0 can carry (" + mktows::describe_invalid_byte(v, bad) + ")";
      return false;
    }
    switch (kinds_[i]) {
      case kId: {
        errno = 0;
        char *end = nullptr;
        long n = std::strtol(v.c_str(), &end, 10);
        if (errno || *end || end == v.c_str() || n <= 0 || n > INT_MAX) {
          error = "Id '" + v + "' is not a positive integer";
          return false;
        }
        lead.id(static_cast<int>(n));
        break;
      }
      case kEmail: lead.email(v); break;
      case kForeignId: foreign_id = &v; break;
      case kForeignType: foreign_type = &v; break;
      case kAttribute: lead.attribute(header_[i], v); break;
    }
  }
  static const std::string none;
  if (!set_foreign_key(lead, foreign_id ? *foreign_id : none, foreign_type ? *foreign_type : none, error))
    return false;
  mktows::Error e = mktows::validate(lead);
  if (!e.ok()) {
    error = e.message;
    return false;
  }
  return true;
}

}  // namespace mktows_cli
