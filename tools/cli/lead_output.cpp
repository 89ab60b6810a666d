// lead_output.cpp: JSON and text renderings of a lead record.
#include "lead_output.hpp"

namespace mktows_cli {

nlohmann::json lead_json(const LeadView &lead) {
  nlohmann::json j;
  j["Id"] = lead.id;
  j["Email"] = lead.email.empty() ? nlohmann::json() : nlohmann::json(lead.email);
  j["ForeignSysPersonId"] = lead.foreign_id.empty() ? nlohmann::json() : nlohmann::json(lead.foreign_id);
  j["ForeignSysType"] = lead.foreign_type.empty() ? nlohmann::json() : nlohmann::json(lead.foreign_type);
  // An object keeps names unique; attribute names are unique in a lead.
  nlohmann::json attrs = nlohmann::json::object();
  for (const auto &a : lead.attributes) attrs[a.first] = a.second;
  j["attributes"] = attrs;
  return j;
}

std::string lead_text(const LeadView &lead) {
  std::string s = "  Id: " + std::to_string(lead.id) + "\n";
  if (!lead.email.empty()) s += "  Email: " + lead.email + "\n";
  if (!lead.foreign_id.empty()) s += "  ForeignSysPersonId: " + lead.foreign_id + " (" + lead.foreign_type + ")\n";
  for (const auto &a : lead.attributes) s += "  " + a.first + ": " + a.second + "\n";
  return s;
}

}  // namespace mktows_cli
