// test_paths.hpp: where the tests find this build's programs and the source
// tree's files. The values are in one source file that tests/CMakeLists.txt
// generates in the build tree (test_paths.cpp), not in compile definitions:
// a definition holding an absolute path makes every test file that carries
// it miss ccache in a clone at a new path, which is every CI run. A program
// this build does not make (MKTOWS_BUILD_TOOLS=OFF) is an empty string.
#pragma once

namespace mktows_test {
namespace paths {

extern const char *const fixtures;       // tests/fixtures
extern const char *const interop_dir;    // tests/interop (the stock clients' scripts)
extern const char *const php_script;     // tests/sandbox/php_interop.php
extern const char *const zeep_peer;      // tools/bench/peer_zeep.py
extern const char *const sample_csv;     // tools/samples/leads.csv
extern const char *const our_wsdl;       // wsdl/mktows.wsdl
extern const char *const docs_dir;       // docs
extern const char *const built_wsdl;     // MKTOWS_WSDL: the WSDL this build's bindings come from
extern const char *const node_soap_dir;  // .deps/npm (tools/bootstrap installs node-soap there)
extern const char *const sandbox_bin;    // mktows-sandbox
extern const char *const cli_bin;        // mktows
extern const char *const bridge_bin;     // mktows-bridge
extern const char *const example_bin;    // george_of_the_jungle

}  // namespace paths
}  // namespace mktows_test
