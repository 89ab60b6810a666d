# peer_policy.cmake: tests/support/peer.hpp's rule, on peer_missing_probe
# (a suite start with a missing peer): without CI it exits 77 (ctest's
# SKIP_RETURN_CODE of peer suites) naming the program and tools/bootstrap;
# with CI=true it fails (exit 1), saying so.
# Run by ctest as: cmake -DPROBE=<peer_missing_probe> -P this
if(NOT DEFINED PROBE)
  message(FATAL_ERROR "peer_policy.cmake: PROBE is not set")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E env --unset=CI "${PROBE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 77 OR NOT out MATCHES "SKIPPED: .*the peer of this probe: not found.*tools/bootstrap installs it \\(Debian: mktows-no-such-package\\)")
  message(FATAL_ERROR "without CI: exit ${rc}\n${out}${err}")
endif()
if(out MATCHES "sh:")
  message(FATAL_ERROR "without CI: a present peer was reported\n${out}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E env CI=true "${PROBE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "FAILED: .*CI=true.*the peer of this probe")
  message(FATAL_ERROR "with CI=true: exit ${rc}\n${out}${err}")
endif()
message(STATUS "missing peer: skipped without CI, failed with CI=true")
