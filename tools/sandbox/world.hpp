// world.hpp: the marketing assets a sandbox holds besides its leads:
// programs, campaigns, static lists, channels, tag types. A fresh sandbox
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

struct World {
  std::vector<Program> programs;
  std::vector<Campaign> campaigns;
  std::vector<StaticList> lists;
  std::vector<Channel> channels;
  std::vector<TagType> tag_types;

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
};

// The documented default world.
World default_world();

// Adds what `config` (the configuration's root object) names to `world`, or
// replaces it when "defaultWorld" is false; throws ConfigError naming the
// offending entry.
void read_world(const nlohmann::json &config, World &world);

}  // namespace mktows_sandbox
