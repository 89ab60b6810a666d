// Interop: Python's zeep (python3-zeep from Debian) loads the sandbox's
// ?WSDL, builds the AuthenticationHeader and MktowsContextHeader from it and
// runs the seed's sample flow: CREATED, then UPDATED for the same lead, and
// the vendor's 20014 fault for a wrong key; then the lead, list and campaign
// calls of lead_calls_flow.hpp, paging included.
#define BOOST_TEST_MODULE interop_zeep_test
#include <boost/test/unit_test.hpp>

#include "interop/lead_calls_flow.hpp"
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

BOOST_AUTO_TEST_CASE(zeep_pages_leads_and_drives_lists_and_campaigns_through_the_served_wsdl) {
  mktows_test::TempDir dir;
  mktows_test::SandboxProcess sandbox({"--config", interop_test::lead_calls_config(dir)});
  mktows_test::ProcessResult r = mktows_test::run_process(
      {ZEEP_PYTHON, std::string(mktows_test::paths::interop_dir) + "/zeep_lead_calls.py", sandbox.endpoint(),
       mktows_test::kDemoUserId, std::to_string(interop_test::kLeads), std::to_string(interop_test::kMembers)},
      120, interop_test::demo_key_env());
  interop_test::check_lead_calls(r, interop_test::lead_groups());
}
