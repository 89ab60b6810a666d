# systemd_unit.cmake: the bridge's systemd unit (tools/bridge/
# mktows-bridge.service.in), as configured for this build, checked:
# systemd-analyze verify says nothing at all (it exits 0 on directives it
# ignores, so any output fails), the unit holds the hardening and the
# credential handling docs/BRIDGE.md promises, and systemd-analyze
# security rates its exposure at most 2.0 where it can judge a unit file
# offline.
#   cmake -DANALYZE=<systemd-analyze> -DUNIT=<file> -P systemd_unit.cmake
execute_process(COMMAND "${ANALYZE}" verify "${UNIT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "systemd-analyze verify ${UNIT}: exit ${rc}\n${out}${err}")
endif()
file(STRINGS "${UNIT}" lines)
# Each a whole line of the unit (a commented-out one does not count).
foreach(want "DynamicUser=yes" "StateDirectory=mktows-bridge" "LoadCredential=bridge.json:/etc/mktows/bridge.json"
             "ProtectSystem=strict" "NoNewPrivileges=yes" "Restart=on-failure" "KillSignal=SIGTERM"
             "CapabilityBoundingSet=" "UMask=0077")
  list(FIND lines "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${UNIT} lacks the line \"${want}\"")
  endif()
endforeach()
# The configuration is read from the credential's private copy.
list(FILTER lines INCLUDE REGEX "^ExecStart=.* --config %d/bridge\\.json( |$)")
if(NOT lines)
  message(FATAL_ERROR "${UNIT}: ExecStart does not read --config %d/bridge.json")
endif()
execute_process(COMMAND "${ANALYZE}" security --offline=true "${UNIT}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 AND "${out}" MATCHES "Overall exposure level for [^:]*: ([0-9]+\\.[0-9]+)")
  set(level "${CMAKE_MATCH_1}")
  message(STATUS "systemd-analyze security: exposure ${level}")
  if(level GREATER 2.0)
    message(FATAL_ERROR "systemd-analyze security: exposure ${level} > 2.0\n${out}")
  endif()
else()
  message(STATUS "systemd-analyze security --offline is not available here: exposure not rated")
endif()
