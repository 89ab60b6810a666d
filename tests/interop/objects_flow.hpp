// objects_flow.hpp: the object, custom object, channel and tag calls every
// stock client makes from an endpoint's own ?WSDL (zeep_objects_interop.py,
// ObjectsInterop.java, tests/sandbox/php_objects_interop.php), group by
// group, and what their output must say. Each program signs every call
// itself and checks what depends on its own writes (the ids, the keys, each
// record of a walk seen once); the lines below are the rest: the statuses,
// the values read back, the page sizes of each walk, the fault codes, the
// world's channels and tags (docs/SANDBOX.md, "The world").
#pragma once

#include "interop/sample_flow.hpp"
#include "support/child_process.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace interop_test {

// The groups, in the order the programs run them.
inline const std::vector<std::string> &object_groups() {
  static const std::vector<std::string> groups = {"objects", "custom", "tags"};
  return groups;
}

// What `group` prints, in order.
inline std::string objects_flow_lines(const std::string &group) {
  if (group == "objects")
    return "listMObjects ActivityRecord,LeadRecord,Opportunity,OpportunityPersonRole\n"
           "syncMObjects Opportunity CREATED UPDATED\n"
           "getMObjects Opportunity Jungle deal|1200|Closed Won\n"
           "syncMObjects OpportunityPersonRole CREATED\n"
           "getMObjects OpportunityPersonRole Buyer|true\n"
           // 150 opportunities: a full page of 100 (the limit), then 50.
           "getMObjects walk 150 pages 100,50\n"
           "getMObjects position fault 20122\n";
  if (group == "custom")
    return "syncCustomObjects CREATED UPDATED\n"
           // The update named Model only: Make and Year are kept.
           "getCustomObjects Volkswagen|Golf|1968\n"
           "getCustomObjects walk 121 pages 50,50,21\n"
           "syncCustomObjects key fault 20110\n";
  if (group == "tags")
    return "getChannels Webinar=Attended:30:true,Invited:10:false,No Show:30:false,Registered:20:false\n"
           "getChannels all Webinar,Email Blast\n"
           "getTags Region=EMEA,Americas,APAC\n";
  BOOST_FAIL("no object group named " + group);
  return std::string();
}

// The program exited normally within its time and printed each group's
// lines, in order, then OK.
inline void check_objects_flow(const mktows_test::ProcessResult &r,
                               const std::vector<std::string> &groups = object_groups()) {
  BOOST_TEST_MESSAGE(r.output);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 0);
  std::string expected;
  for (const std::string &g : groups) expected += objects_flow_lines(g);
  expected += "OK\n";
  BOOST_TEST(r.output.find(expected) != std::string::npos, "expected, in order:\n" << expected);
}

}  // namespace interop_test
