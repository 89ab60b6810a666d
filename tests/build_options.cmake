# build_options.cmake: every combination of MKTOWS_BUILD_TESTS and
# MKTOWS_BUILD_TOOLS configures and builds; ON/ON is the build that runs this.
# Run by ctest as: cmake -DSOURCE_DIR=... -DWORK_DIR=... [-DEXTRA_ARGS=...] -P this
#
# One folder, configured again for each combination, so what two of them
# share (the bindings) is built once. The order keeps that honest: each
# combination finds only the outputs of those before it, and none of those
# builds anything the next one needs but does not build itself (tests
# without tools get only the bindings; tools never use what tests build).
# The folder is emptied first, so a rerun starts from the same state.
foreach(v SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "build_options.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")
include(ProcessorCount)
ProcessorCount(jobs)

file(REMOVE_RECURSE "${WORK_DIR}")
foreach(combination "OFF;OFF" "ON;OFF" "OFF;ON")
  list(GET combination 0 tests)
  list(GET combination 1 tools)
  set(what "MKTOWS_BUILD_TESTS=${tests} MKTOWS_BUILD_TOOLS=${tools}")
  # ctest's files of an earlier combination are not removed by CMake.
  file(GLOB_RECURSE stale "${WORK_DIR}/CTestTestfile.cmake")
  if(stale)
    file(REMOVE ${stale})
  endif()
  run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}"
      "-DMKTOWS_BUILD_TESTS=${tests}" "-DMKTOWS_BUILD_TOOLS=${tools}" ${EXTRA_ARGS} ${launcher_args})
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}" --parallel ${jobs})
  # What the combination promises: tests registered or not, tools built or not.
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" -N WORKING_DIRECTORY "${WORK_DIR}"
                  OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
  string(REGEX MATCH "Total Tests: ([0-9]+)" _ "${listed}")
  set(count "${CMAKE_MATCH_1}")
  if(tests AND (NOT rc EQUAL 0 OR NOT count GREATER 0))
    message(FATAL_ERROR "${what}: no tests registered\n${listed}")
  endif()
  if(NOT tests AND count GREATER 0)
    message(FATAL_ERROR "${what}: ${count} tests registered")
  endif()
  set(sandbox "${WORK_DIR}/tools/sandbox/mktows-sandbox")
  if(tools AND NOT EXISTS "${sandbox}")
    message(FATAL_ERROR "${what}: built, but no ${sandbox}")
  endif()
  message(STATUS "${what}: configured and built (${count} tests)")
endforeach()
