// cmd_sync_lead.cpp: `mktows sync-lead`: one syncLead call from options.
#include "commands.hpp"
#include "lead_client.hpp"
#include "lead_columns.hpp"
#include "lead_output.hpp"

#include <mktows/validation.hpp>

#include <climits>
#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const char kHelp[] =
    "usage: mktows sync-lead [--id N] [--email E] [--foreign-id X --foreign-type CUSTOM|SFDC|NETSUITE]\n"
    "                        [--cookie C] [--attr Name=Value]... [--workspace W] [--return-lead] [--json]\n"
    "\n"
    "Creates or updates one lead (syncLead). At least one of --id, --email, --foreign-id;\n"
    "--foreign-type with --foreign-id. --attr may be repeated; attributes are sent in order.\n"
    "Prints the status (CREATED, UPDATED, FAILED) and the lead id; with --json one object\n"
    "{\"leadId\", \"status\", \"error\", \"leadRecord\"}; --return-lead asks for the full record.\n"
    "\n";

}  // namespace

int run_sync_lead(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"id", true, false},
                             {"email", true, false},
                             {"foreign-id", true, false},
                             {"foreign-type", true, false},
                             {"cookie", true, false},
                             {"attr", true, true},
                             {"return-lead", false, false}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp, kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
  mktows::Lead lead;
  if (a.has("id")) lead.id(static_cast<int>(parse_number("id", a.get("id"), 1, INT_MAX)));
  if (!a.get("email").empty()) lead.email(a.get("email"));
  std::string error;
  if (!set_foreign_key(lead, a.get("foreign-id"), a.get("foreign-type"), error))
    throw CliError(kExitValidation, "validation error: " + error);
  for (const std::string &attr : a.all("attr")) {
    std::size_t eq = attr.find('=');
    if (eq == std::string::npos) throw UsageError("--attr takes Name=Value, not '" + attr + "'");
    lead.attribute(attr.substr(0, eq), attr.substr(eq + 1));
  }
  // The client's rules, before connecting: nothing is sent for a broken lead.
  mktows::Error invalid = mktows::validate(lead);
  if (!invalid.ok()) throw CliError(kExitValidation, "validation error: " + invalid.message);

  Settings settings = load_settings(a);
  LeadClient client(settings);
  mktows::SyncResult r = client.sync_lead(lead, a.get("cookie"), a.has("return-lead"));
  const char *status = mktows::to_string(r.status);
  if (a.has("json")) {
    nlohmann::json j;
    j["leadId"] = r.lead_id;
    j["status"] = status;
    j["error"] = r.error.empty() ? nlohmann::json() : nlohmann::json(r.error);
    j["leadRecord"] = r.has_lead ? lead_json(r.lead) : nlohmann::json();
    std::cout << j.dump() << std::endl;
  } else {
    std::cout << status << " lead " << r.lead_id;
    if (!r.error.empty()) std::cout << ": " << r.error;
    std::cout << "\n";
    if (r.has_lead) std::cout << lead_text(r.lead);
    std::cout.flush();
  }
  if (!std::cout) throw CliError(kExitInternal, "cannot write the result");
  return r.status == mktows::SyncStatus::failed ? kExitFailed : kExitOk;
}

}  // namespace mktows_cli
