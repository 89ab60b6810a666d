// cmd_merge.cpp: `mktows merge --winner N --loser N ...`: mergeLeads.
#include "commands.hpp"
#include "key_args.hpp"
#include "lead_client.hpp"

#include <mktows/client.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const char kHelp[] =
    "usage: mktows merge --winner N --loser N ... [--json]\n"
    "\n"
    "Merges the losing leads into the winning one (mergeLeads), by Id: the winner keeps its values\n"
    "and takes the losers' for the fields it has none of; the losers are deleted. Not resent once\n"
    "the service may have received it. With --json: {\"winningLeadId\", \"losingLeadIds\", \"status\":\n"
    "\"MERGED\"|\"FAILED\", \"error\"}. Exit code 6 when the service answered that it did not merge.\n"
    "\n";

}  // namespace

int run_merge(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"winner", true, false}, {"loser", true, true}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp, kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
  if (!a.has("winner")) throw UsageError("--winner N is required");
  std::vector<int> losers = lead_ids(a, "loser");
  if (losers.empty()) throw UsageError("give at least one --loser N");
  std::vector<int> winner = lead_ids(a, "winner");
  std::vector<mktows::LeadKey> loser_keys;
  for (int id : losers) {
    if (id == winner.front()) throw UsageError("lead " + std::to_string(id) + " cannot be the winner and a loser");
    loser_keys.push_back(mktows::LeadKey::by_id(id));
  }

  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Result<mktows::MergeResult> r = lc.client().merge_leads(mktows::LeadKey::by_id(winner.front()), loser_keys);
  if (!r) fail_call("mergeLeads", r.error());
  if (a.has("json")) {
    nlohmann::json j;
    j["winningLeadId"] = r->winning_lead_id;
    j["losingLeadIds"] = r->losing_lead_ids;
    j["status"] = r->merged ? "MERGED" : "FAILED";
    j["error"] = r->error.empty() ? nlohmann::json() : nlohmann::json(r->error);
    std::cout << j.dump() << "\n";
  } else {
    std::cout << (r->merged ? "MERGED" : "FAILED") << " into lead " << r->winning_lead_id << ":";
    for (int id : r->losing_lead_ids) std::cout << " " << id;
    if (!r->error.empty()) std::cout << " (" << r->error << ")";
    std::cout << "\n";
  }
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the result");
  return r->merged ? kExitOk : kExitFailed;
}

}  // namespace mktows_cli
