// lead_columns.hpp: what the columns of a leads CSV mean, and one row as a lead.
//
// The header row names the fields: Id, Email, ForeignSysPersonId and
// ForeignSysType are the lead's keys (matched without regard to case); every
// other column is an attribute, sent under its header name. An empty cell
// means "no value" and is not sent, so a sparse file never blanks a field.
#pragma once

#include <mktows/lead.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {

// A header that cannot describe leads (empty or duplicate names, no key column).
class HeaderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The foreign key of `lead` from the two texts a user gives: the id with its
// system (CUSTOM, SFDC, NETSUITE: mktows::to_string). A type without an id
// is not sent; an id without a type is left for mktows::validate to refuse.
// False, with `error`, when the type is none of the service's.
bool set_foreign_key(mktows::Lead &lead, const std::string &foreign_id, const std::string &foreign_type,
                     std::string &error);

class LeadColumns {
 public:
  explicit LeadColumns(const std::vector<std::string> &header);

  // Fills `lead` from one record; on a row that breaks a rule (the
  // client's, mktows::validate), returns false and says why in `error` (the
  // row is then rejected without being sent).
  bool to_lead(const std::vector<std::string> &fields, mktows::Lead &lead, std::string &error) const;

  const std::vector<std::string> &header() const { return header_; }

 private:
  enum Kind { kId, kEmail, kForeignId, kForeignType, kAttribute };
  std::vector<std::string> header_;
  std::vector<Kind> kinds_;
};

}  // namespace mktows_cli
