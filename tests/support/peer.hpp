// peer.hpp: a suite that needs another program (PHP's SoapClient, a JDK
// and wsimport, node, Python's zeep, the openssl command) checks it before
// its first test case:
//
//   struct Peers {
//     Peers() { mktows_test::require_peers({{"php with the soap extension", "php-cli php-soap",
//                                            PHP_EXECUTABLE, {"-r", "exit(class_exists('SoapClient') ? 0 : 1);"}}}); }
//   };
//   BOOST_TEST_GLOBAL_FIXTURE(Peers);
//
// tools/bootstrap installs every peer, so a missing one means bootstrap
// could not run here (no root, no network): the suite is then skipped,
// exit code kPeerMissing, which mktows_peer_test (tests/CMakeLists.txt)
// makes ctest report as skipped, and it prints which program is missing.
// In CI (CI=true, set by .ci/run) bootstrap has just run, so a missing
// peer is a failure instead.
#pragma once

#include "support/child_process.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace mktows_test {

// SKIP_RETURN_CODE of every peer suite (mktows_peer_test).
constexpr int kPeerMissing = 77;

struct Peer {
  std::string what;     // "php with the soap extension"
  std::string package;  // the Debian package(s) tools/bootstrap installs for it
  std::string path;     // what CMake found (its -NOTFOUND value when nothing)
  // Arguments that make `path` exit 0 when the peer works; none: `path` is
  // a file that must be readable (a jar).
  std::vector<std::string> probe;
};

inline bool in_ci() {
  const char *ci = std::getenv("CI");
  return ci && std::strcmp(ci, "true") == 0;
}

// Why `peer` cannot be used, or "" when it can.
inline std::string peer_problem(const Peer &peer) {
  const std::string notfound = "-NOTFOUND";
  if (peer.path.empty() ||
      (peer.path.size() >= notfound.size() &&
       peer.path.compare(peer.path.size() - notfound.size(), notfound.size(), notfound) == 0))
    return peer.what + ": not found when CMake configured this build";
  if (peer.probe.empty())
    return ::access(peer.path.c_str(), R_OK) == 0 ? std::string() : peer.what + ": cannot read " + peer.path;
  if (::access(peer.path.c_str(), X_OK) != 0) return peer.what + ": " + peer.path + " is not there";
  std::vector<std::string> argv = {peer.path};
  argv.insert(argv.end(), peer.probe.begin(), peer.probe.end());
  ProcessResult r = run_process(argv, 60);
  if (r.exit_code == 0) return std::string();
  return peer.what + ": " + peer.path + " does not work (exit " + std::to_string(r.exit_code) + "): " +
         r.output.substr(0, 300);
}

// Skips the suite (or fails it, in CI) unless every peer is there.
inline void require_peers(const std::vector<Peer> &peers) {
  std::string missing, packages;
  for (const Peer &p : peers) {
    std::string problem = peer_problem(p);
    if (problem.empty()) continue;
    missing += "  " + problem + "\n";
    packages += " " + p.package;
  }
  if (missing.empty()) return;
  if (in_ci()) {
    std::cerr << "FAILED: a peer of this suite is missing, though CI=true (tools/bootstrap has run):\n"
              << missing << "tools/bootstrap installs:" << packages << std::endl;
    std::exit(1);
  }
  std::cout << "SKIPPED: a peer of this suite is missing:\n"
            << missing << "tools/bootstrap installs it (Debian:" << packages
            << "); run it, then configure again." << std::endl;
  std::exit(kPeerMissing);
}

}  // namespace mktows_test
