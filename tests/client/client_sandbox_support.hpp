// client_sandbox_support.hpp: a Client of a sandbox started for one test
// case (the credentials the sandbox is started with, the options pointing a
// client at it), and lead seeding, for the suites of the calls beyond
// syncLead (client_leads_paging_test, client_activity_test,
// client_campaigns_test, client_lists_test, client_raw_proxy_test).
#pragma once

#include "client/client_test_support.hpp"
#include "support/sandbox_process.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mktows_test {

const char kSandboxUser[] = "sandbox7_AB12CD34EF56AB12CD34EF";
const char kSandboxKey[] = "sandbox-Key-0f-the-Jungle-77c2";

inline std::vector<std::pair<std::string, std::string> > sandbox_credentials() {
  return {{"MKTOWS_USER_ID", kSandboxUser}, {"MKTOWS_ENCRYPTION_KEY", kSandboxKey}};
}

inline mktows::ClientOptions sandbox_client_options(const SandboxProcess &sandbox, std::string *trace = nullptr) {
  mktows::ClientOptions o;
  o.endpoint = sandbox.endpoint();
  o.user_id = kSandboxUser;
  o.encryption_key = kSandboxKey;
  o.limiter.enabled = false;  // each case has its own sandbox
  if (trace) o.trace = [trace](mktows::TraceDirection, const std::string &m) { *trace += m; };
  return o;
}

// A sandbox and a client of it.
struct SandboxClient {
  SandboxProcess sandbox;
  mktows::Client client;
  explicit SandboxClient(std::string *trace = nullptr)
      : sandbox({}, sandbox_credentials()), client(sandbox_client_options(sandbox, trace)) {}
};

inline std::string nth_email(std::size_t i) { return "lead" + std::to_string(i) + "@jungle.com"; }

// Creates leads lead0@jungle.com .. lead<n-1>@jungle.com (FirstName
// "Lead <i>"); their ids, in order.
inline std::vector<int> seed_leads(mktows::Client &client, std::size_t n, std::size_t first = 0) {
  std::vector<mktows::Lead> leads;
  for (std::size_t i = first; i < first + n; ++i)
    leads.push_back(mktows::Lead().email(nth_email(i)).attribute("FirstName", "Lead " + std::to_string(i)));
  auto r = client.sync_multiple_leads(leads);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  std::vector<int> ids;
  for (const mktows::SyncResult &s : *r) ids.push_back(s.lead_id);
  return ids;
}

inline void expect_refused(const mktows::Error &e, mktows::ValidationRule rule, const std::string &says) {
  BOOST_TEST((e.kind == mktows::ErrorKind::validation), e.describe());
  BOOST_TEST((e.rule == rule), e.describe());
  BOOST_TEST(e.message.find(says) != std::string::npos, e.message);
}

}  // namespace mktows_test
