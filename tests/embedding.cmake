# embedding.cmake: install this build into a fresh prefix, then build the
# three applications of tests/embedding against it with find_package(mktows)
# and run each: its own gSOAP service and mktows in one process.
# Run by ctest as: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=...
#   -DSANDBOX_BIN=... [-DCXX_FLAGS=...] -P this
foreach(v BUILD_DIR SOURCE_DIR WORK_DIR SANDBOX_BIN)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "embedding.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/embedding" -B "${WORK_DIR}/build"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DMKTOWS_SANDBOX_BIN=${SANDBOX_BIN}"
    "-DMKTOWS_TEST_DIR=${SOURCE_DIR}/tests" "-DMKTOWS_README=${SOURCE_DIR}/README.md"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CXX_FLAGS}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --parallel 2)
foreach(kind plain classic namespaced)
  run("${WORK_DIR}/build/kind_${kind}")
  if(NOT last_output MATCHES "${kind}: mktows lead [0-9]+ CREATED then UPDATED; wrong key: fault 20014")
    message(FATAL_ERROR "kind_${kind} printed: ${last_output}")
  endif()
  message(STATUS "${last_output}")
endforeach()

# The README's examples: against a sandbox, and the first one also without
# the environment it reads (a clear message and exit 2, never a crash).
set(b "${WORK_DIR}/build")
run("${b}/with_sandbox" "${b}/readme_first")
if(NOT last_output MATCHES "^[0-9]+ CREATED\n$")
  message(FATAL_ERROR "README's first example printed: ${last_output}")
endif()
run("${b}/with_sandbox" "${b}/readme_raw_proxy")
if(NOT last_output MATCHES "^[0-9]+ CREATED\n$")
  message(FATAL_ERROR "README's raw-proxy example printed: ${last_output}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E env --unset=MKTOWS_ENDPOINT --unset=MKTOWS_USER_ID
                        --unset=MKTOWS_ENCRYPTION_KEY "${b}/readme_first"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 2 OR NOT err MATCHES "set MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_ENCRYPTION_KEY")
  message(FATAL_ERROR "README's first example without its environment: exit ${rc}, ${err}")
endif()
message(STATUS "README examples: built from the README, ran against the sandbox")

# docs/PORTING.md's steps: each built, each run against a sandbox, each
# doing the same (a lead synced, a missing lead's 20103 read).
foreach(step 0 1 2 3)
  run("${b}/with_sandbox" "${b}/porting_step${step}")
  if(NOT last_output MATCHES "^step ${step}: lead [0-9]+ CREATED; missing: fault 20103\n$")
    message(FATAL_ERROR "porting step ${step} printed: ${last_output}")
  endif()
endforeach()
message(STATUS "PORTING.md examples: the legacy application at each step and ported, ran against the sandbox")
