// cmd_list.cpp: `mktows list (add | remove | check)`: listOperation on a
// static list, one status per lead.
#include "commands.hpp"
#include "key_args.hpp"
#include "lead_client.hpp"

#include <mktows/client.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const std::string kHelp =
    "usage: mktows list (add | remove | check) --list NAME (--email E | --id N) ... [--strict]\n"
    "                   [--skip-activity-log] [--json]\n"
    "\n"
    "Adds leads to a static list, removes them, or checks that they are members (listOperation\n"
    "ADDTOLIST, REMOVEFROMLIST, ISMEMBEROFLIST). NAME is \"Program.List\". The leads: --id and --email,\n"
    "repeated and mixed (the ids first, then the addresses, each in the order given; more than\n"
    + std::to_string(mktows::kMaxListOperationLeads) + " go in several calls).\n"
    "  --strict              add or remove all or none (then at most " +
    std::to_string(mktows::kMaxListOperationLeads) + " leads)\n"
    "  --skip-activity-log   leave no Add to List / Remove from List records\n"
    "  --json                one object per lead: {\"key\": {\"type\", \"value\"}, \"status\"}; status is\n"
    "                        ADDED, REMOVED, MEMBER, or FAILED (add, remove) / NOT_MEMBER (check)\n"
    "\n"
    "Exit code 6 when add or remove failed for any lead (an unknown lead; remove: not a member),\n"
    "9 when check finds any lead not a member.\n"
    "\n";

}  // namespace

int run_list(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"list", true, false},
                             {"email", true, true},
                             {"id", true, true},
                             {"strict", false, false},
                             {"skip-activity-log", false, false}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp.c_str(), kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (a.positional().size() != 1) throw UsageError("give one action: add, remove or check");
  const std::string action = a.positional()[0];
  mktows::ListOperation op;
  const char *yes;
  const char *no;
  if (action == "add") {
    op = mktows::ListOperation::add;
    yes = "ADDED";
    no = "FAILED";
  } else if (action == "remove") {
    op = mktows::ListOperation::remove;
    yes = "REMOVED";
    no = "FAILED";
  } else if (action == "check") {
    op = mktows::ListOperation::is_member;
    yes = "MEMBER";
    no = "NOT_MEMBER";
  } else {
    throw UsageError("unknown action '" + action + "' (add, remove or check)");
  }
  if (!a.has("list") || a.get("list").empty()) throw UsageError("--list NAME (Program.List) is required");
  if (op == mktows::ListOperation::is_member && a.has("strict")) throw UsageError("--strict applies to add and remove");
  std::vector<mktows::LeadKey> keys = lead_keys(a, "id", "email", true);
  mktows::ListOperationOptions options;
  options.strict = a.has("strict");
  if (a.has("skip-activity-log")) {
    options.has_skip_activity_log = true;
    options.skip_activity_log = true;
  }

  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Result<mktows::ListOperationResult> r =
      lc.client().list_operation(op, mktows::ListKey::named(a.get("list")), keys, options);
  if (!r) fail_call("listOperation", r.error());
  std::size_t false_count = 0;
  for (const mktows::LeadListStatus &st : r->statuses) {
    if (!st.status) ++false_count;
    if (a.has("json")) {
      nlohmann::json j;
      j["key"] = {{"type", key_type_name(st.key.type)}, {"value", st.key.value}};
      j["status"] = st.status ? yes : no;
      std::cout << j.dump() << "\n";
    } else {
      std::cout << (st.status ? yes : no) << " " << key_text(st.key) << "\n";
    }
  }
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the results");
  if (!false_count) return kExitOk;
  return op == mktows::ListOperation::is_member ? kExitNotFound : kExitFailed;
}

}  // namespace mktows_cli
