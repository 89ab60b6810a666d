# vendor_wsdl_build.cmake: the whole project, configured with MKTOWS_WSDL set
# to a vendor-shaped WSDL (no wsdl:fault, header parts authentication and
# mktowsContext, 23 operations), builds and passes its own tests.
# Run by ctest as: cmake -DSOURCE_DIR=... -DWORK_DIR=... -DWSDL=... -P this
foreach(v SOURCE_DIR WORK_DIR WSDL)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "vendor_wsdl_build.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")

# Keep the build folder between runs: the second run only rebuilds what changed.
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}"
    "-DMKTOWS_WSDL=${WSDL}" -DMKTOWS_NESTED_BUILD=ON ${EXTRA_ARGS} ${launcher_args})
include(ProcessorCount)
ProcessorCount(jobs)
run("${CMAKE_COMMAND}" --build "${WORK_DIR}" --parallel ${jobs})

# The bindings really come from the vendor WSDL. Ours has the same 23
# operations, so what tells them apart is the fault detail: ours declares
# serviceException, the vendor's files do not (checked below).
file(READ "${WORK_DIR}/generated/mktows/mktows_gsoapStub.h" stub)
if(NOT stub MATCHES "__mktows__getLeadActivity")
  message(FATAL_ERROR "the nested build's bindings lack getLeadActivity: not generated from ${WSDL}")
endif()
if(stub MATCHES "ns[0-9]+__")
  message(FATAL_ERROR "the vendor WSDL produced gSOAP's numbered prefixes")
endif()
# No typed fault detail: the client's and the sandbox's faults cannot be
# leaning on one.
if(stub MATCHES "serviceException")
  message(FATAL_ERROR "the nested build's bindings declare serviceException: generated from our WSDL, "
                      "or ${WSDL} is not the vendor's shape")
endif()

# Installed, it ships that WSDL (not ours) beside the headers generated from it.
set(prefix "${WORK_DIR}/installed")
file(REMOVE_RECURSE "${prefix}")
run("${CMAKE_COMMAND}" --install "${WORK_DIR}" --prefix "${prefix}")
run("${CMAKE_COMMAND}" "-DWSDL=${prefix}/share/mktows/mktows.wsdl" "-DHEADERS=${prefix}/include/mktows/generated"
    "-DSAME_AS=${WSDL}" -P "${CMAKE_CURRENT_LIST_DIR}/installed_wsdl_check.cmake")

# wsdl-diff calls our WSDL and this one compatible for mktows::Client, and
# the build agrees: the verdict probe built here, run against the outer
# build's sandbox (the service as it stands), prints what the outer build's
# prints (tests/wsdl_verdict.cmake does the same for the smaller cases).
if(DEFINED PROBE)
  run("${CLI}" wsdl-diff "${SOURCE_DIR}/wsdl/mktows.wsdl" "${WSDL}" --json)
  string(JSON said GET "${last_output}" client_compatible)
  run("${PROBE}" "${SANDBOX}")
  set(reference "${last_output}")
  run("${WORK_DIR}/tests/cli/wsdl_verdict_probe" "${SANDBOX}")
  if(NOT said STREQUAL "ON" OR NOT last_output STREQUAL reference)
    message(FATAL_ERROR "our WSDL against ${WSDL}: wsdl-diff says compatible=${said}; the probe built here printed\n"
                        "${last_output}\nthe outer build's printed\n${reference}")
  endif()
endif()

# Its tests in parallel (the outer ctest runs this test alone); bench/ is not
# built there (tools/CMakeLists.txt).
run("${CMAKE_COMMAND}" -E chdir "${WORK_DIR}" ctest --output-on-failure -LE nested --parallel ${jobs})
message(STATUS "${last_output}")
