// config.hpp: the sandbox's configuration (users, workspaces, partitions,
// assignment rules, lead fields, initial leads, limits), read from JSON.
// The format is documented in docs/SANDBOX.md.
#pragma once

#include "front_types.hpp"
#include "world.hpp"

#include <mktows/limits.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_sandbox {

// A configuration that cannot be used. Messages name the offending entry but
// never contain an encryption key.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string &what) : std::runtime_error(what) {}
};

struct FieldConfig {
  std::string name;
  std::string type;  // reported as attrType; empty = not reported
  // The field's REST name ("restName", else the standard pair of
  // rest_fields.hpp); empty: the field is not reachable through REST.
  std::string rest_name;
};

struct WorkspaceConfig {
  std::string name;
  std::string primary_partition;
};

// A new lead qualifies when its attribute `attribute` equals one of
// `values` (ASCII case-insensitive).
struct AssignmentRule {
  std::string partition;
  std::string attribute;
  std::vector<std::string> values;
};

// The REST face's OAuth client (one custom service) and token lifetime.
struct RestConfig {
  std::string client_id;
  std::string client_secret;
  int token_lifetime_seconds = 3600;  // the vendor's
  bool demo_client = false;  // the demo pair was filled in (it may be printed)
};

struct Config {
  std::vector<UserConfig> users;
  bool workspaces_enabled = false;
  std::vector<std::string> partitions;
  std::vector<WorkspaceConfig> workspaces;
  std::vector<AssignmentRule> assignment_rules;
  std::vector<FieldConfig> fields;
  std::vector<Lead> leads;  // id 0 = assign one
  int first_lead_id = 1000001;
  int timestamp_window_seconds = 900;
  LimitsConfig limits;
  RestConfig rest;
  // Programs, campaigns, lists, channels, tag types (world.hpp).
  World world = default_world();
  // True when the demo credentials were filled in (their key may be printed).
  bool demo_user = false;

  const FieldConfig *field(const std::string &name) const;
  const WorkspaceConfig *workspace(const std::string &name) const;  // case-insensitive
};


// Field names accepted when the configuration lists none.
const std::vector<std::string> &default_field_names();

// Parses a configuration document; throws ConfigError.
Config parse_config(const std::string &json_text);
Config load_config_file(const std::string &path);

// Fills what the configuration leaves out: the user from the environment or
// the demo pair, the Default workspace and partition, the default fields.
void complete_config(Config &config, const char *env_user, const char *env_key);

// The REST client from the configuration, else MKTOWS_REST_CLIENT_ID /
// MKTOWS_REST_CLIENT_SECRET, else the demo pair below.
void complete_rest_config(Config &config, const char *env_client_id, const char *env_client_secret);
extern const char kDemoRestClientId[];
extern const char kDemoRestClientSecret[];


}  // namespace mktows_sandbox
