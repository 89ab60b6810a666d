// world.hpp: the marketing assets a sandbox holds besides its leads:
// programs, campaigns, static lists, channels, tag types, custom object
// types. A fresh sandbox
// holds the documented default world (docs/SANDBOX.md, "The world"); a
// configuration adds to it, or replaces it with "defaultWorld": false.
//
// Names, as the vendor's samples show them: a campaign or a list belongs to
// a program, and SOAP names it "Program.Name" where one string names it
// (getCampaignsForSource's answer, an MKTOLISTNAME key, a
// StaticListSelector), or by the two parts where a call takes them apart
// (requestCampaign, scheduleCampaign, importToList). REST gives each its own
// `name` and a `programName`.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace mktows_sandbox {

struct Program {
  int id = 0;
  std::string name;
  std::string type = "Default";  // the program type (an event program: "Event")
  std::string channel;           // empty: none
};

struct Campaign {
  int id = 0;
  std::string program;  // its program's name
  std::string name;
  std::string description;
  // A trigger campaign ("Campaign is Requested") runs for the leads a
  // requestCampaign names; a batch campaign runs on a schedule.
  bool trigger = true;
  bool requestable_web_service = false;  // source Web Service API: listed for MKTOWS
  bool requestable_sales = false;        // Sales Insight: listed for SALES
  // "Program.Name", as getCampaignsForSource lists it.
  std::string qualified_name() const { return program + "." + name; }
};

struct StaticList {
  int id = 0;
  std::string program;
  std::string name;
  std::string qualified_name() const { return program + "." + name; }
};

struct ProgressionStatus {
  std::string name;
  int step = 0;
  bool success = false;
};

struct Channel {
  std::string name;
  std::string program_type = "Default";  // the program type it applies to
  std::vector<ProgressionStatus> statuses;
};

struct TagType {
  std::string name;
  std::vector<std::string> values;
};

// A field of a custom object type: "string" or "integer" (an integer's
// value must be a whole decimal number).
struct CustomObjectField {
  std::string name;
  std::string type = "string";
};

// A custom object type. A record is named by its dedupe fields' values (all
// of them: a compound key when there are several) and linked to a lead by
// `lead_link` (the lead's Id). Both faces spell the fields alike
// (docs/SANDBOX.md, "Custom objects").
struct CustomObjectType {
  std::string name;  // the apiName; SOAP's objTypeName matches it case-blind
  std::string display_name;
  std::vector<CustomObjectField> dedupe;  // in key order, at least one
  std::string lead_link = "MKTOID";       // an integer field holding the lead's Id
  std::vector<CustomObjectField> fields;  // the others, in describe's order
  // The type ("string", "integer") of the field `name` (a dedupe field,
  // the link, another; exact spelling); null when the type has no such field.
  const char *field_type(const std::string &name) const;
  bool is_dedupe(const std::string &name) const;
};

struct World {
  std::vector<Program> programs;
  std::vector<Campaign> campaigns;
  std::vector<StaticList> lists;
  std::vector<Channel> channels;
  std::vector<TagType> tag_types;
  std::vector<CustomObjectType> custom_object_types;

  const Program *program(const std::string &name) const;
  const Campaign *campaign(int id) const;
  // By its program and its own name (the SOAP call's two parts).
  const Campaign *campaign(const std::string &program, const std::string &name) const;
  const StaticList *list(int id) const;
  const StaticList *list(const std::string &program, const std::string &name) const;
  // By "Program.Name" (the first dot splits: program names hold no dot in
  // the default world; docs/SANDBOX.md says what a configured one means).
  const StaticList *list_by_qualified_name(const std::string &qualified) const;
  const Channel *channel(const std::string &name) const;
  // By name, ASCII case-blind (the vendor's sample sends "RoadShow" for
  // "Roadshow").
  const CustomObjectType *custom_object_type(const std::string &name) const;
};

// The documented default world.
World default_world();

// Adds what `config` (the configuration's root object) names to `world`, or
// replaces it when "defaultWorld" is false; throws ConfigError naming the
// offending entry.
void read_world(const nlohmann::json &config, World &world);

}  // namespace mktows_sandbox
