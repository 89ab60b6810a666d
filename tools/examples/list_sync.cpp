// list_sync: makes a static list hold exactly the leads of the given
// emails: upserts the leads (syncMultipleLeads), adds them to the list,
// reads the list's members (a StaticListSelector pager) and removes those
// not given; prints what each step did.
//
//   list_sync --list "Program.List" EMAIL...
//
// Reads MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY. Exit
// status: 0 in sync, 1 a call failed or a lead could not be added or
// removed, 2 usage.
#include <mktows/mktows.hpp>

#include "example_env.hpp"

#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace {

int usage(const std::string &message) {
  std::cerr << "list_sync: " << message << "\nusage: list_sync --list \"Program.List\" EMAIL...\n";
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  std::string list;
  std::vector<std::string> emails;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--list" && i + 1 < argc) list = argv[++i];
    else if (!a.empty() && a[0] == '-') return usage("unknown or incomplete option " + a);
    else emails.push_back(a);
  }
  if (list.empty() || emails.empty()) return usage("give --list and at least one email");
  mktows::ClientOptions options;
  if (!example::options_from_env(options))
    return usage("MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY must be set");
  mktows::Client client(options);

  // 1. The leads exist (by email; their ids come back).
  std::vector<mktows::Lead> leads;
  for (const std::string &e : emails) leads.push_back(mktows::Lead().email(e));
  auto synced = client.sync_multiple_leads(leads);
  if (!synced) {
    std::cerr << "list_sync: syncMultipleLeads failed: " << synced.error() << "\n";
    return 1;
  }
  std::set<int> wanted;
  std::vector<mktows::LeadKey> keys;
  for (const mktows::SyncResult &s : *synced) {
    wanted.insert(s.lead_id);
    keys.push_back(mktows::LeadKey::by_id(s.lead_id));
  }
  // 2. They are members.
  const mktows::ListKey key = mktows::ListKey::named(list);
  auto added = client.list_operation(mktows::ListOperation::add, key, keys);
  if (!added) {
    std::cerr << "list_sync: listOperation ADDTOLIST failed: " << added.error() << "\n";
    return 1;
  }
  int status = 0;
  for (const mktows::LeadListStatus &s : added->statuses) {
    std::cout << "add " << s.key.value << ' ' << (s.status ? "ok" : "FAILED") << '\n';
    if (!s.status) status = 1;
  }
  // 3. Nobody else is.
  std::vector<mktows::LeadKey> others;
  auto members = client.get_multiple_leads(mktows::StaticListSelector::named(list), mktows::LeadReadOptions().fields({}));
  for (const mktows::Lead &m : members)
    if (!wanted.count(m.id())) others.push_back(mktows::LeadKey::by_id(m.id()));
  if (!members.ok()) {
    std::cerr << "list_sync: getMultipleLeads failed: " << members.error() << "\n";
    return 1;
  }
  if (!others.empty()) {
    auto removed = client.list_operation(mktows::ListOperation::remove, key, others);
    if (!removed) {
      std::cerr << "list_sync: listOperation REMOVEFROMLIST failed: " << removed.error() << "\n";
      return 1;
    }
    for (const mktows::LeadListStatus &s : removed->statuses) {
      std::cout << "remove " << s.key.value << ' ' << (s.status ? "ok" : "FAILED") << '\n';
      if (!s.status) status = 1;
    }
  }
  std::cout << list << ": " << wanted.size() << " member(s), " << others.size() << " removed\n";
  return status;
}
