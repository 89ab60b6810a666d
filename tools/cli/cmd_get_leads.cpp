// cmd_get_leads.cpp: `mktows get-leads`: getMultipleLeads by one selector
// (updated in a window, a static list's members, or keys), walked page by
// page, resumable from a journal (read_walk.hpp).
#include "commands.hpp"
#include "key_args.hpp"
#include "lead_client.hpp"
#include "lead_output.hpp"
#include "read_walk.hpp"
#include "time_arg.hpp"

#include <mktows/client.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace mktows_cli {

namespace {

const std::string kHelp =
    "usage: mktows get-leads (--updated-since TIME [--until TIME] | --list NAME | --email E ... | --id N ...)\n"
    "                        [--fields A,B,...] [--page-size N] [--journal FILE] [--max-pages N]\n"
    "                        [--progress-every S] [--json]\n"
    "\n"
    "Reads leads with getMultipleLeads, page after page, printing each as it comes:\n"
    "  --updated-since TIME  the leads updated from TIME on (LastUpdateAtSelector), up to --until TIME\n"
    "                        or now; at most " + std::to_string(mktows::kMaxUpdateWindowDays) +
    " days between the two (exit code 3 when wider)\n"
    "  --list NAME           the members of a static list, \"Program.List\" (StaticListSelector)\n"
    "  --email E / --id N    the leads with these keys, one kind, at most " +
    std::to_string(mktows::kMaxSelectorKeys) + " (LeadKeySelector)\n"
    "  --fields A,B,...      read only these fields (SOAP names: Email, FirstName, ...); default: all\n"
    "  --page-size N         leads per call (1.." + std::to_string(mktows::kMaxLeadPage) +
    "; default: the service's)\n"
    "  --journal FILE        record the position after each page (fsync); run again with the same\n"
    "                        journal and query to go on after the last page recorded\n"
    "  --max-pages N         stop after N pages (exit code 0; resume with the journal)\n"
    "  --progress-every S    a progress line on stderr every S seconds (default 5; 0: every page)\n"
    "  --json                one object per lead: {\"leadId\", \"status\": \"FOUND\", \"leadRecord\"}\n"
    "\n"
    "TIME: 2026-11-30T08:15:00Z, 2026-11-30T10:15:00+02:00, 2026-11-30 (UTC midnight) or @SECONDS.\n"
    "\n";

std::vector<std::string> split_fields(const std::string &list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = list.find(',', start);
    std::string f = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (f.empty()) throw UsageError("--fields: an empty field name in '" + list + "'");
    out.push_back(f);
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

int run_get_leads(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"updated-since", true, false},
                             {"until", true, false},
                             {"list", true, false},
                             {"email", true, true},
                             {"id", true, true},
                             {"fields", true, false},
                             {"page-size", true, false},
                             {"journal", true, false},
                             {"max-pages", true, false},
                             {"progress-every", true, false}});
  ParsedArgs a = parse_args(args, specs);
  if (a.has("help")) {
    std::printf("%s%s\n%s", kHelp.c_str(), kConnectionHelp.c_str(), kExitCodeHelp);
    return kExitOk;
  }
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional().front() + "'");
  int selectors = a.has("updated-since") + a.has("list") + (a.has("email") || a.has("id"));
  if (selectors != 1) throw UsageError("give exactly one of --updated-since, --list, --email/--id");
  if (a.has("until") && !a.has("updated-since")) throw UsageError("--until goes with --updated-since");
  if (a.has("email") && a.has("id")) throw UsageError("--email and --id cannot be mixed: a selector has one key type");

  // The selector, and the query text the journal is fingerprinted by.
  std::string query = "get-leads\n";
  std::unique_ptr<mktows::LeadSelector> selector;
  if (a.has("updated-since")) {
    std::time_t since = parse_time_arg("updated-since", a.get("updated-since"));
    if (a.has("until")) {
      std::time_t until = parse_time_arg("until", a.get("until"));
      if (until < since) throw UsageError("--until is before --updated-since");
      selector.reset(new mktows::LeadSelector(mktows::LastUpdateAtSelector::between(since, until)));
      query += "updated " + std::to_string(since) + " " + std::to_string(until) + "\n";
    } else {
      selector.reset(new mktows::LeadSelector(mktows::LastUpdateAtSelector::since(since)));
      query += "updated " + std::to_string(since) + "\n";
    }
  } else if (a.has("list")) {
    if (a.get("list").empty()) throw UsageError("--list needs a list name (Program.List)");
    selector.reset(new mktows::LeadSelector(mktows::StaticListSelector::named(a.get("list"))));
    query += "list " + a.get("list") + "\n";
  } else {
    std::vector<mktows::LeadKey> keys = lead_keys(a, "id", "email", true);
    std::vector<std::string> values;
    for (const mktows::LeadKey &k : keys) values.push_back(k.value);
    selector.reset(new mktows::LeadSelector(mktows::LeadKeySelector(keys.front().type, values)));
    query += "keys " + std::string(key_type_name(keys.front().type));
    for (const std::string &v : values) query += " " + v;
    query += "\n";
  }
  mktows::LeadReadOptions read;
  if (a.has("fields")) {
    read.fields(split_fields(a.get("fields")));
    query += "fields " + a.get("fields") + "\n";
  }
  if (a.has("page-size"))
    read.batch_size(static_cast<int>(parse_number("page-size", a.get("page-size"), 1, mktows::kMaxLeadPage)));

  ReadWalkOptions o;
  o.journal_path = a.get("journal");
  o.query = query;
  o.max_pages = a.has("max-pages") ? parse_number("max-pages", a.get("max-pages"), 1, 1000000000L) : 0;
  o.progress = stderr;
  o.progress_terminal = ::isatty(STDERR_FILENO) == 1;
  o.progress_interval_s = static_cast<double>(parse_number("progress-every", a.get("progress-every", "5"), 0, 86400));
  o.noun = "leads";
  bool json = a.has("json");

  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Client &client = lc.client();
  ReadWalkSummary s = read_walk<mktows::Lead, std::string>(
      o, std::cout,
      [&](const std::string *resume) {
        mktows::LeadReadOptions r = read;
        if (resume) r.resume_from(*resume);
        return client.get_multiple_leads(*selector, r);
      },
      [](const std::string &p) { return nlohmann::json(p).dump(); },
      [&](const std::string &text) {
        nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (!j.is_string()) throw JournalError("journal " + o.journal_path + " has a malformed position");
        return j.get<std::string>();
      },
      [&](const mktows::Lead &l) {
        int id = l.has_id() ? l.id() : 0;
        if (json) {
          nlohmann::json j;
          j["leadId"] = id;
          j["status"] = "FOUND";
          j["leadRecord"] = lead_json(l);
          std::cout << j.dump() << "\n";
        } else {
          std::cout << "lead " << id << "\n" << lead_text(l);
        }
      });
  if (s.already_finished) {
    std::fprintf(stderr, "mktows get-leads: the journal says this read was finished (%llu leads); nothing read\n",
                 static_cast<unsigned long long>(s.records));
    return kExitOk;
  }
  if (!s.error.ok()) fail_call("getMultipleLeads", s.error);
  std::fprintf(stderr, "mktows get-leads: %llu leads this run%s%s\n",
               static_cast<unsigned long long>(s.records_this_run),
               s.resumed ? (" (" + std::to_string(s.records - s.records_this_run) + " read before)").c_str() : "",
               s.stopped ? "; stopped at --max-pages, more remain" : "");
  return kExitOk;
}

}  // namespace mktows_cli
