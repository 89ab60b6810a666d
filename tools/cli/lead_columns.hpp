// lead_columns.hpp: what the columns of a leads CSV mean, and one row as a lead.
//
// The header row names the fields: Id, Email, ForeignSysPersonId and
// ForeignSysType are the lead's keys (matched without regard to case); every
// other column is an attribute, sent under its header name. An empty cell
// means "no value" and is not sent, so a sparse file never blanks a field.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mktows_cli {

// A header that cannot describe leads (empty or duplicate names, no key column).
class HeaderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RowLead {
  bool has_id = false;
  int id = 0;
  std::string email;                // empty: not given
  std::string foreign_id;           // empty: not given
  std::string foreign_type;         // CUSTOM, SFDC or NETSUITE; empty: not given
  std::vector<std::pair<std::string, std::string>> attributes;  // in column order
};

// The seed's rules for one lead: at least one of Id, Email,
// ForeignSysPersonId; ForeignSysType with a foreign id and one of CUSTOM,
// SFDC, NETSUITE; non-empty attribute names. False with the broken rule.
bool check_lead_rules(const RowLead &lead, std::string &error);

class LeadColumns {
 public:
  explicit LeadColumns(const std::vector<std::string> &header);

  // Fills `lead` from one record; on a row that breaks a rule, returns false
  // and says why in `error` (the row is then rejected without being sent).
  bool to_lead(const std::vector<std::string> &fields, RowLead &lead, std::string &error) const;

  const std::vector<std::string> &header() const { return header_; }

 private:
  enum Kind { kId, kEmail, kForeignId, kForeignType, kAttribute };
  std::vector<std::string> header_;
  std::vector<Kind> kinds_;
};

}  // namespace mktows_cli
