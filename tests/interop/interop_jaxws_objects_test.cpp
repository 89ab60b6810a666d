// Interop: JAX-WS classes generated with wsimport from the sandbox's served
// ?WSDL; ObjectsInterop.java, compiled against them, makes the object,
// custom object, channel and tag calls, each signed by the program:
// listMObjects, syncMObjects + getMObjects of an Opportunity and a role, a
// walk past a page, syncCustomObjects + getCustomObjects of a Car, a walk of
// the lead's cars, the faults 20122 and 20110 read from the generated fault,
// getChannels, getTags (objects_flow.hpp says what the test checks).
#define BOOST_TEST_MODULE interop_jaxws_objects_test
#include <boost/test/unit_test.hpp>

#include "interop/jaxws_sample.hpp"
#include "interop/objects_flow.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_CASE(wsimport_classes_sync_and_read_objects_custom_objects_channels_and_tags) {
  mktows_test::SandboxProcess sandbox;
  mktows_test::TempDir work;
  interop_test::build_java_sample(sandbox.endpoint() + "?WSDL", work.path(), {"LeadCallsInterop.java", "ObjectsInterop.java"});
  interop_test::check_objects_flow(interop_test::run_java_objects(work.path(), sandbox.endpoint()));
}
