// Interop: a legacy Java application generated from the vendor's own WSDL
// (here the vendor-shaped fixture, 23 operations) loads <endpoint>?WSDL at
// run time, and JAX-WS checks that document against its classes. With
// `--wsdl` that same file, the sandbox serves what the classes expect: the
// seed's sample flow gives CREATED, then UPDATED for the same lead. Served
// a WSDL without the file's other operations, JAX-WS refuses to start.
#define BOOST_TEST_MODULE interop_jaxws_vendor_wsdl_test
#include <boost/test/unit_test.hpp>

#include "interop/jaxws_sample.hpp"
#include "sandbox/sandbox_client.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

namespace {

const std::string kVendorWsdl = mktows_test::fixture_path("vendor-2_2-shaped.wsdl");

// The operation names of a WSDL's portTypes, read with libxml2.
std::set<std::string> operations(const std::string &wsdl) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> doc(
      xmlReadMemory(wsdl.data(), static_cast<int>(wsdl.size()), "wsdl.xml", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  if (!doc) throw std::runtime_error("libxml2 could not parse the WSDL");
  std::set<std::string> out;
  for (xmlNode *p = xmlDocGetRootElement(doc.get())->children; p; p = p->next)
    if (p->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char *>(p->name)) == "portType")
      for (xmlNode *o = p->children; o; o = o->next)
        if (o->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char *>(o->name)) == "operation") {
          xmlChar *name = xmlGetProp(o, BAD_CAST "name");
          if (name) out.insert(reinterpret_cast<const char *>(name));
          xmlFree(name);
        }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(classes_from_the_vendor_file_run_against_the_sandbox_serving_it) {
  mktows_test::TempDir work;
  std::size_t generated = interop_test::build_java_sample(kVendorWsdl, work.path());
  // The classes of all 23 operations, not only the three the sandbox has.
  BOOST_TEST(generated > 100u);
  BOOST_TEST(mktows_test::read_file(work.path() + "/generated/com/marketo/mktows/MktowsPort.java")
                 .find("deleteMObjects(") != std::string::npos);

  {
    mktows_test::SandboxProcess sandbox({"--wsdl", kVendorWsdl});
    interop_test::check_java_sample_flow(interop_test::run_java_sample(work.path(), sandbox.endpoint()),
                                        sandbox.endpoint());
  }
  {
    // Why --wsdl exists: served a WSDL without all of the file's
    // operations (the built-in one, unless a build embeds a WSDL that has
    // them all), JAX-WS refuses to make the port.
    mktows_test::SandboxProcess sandbox;
    sandbox_test::Connection c(sandbox.port());
    sandbox_test::HttpResponse wsdl = c.get("/soap/mktows/2_2?WSDL");
    BOOST_REQUIRE_EQUAL(wsdl.status, 200);
    std::set<std::string> served = operations(wsdl.body), expected = operations(mktows_test::read_file(kVendorWsdl));
    BOOST_REQUIRE_EQUAL(expected.size(), 23u);
    mktows_test::ProcessResult r = interop_test::run_java_sample(work.path(), sandbox.endpoint());
    if (!std::includes(served.begin(), served.end(), expected.begin(), expected.end())) {
      BOOST_TEST_MESSAGE(r.output);
      BOOST_TEST(!r.timed_out);
      BOOST_TEST(r.exit_code != 0);
      BOOST_TEST(r.output.find("is exposed as WebMethod, but there is no corresponding wsdl operation") !=
                 std::string::npos);
    } else {
      interop_test::check_java_sample_flow(r, sandbox.endpoint());
    }
  }
}
