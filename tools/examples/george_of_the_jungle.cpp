// george_of_the_jungle: the seed's syncLead sample (PHP, Java, Ruby) with
// mktows::Client: upsert George of the Jungle by email, optionally naming
// the target workspace, optionally printing the raw messages as the PHP
// sample's $debug does (with the signature redacted).
//
//   export MKTOWS_ENDPOINT=https://123-ABC-456.mktoapi.com/soap/mktows/2_2
//   export MKTOWS_USER_ID=bigcorp1_461839624B16E06BA2D663
//   export MKTOWS_ENCRYPTION_KEY=...
//   george_of_the_jungle [--email ADDRESS] [--workspace NAME] [--trace] [--ca-file PEM]
//
// Exit status: 0 synced, 1 the call failed (the error is printed), 2 usage.
#include <mktows/mktows.hpp>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

int usage(const char *message) {
  std::cerr << "george_of_the_jungle: " << message
            << "\nusage: george_of_the_jungle [--email ADDRESS] [--workspace NAME] [--trace] [--ca-file PEM]\n"
               "  reads MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY from the environment\n";
  return 2;
}

const char *env(const char *name) {
  const char *v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

int main(int argc, char **argv) {
  std::string email = "george@jungle.com";
  std::string workspace, ca_file;
  bool trace = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--email" && has_value) email = argv[++i];
    else if (a == "--workspace" && has_value) workspace = argv[++i];
    else if (a == "--ca-file" && has_value) ca_file = argv[++i];
    else if (a == "--trace") trace = true;
    else return usage(("unknown or incomplete option " + a).c_str());
  }
  const char *endpoint = env("MKTOWS_ENDPOINT");
  const char *user_id = env("MKTOWS_USER_ID");
  const char *key = env("MKTOWS_ENCRYPTION_KEY");
  if (!endpoint || !user_id || !key) return usage("MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY must be set");

  mktows::ClientOptions options;
  options.endpoint = endpoint;
  options.user_id = user_id;
  options.encryption_key = key;
  options.ca_file = ca_file;
  if (trace)
    options.trace = [](mktows::TraceDirection d, const std::string &message) {
      std::cout << (d == mktows::TraceDirection::request ? "RAW request:\n" : "RAW response:\n") << message << "\n";
    };
  mktows::Client client(options);

  mktows::Lead george = mktows::Lead()
                            .email(email)
                            .attribute("FirstName", "George")
                            .attribute("LastName", "of the Jungle");
  mktows::CallOptions call;
  if (!workspace.empty()) call.workspace(workspace);

  mktows::Result<mktows::SyncResult> r = client.sync_lead(george, call);
  if (!r) {
    std::cerr << "syncLead failed: " << r.error() << " (after " << r.error().attempts << " attempt"
              << (r.error().attempts == 1 ? "" : "s") << (r.error().retryable() ? ", retryable" : "") << ")\n";
    if (!r.error().body_excerpt.empty()) std::cerr << r.error().body_excerpt << "\n";
    return 1;
  }
  std::cout << "leadId " << r->lead_id << " status " << mktows::to_string(r->status);
  if (!r->error.empty()) std::cout << " error " << r->error;
  std::cout << "\n";
  return r->status == mktows::SyncStatus::failed ? 1 : 0;
}
