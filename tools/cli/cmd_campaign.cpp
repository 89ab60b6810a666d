// cmd_campaign.cpp: `mktows campaign (list | request | schedule)`:
// getCampaignsForSource, requestCampaign, scheduleCampaign.
#include "commands.hpp"
#include "key_args.hpp"
#include "lead_client.hpp"
#include "time_arg.hpp"

#include <mktows/client.hpp>

#include <nlohmann/json.hpp>

#include <climits>
#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const std::string kHelp =
    "usage: mktows campaign list [--source MKTOWS|SALES] [--name TEXT [--exact]] [--json]\n"
    "       mktows campaign request (--campaign-id N | --program P --campaign C) [--token NAME=VALUE ...]\n"
    "                               (--email E | --id N) ... [--source MKTOWS|SALES] [--json]\n"
    "       mktows campaign schedule --program P --campaign C [--at TIME] [--token NAME=VALUE ...] [--json]\n"
    "\n"
    "list      the campaigns requestCampaign may run from the source (default MKTOWS); --name keeps\n"
    "          those whose name holds TEXT (with --exact: is TEXT). One line per campaign, or with\n"
    "          --json {\"id\", \"name\", \"description\"}\n"
    "request   runs a trigger campaign for the leads (1.." + std::to_string(mktows::kMaxCampaignLeads) +
    "; --id and --email, repeated and mixed),\n"
    "          named by its id, or by program and campaign name; program tokens go with the names only\n"
    "schedule  runs a batch campaign at TIME (default: at once), with program tokens\n"
    "          request and schedule print REQUESTED / SCHEDULED, or with --json {\"status\", \"success\",\n"
    "          \"leads\", \"tokens\"}; exit code 6 when the service answered success=false. Neither is\n"
    "          resent once the service may have received it (it would run the campaign twice).\n"
    "--token   NAME=VALUE, NAME as the program names it: {{my.Message}}=Hello\n"
    "\n"
    "TIME: 2026-11-30T08:15:00Z, 2026-11-30T10:15:00+02:00, 2026-11-30 (UTC midnight) or @SECONDS.\n"
    "\n";

mktows::CampaignSource source_of(const ParsedArgs &a) {
  std::string s = a.get("source", "MKTOWS");
  if (s == "MKTOWS") return mktows::CampaignSource::mktows;
  if (s == "SALES") return mktows::CampaignSource::sales;
  throw UsageError("--source is MKTOWS or SALES, not '" + s + "'");
}

void no_positional(const ParsedArgs &a) {
  if (a.positional().size() > 1) throw UsageError("unexpected argument '" + a.positional()[1] + "'");
}

int print_run(const char *what, const mktows::CampaignRunResult &r, bool json) {
  if (json) {
    nlohmann::json j;
    j["status"] = r.success ? what : "FAILED";
    j["success"] = r.success;
    j["leads"] = r.leads;
    j["tokens"] = r.tokens;
    std::cout << j.dump() << "\n";
  } else {
    std::cout << (r.success ? what : "FAILED") << " (";
    if (std::string(what) == "REQUESTED") std::cout << r.leads << " leads, ";
    std::cout << r.tokens << " tokens)\n";
  }
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the result");
  return r.success ? kExitOk : kExitFailed;
}

int campaign_list(const ParsedArgs &a) {
  no_positional(a);
  if (a.has("exact") && !a.has("name")) throw UsageError("--exact goes with --name");
  mktows::CampaignSource source = source_of(a);
  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Result<std::vector<mktows::Campaign>> r =
      lc.client().get_campaigns_for_source(source, a.get("name"), a.has("exact"));
  if (!r) fail_call("getCampaignsForSource", r.error());
  for (const mktows::Campaign &c : *r) {
    if (a.has("json")) {
      nlohmann::json j;
      j["id"] = c.id;
      j["name"] = c.name;
      j["description"] = c.description;
      std::cout << j.dump() << "\n";
    } else {
      std::cout << c.id << " " << c.name << (c.description.empty() ? "" : "  (" + c.description + ")") << "\n";
    }
  }
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the results");
  return kExitOk;
}

int campaign_request(const ParsedArgs &a) {
  no_positional(a);
  bool by_id = a.has("campaign-id");
  bool by_name = a.has("program") || a.has("campaign");
  if (by_id == by_name) throw UsageError("name the campaign by --campaign-id N or by --program P --campaign C");
  if (by_name && !(a.has("program") && a.has("campaign")))
    throw UsageError("--program and --campaign go together");
  std::vector<mktows::ProgramToken> tokens = program_tokens(a, "token");
  if (by_id && !tokens.empty())
    throw UsageError("--token needs the campaign by --program and --campaign (the service takes tokens only then)");
  std::vector<mktows::LeadKey> leads = lead_keys(a, "id", "email", true);
  mktows::CampaignSource source = source_of(a);
  mktows::CampaignRef ref =
      by_id ? mktows::CampaignRef::by_id(static_cast<int>(parse_number("campaign-id", a.get("campaign-id"), 1, INT_MAX)))
            : mktows::CampaignRef::by_name(a.get("program"), a.get("campaign"));
  for (const mktows::ProgramToken &t : tokens) ref.token(t.name, t.value);
  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Result<mktows::CampaignRunResult> r = lc.client().request_campaign(ref, leads, source);
  if (!r) fail_call("requestCampaign", r.error());
  return print_run("REQUESTED", *r, a.has("json"));
}

int campaign_schedule(const ParsedArgs &a) {
  no_positional(a);
  if (!a.has("program") || !a.has("campaign")) throw UsageError("--program P and --campaign C are required");
  std::time_t at = a.has("at") ? parse_time_arg("at", a.get("at")) : 0;
  std::vector<mktows::ProgramToken> tokens = program_tokens(a, "token");
  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Result<mktows::CampaignRunResult> r =
      lc.client().schedule_campaign(a.get("program"), a.get("campaign"), at, tokens);
  if (!r) fail_call("scheduleCampaign", r.error());
  return print_run("SCHEDULED", *r, a.has("json"));
}

}  // namespace

int run_campaign(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  // The action comes first, and each takes its own options; --help works
  // with any.
  std::string action = args.empty() || args[0].compare(0, 1, "-") == 0 ? std::string() : args[0];
  if (action == "list")
    specs.insert(specs.end(), {{"source", true, false}, {"name", true, false}, {"exact", false, false}});
  else if (action == "request")
    specs.insert(specs.end(), {{"campaign-id", true, false}, {"program", true, false}, {"campaign", true, false},
                               {"token", true, true}, {"email", true, true}, {"id", true, true},
                               {"source", true, false}});
  else if (action == "schedule")
    specs.insert(specs.end(), {{"program", true, false}, {"campaign", true, false}, {"at", true, false},
                               {"token", true, true}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp.c_str(), kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (a.positional().empty()) throw UsageError("give one action: list, request or schedule");
  if (action.empty()) throw UsageError("the action (list, request, schedule) comes first");
  if (action == "list") return campaign_list(a);
  if (action == "request") return campaign_request(a);
  if (action == "schedule") return campaign_schedule(a);
  throw UsageError("unknown action '" + a.positional()[0] + "' (list, request or schedule)");
}

}  // namespace mktows_cli
