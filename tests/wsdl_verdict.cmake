# wsdl_verdict.cmake: wsdl-diff's verdict about mktows::Client, held against
# the build. For every case of tests/cli/wsdl_cases.hpp, the client is built
# against the case's NEW file (tests/wsdl_verdict/, one nested build for all
# cases) and its probe is run against this build's sandbox, the service as
# it stands. "compatible" must be said exactly when the probe builds, passes
# and prints what this build's probe prints (the same requests, byte for
# byte but the timestamp, and the same answers); and each case must get the
# verdict the table gives it.
#
# Run by ctest as: cmake -DSOURCE_DIR=... -DWORK_DIR=... -DCASE_FILES=<wsdl_case_files>
#   -DCLI=<mktows> -DSANDBOX=<mktows-sandbox> -DPROBE=<wsdl_verdict_probe> [-DLAUNCHER=...] -P this
foreach(v SOURCE_DIR WORK_DIR CASE_FILES CLI SANDBOX PROBE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "wsdl_verdict.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")
include(ProcessorCount)
ProcessorCount(jobs)

set(cases_dir "${WORK_DIR}/cases")
file(REMOVE_RECURSE "${cases_dir}")
file(MAKE_DIRECTORY "${cases_dir}")
run("${CASE_FILES}" "${cases_dir}")
include("${cases_dir}/cases.cmake")

# Kept between runs (an unchanged case rebuilds nothing); every probe is
# removed first, so a case that no longer builds leaves none behind.
foreach(c IN LISTS CASES)
  file(REMOVE "${WORK_DIR}/build/${c}/probe_${c}")
endforeach()
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/wsdl_verdict" -B "${WORK_DIR}/build" -G "Unix Makefiles"
    "-DSOURCE_DIR=${SOURCE_DIR}" "-DCASES_DIR=${cases_dir}" -DCMAKE_BUILD_TYPE= ${launcher_args})
# -k: a case that does not compile is an answer, not the end of the run.
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --parallel ${jobs} -- -k
                OUTPUT_VARIABLE build_out ERROR_VARIABLE build_err RESULT_VARIABLE build_rc)

run("${PROBE}" "${SANDBOX}")
set(reference "${last_output}")

set(failures "")
set(table "")
foreach(c IN LISTS CASES)
  run("${CLI}" wsdl-diff "${cases_dir}/${c}/old.wsdl" "${cases_dir}/${c}/new.wsdl" --json)
  string(JSON said GET "${last_output}" client_compatible)
  set(probe "${WORK_DIR}/build/${c}/probe_${c}")
  set(built OFF)
  set(passed OFF)
  set(same OFF)
  if(EXISTS "${probe}")
    set(built ON)
    execute_process(COMMAND "${probe}" "${SANDBOX}" OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
                    TIMEOUT 120)
    if(rc EQUAL 0)
      set(passed ON)
    endif()
    if(out STREQUAL reference)
      set(same ON)
    endif()
  endif()
  if(built AND passed AND same)
    set(build_says ON)
  else()
    set(build_says OFF)
  endif()
  string(APPEND table "  ${c}: wsdl-diff ${said}, built ${built}, probe passed ${passed}, same transcript ${same}\n")
  if(NOT said STREQUAL build_says)
    string(APPEND failures "${c}: wsdl-diff says compatible=${said}, the build says ${build_says}\n")
    if(built AND NOT same)
      string(APPEND failures "  the probe printed:\n${out}\n  this build's probe printed:\n${reference}\n${err}\n")
    endif()
  endif()
  if(NOT said STREQUAL CASE_${c}_COMPATIBLE)
    string(APPEND failures "${c}: wsdl-diff says compatible=${said}, the table ${CASE_${c}_COMPATIBLE}\n")
  endif()
endforeach()
message(STATUS "the verdict and the build, case by case:\n${table}")
if(failures)
  message(FATAL_ERROR "wsdl-diff's verdict and the build disagree:\n${failures}\nthe verdict build:\n${build_out}\n${build_err}")
endif()
