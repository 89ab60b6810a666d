# package_consumer.cmake: install this build into a fresh prefix, then
# configure, build and run tests/consumer against it with find_package(mktows),
# and compile a program with the flags pkg-config gives for mktows.pc.
# Run by ctest as: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P this
foreach(v BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "package_consumer.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DINSTALLED_WSDL_CHECK=${SOURCE_DIR}/tests/installed_wsdl_check.cmake" "-DVENDOR_LIKE_WSDL=${SOURCE_DIR}/tests/fixtures/vendor-like-2_3.wsdl")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
if(NOT last_output MATCHES "consumer: leadId 7 CREATED")
  message(FATAL_ERROR "consumer printed: ${last_output}")
endif()
run("${WORK_DIR}/build/own_bindings_check")
run("${WORK_DIR}/build/core_consumer")
if(NOT last_output MATCHES "core_consumer: 20103 - Lead Not Found, batches of 300")
  message(FATAL_ERROR "core_consumer printed: ${last_output}")
endif()
message(STATUS "find_package consumer: ${last_output}")

# pkg-config: the same program, compiled and linked with mktows.pc's flags.
file(GLOB pcdir "${prefix}/lib*/pkgconfig" "${prefix}/lib/*/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "${pcdir}")
find_program(PKG_CONFIG pkg-config REQUIRED)
run("${PKG_CONFIG}" --cflags --libs mktows)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(c++ -std=c++11 -o "${WORK_DIR}/pc_consumer" "${SOURCE_DIR}/tests/consumer/consumer.cpp" ${flags})
run("${WORK_DIR}/pc_consumer")
message(STATUS "pkg-config consumer: ${last_output}")
