// Interop: Python's zeep (python3-zeep from Debian) loads the sandbox's
// ?WSDL and makes the object, custom object, channel and tag calls from it,
// each signed by the script: listMObjects, syncMObjects + getMObjects of an
// Opportunity and a role, a walk past a page, syncCustomObjects +
// getCustomObjects of a Car, a walk of the lead's cars, the faults 20122 and
// 20110, getChannels, getTags (zeep_objects_interop.py says what each group
// checks; objects_flow.hpp what the test checks of its output).
#define BOOST_TEST_MODULE interop_zeep_objects_test
#include <boost/test/unit_test.hpp>

#include "interop/objects_flow.hpp"
#include "interop/sample_flow.hpp"
#include "support/peer.hpp"
#include "support/test_paths.hpp"

namespace {
struct Peers {
  Peers() { mktows_test::require_peers({{"Python's zeep", "python3-zeep", ZEEP_PYTHON, {"-c", "import zeep"}}}); }
};
BOOST_TEST_GLOBAL_FIXTURE(Peers);
}  // namespace

BOOST_AUTO_TEST_CASE(zeep_syncs_and_reads_objects_custom_objects_channels_and_tags_through_the_served_wsdl) {
  mktows_test::SandboxProcess sandbox;
  interop_test::check_objects_flow(mktows_test::run_process(
      {ZEEP_PYTHON, std::string(mktows_test::paths::interop_dir) + "/zeep_objects_interop.py", sandbox.endpoint(),
       mktows_test::kDemoUserId, interop_test::joined(interop_test::object_groups())},
      120, interop_test::demo_key_env()));
}
