// peer_missing_probe: a suite's start with one peer that is not there, for
// peer_policy.cmake, which checks what tests/support/peer.hpp does with it:
// skipped (exit 77) saying why, or failed under CI=true.
#include "support/peer.hpp"

int main() {
  mktows_test::require_peers({{"sh", "dash", "/bin/sh", {"-c", "exit 0"}},
                              {"the peer of this probe", "mktows-no-such-package", "MKTOWS_NO_SUCH_PEER-NOTFOUND", {"--version"}}});
  return 0;  // not reached: the second peer is missing
}
