// validation.hpp: the service's rules for a lead, checked before anything
// is sent, so a broken request costs no call against the quota.
#ifndef MKTOWS_VALIDATION_HPP
#define MKTOWS_VALIDATION_HPP

#include "mktows/error.hpp"
#include "mktows/lead.hpp"
#include "mktows/utf8.hpp"

#include <string>

namespace mktows {

inline Error validation_error(ValidationRule rule, const std::string &message) {
  Error e;
  e.kind = ErrorKind::validation;
  e.rule = rule;
  e.message = message;
  return e;
}

// An Error with kind none when `value` can be sent as XML text (utf8.hpp);
// else one naming `field` and the first offending byte (never the value).
inline Error validate_text(const char *field, const std::string &value) {
  std::size_t at = first_invalid_xml_char(value);
  if (at == std::string::npos) return Error();
  return validation_error(ValidationRule::invalid_text, "invalid_text: " + std::string(field) +
                                                            " is not UTF-8 text that XML 1.0 can carry (" +
                                                            describe_invalid_byte(value, at) + ")");
}

// The lead's strings: keys, then each attribute's name, value and type.
inline Error validate_lead_text(const Lead &lead) {
  Error e;
  if (!(e = validate_text("Email", lead.email())).ok()) return e;
  if (!(e = validate_text("ForeignSysPersonId", lead.foreign_id())).ok()) return e;
  const std::vector<Attribute> &attrs = lead.attributes();
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    // The field's name is only built for a message (this runs per call).
    if (is_xml_text(attrs[i].name) && is_xml_text(attrs[i].value) && is_xml_text(attrs[i].type)) continue;
    if (!(e = validate_text(("attribute #" + std::to_string(i + 1) + " name").c_str(), attrs[i].name)).ok()) return e;
    // The name is known to be clean here, so the message may quote it.
    if (!(e = validate_text(("attribute '" + attrs[i].name + "' value").c_str(), attrs[i].value)).ok()) return e;
    if (!(e = validate_text(("attribute '" + attrs[i].name + "' type").c_str(), attrs[i].type)).ok()) return e;
  }
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
  return validate_lead_text(lead);
}

inline Error validate(const LeadKey &key) {
  if (key.value.empty())
    return validation_error(ValidationRule::lead_key_value_required,
                            "lead_key_value_required: get_lead needs a non-empty key value");
  return validate_text("the key value", key.value);
}

// The strings of a call's options that go into the request.
inline Error validate(const CallOptions &call) {
  Error e;
  if (call.has_workspace() && !(e = validate_text("the call's workspace", call.workspace())).ok()) return e;
  if (call.has_marketo_cookie() && !(e = validate_text("the call's marketo_cookie", call.marketo_cookie())).ok())
    return e;
  return e;
}

}  // namespace mktows

#endif  // MKTOWS_VALIDATION_HPP
