// lead_output.cpp: JSON and text renderings of a lead record.
#include "lead_output.hpp"

namespace mktows_cli {

namespace {

nlohmann::json text_or_null(const std::string &s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

}  // namespace

nlohmann::json lead_json(const mktows::Lead &lead) {
  nlohmann::json j;
  j["Id"] = lead.has_id() ? lead.id() : 0;
  j["Email"] = text_or_null(lead.email());
  j["ForeignSysPersonId"] = text_or_null(lead.foreign_id());
  j["ForeignSysType"] = text_or_null(lead.has_foreign_id() ? mktows::to_string(lead.foreign_system()) : "");
  // An object keeps names unique; attribute names are unique in a lead.
  nlohmann::json attrs = nlohmann::json::object();
  for (const mktows::Attribute &a : lead.attributes()) attrs[a.name] = a.value;
  j["attributes"] = attrs;
  return j;
}

std::string lead_text(const mktows::Lead &lead) {
  std::string s = "  Id: " + std::to_string(lead.has_id() ? lead.id() : 0) + "\n";
  if (!lead.email().empty()) s += "  Email: " + lead.email() + "\n";
  if (!lead.foreign_id().empty())
    s += "  ForeignSysPersonId: " + lead.foreign_id() + " (" + mktows::to_string(lead.foreign_system()) + ")\n";
  for (const mktows::Attribute &a : lead.attributes()) s += "  " + a.name + ": " + a.value + "\n";
  return s;
}

}  // namespace mktows_cli
