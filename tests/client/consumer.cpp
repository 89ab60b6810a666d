// consumer.cpp: a program using only the public headers, compiled once per
// C++ standard (11, 14, 17, 20) by tests/client/CMakeLists.txt. It runs
// offline: validation happens before anything is sent.
#include <mktows/mktows.hpp>

#include <cstdio>
#include <sstream>
#include <vector>

int main() {
  mktows::ClientOptions options;
  options.endpoint = "http://127.0.0.1:9/soap/mktows/2_2";
  options.user_id = "bigcorp1_461839624B16E06BA2D663";
  options.encryption_key = "consumer-key";
  options.limiter.enabled = false;
  mktows::Client client(options);
  mktows::Client moved(std::move(client));
  if (!moved.ready()) return 1;

  mktows::Result<mktows::SyncResult> r = moved.sync_lead(mktows::Lead().attribute("FirstName", "George"));
  if (r.ok() || r.error().rule != mktows::ValidationRule::lead_key_required) return 2;

  std::vector<mktows::Lead> leads;
  leads.push_back(mktows::Lead().foreign_id("SF-1"));
  mktows::Result<std::vector<mktows::SyncResult> > many = moved.sync_multiple_leads(leads);
  if (many.ok() || many.error().rule != mktows::ValidationRule::foreign_type_required) return 3;

  std::ostringstream printed;
  printed << options;
  if (printed.str().find("consumer-key") != std::string::npos) return 4;

  mktows::ClientPool pool(options, 2);
  if (pool.size() != 2) return 5;
  std::printf("consumer (C++ %ld): %s\n", static_cast<long>(__cplusplus), r.error().describe().c_str());
  return moved.requests_sent() == 0 ? 0 : 6;
}
