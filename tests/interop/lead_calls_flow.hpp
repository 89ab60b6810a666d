// lead_calls_flow.hpp: the lead, list and campaign calls every stock client
// makes from the sandbox's own ?WSDL (zeep_lead_calls.py,
// LeadCallsInterop.java, tests/sandbox/php_lead_calls.php), and what their
// output must say. Each program signs every call itself, walks
// getMultipleLeads with streamPosition until remainingCount is 0 (failing
// on a lead seen twice or a total other than the sandbox holds), and prints
//   campaigns 1 2001 Demo Program.Welcome
//   lastUpdate leads <kLeads> pages <kLeads / 100, rounded up>
//   requestCampaign true
//   ADDTOLIST <kMembers> of <kMembers> true
//   ISMEMBEROFLIST true false
//   staticList leads <kMembers> pages <kMembers / 40, rounded up>
//   position fault 20122
//   OK
#pragma once

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace interop_test {

// How many leads the sandbox holds (all from its configuration, so all
// updated at its start) and how many of them the client puts on the list:
// three pages of each walk, the last one short.
const int kLeads = 250;
const int kMembers = 120;

// A configuration file in `dir` with kLeads leads (the demo user, the
// default world).
inline std::string lead_calls_config(mktows_test::TempDir &dir) {
  std::string leads;
  for (int i = 0; i < kLeads; ++i)
    leads += std::string(i ? "," : "") + "{\"email\":\"interop" + std::to_string(i) + "@example.com\"}";
  return dir.write("leads.json", "{\"leads\":[" + leads + "]}");
}

inline std::string pages_of(int n, int page) { return std::to_string((n + page - 1) / page); }

inline void check_lead_calls(const mktows_test::ProcessResult &r) {
  BOOST_TEST_MESSAGE(r.output);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 0);
  const std::string expected = "campaigns 1 2001 Demo Program.Welcome\n"
                               "lastUpdate leads " + std::to_string(kLeads) + " pages " + pages_of(kLeads, 100) + "\n"
                               "requestCampaign true\n"
                               "ADDTOLIST " + std::to_string(kMembers) + " of " + std::to_string(kMembers) + " true\n"
                               "ISMEMBEROFLIST true false\n"
                               "staticList leads " + std::to_string(kMembers) + " pages " + pages_of(kMembers, 40) + "\n"
                               "position fault 20122\n"
                               "OK\n";
  BOOST_TEST(r.output.find(expected) != std::string::npos, "expected, in order:\n" << expected);
}

}  // namespace interop_test
