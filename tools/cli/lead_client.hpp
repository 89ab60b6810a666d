// lead_client.hpp: the command line's view of mktows::Client: lead calls in
// the core's types (mktows::Lead, mktows::SyncResult), and every client
// error turned into a CliError carrying the documented exit code. Its .cpp is
// the only file that knows the client itself.
#pragma once

#include "cli_error.hpp"
#include "settings.hpp"

#include <mktows/error.hpp>
#include <mktows/lead.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mktows {
class Client;
}

namespace mktows_cli {

// Throws the CliError of a failed call: its exit code by the kind of
// failure (docs/CLI.md, "Exit codes") and a message naming `call`.
[[noreturn]] void fail_call(const char *call, const mktows::Error &e);

class LeadClient {
 public:
  explicit LeadClient(const Settings &settings);
  ~LeadClient();
  LeadClient(const LeadClient &) = delete;
  LeadClient &operator=(const LeadClient &) = delete;

  // With return_lead, the result carries the record (has_lead).
  mktows::SyncResult sync_lead(const mktows::Lead &lead, const std::string &cookie, bool return_lead);
  // With dedup on, so a resent batch updates instead of duplicating.
  std::vector<mktows::SyncResult> sync_multiple(const std::vector<mktows::Lead> &leads);
  // key_type: IDNUM, EMAIL or COOKIE. An empty result when nothing matches.
  std::vector<mktows::Lead> get_lead(const std::string &key_type, const std::string &key_value);

  // The client itself, for the commands of the other calls (get-leads,
  // activity, list, campaign, merge), which include <mktows/client.hpp>.
  mktows::Client &client();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mktows_cli
