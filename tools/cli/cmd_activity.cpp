// cmd_activity.cpp: `mktows activity`: a lead's getLeadActivity records,
// newest first, walked page by page, resumable from a journal
// (read_walk.hpp).
#include "commands.hpp"
#include "key_args.hpp"
#include "lead_client.hpp"
#include "read_walk.hpp"
#include "time_arg.hpp"

#include <mktows/activity_types.hpp>
#include <mktows/client.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace mktows_cli {

namespace {

const std::string kHelp =
    "usage: mktows activity (--email E | --id N) [--type ENUM ...] [--since TIME] [--page-size N]\n"
    "                       [--journal FILE] [--max-pages N] [--progress-every S] [--json]\n"
    "\n"
    "Reads a lead's activity (getLeadActivity), newest first, page after page:\n"
    "  --email E / --id N    the lead (an Email shared by several leads reads all of theirs)\n"
    "  --type ENUM           only this activity type, by its 2_2 name (VisitWebpage, NewLead,\n"
    "                        ChangeDataValue, AddToList, ...); repeat for several\n"
    "  --since TIME          only records created at TIME or later\n"
    "  --page-size N         records per call (1.." + std::to_string(mktows::kMaxLeadActivityBatch) +
    "; default: the service's)\n"
    "  --journal FILE        record the position after each page (fsync); run again with the same\n"
    "                        journal and query to go on after the last page recorded\n"
    "  --max-pages N         stop after N pages (exit code 0; resume with the journal)\n"
    "  --progress-every S    a progress line on stderr every S seconds (default 5; 0: every page)\n"
    "  --json                one object per record: {\"id\", \"activityDateTime\", \"activityType\",\n"
    "                        \"mktgAssetName\", \"campaign\", \"mktPersonId\", \"attributes\"}\n"
    "\n"
    "TIME: 2026-11-30T08:15:00Z, 2026-11-30T10:15:00+02:00, 2026-11-30 (UTC midnight) or @SECONDS.\n"
    "\n";

nlohmann::json text_or_null(const std::string &s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json optional_time(bool has, std::time_t t) { return has ? nlohmann::json(static_cast<long long>(t)) : nlohmann::json(); }

// A stream position as one JSON line, and back.
std::string encode(const mktows::StreamPosition &p) {
  nlohmann::json j;
  j["oldest"] = optional_time(p.has_oldest_created_at, p.oldest_created_at);
  j["latest"] = optional_time(p.has_latest_created_at, p.latest_created_at);
  j["activity"] = optional_time(p.has_activity_created_at, p.activity_created_at);
  j["offset"] = p.offset;
  return j.dump();
}

mktows::StreamPosition decode(const std::string &text, const std::string &journal) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&]() { return JournalError("journal " + journal + " has a malformed position"); };
  if (!j.is_object() || !j.contains("offset") || !j["offset"].is_string()) throw bad();
  mktows::StreamPosition p;
  auto time_of = [&](const char *name, bool &has, std::time_t &t) {
    if (!j.contains(name) || j[name].is_null()) return;
    if (!j[name].is_number_integer()) throw bad();
    has = true;
    t = static_cast<std::time_t>(j[name].get<long long>());
  };
  time_of("oldest", p.has_oldest_created_at, p.oldest_created_at);
  time_of("latest", p.has_latest_created_at, p.latest_created_at);
  time_of("activity", p.has_activity_created_at, p.activity_created_at);
  p.offset = j["offset"].get<std::string>();
  return p;
}

}  // namespace

int run_activity(const std::vector<std::string> &args) {
  std::vector<OptionSpec> specs = connection_options();
  specs.insert(specs.end(), {{"email", true, false},
                             {"id", true, false},
                             {"type", true, true},
                             {"since", true, false},
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
  if (a.has("email") + a.has("id") != 1) throw UsageError("give exactly one of --email, --id");
  std::vector<mktows::LeadKey> keys = lead_keys(a, "id", "email", true);
  const mktows::LeadKey key = keys.front();

  std::string query = "activity\n" + key_text(key) + "\n";
  mktows::ActivityReadOptions read;
  for (const std::string &t : a.all("type")) {
    if (!mktows::find_activity_type(t.c_str()))
      throw UsageError("--type: '" + t + "' is not a 2_2 activity type (VisitWebpage, NewLead, ChangeDataValue, ...)");
    read.filter.include_types.push_back(t);
    query += "type " + t + "\n";
  }
  if (a.has("since")) {
    std::time_t since = parse_time_arg("since", a.get("since"));
    read.resume_from = mktows::StreamPosition::since(since);
    query += "since " + std::to_string(since) + "\n";
  }
  if (a.has("page-size"))
    read.batch_size = static_cast<int>(parse_number("page-size", a.get("page-size"), 1, mktows::kMaxLeadActivityBatch));

  ReadWalkOptions o;
  o.journal_path = a.get("journal");
  o.query = query;
  o.max_pages = a.has("max-pages") ? parse_number("max-pages", a.get("max-pages"), 1, 1000000000L) : 0;
  o.progress = stderr;
  o.progress_terminal = ::isatty(STDERR_FILENO) == 1;
  o.progress_interval_s = static_cast<double>(parse_number("progress-every", a.get("progress-every", "5"), 0, 86400));
  o.noun = "records";
  bool json = a.has("json");

  Settings settings = load_settings(a);
  LeadClient lc(settings);
  mktows::Client &client = lc.client();
  ReadWalkSummary s = read_walk<mktows::ActivityRecord, mktows::StreamPosition>(
      o, std::cout,
      [&](const mktows::StreamPosition *resume) {
        mktows::ActivityReadOptions r = read;
        if (resume) r.resume_from = *resume;
        return client.get_lead_activity(key, r);
      },
      [](const mktows::StreamPosition &p) { return encode(p); },
      [&](const std::string &text) { return decode(text, o.journal_path); },
      [&](const mktows::ActivityRecord &r) {
        if (json) {
          nlohmann::json j;
          j["id"] = r.id;
          j["activityDateTime"] = format_time(r.at);
          j["activityType"] = r.type;
          j["mktgAssetName"] = text_or_null(r.asset_name);
          j["campaign"] = text_or_null(r.campaign);
          j["mktPersonId"] = text_or_null(r.mkt_person_id);
          nlohmann::json attrs = nlohmann::json::object();
          for (const mktows::Attribute &at : r.attributes) attrs[at.name] = at.value;
          j["attributes"] = attrs;
          std::cout << j.dump() << "\n";
        } else {
          std::cout << format_time(r.at) << " " << r.type << " (activity " << r.id << ", lead " << r.mkt_person_id
                    << ")";
          if (!r.asset_name.empty()) std::cout << " " << r.asset_name;
          std::cout << "\n";
          for (const mktows::Attribute &at : r.attributes) std::cout << "  " << at.name << ": " << at.value << "\n";
        }
      });
  if (s.already_finished) {
    std::fprintf(stderr, "mktows activity: the journal says this read was finished (%llu records); nothing read\n",
                 static_cast<unsigned long long>(s.records));
    return kExitOk;
  }
  if (!s.error.ok()) {
    // "20103 - Lead Not Found": no lead has that key, as get-lead says it.
    if (s.error.kind == mktows::ErrorKind::fault && s.error.code == mktows::fault_code::lead_not_found)
      throw CliError(kExitNotFound, "no lead with " + key_text(key));
    fail_call("getLeadActivity", s.error);
  }
  std::fprintf(stderr, "mktows activity: %llu records this run%s%s\n",
               static_cast<unsigned long long>(s.records_this_run),
               s.resumed ? (" (" + std::to_string(s.records - s.records_this_run) + " read before)").c_str() : "",
               s.stopped ? "; stopped at --max-pages, more remain" : "");
  return kExitOk;
}

}  // namespace mktows_cli
