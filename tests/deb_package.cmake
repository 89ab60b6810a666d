# deb_package.cmake: the Debian packages (cmake/MktowsPackaging.cmake) build
# with cpack, declare their dependencies, and work unpacked: both are
# extracted with dpkg -x into a scratch root (nothing is installed on the
# machine), a user's project (tests/consumer) is built against that root
# with find_package(mktows), and the packaged mktows runs the packaged
# sandbox for the consumer's mktows::Client program to call.
# Run by ctest as: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P this
foreach(v BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "deb_package.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")
find_program(DPKG_DEB dpkg-deb REQUIRED)
find_program(DPKG dpkg REQUIRED)

file(REMOVE_RECURSE "${WORK_DIR}")
set(packages "${WORK_DIR}/packages")
set(root "${WORK_DIR}/root")
get_filename_component(cpack_dir "${CMAKE_COMMAND}" DIRECTORY)
run("${cpack_dir}/cpack" -G DEB -B "${packages}" --config "${BUILD_DIR}/CPackConfig.cmake")

# name -> what its Depends must name (dpkg-shlibdeps computes the programs').
# (Whole package names: "gsoap" must not be met by "libgsoap-dev".)
set(expect_libmktows-dev "libgsoap-dev \\(>= 2.8.124\\)" "gsoap" "libssl-dev" "pkg-config")
set(expect_mktows "libgsoap-2.8.124" "libssl3" "libcurl4" "libhiredis[0-9.]+" "libxml2" "libstdc\\+\\+6")
foreach(name libmktows-dev mktows)
  file(GLOB deb "${packages}/${name}_*.deb")
  list(LENGTH deb n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one ${name}_*.deb in ${packages}, found: ${deb}")
  endif()
  run("${DPKG_DEB}" -f "${deb}" Package Depends)
  set(fields "${last_output}")
  if(NOT fields MATCHES "Package: ${name}\n")
    message(FATAL_ERROR "${deb}: ${fields}")
  endif()
  foreach(dep IN LISTS expect_${name})
    if(NOT fields MATCHES "Depends: ([^\n]*, )?${dep}( |,|\n)")
      message(FATAL_ERROR "${deb} does not depend on ${dep}:\n${fields}")
    endif()
  endforeach()
  run("${DPKG}" -x "${deb}" "${root}")
  message(STATUS "${name}: ${fields}")
endforeach()

foreach(f usr/bin/mktows usr/bin/mktows-sandbox usr/bin/mktows-bridge usr/include/mktows/mktows.hpp
          usr/include/mktows/generated/mktows_bindings.h usr/lib/cmake/mktows/mktowsConfig.cmake
          usr/lib/pkgconfig/mktows.pc usr/share/mktows/mktows.wsdl usr/share/mktows/typemap.dat
          usr/share/doc/libmktows-dev/copyright usr/share/doc/mktows/copyright
          usr/lib/systemd/system/mktows-bridge.service)
  if(NOT EXISTS "${root}/${f}")
    message(FATAL_ERROR "the packages hold no /${f}")
  endif()
endforeach()

# A user's project against the unpacked root: the installed-WSDL check, the
# raw proxy, mktows::core alone and the example program (mktows::Client).
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" "-DCMAKE_PREFIX_PATH=${root}/usr"
    "-DINSTALLED_WSDL_CHECK=${SOURCE_DIR}/tests/installed_wsdl_check.cmake"
    "-DVENDOR_LIKE_WSDL=${SOURCE_DIR}/tests/fixtures/vendor-like-2_3.wsdl"
    "-DEXAMPLE_SOURCE=${SOURCE_DIR}/tools/examples/george_of_the_jungle.cpp")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target consumer core_consumer example)
run("${WORK_DIR}/build/consumer")
run("${WORK_DIR}/build/core_consumer")

# The packaged command line starts the packaged sandbox (mktows sandbox runs
# the mktows-sandbox beside it); the consumer's program syncs a lead there.
set(ENV{MKTOWS_USER_ID} bigcorp1_461839624B16E06BA2D663)  # the sandbox's demo pair
set(ENV{MKTOWS_ENCRYPTION_KEY} mktows-sandbox-demo-key)
# (A script file: a list argument would split the shell's semicolons.)
file(WRITE "${WORK_DIR}/run_example.sh" [=[
"$1" sandbox --port 0 >"$2/sandbox.out" 2>"$2/sandbox.err" &
pid=$!
for i in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$2/sandbox.out")
  [ -n "$url" ] && break
  sleep 0.1
done
MKTOWS_ENDPOINT="$url" "$3" --email deb@example.com
rc=$?
kill $pid
wait $pid 2>/dev/null
exit $rc
]=])
run(sh "${WORK_DIR}/run_example.sh" "${root}/usr/bin/mktows" "${WORK_DIR}" "${WORK_DIR}/build/example")
if(NOT last_output MATCHES "CREATED")
  message(FATAL_ERROR "the example against the packaged sandbox printed: ${last_output}")
endif()
message(STATUS "the example against the packaged sandbox: ${last_output}")
