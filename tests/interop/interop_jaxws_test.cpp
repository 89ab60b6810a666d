// Interop: JAX-WS, the toolchain of the seed's Java sample. wsimport
// generates classes from the sandbox's served ?WSDL; the sample's calls
// (MktMktowsApiService on <endpoint>?WSDL, getMktowsApiSoapPort(),
// syncLead(request, header, headerContext)) are compiled against them with
// javac and run: CREATED, then UPDATED for the same lead. LeadCallsInterop,
// compiled with it, makes the lead, list and campaign calls of
// lead_calls_flow.hpp first (paging included), on a sandbox holding its
// leads (one build of the classes for both: javac is the slow part).
#define BOOST_TEST_MODULE interop_jaxws_test
#include <boost/test/unit_test.hpp>

#include "interop/jaxws_sample.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_CASE(wsimport_accepts_the_served_wsdl_and_the_programs_sync_page_and_drive_lists_and_campaigns) {
  mktows_test::TempDir config_dir;
  mktows_test::SandboxProcess sandbox({"--config", interop_test::lead_calls_config(config_dir)});
  mktows_test::TempDir work;
  interop_test::build_java_sample(sandbox.endpoint() + "?WSDL", work.path(), {"LeadCallsInterop.java"});
  // Before the sample adds its lead: the walk's total is the configuration's.
  interop_test::check_lead_calls(interop_test::run_java_lead_calls(work.path(), sandbox.endpoint()));
  interop_test::check_java_sample_flow(interop_test::run_java_sample(work.path(), sandbox.endpoint()),
                                        sandbox.endpoint());
}
