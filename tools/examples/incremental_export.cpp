// incremental_export: the leads updated in a window, exported as CSV
// (Id,Email,FirstName,LastName) page by page with a LastUpdateAtSelector
// pager; after each whole page the walk's state (window and stream
// position) is saved, so an interrupted export resumes where it stopped.
//
//   incremental_export --since EPOCH [--until EPOCH] --state FILE [--batch N] [--max-pages N]
//   incremental_export --resume --state FILE [--batch N] [--max-pages N]
//
// --max-pages stops after that many pages (as an interruption would),
// leaving the state to resume from. Reads MKTOWS_ENDPOINT, MKTOWS_USER_ID
// and MKTOWS_ENCRYPTION_KEY. Exit status: 0 the export is complete, 3 it
// stopped with pages left (resume it), 1 a call failed, 2 usage.
#include <mktows/mktows.hpp>

#include "example_env.hpp"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

namespace {

int usage(const std::string &message) {
  std::cerr << "incremental_export: " << message
            << "\nusage: incremental_export (--since EPOCH [--until EPOCH] | --resume) --state FILE [--batch N] "
               "[--max-pages N]\n";
  return 2;
}

// The state file: "<oldest> <latest>\n<position>\n".
struct State {
  long long oldest = 0, latest = 0;
  std::string position;
};

bool save(const std::string &file, const State &s) {
  std::ofstream out(file.c_str(), std::ios::trunc);
  out << s.oldest << ' ' << s.latest << '\n' << s.position << '\n';
  return static_cast<bool>(out);
}

bool load(const std::string &file, State &s) {
  std::ifstream in(file.c_str());
  if (!(in >> s.oldest >> s.latest)) return false;
  in.ignore(1);
  std::getline(in, s.position);
  return true;
}

std::string csv(const std::string &v) {
  if (v.find_first_of(",\"\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string field(const mktows::Lead &lead, const char *name) {
  const std::string *v = lead.find(name);
  return v ? csv(*v) : std::string();
}

}  // namespace

int main(int argc, char **argv) {
  State state;
  std::string state_file;
  bool resume = false, has_since = false;
  int batch = 0, max_pages = 0;
  state.latest = static_cast<long long>(std::time(nullptr));
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool v = i + 1 < argc;
    if (a == "--since" && v) {
      state.oldest = std::atoll(argv[++i]);
      has_since = true;
    } else if (a == "--until" && v) {
      state.latest = std::atoll(argv[++i]);
    } else if (a == "--state" && v) {
      state_file = argv[++i];
    } else if (a == "--batch" && v) {
      batch = std::atoi(argv[++i]);
    } else if (a == "--max-pages" && v) {
      max_pages = std::atoi(argv[++i]);
    } else if (a == "--resume") {
      resume = true;
    } else {
      return usage("unknown or incomplete option " + a);
    }
  }
  if (state_file.empty() || resume == has_since) return usage("give --state and one of --since or --resume");
  if (resume && !load(state_file, state)) return usage("cannot read the state in " + state_file);

  mktows::ClientOptions options;
  if (!example::options_from_env(options))
    return usage("MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY must be set");
  mktows::Client client(options);

  // The same window on every run: a stream position belongs to its walk.
  mktows::LeadReadOptions read;
  read.batch_size(batch).fields({"Email", "FirstName", "LastName"}).resume_from(state.position);
  auto leads = client.get_multiple_leads(
      mktows::LastUpdateAtSelector::between(static_cast<std::time_t>(state.oldest), static_cast<std::time_t>(state.latest)),
      read);
  if (!resume) std::cout << "Id,Email,FirstName,LastName\n";
  for (const mktows::Lead &lead : leads) {
    std::cout << lead.id() << ',' << csv(lead.email()) << ',' << field(lead, "FirstName") << ','
              << field(lead, "LastName") << '\n';
    if (leads.at_page_end()) {  // a whole page is out: the walk may resume after it
      std::cout.flush();
      state.position = leads.position();
      if (!save(state_file, state)) {
        std::cerr << "incremental_export: cannot write " << state_file << "\n";
        return 1;
      }
      if (max_pages > 0 && static_cast<int>(leads.pages()) >= max_pages && !leads.position().empty()) {
        std::cerr << "incremental_export: stopped after " << leads.pages() << " pages; resume with --resume\n";
        return 3;
      }
    }
  }
  if (!leads.ok()) {
    std::cerr << "incremental_export: getMultipleLeads failed: " << leads.error() << "\n";
    return 1;
  }
  state.position.clear();
  save(state_file, state);
  std::cerr << "incremental_export: " << leads.records() << " leads in " << leads.pages() << " pages\n";
  return 0;
}
