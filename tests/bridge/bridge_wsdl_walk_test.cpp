// The WSDL walk (tests/sandbox/wsdl_walk.hpp) through the bridge, in front
// of the sandbox's REST face: through the bridge no operation of the built
// WSDL answers 20019, each minimal call is carried to REST and answered,
// and a bad signature gets 20014 before any REST call.
#define BOOST_TEST_MODULE bridge_wsdl_walk_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_setup.hpp"
#include "sandbox/wsdl_walk.hpp"

BOOST_AUTO_TEST_CASE(every_operation_of_the_built_wsdl_is_carried_through_the_bridge) {
  bridge_test::Pair pair;
  wsdl_walk::walk_every_operation(pair.bridge->port(), sandbox_test::path_of(pair.bridge->endpoint()),
                                  bridge_test::kUser, bridge_test::kKey, "bridge");
}
