// jaxws_sample.hpp: the seed's Java sample flow on JAX-WS (Debian's jaxws and
// a JDK): classes generated with wsimport from a WSDL, SyncLeadInterop.java
// compiled against them with javac, run with java.
//
// wsimport runs with -XadditionalHeaders, as for the seed's sample: the two
// headers are declared in messages of their own (implicit headers), and
// only with that option does syncLead take them as parameters,
// syncLead(request, header, headerContext). It is also what refused two
// header parts named "header" ("duplicate parameter name").
#pragma once

#include "interop/lead_calls_flow.hpp"
#include "interop/sample_flow.hpp"
#include "support/peer.hpp"
#include "support/test_paths.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <string>
#include <vector>

namespace interop_test {

// The JAX-WS toolchain; each suite that includes this file checks it first.
struct JaxwsPeers {
  JaxwsPeers() {
    mktows_test::require_peers({{"wsimport", "jaxws", WSIMPORT, {"-version"}},
                                {"the JAX-WS runtime jar", "jaxws", JAXWS_RT_JAR, {}},
                                {"javac", "default-jdk-headless", JAVAC, {"-version"}},
                                {"java", "default-jdk-headless", JAVA, {"-version"}}});
  }
};
BOOST_TEST_GLOBAL_FIXTURE(JaxwsPeers);

// Every .java file under `dir`.
inline void java_sources(const std::string &dir, std::vector<std::string> &out) {
  DIR *d = ::opendir(dir.c_str());
  if (!d) return;
  while (dirent *e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir + "/" + name;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) java_sources(path, out);
    else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".java") == 0) out.push_back(path);
  }
  ::closedir(d);
}

// wsimport on `wsdl` (a URL or a file) and javac of its output with the
// sample (and the programs of tests/interop named in `more`, such as
// "LeadCallsInterop.java") into `work`/classes. Returns the number of
// generated sources.
inline std::size_t build_java_sample(const std::string &wsdl, const std::string &work,
                                     const std::vector<std::string> &more = {}) {
  const std::string gen = work + "/generated", classes = work + "/classes";
  ::mkdir(gen.c_str(), 0700);
  ::mkdir(classes.c_str(), 0700);
  mktows_test::ProcessResult w = mktows_test::run_process(
      {WSIMPORT, "-XadditionalHeaders", "-keep", "-Xnocompile", "-d", gen, "-s", gen, wsdl}, 180);
  BOOST_TEST_MESSAGE("wsimport: " << w.output);
  BOOST_REQUIRE_MESSAGE(w.exit_code == 0 && !w.timed_out, "wsimport refused " << wsdl << ": " << w.output);
  std::vector<std::string> sources;
  java_sources(gen, sources);
  std::size_t generated = sources.size();
  BOOST_REQUIRE(generated > 0);
  std::vector<std::string> javac = {JAVAC, "-nowarn", "-encoding", "UTF-8", "-cp", JAXWS_RT_JAR, "-d", classes,
                                    std::string(mktows_test::paths::interop_dir) + "/SyncLeadInterop.java"};
  for (const std::string &m : more) javac.push_back(std::string(mktows_test::paths::interop_dir) + "/" + m);
  javac.insert(javac.end(), sources.begin(), sources.end());
  mktows_test::ProcessResult c = mktows_test::run_process(javac, 300);
  BOOST_REQUIRE_MESSAGE(c.exit_code == 0 && !c.timed_out, "javac failed: " << c.output);
  return generated;
}

// The compiled sample against `endpoint`: it loads <endpoint>?WSDL (read
// through java.net's URL connection, whose waits the two properties bound;
// the calls' own are set by the program).
inline mktows_test::ProcessResult run_java_sample(const std::string &work, const std::string &endpoint) {
  return mktows_test::run_process({JAVA, "-Dsun.net.client.defaultConnectTimeout=20000",
                                   "-Dsun.net.client.defaultReadTimeout=20000", "-cp", work + "/classes:" JAXWS_RT_JAR,
                                   "SyncLeadInterop", endpoint, mktows_test::kDemoUserId, new_email("jaxws")},
                                  120, demo_key_env());
}

// LeadCallsInterop (built by build_java_sample with it in `more`) against
// `endpoint`: the calls of lead_calls_flow.hpp.
inline mktows_test::ProcessResult run_java_lead_calls(const std::string &work, const std::string &endpoint) {
  return mktows_test::run_process({JAVA, "-Dsun.net.client.defaultConnectTimeout=20000",
                                   "-Dsun.net.client.defaultReadTimeout=20000", "-cp", work + "/classes:" JAXWS_RT_JAR,
                                   "LeadCallsInterop", endpoint, mktows_test::kDemoUserId, std::to_string(kLeads),
                                   std::to_string(kMembers)},
                                  120, demo_key_env());
}

// ObjectsInterop (built by build_java_sample with it and LeadCallsInterop,
// whose fault reader it uses, in `more`) against `endpoint`: the calls of
// objects_flow.hpp.
inline mktows_test::ProcessResult run_java_objects(const std::string &work, const std::string &endpoint) {
  return mktows_test::run_process({JAVA, "-Dsun.net.client.defaultConnectTimeout=20000",
                                   "-Dsun.net.client.defaultReadTimeout=20000", "-cp", work + "/classes:" JAXWS_RT_JAR,
                                   "ObjectsInterop", endpoint, mktows_test::kDemoUserId},
                                  120, demo_key_env());
}

// The sample flow, through the address the served WSDL gave the port.
inline void check_java_sample_flow(const mktows_test::ProcessResult &r, const std::string &endpoint) {
  check_sample_flow(r);
  BOOST_TEST(r.output.find("address " + endpoint + "\n") != std::string::npos);
}

}  // namespace interop_test
