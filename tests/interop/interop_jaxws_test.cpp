// Interop: JAX-WS, the toolchain of the seed's Java sample. wsimport
// generates classes from the sandbox's served ?WSDL; the sample's calls
// (MktMktowsApiService on <endpoint>?WSDL, getMktowsApiSoapPort(),
// syncLead(request, header, headerContext)) are compiled against them with
// javac and run: CREATED, then UPDATED for the same lead.
#define BOOST_TEST_MODULE interop_jaxws_test
#include <boost/test/unit_test.hpp>

#include "interop/jaxws_sample.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_CASE(wsimport_accepts_the_served_wsdl_and_the_sample_syncs_a_lead) {
  mktows_test::SandboxProcess sandbox;
  mktows_test::TempDir work;
  interop_test::build_java_sample(sandbox.endpoint() + "?WSDL", work.path());
  interop_test::check_java_sample_flow(interop_test::run_java_sample(work.path(), sandbox.endpoint()),
                                        sandbox.endpoint());
}
