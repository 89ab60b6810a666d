// Interop: Python's zeep (python3-zeep from Debian) loads the sandbox's
// ?WSDL and makes the custom object and tag calls from it: syncCustomObjects
// twice for one Car of a new lead (CREATED, then UPDATED), getCustomObjects
// by its VIN, getChannels for one channel, getTags
// (zeep_custom_tags_interop.py says what each step checks).
#define BOOST_TEST_MODULE interop_zeep_custom_tags_test
#include <boost/test/unit_test.hpp>

#include "interop/sample_flow.hpp"
#include "support/peer.hpp"
#include "support/test_paths.hpp"

namespace {
struct Peers {
  Peers() { mktows_test::require_peers({{"Python's zeep", "python3-zeep", ZEEP_PYTHON, {"-c", "import zeep"}}}); }
};
BOOST_TEST_GLOBAL_FIXTURE(Peers);
}  // namespace

BOOST_AUTO_TEST_CASE(zeep_syncs_and_reads_a_custom_object_and_reads_channels_and_tags) {
  mktows_test::SandboxProcess sandbox;
  mktows_test::ProcessResult r = mktows_test::run_process(
      {ZEEP_PYTHON, std::string(mktows_test::paths::interop_dir) + "/zeep_custom_tags_interop.py", sandbox.endpoint(),
       mktows_test::kDemoUserId, interop_test::new_email("zeep-car"), "VIN-ZEEP-1"},
      120, interop_test::demo_key_env());
  BOOST_TEST_MESSAGE(r.output);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 0, r.output);
  BOOST_TEST(r.output.find("syncCustomObjects CREATED\nsyncCustomObjects UPDATED\n") != std::string::npos, r.output);
  BOOST_TEST(r.output.find(" VIN-ZEEP-1 Golf\n") != std::string::npos, r.output);
  BOOST_TEST(r.output.find("getChannels Webinar ") != std::string::npos, r.output);
  BOOST_TEST(r.output.find("getTags [('Region'") != std::string::npos, r.output);
}
