// cmd_get_lead.cpp: `mktows get-lead`: one getLead call by Id, Email or cookie.
#include "commands.hpp"
#include "lead_client.hpp"
#include "lead_output.hpp"

#include <climits>
#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const char kHelp[] =
    "usage: mktows get-lead (--id N | --email E | --cookie C) [--json]\n"
    "\n"
    "Reads the leads that match one key (getLead with IDNUM, EMAIL or COOKIE). Email is not\n"
    "unique, so several leads may be printed. With --json, one object per lead:\n"
    "{\"leadId\", \"status\": \"FOUND\", \"leadRecord\"}; when nothing matches, one object with\n"
    "\"status\": \"NOT_FOUND\" and exit code 9.\n"
    "\n";

}  // namespace

int run_get_lead(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"id", true, false}, {"email", true, false}, {"cookie", true, false}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp, kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
  int keys = a.has("id") + a.has("email") + a.has("cookie");
  if (keys != 1) throw UsageError("give exactly one of --id, --email, --cookie");
  std::string type, value;
  if (a.has("id")) {
    type = "IDNUM";
    value = std::to_string(parse_number("id", a.get("id"), 1, INT_MAX));
  } else if (a.has("email")) {
    type = "EMAIL";
    value = a.get("email");
  } else {
    type = "COOKIE";
    value = a.get("cookie");
  }
  if (value.empty()) throw CliError(kExitValidation, "validation error: the lead key is empty");

  Settings settings = load_settings(a);
  LeadClient client(settings);
  std::vector<mktows::Lead> leads = client.get_lead(type, value);
  if (a.has("json")) {
    if (leads.empty()) {
      nlohmann::json j;
      j["leadId"] = nullptr;
      j["status"] = "NOT_FOUND";
      std::cout << j.dump() << "\n";
    }
    for (const mktows::Lead &l : leads) {
      nlohmann::json j;
      j["leadId"] = l.has_id() ? l.id() : 0;
      j["status"] = "FOUND";
      j["leadRecord"] = lead_json(l);
      std::cout << j.dump() << "\n";
    }
  } else {
    if (leads.empty()) std::cout << "NOT_FOUND no lead with " << type << " " << value << "\n";
    for (const mktows::Lead &l : leads) std::cout << "FOUND lead " << (l.has_id() ? l.id() : 0) << "\n" << lead_text(l);
  }
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the result");
  return leads.empty() ? kExitNotFound : kExitOk;
}

}  // namespace mktows_cli
