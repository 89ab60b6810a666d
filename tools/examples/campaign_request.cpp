// campaign_request: runs a trigger campaign for some leads, by id or by
// program and campaign name (with program tokens), as requestCampaign
// does; lists the requestable campaigns with --list.
//
//   campaign_request --list
//   campaign_request (--id N | --program P --campaign C [--token NAME=VALUE]...) (--email E | --lead-id N)...
//
// Reads MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY. Exit
// status: 0 run, 1 refused or failed (the error is printed), 2 usage.
#include <mktows/mktows.hpp>

#include "example_env.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

int usage(const std::string &message) {
  std::cerr << "campaign_request: " << message
            << "\nusage: campaign_request --list\n"
               "       campaign_request (--id N | --program P --campaign C [--token NAME=VALUE]...) "
               "(--email E | --lead-id N)...\n";
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  int id = 0;
  bool list = false;
  std::string program, campaign;
  std::vector<mktows::ProgramToken> tokens;
  std::vector<mktows::LeadKey> leads;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool v = i + 1 < argc;
    if (a == "--list") {
      list = true;
    } else if (a == "--id" && v) {
      id = std::atoi(argv[++i]);
    } else if (a == "--program" && v) {
      program = argv[++i];
    } else if (a == "--campaign" && v) {
      campaign = argv[++i];
    } else if (a == "--token" && v) {
      std::string t = argv[++i];
      std::string::size_type eq = t.find('=');
      if (eq == std::string::npos) return usage("--token takes NAME=VALUE");
      tokens.push_back(mktows::ProgramToken(t.substr(0, eq), t.substr(eq + 1)));
    } else if (a == "--email" && v) {
      leads.push_back(mktows::LeadKey::by_email(argv[++i]));
    } else if (a == "--lead-id" && v) {
      leads.push_back(mktows::LeadKey::by_id(std::atoi(argv[++i])));
    } else {
      return usage("unknown or incomplete option " + a);
    }
  }
  mktows::ClientOptions options;
  if (!example::options_from_env(options))
    return usage("MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY must be set");
  mktows::Client client(options);

  if (list) {
    auto campaigns = client.get_campaigns_for_source(mktows::CampaignSource::mktows);
    if (!campaigns) {
      std::cerr << "campaign_request: getCampaignsForSource failed: " << campaigns.error() << "\n";
      return 1;
    }
    for (const mktows::Campaign &c : *campaigns) std::cout << c.id << ' ' << c.name << '\n';
    return 0;
  }
  // The two shapes requestCampaign takes; the client refuses any other
  // (before sending) with the reason.
  mktows::CampaignRef ref = program.empty() && campaign.empty() ? mktows::CampaignRef::by_id(id)
                                                                : mktows::CampaignRef::by_name(program, campaign);
  for (const mktows::ProgramToken &t : tokens) ref.token(t.name, t.value);
  auto r = client.request_campaign(ref, leads);
  if (!r) {
    std::cerr << "campaign_request: requestCampaign failed: " << r.error() << "\n";
    return 1;
  }
  std::cout << "requestCampaign " << (r->success ? "succeeded" : "did not succeed") << " for " << r->leads
            << " lead(s) with " << r->tokens << " token(s)\n";
  return r->success ? 0 : 1;
}
