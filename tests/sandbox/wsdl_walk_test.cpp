// The WSDL walk (wsdl_walk.hpp) on a running sandbox.
//
// The suite also runs in the vendor-WSDL build (tests/vendor_wsdl_build.cmake),
// so the walk covers the vendor-shaped fixture's operations too.
#define BOOST_TEST_MODULE wsdl_walk_test
#include <boost/test/unit_test.hpp>

#include "sandbox/wsdl_walk.hpp"
#include "support/sandbox_process.hpp"

namespace {

const char kUser[] = "walk7_0A1B2C3D4E5F60718293A4";
const char kKey[] = "walk-Key-never-in-a-log-8d2f";

}  // namespace

BOOST_AUTO_TEST_CASE(every_operation_of_the_built_wsdl_is_served_and_checks_its_signature) {
  mktows_test::SandboxProcess sandbox({}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}});
  wsdl_walk::walk_every_operation(sandbox.port(), sandbox_test::path_of(sandbox.endpoint()), kUser, kKey, "sandbox");
}
