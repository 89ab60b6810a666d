// key_args.cpp: lead keys and program tokens from the command line.
#include "key_args.hpp"

#include <climits>

namespace mktows_cli {

std::vector<int> lead_ids(const ParsedArgs &a, const std::string &option) {
  std::vector<int> out;
  for (const std::string &v : a.all(option)) out.push_back(static_cast<int>(parse_number(option, v, 1, INT_MAX)));
  return out;
}

std::vector<mktows::LeadKey> lead_keys(const ParsedArgs &a, const std::string &id_option,
                                       const std::string &email_option, bool required) {
  std::vector<mktows::LeadKey> out;
  for (int id : lead_ids(a, id_option)) out.push_back(mktows::LeadKey::by_id(id));
  for (const std::string &e : a.all(email_option)) {
    if (e.empty()) throw UsageError("--" + email_option + " needs a non-empty address");
    out.push_back(mktows::LeadKey::by_email(e));
  }
  if (required && out.empty()) throw UsageError("name the leads with --" + id_option + " N or --" + email_option + " E");
  return out;
}

std::vector<mktows::ProgramToken> program_tokens(const ParsedArgs &a, const std::string &option) {
  std::vector<mktows::ProgramToken> out;
  for (const std::string &t : a.all(option)) {
    std::size_t eq = t.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--" + option + " takes NAME=VALUE (e.g. {{my.Message}}=Hello), not '" + t + "'");
    out.push_back(mktows::ProgramToken(t.substr(0, eq), t.substr(eq + 1)));
  }
  return out;
}

const char *key_type_name(mktows::LeadKeyType t) {
  switch (t) {
    case mktows::LeadKeyType::idnum: return "IDNUM";
    case mktows::LeadKeyType::email: return "EMAIL";
    case mktows::LeadKeyType::cookie: return "COOKIE";
    default: return "KEY";
  }
}

std::string key_text(const mktows::LeadKey &k) { return std::string(key_type_name(k.type)) + " " + k.value; }

}  // namespace mktows_cli
