// sample_flow.hpp: what every interop suite checks in its client's output.
// Each client program (zeep_interop.py, SyncLeadInterop.java,
// node_soap_interop.js) runs the seed's sample flow and prints
//   syncLead CREATED <leadId>
//   syncLead UPDATED <leadId>
//   [fault <faultstring> <detail code>]   (the clients that also send a wrong key)
//   OK
#pragma once

#include "support/child_process.hpp"
#include "support/sandbox_process.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>
#include <vector>
#include <unistd.h>

namespace interop_test {

// A new Email for every run, as the sample flow needs.
inline std::string new_email(const std::string &toolchain) {
  return "george-" + toolchain + "-" + std::to_string(::getpid()) + "@jungle.com";
}

// The key goes to the client through its environment, never its command line.
inline std::vector<std::pair<std::string, std::string>> demo_key_env() {
  return {{"MKTOWS_ENCRYPTION_KEY", mktows_test::kDemoEncryptionKey}};
}

// Groups of calls joined with commas, as the programs that take them
// (lead_calls_flow.hpp, objects_flow.hpp) read them.
inline std::string joined(const std::vector<std::string> &groups) {
  std::string out;
  for (const std::string &g : groups) out += (out.empty() ? "" : ",") + g;
  return out;
}

// The lead id printed after `prefix`, or -1.
inline long id_after(const std::string &out, const std::string &prefix, std::size_t &at) {
  at = out.find(prefix);
  if (at == std::string::npos) return -1;
  return std::strtol(out.c_str() + at + prefix.size(), nullptr, 10);
}

// CREATED, then UPDATED for the same lead, then OK, from a client that
// exited normally within its time.
inline void check_sample_flow(const mktows_test::ProcessResult &r) {
  BOOST_TEST_MESSAGE(r.output);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 0);
  std::size_t created_at = 0, updated_at = 0;
  long created = id_after(r.output, "syncLead CREATED ", created_at);
  long updated = id_after(r.output, "syncLead UPDATED ", updated_at);
  BOOST_TEST(created > 0);
  BOOST_TEST(updated == created);
  BOOST_TEST((created_at != std::string::npos && updated_at != std::string::npos && updated_at > created_at));
  BOOST_TEST(r.output.find("\nOK\n", updated_at == std::string::npos ? 0 : updated_at) != std::string::npos);
}

// The vendor's fault for a wrong signature, as the client read it.
inline void check_authentication_fault(const mktows_test::ProcessResult &r) {
  BOOST_TEST(r.output.find("fault 20014 - Authentication failed 20014\n") != std::string::npos);
}

}  // namespace interop_test
