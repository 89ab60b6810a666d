// lead_client.hpp: the command line's view of mktows::Client: lead calls in
// the CLI's own row types, and every client error turned into a CliError
// carrying the documented exit code. The only file that knows the client's API.
#pragma once

#include "batch_sync.hpp"
#include "cli_error.hpp"
#include "lead_columns.hpp"
#include "settings.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mktows_cli {

// A lead as the server returned it.
struct LeadView {
  int id = 0;
  std::string email, foreign_id, foreign_type;
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct SyncOutcome {
  RowOutcome outcome;
  bool has_record = false;
  LeadView record;  // when return_lead was asked for
};

class LeadClient {
 public:
  explicit LeadClient(const Settings &settings);
  ~LeadClient();
  LeadClient(const LeadClient &) = delete;
  LeadClient &operator=(const LeadClient &) = delete;

  SyncOutcome sync_lead(const RowLead &lead, const std::string &cookie, bool return_lead);
  // With dedup on, so a resent batch updates instead of duplicating.
  std::vector<RowOutcome> sync_multiple(const std::vector<RowLead> &leads);
  // key_type: IDNUM, EMAIL or COOKIE. An empty result when nothing matches.
  std::vector<LeadView> get_lead(const std::string &key_type, const std::string &key_value);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mktows_cli
