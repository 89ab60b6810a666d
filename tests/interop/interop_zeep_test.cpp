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
