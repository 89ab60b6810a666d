// Interop: PHP's SoapClient (php-cli + php-soap, a stock client from Debian)
// loads the sandbox's ?WSDL and calls syncLead: CREATED, then UPDATED for the
// same Email, then a wrong key gets the vendor's 20014 fault; and
// php_lead_calls.php makes the lead, list and campaign calls of
// interop/lead_calls_flow.hpp, paging and activity included;
// php_objects_interop.php the object, custom object, channel and tag calls
// of interop/objects_flow.hpp.
#define BOOST_TEST_MODULE sandbox_php_interop_test
#include <boost/test/unit_test.hpp>

#include "interop/lead_calls_flow.hpp"
#include "interop/objects_flow.hpp"
#include "support/child_process.hpp"
#include "support/peer.hpp"
#include "support/sandbox_process.hpp"
#include "support/test_paths.hpp"

using mktows_test::SandboxProcess;

namespace {
struct Peers {
  Peers() { mktows_test::require_peers({{"php with the soap extension", "php-cli php-soap", PHP_EXECUTABLE,
                                           {"-r", "exit(class_exists('SoapClient') ? 0 : 1);"}}}); }
};
BOOST_TEST_GLOBAL_FIXTURE(Peers);

// The SoapClient programs sit beside php_interop.php.
std::string beside_php_script(const std::string &name) {
  std::string script = mktows_test::paths::php_script;
  return script.substr(0, script.rfind('/') + 1) + name;
}
}  // namespace

BOOST_AUTO_TEST_CASE(php_soapclient_syncs_a_lead_through_the_served_wsdl) {
  for (int threads : {1, 4}) {
    SandboxProcess sandbox({"--threads", std::to_string(threads)});
    mktows_test::ProcessResult r = mktows_test::run_process(
        {PHP_EXECUTABLE, mktows_test::paths::php_script, sandbox.endpoint(), mktows_test::kDemoUserId, mktows_test::kDemoEncryptionKey},
        120);
    const std::string &out = r.output;
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(!r.timed_out);
    BOOST_TEST(r.exit_code == 0);
    std::size_t created = out.find("syncLead CREATED");
    std::size_t updated = out.find("syncLead UPDATED");
    BOOST_TEST(created != std::string::npos);
    BOOST_TEST((updated != std::string::npos && updated > created));
    BOOST_TEST(out.find("fault SOAP-ENV:Client 20014 - Authentication failed 20014") != std::string::npos);
    BOOST_TEST(out.find("OK\n") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(php_soapclient_pages_leads_and_drives_lists_and_campaigns_through_the_served_wsdl) {
  mktows_test::TempDir dir;
  SandboxProcess sandbox({"--config", interop_test::lead_calls_config(dir)});
  mktows_test::ProcessResult r = mktows_test::run_process(
      {PHP_EXECUTABLE, beside_php_script("php_lead_calls.php"), sandbox.endpoint(), mktows_test::kDemoUserId,
       std::to_string(interop_test::kLeads), std::to_string(interop_test::kMembers),
       interop_test::joined(interop_test::lead_groups())},
      120, {{"MKTOWS_ENCRYPTION_KEY", mktows_test::kDemoEncryptionKey}});
  interop_test::check_lead_calls(r, interop_test::lead_groups());
}

BOOST_AUTO_TEST_CASE(php_soapclient_syncs_and_reads_objects_custom_objects_channels_and_tags_through_the_served_wsdl) {
  SandboxProcess sandbox;
  interop_test::check_objects_flow(mktows_test::run_process(
      {PHP_EXECUTABLE, beside_php_script("php_objects_interop.php"), sandbox.endpoint(), mktows_test::kDemoUserId,
       interop_test::joined(interop_test::object_groups())},
      120, {{"MKTOWS_ENCRYPTION_KEY", mktows_test::kDemoEncryptionKey}}));
}
