# check_core_headers.cmake: fails when a header of mktows::core (the list
# MKTOWS_CORE_HEADERS of the root CMakeLists.txt) reaches gSOAP or the
# generated bindings, includes a mktows header that is not itself in the
# list, or does not compile alone as C++11 from the core's include folder.
#   cmake -DCXX=<compiler> -DROOT=<include folder> -DHEADERS=<a|b|...>
#         -DSEARCH=<x|y|...> -DDEFINES=<-DA|-DB|...> -DWORK=<scratch folder>
#         [-DGENERATED=<folder of mktows_bindings_operations.h>]
#         -P check_core_headers.cmake
# SEARCH and DEFINES: the folders and gSOAP's flags the full library compiles
# with (plugins, the generated bindings), so that a header that does include
# them is seen doing so. GENERATED: the client's public headers (not core
# ones, but held to the same rule against gSOAP) may include the generated
# operation list, macros only, from that folder; nothing else generated.
foreach(v CXX ROOT HEADERS WORK)
  if(NOT ${v})
    message(FATAL_ERROR "check_core_headers: -D${v}= is required")
  endif()
endforeach()
string(REPLACE "|" ";" headers "${HEADERS}")
string(REPLACE "|" ";" search "${SEARCH}")
string(REPLACE "|" ";" defines "${DEFINES}")
set(flags -x c++ -std=c++11 "-I${ROOT}" ${defines})
foreach(d IN LISTS search)
  list(APPEND flags "-I${d}")
endforeach()

set(bad "")
foreach(h IN LISTS headers)
  set(file "${ROOT}/${h}")
  if(NOT EXISTS "${file}")
    list(APPEND bad "${h}: no such header under ${ROOT}")
    continue()
  endif()
  # Every file the header pulls in, whether or not it exists (-MG): a
  # header that reaches the bindings is caught even before they are generated.
  execute_process(COMMAND "${CXX}" ${flags} -M -MG "${file}"
                  OUTPUT_VARIABLE deps ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND bad "${h}: the preprocessor failed: ${err}")
    continue()
  endif()
  string(REPLACE "\\\n" " " deps "${deps}")
  string(REGEX REPLACE "^[^:]*:" "" deps "${deps}")
  separate_arguments(deps UNIX_COMMAND "${deps}")
  foreach(d IN LISTS deps)
    if(d MATCHES "(^|/)(stdsoap2\\.h|mktows_bindings\\.h)$")
      list(APPEND bad "${h} reaches gSOAP: ${d}")
    elseif(GENERATED AND d STREQUAL "${GENERATED}/mktows_bindings_operations.h")
      # the operation macros: no declaration of gSOAP's
    elseif(d MATCHES "^${ROOT}/(.*)$")
      list(FIND headers "${CMAKE_MATCH_1}" at)
      if(at EQUAL -1)
        list(APPEND bad "${h} includes ${CMAKE_MATCH_1}, which is not a core header")
      endif()
    elseif(d MATCHES "/mktows/")
      list(APPEND bad "${h} includes ${d}, which is not a core header")
    endif()
  endforeach()
  # Self-contained: a file that includes it alone compiles with nothing but
  # the core's folder, warnings as errors (included, as a user does: clang
  # warns of unused constants in the main file only).
  string(MAKE_C_IDENTIFIER "${h}" tu)
  set(tu "${WORK}/${tu}.cpp")
  file(WRITE "${tu}" "#include <${h}>\n")
  set(self_flags "-I${ROOT}")
  if(GENERATED)
    list(APPEND self_flags "-I${GENERATED}")
  endif()
  execute_process(COMMAND "${CXX}" -x c++ -std=c++11 ${self_flags} -Wall -Wextra -Werror -fsyntax-only "${tu}"
                  ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND bad "${h} does not compile alone as C++11: ${err}")
  endif()
endforeach()
list(LENGTH headers n)
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "core headers:\n  ${text}")
endif()
message(STATUS "${n} core headers: none reaches gSOAP or a non-core header; each compiles alone")
