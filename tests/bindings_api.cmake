# bindings_api.cmake: our WSDL and the vendor-shaped fixture generate the same
# C++ API. Both are written from the same fact sheets; an application built
# against one must compile unchanged against the other (README: "Building
# against another WSDL"), and vendor_wsdl_build runs the whole suite on the
# fixture's bindings only once per check, at the end.
#
# The bindings of each file are generated through mktows_generate_bindings
# (tests/bindings_api/, no compilation), then the declarations of the
# generated headers are compared after normalising what carries no meaning:
# comments and documentation, gSOAP's numeric type ids (they follow the order
# of the types in the file), whitespace, and the order of top-level
# declarations. What stays: every class with its members in order (the
# wire's sequence), their C++ types, each member's occurrence and
# nillability as soapcpp2 states it, the enumerations with their values, the
# operations with their parameters, and the directives wsdl2h derives from
# the binding (SOAP actions, header parts, style).
#
# Before trusting a "same", the script plants a difference (returnLead of
# ParamsSyncLead made optional, in a copy of the fixture) and requires the
# comparison to report it.
#
# Run by ctest as: cmake -DSOURCE_DIR=... -DWORK_DIR=... -DOURS=... -DVENDOR=...
#                        -DTYPEMAP=... -P this
foreach(v SOURCE_DIR WORK_DIR OURS VENDOR TYPEMAP)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "bindings_api.cmake: ${v} is not set")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/run_step.cmake")

set(ns mktows_gsoap)
set(headers "${ns}Stub.h" "${ns}H.h" "${ns}MktowsApiSoapBindingProxy.h" "${ns}MktowsApiSoapBindingService.h"
            "mktows_bindings.h")
# Our WSDL declares the serviceException fault detail, which the vendor's
# files do not (wsdl/mktows.wsdl says why): the declarations of the detail
# are the one expected difference. They are left out on both sides: ours
# must have serviceException among them, the fixture must not, and no other
# declaration may mention these names.
set(fault_detail "ServiceExceptionInfo|serviceException|SOAP_ENV__Detail")
set(ours_only "ServiceExceptionInfo|serviceException")

# Control characters stand in for the characters CMake's lists and regular
# expressions would otherwise interpret (; [ ] \) and for comment delimiters.
string(ASCII 1 c_open)
string(ASCII 2 c_close)
string(ASCII 3 c_semi)
string(ASCII 4 c_lbr)
string(ASCII 5 c_rbr)
string(ASCII 6 c_bsl)

function(_encode var)
  set(t "${${var}}")
  string(REPLACE "\\" "${c_bsl}" t "${t}")
  string(REPLACE ";" "${c_semi}" t "${t}")
  string(REPLACE "[" "${c_lbr}" t "${t}")
  string(REPLACE "]" "${c_rbr}" t "${t}")
  set(${var} "${t}" PARENT_SCOPE)
endfunction()

function(_decode var)
  set(t "${${var}}")
  string(REPLACE "${c_semi}" ";" t "${t}")
  string(REPLACE "${c_lbr}" "[" t "${t}")
  string(REPLACE "${c_rbr}" "]" t "${t}")
  string(REPLACE "${c_bsl}" "\\" t "${t}")
  set(${var} "${t}" PARENT_SCOPE)
endfunction()

# The normalised declarations of one generated header, sorted, in `out`.
# In the Stub and H headers a declaration (a class, a function with its
# body, an #if line) keeps its lines in order; in the others every line is
# its own entry, since the proxy's and the service's methods follow the
# order of the WSDL's operations, which means nothing.
function(_declarations file per_line out)
  file(READ "${file}" text)
  # soapcpp2 states each member's occurrence, nillability and schema type
  # in a comment just above it: keep that as a declaration line.
  string(REGEX REPLACE "\n[ \t]*/// ((Optional|Required)[^\n]* element '[^\n]*)" "\n@schema \\1" text "${text}")
  string(REPLACE "/*" "${c_open}" text "${text}")
  string(REPLACE "*/" "${c_close}" text "${text}")
  string(REGEX REPLACE "${c_open}[^${c_close}]*${c_close}" "" text "${text}")
  string(REGEX REPLACE "(\n|[ \t])//[^\n]*" "\\1" text "${text}")
  string(REGEX REPLACE "(SOAP_TYPE_[A-Za-z0-9_]+) \\(-?[0-9]+\\)" "\\1 (N)" text "${text}")
  string(REGEX REPLACE "[ \t]+" " " text "${text}")
  _encode(text)
  string(REPLACE "\n" ";" lines "${text}")
  set(blocks "")
  set(block "")
  set(depth 0)
  foreach(line IN LISTS lines)
    string(STRIP "${line}" line)
    if(line STREQUAL "")
      continue()
    endif()
    # The namespace every generated name lives in, and its closing brace,
    # are not declarations.
    if(line MATCHES "^namespace [A-Za-z0-9_]+ {$" OR (depth EQUAL 0 AND line STREQUAL "}"))
      continue()
    endif()
    # A bare #else or #endif at the top level names nothing: its #if line
    # (which names the type it guards) is compared.
    if(depth EQUAL 0 AND line MATCHES "^#(else|endif)$")
      continue()
    endif()
    if(per_line)
      list(APPEND blocks "${line}")
      continue()
    endif()
    if(block STREQUAL "")
      set(block "${line}")
    else()
      string(APPEND block "\n${line}")
    endif()
    string(REGEX MATCHALL "{" opened "${line}")
    string(REGEX MATCHALL "}" closed "${line}")
    list(LENGTH opened n_open)
    list(LENGTH closed n_close)
    math(EXPR depth "${depth} + ${n_open} - ${n_close}")
    if(depth EQUAL 0 AND (line MATCHES "^#" OR line MATCHES "[${c_semi}}]$"))
      list(APPEND blocks "${block}")
      set(block "")
    endif()
  endforeach()
  if(NOT block STREQUAL "")
    list(APPEND blocks "${block}")
  endif()
  list(SORT blocks)
  set(${out} "${blocks}" PARENT_SCOPE)
endfunction()

# The //gsoap directives wsdl2h wrote for the binding and the schema, but
# not the address (the vendor's shared host in the fixture, a placeholder in
# ours) nor the operations' prose.
function(_directives file out)
  file(STRINGS "${file}" lines REGEX "^//gsoap ")
  set(kept "")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "service (port|method-documentation):")
      string(REGEX REPLACE "[ \t]+" " " line "${line}")
      string(STRIP "${line}" line)
      _encode(line)
      list(APPEND kept "${line}")
    endif()
  endforeach()
  list(SORT kept)
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()

# Every declaration of one generated folder, each prefixed with its file.
function(_api dir out)
  set(all "")
  foreach(h IN LISTS headers)
    set(per_line OFF)
    if(NOT h MATCHES "(Stub|H)\\.h$")
      set(per_line ON)
    endif()
    _declarations("${dir}/${h}" ${per_line} decls)
    foreach(d IN LISTS decls)
      list(APPEND all "${h}: ${d}")
    endforeach()
  endforeach()
  _directives("${dir}/mktows.h" directives)
  foreach(d IN LISTS directives)
    list(APPEND all "mktows.h: ${d}")
  endforeach()
  set(${out} "${all}" PARENT_SCOPE)
endfunction()

# Compares two folders' APIs: `out_a` and `out_b` get the declarations only
# one of them has (encoded; empty when the two are the same), `out_count`
# how many A has. `exempt`: a regular expression of declarations left out
# on both sides (none when empty); then A's must include some matching
# `exempt_a_only`, B's none.
function(_compare dir_a label_a dir_b label_b exempt exempt_a_only out)
  _api("${dir_a}" a)
  _api("${dir_b}" b)
  if(NOT exempt STREQUAL "")
    set(exempted_a ${a})
    set(exempted_b ${b})
    list(FILTER exempted_a INCLUDE REGEX "${exempt}")
    list(FILTER exempted_b INCLUDE REGEX "${exempt}")
    list(FILTER a EXCLUDE REGEX "${exempt}")
    list(FILTER b EXCLUDE REGEX "${exempt}")
    list(FILTER exempted_a INCLUDE REGEX "${exempt_a_only}")
    list(FILTER exempted_b INCLUDE REGEX "${exempt_a_only}")
    list(LENGTH exempted_a n)
    if(n EQUAL 0)
      message(FATAL_ERROR "${label_a} generated no declaration matching '${exempt_a_only}': the exemption is stale")
    endif()
    if(exempted_b)
      list(GET exempted_b 0 first)
      _decode(first)
      message(FATAL_ERROR "${label_b} generated a declaration matching '${exempt_a_only}':\n${first}")
    endif()
    set(${out}_exempted ${n} PARENT_SCOPE)
  endif()
  set(only_a "")
  set(only_b "")
  if(NOT "${a}" STREQUAL "${b}")
    set(only_a ${a})
    set(only_b ${b})
    list(REMOVE_ITEM only_a ${b})
    list(REMOVE_ITEM only_b ${a})
    if(NOT only_a AND NOT only_b)
      # The same declarations, not as many times each.
      set(only_a "(the same declarations, not as many times each)")
    endif()
  endif()
  list(LENGTH a n_a)
  set(${out}_count ${n_a} PARENT_SCOPE)
  set(${out}_a "${only_a}" PARENT_SCOPE)
  set(${out}_b "${only_b}" PARENT_SCOPE)
endfunction()

# The differences of a _compare, readable.
function(_report out_var label_a only_a label_b only_b)
  set(report "")
  foreach(side a b)
    foreach(d IN LISTS only_${side})
      _decode(d)
      string(REPLACE "\n" "\n    " d "${d}")
      string(APPEND report "only in ${label_${side}}:\n    ${d}\n")
    endforeach()
  endforeach()
  set(${out_var} "${report}" PARENT_SCOPE)
endfunction()

# The planted difference, in a copy of the fixture.
file(READ "${VENDOR}" vendor_text)
set(from "<xs:element name=\"returnLead\" type=\"xs:boolean\"/>")
set(to "<xs:element minOccurs=\"0\" name=\"returnLead\" type=\"xs:boolean\"/>")
string(FIND "${vendor_text}" "${from}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${VENDOR} no longer has '${from}': choose another difference to plant")
endif()
string(REPLACE "${from}" "${to}" planted_text "${vendor_text}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(planted "${WORK_DIR}/planted.wsdl")
file(WRITE "${planted}" "${planted_text}")

# Kept between runs: a second run regenerates only what changed.
set(project "${WORK_DIR}/project")
run("${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/bindings_api" -B "${project}"
    "-DSOURCE_DIR=${SOURCE_DIR}" "-DTYPEMAP=${TYPEMAP}"
    "-DWSDLS=ours=${OURS},vendor=${VENDOR},planted=${planted}")
run("${CMAKE_COMMAND}" --build "${project}" --target generate)

# The check can see a difference: the planted one, confined to the
# declarations of ParamsSyncLead, the type it changed.
_compare("${project}/vendor" "the fixture" "${project}/planted" "the planted copy" "" "" planted)
_report(planted_report "the fixture" "${planted_a}" "the planted copy" "${planted_b}")
set(all_planted ${planted_a} ${planted_b})
set(elsewhere ${all_planted})
list(FILTER elsewhere EXCLUDE REGEX "ParamsSyncLead")
set(member ${all_planted})
list(FILTER member INCLUDE REGEX "returnLead")
if(NOT member OR elsewhere)
  message(FATAL_ERROR "the comparison did not report the planted difference (returnLead of ParamsSyncLead "
                      "made optional) alone:\n${planted_report}")
endif()

_compare("${project}/ours" "${OURS}" "${project}/vendor" "${VENDOR}" "${fault_detail}" "${ours_only}" api)
if(api_a OR api_b)
  _report(report "${OURS}" "${api_a}" "${VENDOR}" "${api_b}")
  message(FATAL_ERROR "the two WSDLs generate different C++ APIs:\n${report}")
endif()
message(STATUS "same C++ API: ${api_count} declarations besides the fault detail (${api_exempted} in ours only); "
               "the planted difference was seen")
