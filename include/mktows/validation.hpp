// validation.hpp: the service's rules for a lead, checked before anything
// is sent, so a broken request costs no call against the quota.
#ifndef MKTOWS_VALIDATION_HPP
#define MKTOWS_VALIDATION_HPP

#include "mktows/error.hpp"
#include "mktows/lead.hpp"

#include <string>

namespace mktows {

inline Error validation_error(ValidationRule rule, const std::string &message) {
  Error e;
  e.kind = ErrorKind::validation;
  e.rule = rule;
  e.message = message;
  return e;
}

// An Error with kind none when the lead may be sent.
inline Error validate(const Lead &lead) {
  if (!lead.has_id() && !(lead.has_email() && !lead.email().empty()) &&
      !(lead.has_foreign_id() && !lead.foreign_id().empty()))
    return validation_error(ValidationRule::lead_key_required,
                            "lead_key_required: a lead needs at least one of Id, Email or ForeignSysPersonId");
  if (lead.has_foreign_id() && lead.foreign_system() == ForeignSystem::none)
    return validation_error(ValidationRule::foreign_type_required,
                            "foreign_type_required: ForeignSysType is required with ForeignSysPersonId");
  const std::vector<Attribute> &attrs = lead.attributes();
  for (std::size_t i = 0; i < attrs.size(); ++i)
    if (attrs[i].name.empty())
      return validation_error(ValidationRule::attribute_name_required,
                              "attribute_name_required: attribute #" + std::to_string(i + 1) +
                                  " has an empty attrName");
  return Error();
}

inline Error validate(const LeadKey &key) {
  if (key.value.empty())
    return validation_error(ValidationRule::lead_key_value_required,
                            "lead_key_value_required: get_lead needs a non-empty key value");
  return Error();
}

}  // namespace mktows

#endif  // MKTOWS_VALIDATION_HPP
