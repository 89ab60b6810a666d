# installed_wsdl_check.cmake: the WSDL an install holds (MKTOWS_INSTALLED_WSDL)
# declares the same operations as the generated headers installed beside it,
# i.e. it is the WSDL the build generated them from, not the project's own
# when MKTOWS_WSDL named another file.
#
#   include(): mktows_check_installed_wsdl(<wsdl> <folder of the installed
#              generated headers>)
#   script:    cmake -DWSDL=<wsdl> -DHEADERS=<folder> [-DSAME_AS=<file>] -P this
#              (SAME_AS: the WSDL the build was configured with; the installed
#              one must be a copy of it)
function(mktows_check_installed_wsdl wsdl headers)
  if(NOT EXISTS "${wsdl}")
    message(FATAL_ERROR "the installed WSDL ${wsdl} does not exist")
  endif()
  file(GLOB proxy "${headers}/*Proxy.h")
  if(NOT proxy)
    message(FATAL_ERROR "no generated proxy header in ${headers}")
  endif()
  # The proxy's operations: one send_<op> each.
  file(STRINGS "${proxy}" sends REGEX "virtual int send_[A-Za-z0-9_]+\\(")
  set(header_ops "")
  foreach(line IN LISTS sends)
    string(REGEX REPLACE ".*virtual int send_([A-Za-z0-9_]+)\\(.*" "\\1" op "${line}")
    list(APPEND header_ops "${op}")
  endforeach()
  # The WSDL's: the operations of its binding (each named once there with
  # a soap:operation child; the port type names them again).
  file(READ "${wsdl}" text)
  string(REGEX MATCHALL "<([A-Za-z0-9_]+:)?operation[ \t\r\n]+name=\"[A-Za-z0-9_]+\"" decls "${text}")
  set(wsdl_ops "")
  foreach(d IN LISTS decls)
    string(REGEX REPLACE ".*name=\"([A-Za-z0-9_]+)\"" "\\1" op "${d}")
    list(APPEND wsdl_ops "${op}")
  endforeach()
  list(REMOVE_DUPLICATES wsdl_ops)
  list(REMOVE_DUPLICATES header_ops)
  list(SORT wsdl_ops)
  list(SORT header_ops)
  if(NOT wsdl_ops STREQUAL header_ops)
    message(FATAL_ERROR "the installed WSDL ${wsdl} declares the operations\n  ${wsdl_ops}\n"
                        "the installed headers (${proxy}) have\n  ${header_ops}")
  endif()
  list(LENGTH wsdl_ops n)
  message(STATUS "the installed WSDL and headers agree: ${n} operations")
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  mktows_check_installed_wsdl("${WSDL}" "${HEADERS}")
  if(DEFINED SAME_AS)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WSDL}" "${SAME_AS}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "the installed WSDL ${WSDL} is not the build's ${SAME_AS}")
    endif()
  endif()
endif()
