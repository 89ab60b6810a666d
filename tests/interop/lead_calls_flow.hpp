// lead_calls_flow.hpp: the lead, list, campaign and activity calls every
// stock client makes from an endpoint's own ?WSDL (zeep_lead_calls.py,
// LeadCallsInterop.java, tests/sandbox/php_lead_calls.php), group by group,
// and what their output must say. Each program signs every call itself,
// walks getMultipleLeads with streamPosition until remainingCount is 0
// (failing on a lead seen twice or a total other than the endpoint holds),
// and prints, of the groups it was given:
//   campaigns 1 2001 Demo Program.Welcome            (campaigns)
//   lastUpdate leads <kLeads> pages <kLeads / 100, rounded up>   (leads)
//   requestCampaign true                             (campaigns)
//   ADDTOLIST <kMembers> of <kMembers> true          (lists)
//   ISMEMBEROFLIST true false                        (lists)
//   staticList leads <kMembers> pages <kMembers / 40, rounded up> (lists)
//   position fault 20122                             (leads)
//   getLeadActivity Change Data Value,New Lead new Grace (activity)
//   OK
#pragma once

#include "interop/sample_flow.hpp"
#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

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

// The groups, in the order the programs run them.
inline const std::vector<std::string> &lead_groups() {
  static const std::vector<std::string> groups = {"campaigns", "leads", "lists", "activity"};
  return groups;
}

// What `group` prints, in order (other groups' lines come between).
inline std::vector<std::string> lead_calls_lines(const std::string &group) {
  if (group == "campaigns") return {"campaigns 1 2001 Demo Program.Welcome\n", "requestCampaign true\n"};
  if (group == "leads")
    return {"lastUpdate leads " + std::to_string(kLeads) + " pages " + pages_of(kLeads, 100) + "\n",
            "position fault 20122\n"};
  if (group == "lists")
    return {"ADDTOLIST " + std::to_string(kMembers) + " of " + std::to_string(kMembers) + " true\n",
            "ISMEMBEROFLIST true false\n",
            "staticList leads " + std::to_string(kMembers) + " pages " + pages_of(kMembers, 40) + "\n"};
  // The lead created (New Lead), then its FirstName changed to Grace.
  if (group == "activity") return {"getLeadActivity Change Data Value,New Lead new Grace\n"};
  BOOST_FAIL("no lead group named " + group);
  return {};
}

// The program exited normally within its time and printed each group's
// lines in order, then OK after all of them. The JAX-WS and PHP programs
// make the campaigns, leads and lists calls.
inline void check_lead_calls(const mktows_test::ProcessResult &r,
                             const std::vector<std::string> &groups = {"campaigns", "leads", "lists"}) {
  BOOST_TEST_MESSAGE(r.output);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 0);
  std::size_t last = 0;
  for (const std::string &g : groups) {
    std::size_t at = 0;
    for (const std::string &line : lead_calls_lines(g)) {
      std::size_t found = r.output.find(line, at);
      BOOST_TEST(found != std::string::npos, "group " << g << ": no line " << line << " (in order)");
      if (found == std::string::npos) break;
      at = found + line.size();
      last = std::max(last, at);
    }
  }
  BOOST_TEST(r.output.compare(last, 3, "OK\n") == 0, "OK after the groups' lines");
}

}  // namespace interop_test
