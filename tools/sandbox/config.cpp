// config.cpp: reading and completing the sandbox configuration.
#include "config.hpp"

#include "config_json.hpp"
#include "rest_fields.hpp"
#include "world.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace mktows_sandbox {

const char kDemoRestClientId[] = "mktows-sandbox-demo-client";
const char kDemoRestClientSecret[] = "mktows-sandbox-demo-secret";

using nlohmann::json;

void complete_rest_config(Config &c, const char *env_id, const char *env_secret) {
  if (!c.rest.client_id.empty()) return;
  if (env_id && *env_id && env_secret && *env_secret) {
    c.rest.client_id = env_id;
    c.rest.client_secret = env_secret;
  } else {
    c.rest.client_id = kDemoRestClientId;
    c.rest.client_secret = kDemoRestClientSecret;
    c.rest.demo_client = true;
  }
}

const FieldConfig *Config::field(const std::string &name) const {
  for (const FieldConfig &f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const WorkspaceConfig *Config::workspace(const std::string &name) const {
  for (const WorkspaceConfig &w : workspaces)
    if (iequals(w.name, name)) return &w;
  return nullptr;
}

const std::vector<std::string> &default_field_names() {
  // The standard lead fields of a Marketo instance that the samples use.
  static const std::vector<std::string> names = {
      "FirstName", "LastName", "MiddleName", "Salutation", "Company", "Title", "Phone",
      "MobilePhone", "Fax", "Website", "Address", "City", "State", "Country", "PostalCode",
      "Industry", "AnnualRevenue", "NumberOfEmployees", "LeadSource", "LeadStatus", "LeadScore",
      "Rating", "Department", "DoNotCall", "Unsubscribed"};
  return names;
}

namespace {

Lead parse_lead(const json &j, const std::string &path) {
  check_keys(j, path, {"id", "email", "foreignSysPersonId", "foreignSysType", "cookie", "partition", "attributes"});
  Lead lead;
  lead.id = static_cast<int>(get_int(j, "id", path, 0, 1, 2147483647));
  lead.email = get_string(j, "email", path, false);
  lead.foreign_id = get_string(j, "foreignSysPersonId", path, false);
  lead.foreign_type = get_string(j, "foreignSysType", path, false);
  lead.cookie = get_string(j, "cookie", path, false);
  lead.partition = get_string(j, "partition", path, false);
  if (!lead.foreign_id.empty() && lead.foreign_type.empty())
    throw ConfigError(where(path, "\"foreignSysType\" is required with \"foreignSysPersonId\""));
  if (!lead.foreign_type.empty() && lead.foreign_type != "CUSTOM" && lead.foreign_type != "SFDC" &&
      lead.foreign_type != "NETSUITE")
    throw ConfigError(where(path, "\"foreignSysType\" must be CUSTOM, SFDC or NETSUITE"));
  if (lead.email.empty() && lead.foreign_id.empty() && lead.cookie.empty())
    throw ConfigError(where(path, "a lead needs an email, a foreignSysPersonId or a cookie"));
  auto attrs = j.find("attributes");
  if (attrs != j.end()) {
    if (!attrs->is_object()) throw ConfigError(where(path, "\"attributes\" must be an object"));
    for (auto it = attrs->begin(); it != attrs->end(); ++it) {
      if (!it->is_string()) throw ConfigError(where(path + ".attributes." + it.key(), "must be a string"));
      lead.set_attribute(it.key(), it->get<std::string>());
    }
  }
  return lead;
}

}  // namespace

Config parse_config(const std::string &text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error &e) {
    throw ConfigError(std::string("configuration: not valid JSON: ") + e.what());
  }
  check_keys(root, "$", {"users", "fields", "workspaces", "leads", "firstLeadId", "limits",
                         "timestampWindowSeconds", "rest", "defaultWorld", "programs", "campaigns", "lists",
                         "channels", "tagTypes", "customObjectTypes"});
  Config c;
  read_world(root, c.world);
  if (root.contains("users")) {
    const json &users = root["users"];
    if (!users.is_array()) throw ConfigError(where("users", "must be an array"));
    for (std::size_t i = 0; i < users.size(); ++i) {
      std::string path = "users[" + std::to_string(i) + "]";
      check_keys(users[i], path, {"userId", "encryptionKey"});
      UserConfig u{get_string(users[i], "userId", path, true), get_string(users[i], "encryptionKey", path, true)};
      if (u.user_id.empty() || u.encryption_key.empty()) throw ConfigError(where(path, "empty userId or encryptionKey"));
      for (const UserConfig &o : c.users)
        if (o.user_id == u.user_id) throw ConfigError(where(path, "duplicate userId " + u.user_id));
      c.users.push_back(u);
    }
  }
  if (root.contains("fields")) {
    const json &fields = root["fields"];
    if (!fields.is_array()) throw ConfigError(where("fields", "must be an array"));
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string path = "fields[" + std::to_string(i) + "]";
      FieldConfig f;
      if (fields[i].is_string()) {
        f.name = fields[i].get<std::string>();
      } else {
        check_keys(fields[i], path, {"name", "type", "restName"});
        f.name = get_string(fields[i], "name", path, true);
        f.type = get_string(fields[i], "type", path, false);
        f.rest_name = get_string(fields[i], "restName", path, false);
      }
      if (f.name.empty()) throw ConfigError(where(path, "empty field name"));
      c.fields.push_back(f);
    }
    if (c.fields.empty()) throw ConfigError(where("fields", "an empty list would refuse every attribute"));
  }
  if (root.contains("workspaces")) {
    const json &ws = root["workspaces"];
    check_keys(ws, "workspaces", {"enabled", "partitions", "list", "assignmentRules"});
    auto en = ws.find("enabled");
    if (en != ws.end()) {
      if (!en->is_boolean()) throw ConfigError(where("workspaces.enabled", "must be true or false"));
      c.workspaces_enabled = en->get<bool>();
    }
    if (ws.contains("partitions")) {
      if (!ws["partitions"].is_array()) throw ConfigError(where("workspaces.partitions", "must be an array"));
      for (const json &p : ws["partitions"]) {
        if (!p.is_string() || p.get<std::string>().empty())
          throw ConfigError(where("workspaces.partitions", "entries must be non-empty strings"));
        c.partitions.push_back(p.get<std::string>());
      }
    }
    if (ws.contains("list")) {
      if (!ws["list"].is_array()) throw ConfigError(where("workspaces.list", "must be an array"));
      for (std::size_t i = 0; i < ws["list"].size(); ++i) {
        std::string path = "workspaces.list[" + std::to_string(i) + "]";
        check_keys(ws["list"][i], path, {"name", "primaryPartition"});
        WorkspaceConfig w{get_string(ws["list"][i], "name", path, true),
                          get_string(ws["list"][i], "primaryPartition", path, true)};
        if (c.workspace(w.name)) throw ConfigError(where(path, "duplicate workspace " + w.name));
        c.workspaces.push_back(w);
      }
    }
    if (ws.contains("assignmentRules")) {
      if (!ws["assignmentRules"].is_array()) throw ConfigError(where("workspaces.assignmentRules", "must be an array"));
      for (std::size_t i = 0; i < ws["assignmentRules"].size(); ++i) {
        const json &r = ws["assignmentRules"][i];
        std::string path = "workspaces.assignmentRules[" + std::to_string(i) + "]";
        check_keys(r, path, {"partition", "attribute", "values"});
        AssignmentRule rule{get_string(r, "partition", path, true), get_string(r, "attribute", path, true), {}};
        if (!r.contains("values") || !r["values"].is_array() || r["values"].empty())
          throw ConfigError(where(path, "\"values\" must be a non-empty array of strings"));
        for (const json &v : r["values"]) {
          if (!v.is_string()) throw ConfigError(where(path, "\"values\" must be strings"));
          rule.values.push_back(v.get<std::string>());
        }
        c.assignment_rules.push_back(rule);
      }
    }
  }
  if (root.contains("leads")) {
    if (!root["leads"].is_array()) throw ConfigError(where("leads", "must be an array"));
    for (std::size_t i = 0; i < root["leads"].size(); ++i)
      c.leads.push_back(parse_lead(root["leads"][i], "leads[" + std::to_string(i) + "]"));
  }
  c.first_lead_id = static_cast<int>(get_int(root, "firstLeadId", "$", c.first_lead_id, 1, 2000000000));
  c.timestamp_window_seconds =
      static_cast<int>(get_int(root, "timestampWindowSeconds", "$", c.timestamp_window_seconds, 1, 86400 * 366));
  if (root.contains("limits")) {
    const json &l = root["limits"];
    check_keys(l, "limits", {"callsPerWindow", "windowSeconds", "maxConcurrent", "dailyQuota"});
    c.limits.calls_per_window = static_cast<int>(get_int(l, "callsPerWindow", "limits", 0, 0, 100000000));
    c.limits.window_seconds = static_cast<int>(get_int(l, "windowSeconds", "limits", c.limits.window_seconds, 1, 86400));
    c.limits.max_concurrent = static_cast<int>(get_int(l, "maxConcurrent", "limits", 0, 0, 100000));
    c.limits.daily_quota = get_int(l, "dailyQuota", "limits", 0, 0, 1000000000000L);
  }
  if (root.contains("rest")) {
    const json &r = root["rest"];
    check_keys(r, "rest", {"clientId", "clientSecret", "tokenLifetimeSeconds"});
    c.rest.client_id = get_string(r, "clientId", "rest", false);
    c.rest.client_secret = get_string(r, "clientSecret", "rest", false);
    if (c.rest.client_id.empty() != c.rest.client_secret.empty())
      throw ConfigError(where("rest", "\"clientId\" and \"clientSecret\" go together"));
    c.rest.token_lifetime_seconds =
        static_cast<int>(get_int(r, "tokenLifetimeSeconds", "rest", c.rest.token_lifetime_seconds, 1, 86400 * 366));
  }
  return c;
}

Config load_config_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("configuration: cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str());
}

void complete_config(Config &c, const char *env_user, const char *env_key) {
  if (c.users.empty()) {
    if (env_user && *env_user && env_key && *env_key) {
      c.users.push_back(UserConfig{env_user, env_key});
    } else {
      c.users.push_back(UserConfig{kDemoUserId, kDemoEncryptionKey});
      c.demo_user = true;
    }
  }
  if (c.fields.empty())
    for (const std::string &n : default_field_names()) c.fields.push_back(FieldConfig{n, std::string(), std::string()});
  for (FieldConfig &f : c.fields)
    if (f.rest_name.empty())
      if (const char *r = standard_rest_name(f.name)) f.rest_name = r;
  if (!c.workspace("Default")) c.workspaces.insert(c.workspaces.begin(), WorkspaceConfig{"Default", "Default"});
  std::set<std::string> known(c.partitions.begin(), c.partitions.end());
  auto add_partition = [&](const std::string &p) {
    if (known.insert(p).second) c.partitions.push_back(p);
  };
  for (const WorkspaceConfig &w : c.workspaces) add_partition(w.primary_partition);
  for (const AssignmentRule &r : c.assignment_rules) {
    if (!known.count(r.partition)) throw ConfigError("configuration: assignment rule names unknown partition " + r.partition);
    if (!c.field(r.attribute)) throw ConfigError("configuration: assignment rule uses unknown field " + r.attribute);
  }
  const std::string default_partition = c.workspace("Default")->primary_partition;
  for (std::size_t i = 0; i < c.leads.size(); ++i) {
    Lead &lead = c.leads[i];
    std::string path = "configuration: leads[" + std::to_string(i) + "]: ";
    if (!c.workspaces_enabled) {
      if (!lead.partition.empty() && lead.partition != default_partition)
        throw ConfigError(path + "partitions need \"workspaces\": {\"enabled\": true}");
    }
    if (lead.partition.empty()) lead.partition = default_partition;
    if (!known.count(lead.partition)) throw ConfigError(path + "unknown partition " + lead.partition);
    for (const Attribute &a : lead.attributes)
      if (!c.field(a.name)) throw ConfigError(path + "unknown field " + a.name);
  }
}

}  // namespace mktows_sandbox
