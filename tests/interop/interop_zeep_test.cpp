// Interop: Python's zeep (python3-zeep from Debian) loads the sandbox's
// ?WSDL, builds the AuthenticationHeader and MktowsContextHeader from it and
// runs the seed's sample flow: CREATED, then UPDATED for the same lead, and
// the vendor's 20014 fault for a wrong key.
#define BOOST_TEST_MODULE interop_zeep_test
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

BOOST_AUTO_TEST_CASE(zeep_syncs_a_lead_through_the_served_wsdl) {
  mktows_test::SandboxProcess sandbox;
  mktows_test::ProcessResult r = mktows_test::run_process(
      {ZEEP_PYTHON, std::string(mktows_test::paths::interop_dir) + "/zeep_interop.py", sandbox.endpoint(), mktows_test::kDemoUserId,
       interop_test::new_email("zeep")},
      120, interop_test::demo_key_env());
  interop_test::check_sample_flow(r);
  interop_test::check_authentication_fault(r);
}

// The custom object and tag calls through the same served WSDL
// (zeep_custom_tags_interop.py says what each step checks).
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
