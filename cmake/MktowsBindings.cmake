# MktowsBindings.cmake: generate and compile gSOAP bindings for a mktows WSDL.
#
#   mktows_generate_bindings(TARGET <name> WSDL <file>
#                            [TYPEMAP <file>] [BINDING <name>] [OUTPUT_DIR <dir>]
#                            [NAMESPACE <c++ namespace>])
#
# Runs wsdl2h and then soapcpp2 at build time (never at configure time, so a
# changed WSDL or typemap regenerates on the next build) and adds a static
# library <name> holding the serializers, the client proxy and the server
# skeleton. The library links gSOAP's `gsoapssl++` variant and passes its
# compile definitions on to everything that links it: struct soap's layout
# depends on them (WITH_OPENSSL, WITH_DOM, ...), and a translation unit built
# with other definitions than the runtime crashes at run time.
#
# Beside other gSOAP code. Everything generated lives in one C++ namespace
# (NAMESPACE, default mktows_gsoap; soapcpp2 -q), which also names the files
# (mktows_gsoapH.h, ...). soapcpp2 then leaves out, as gSOAP documents for
# combining bindings, the parts every gSOAP program has exactly once: the
# global SOAP_ENV__Header/Fault/Detail types, the callbacks the runtime calls
# (soap_getfault, soap_putheader, ...) and the global `namespaces` table. An
# application with gSOAP bindings of its own defines those itself. For one
# that has none, the target mktows::gsoap_env (linked after the runtime)
# holds a set generated from an empty interface: weak symbols, so that a
# program's own definitions win wherever the linker meets them. Our SOAP
# headers are therefore not members of SOAP_ENV__Header (that type belongs
# to the application): the signing plugin writes them, the sandbox reads
# them, each with the namespaced serializers of the header types. The proxy
# and service classes set their own namespace table on their context.
#
# mktows_bindings.h, generated beside the sources, is what hand-written code
# includes: the serializers, the proxy, MKTOWS_GSOAP_NAMESPACE, and for each
# operation whether its binding declares MktowsContextHeader (read from the
# WSDL through wsdl2h's output, never a hard-coded list). It includes
# mktows_bindings_operations.h, the MKTOWS_BINDINGS_HAS_<operation> macros
# alone, which the client's public header includes without gSOAP.
#
# soapcpp2 declares every operation of the service class virtual but defines
# none, so a subclass that overrides only some of them does not link. The
# library also holds a generated mktows_default_operations.cpp defining each
# declared operation to return SOAP_NO_METHOD (a SOAP fault "method not
# implemented"); the definitions are weak, so an application that defines
# the service class's operations itself (gSOAP's classic way) still wins.
#
# This file is installed with the package, so projects that keep their own
# vendor WSDL can call it after find_package(mktows). It is also the build
# step that writes the two generated files above: run with cmake -P and
# -DMKTOWS_SERVICE_HEADER=<...Service.h> -DMKTOWS_INTERFACE=<wsdl2h output>
# -DMKTOWS_NAMESPACE=<ns> -DMKTOWS_DEFAULTS_OUTPUT=<file.cpp>
# -DMKTOWS_ENTRY_OUTPUT=<mktows_bindings.h>.

# Script mode 1: make every symbol an archive defines weak (its undefined
# references stay as they are, so they still pull what they need).
if(CMAKE_SCRIPT_MODE_FILE AND DEFINED MKTOWS_WEAKEN_ARCHIVE)
  execute_process(COMMAND "${MKTOWS_NM}" -g --defined-only "${MKTOWS_WEAKEN_ARCHIVE}"
                  OUTPUT_VARIABLE _nm RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "nm failed on ${MKTOWS_WEAKEN_ARCHIVE}")
  endif()
  string(REGEX MATCHALL "[0-9a-f]+ [A-Za-z] [^\n]+" _defs "${_nm}")
  set(_list "")
  foreach(_d IN LISTS _defs)
    string(REGEX REPLACE "^[0-9a-f]+ [A-Za-z] " "" _sym "${_d}")
    string(APPEND _list "${_sym}\n")
  endforeach()
  file(WRITE "${MKTOWS_WEAKEN_ARCHIVE}.weak" "${_list}")
  execute_process(COMMAND "${MKTOWS_OBJCOPY}" "--weaken-symbols=${MKTOWS_WEAKEN_ARCHIVE}.weak" "${MKTOWS_WEAKEN_ARCHIVE}"
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "objcopy failed on ${MKTOWS_WEAKEN_ARCHIVE}")
  endif()
  return()
endif()

# Script mode 2: the files generated beside soapcpp2's output.
if(CMAKE_SCRIPT_MODE_FILE AND DEFINED MKTOWS_SERVICE_HEADER)
  file(STRINGS "${MKTOWS_SERVICE_HEADER}" _ops REGEX "virtual int [A-Za-z0-9_]+\\(.*\\) SOAP_PURE_VIRTUAL;")
  file(STRINGS "${MKTOWS_SERVICE_HEADER}" _class_line REGEX "^ *class SOAP_CMAC [A-Za-z0-9_]+")
  string(REGEX REPLACE "^ *class SOAP_CMAC ([A-Za-z0-9_]+).*" "\\1" _class "${_class_line}")
  if(NOT _ops OR NOT _class)
    message(FATAL_ERROR "no service class or operations found in ${MKTOWS_SERVICE_HEADER}")
  endif()
  # wsdl2h writes one line per header part an operation's input declares:
  #   //gsoap mktows service method-input-header-part: syncLead mktows__MktowsContextHeader
  file(STRINGS "${MKTOWS_INTERFACE}" _parts REGEX "^//gsoap [A-Za-z0-9_]+ +service +method-input-header-part:")
  set(_context_ops "")
  foreach(_line IN LISTS _parts)
    if(_line MATCHES "method-input-header-part:[ \t]+([A-Za-z0-9_]+)[ \t]+[A-Za-z0-9_]*__MktowsContextHeader")
      list(APPEND _context_ops "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  get_filename_component(_header "${MKTOWS_SERVICE_HEADER}" NAME)
  set(_ns "${MKTOWS_NAMESPACE}")
  set(_out "// Generated by mktows_generate_bindings (MktowsBindings.cmake) from ${_header}:\n")
  string(APPEND _out "// every operation of ${_class} answers SOAP_NO_METHOD unless defined elsewhere.\n")
  string(APPEND _out "#include \"${_header}\"\n\n#if defined(__GNUC__)\n#define MKTOWS_DEFAULT_OPERATION __attribute__((weak))\n")
  string(APPEND _out "#else\n#define MKTOWS_DEFAULT_OPERATION\n#endif\n\nnamespace ${_ns} {\n")
  set(_flags "")
  set(_has "")
  foreach(_line IN LISTS _ops)
    string(REGEX REPLACE "^ *virtual int ([A-Za-z0-9_]+)\\((.*)\\) SOAP_PURE_VIRTUAL;.*" "\\1" _op "${_line}")
    string(REGEX REPLACE "^ *virtual int ([A-Za-z0-9_]+)\\((.*)\\) SOAP_PURE_VIRTUAL;.*" "\\2" _params "${_line}")
    string(APPEND _out "MKTOWS_DEFAULT_OPERATION int ${_class}::${_op}(${_params}) { return SOAP_NO_METHOD; }\n")
    string(APPEND _has "#define MKTOWS_BINDINGS_HAS_${_op} 1\n")
    list(FIND _context_ops "${_op}" _i)
    if(_i EQUAL -1)
      string(APPEND _flags "constexpr bool ${_op} = false;\n")
    else()
      string(APPEND _flags "constexpr bool ${_op} = true;\n")
    endif()
  endforeach()
  string(APPEND _out "}  // namespace ${_ns}\n")
  file(WRITE "${MKTOWS_DEFAULTS_OUTPUT}" "${_out}")

  string(REPLACE "Service.h" "Proxy.h" _proxy "${_header}")
  set(_entry "// Generated by mktows_generate_bindings (MktowsBindings.cmake): the header\n")
  string(APPEND _entry "// through which hand-written code reaches these bindings.\n")
  string(APPEND _entry "#ifndef MKTOWS_BINDINGS_H\n#define MKTOWS_BINDINGS_H\n\n")
  string(APPEND _entry "#include \"${_ns}H.h\"\n#include \"${_proxy}\"\n\n")
  string(APPEND _entry "// The C++ namespace of every generated name.\n#define MKTOWS_GSOAP_NAMESPACE ${_ns}\n")
  string(APPEND _entry "// The server skeleton, for programs that serve (#include MKTOWS_GSOAP_SERVICE_HEADER).\n")
  string(APPEND _entry "#define MKTOWS_GSOAP_SERVICE_HEADER \"${_header}\"\n\n")
  string(APPEND _entry "// The operations the WSDL has (mktows::Client offers the calls it can make).\n")
  string(APPEND _entry "#include \"mktows_bindings_operations.h\"\n\n")
  string(APPEND _entry "namespace ${_ns} {\n// Whether the binding declares MktowsContextHeader on the operation's input.\n")
  string(APPEND _entry "namespace context_header_declared {\n${_flags}}\n}  // namespace ${_ns}\n\n#endif\n")
  file(WRITE "${MKTOWS_ENTRY_OUTPUT}" "${_entry}")

  # The operation list alone, without gSOAP: what <mktows/client.hpp>
  # includes to declare the calls the WSDL has, so that it parses no
  # generated declaration.
  set(_ops_out "// Generated by mktows_generate_bindings (MktowsBindings.cmake): the operations\n")
  string(APPEND _ops_out "// the bindings' WSDL has, as macros; no gSOAP declaration.\n")
  string(APPEND _ops_out "#ifndef MKTOWS_BINDINGS_OPERATIONS_H\n#define MKTOWS_BINDINGS_OPERATIONS_H\n\n${_has}\n#endif\n")
  get_filename_component(_entry_dir "${MKTOWS_ENTRY_OUTPUT}" DIRECTORY)
  file(WRITE "${_entry_dir}/mktows_bindings_operations.h" "${_ops_out}")
  return()
endif()

include_guard(GLOBAL)
set_property(GLOBAL PROPERTY MKTOWS_BINDINGS_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")

find_package(PkgConfig REQUIRED)
if(NOT TARGET PkgConfig::MKTOWS_GSOAPSSL)
  pkg_check_modules(MKTOWS_GSOAPSSL REQUIRED IMPORTED_TARGET GLOBAL gsoapssl++)
endif()
pkg_get_variable(_mktows_gsoap_prefix gsoapssl++ prefix)

find_program(MKTOWS_WSDL2H wsdl2h REQUIRED)
find_program(MKTOWS_SOAPCPP2 soapcpp2 REQUIRED)
find_path(MKTOWS_GSOAP_IMPORT_DIR stlvector.h
  HINTS "${_mktows_gsoap_prefix}/share/gsoap/import"
  PATH_SUFFIXES share/gsoap/import gsoap/import
  REQUIRED)

# The typemap that pins the mktows namespace prefix. Set by the project (in
# the source tree) or by the package config (installed copy).
if(NOT MKTOWS_DEFAULT_TYPEMAP)
  set(MKTOWS_DEFAULT_TYPEMAP "${CMAKE_CURRENT_LIST_DIR}/../wsdl/typemap.dat")
endif()

# The shared SOAP_ENV parts for programs without gSOAP bindings of their own
# (see the top of this file). One per build; a project that found the
# installed package gets the imported mktows::gsoap_env instead.
function(_mktows_gsoap_env)
  if(TARGET mktows::gsoap_env)
    return()
  endif()
  set(dir "${CMAKE_BINARY_DIR}/mktows_gsoap_env")
  # No header members: SOAP_ENV__Header is the application's type, and each
  # binding writes and reads its own headers.
  file(WRITE "${dir}/env.h.in"
    "// env.h: the SOAP_ENV types and runtime callbacks every gSOAP program has once.\n")
  configure_file("${dir}/env.h.in" "${dir}/env.h" COPYONLY)
  add_custom_command(
    OUTPUT "${dir}/envC.cpp" "${dir}/envH.h" "${dir}/envStub.h"
    COMMAND "${MKTOWS_SOAPCPP2}" -x -L -w -penv "-I${MKTOWS_GSOAP_IMPORT_DIR}" -d "${dir}" "${dir}/env.h"
    DEPENDS "${dir}/env.h"
    COMMENT "Generating the shared gSOAP SOAP_ENV parts"
    VERBATIM)
  file(GENERATE OUTPUT "${dir}/env_namespaces.cpp" CONTENT
"// Generated by MktowsBindings.cmake: the global namespace table the gSOAP
// runtime refers to. Every context of ours sets its own table; this one only
// completes a program that has no gSOAP code of its own.
#include \"envH.h\"
SOAP_NMAC struct Namespace namespaces[] = {
  {\"SOAP-ENV\", \"http://schemas.xmlsoap.org/soap/envelope/\", \"http://www.w3.org/*/soap-envelope\", NULL},
  {\"SOAP-ENC\", \"http://schemas.xmlsoap.org/soap/encoding/\", \"http://www.w3.org/*/soap-encoding\", NULL},
  {\"xsi\", \"http://www.w3.org/2001/XMLSchema-instance\", \"http://www.w3.org/*/XMLSchema-instance\", NULL},
  {\"xsd\", \"http://www.w3.org/2001/XMLSchema\", \"http://www.w3.org/*/XMLSchema\", NULL},
  {NULL, NULL, NULL, NULL}};
")
  add_library(mktows_gsoap_env STATIC "${dir}/envC.cpp" "${dir}/env_namespaces.cpp")
  set_source_files_properties("${dir}/env_namespaces.cpp" PROPERTIES OBJECT_DEPENDS "${dir}/envH.h")
  # The variant's definitions and include path, but no link dependency on
  # the runtime: that would put this library before the runtime on the link
  # line, where the linker does not yet know what the runtime lacks.
  target_include_directories(mktows_gsoap_env PRIVATE "${dir}" ${MKTOWS_GSOAPSSL_INCLUDE_DIRS})
  target_compile_options(mktows_gsoap_env PRIVATE ${MKTOWS_GSOAPSSL_CFLAGS_OTHER})
  # PIC also keeps GCC from inlining one callback into another, so each
  # weak definition can be replaced on its own.
  set_target_properties(mktows_gsoap_env PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME gsoap_env)
  target_compile_options(mktows_gsoap_env PRIVATE -w)
  # Weak: where the application (or another library) defines the same
  # runtime callbacks, in any order on the link line, theirs are used and
  # these give way instead of a "multiple definition" error.
  get_property(script GLOBAL PROPERTY MKTOWS_BINDINGS_SCRIPT)
  add_custom_command(TARGET mktows_gsoap_env POST_BUILD
    COMMAND "${CMAKE_COMMAND}" "-DMKTOWS_WEAKEN_ARCHIVE=$<TARGET_FILE:mktows_gsoap_env>"
            "-DMKTOWS_NM=${CMAKE_NM}" "-DMKTOWS_OBJCOPY=${CMAKE_OBJCOPY}" -P "${script}"
    VERBATIM)
  add_library(mktows::gsoap_env ALIAS mktows_gsoap_env)
endfunction()

function(mktows_generate_bindings)
  cmake_parse_arguments(ARG "" "TARGET;WSDL;TYPEMAP;BINDING;OUTPUT_DIR;NAMESPACE" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_WSDL)
    message(FATAL_ERROR "mktows_generate_bindings: TARGET and WSDL are required")
  endif()
  if(NOT ARG_TYPEMAP)
    set(ARG_TYPEMAP "${MKTOWS_DEFAULT_TYPEMAP}")
  endif()
  # Every mktows WSDL names its binding MktowsApiSoapBinding; soapcpp2 names
  # the proxy and the service class after it.
  if(NOT ARG_BINDING)
    set(ARG_BINDING MktowsApiSoapBinding)
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE mktows_gsoap)
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}")
  endif()
  get_filename_component(wsdl "${ARG_WSDL}" ABSOLUTE)
  get_filename_component(typemap "${ARG_TYPEMAP}" ABSOLUTE)
  if(NOT EXISTS "${wsdl}")
    message(FATAL_ERROR "mktows_generate_bindings: WSDL not found: ${wsdl}")
  endif()
  _mktows_gsoap_env()
  set(dir "${ARG_OUTPUT_DIR}")
  set(b "${ARG_BINDING}")
  set(ns "${ARG_NAMESPACE}")
  set(defaults_cpp "${dir}/mktows_default_operations.cpp")
  set(entry "${dir}/mktows_bindings.h")
  set(operations_h "${dir}/mktows_bindings_operations.h")
  get_property(script GLOBAL PROPERTY MKTOWS_BINDINGS_SCRIPT)

  set(outputs
    "${dir}/mktows.h"
    "${dir}/${ns}H.h" "${dir}/${ns}Stub.h" "${dir}/${ns}C.cpp"
    "${dir}/${ns}${b}Proxy.h" "${dir}/${ns}${b}Proxy.cpp"
    "${dir}/${ns}${b}Service.h" "${dir}/${ns}${b}Service.cpp"
    "${defaults_cpp}" "${entry}" "${operations_h}")
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    # -t: our typemap; -x: no xsd:any catch-alls, which would swallow unknown
    # elements silently instead of reporting them.
    COMMAND "${MKTOWS_WSDL2H}" -x -t "${typemap}" -o "${dir}/mktows.h" "${wsdl}"
    # -j: proxy and service classes sharing one struct soap; -q: everything
    # in the C++ namespace ${ns} (also the files' prefix); -x: no sample
    # messages; -L: no soapClientLib/soapServerLib; -w: no WSDL/XSD copies.
    COMMAND "${MKTOWS_SOAPCPP2}" -j -x -L -w -q "${ns}"
            "-I${MKTOWS_GSOAP_IMPORT_DIR}" -d "${dir}" "${dir}/mktows.h"
    COMMAND "${CMAKE_COMMAND}" "-DMKTOWS_SERVICE_HEADER=${dir}/${ns}${b}Service.h"
            "-DMKTOWS_INTERFACE=${dir}/mktows.h" "-DMKTOWS_NAMESPACE=${ns}"
            "-DMKTOWS_DEFAULTS_OUTPUT=${defaults_cpp}" "-DMKTOWS_ENTRY_OUTPUT=${entry}" -P "${script}"
    DEPENDS "${wsdl}" "${typemap}" "${script}"
    COMMENT "Generating mktows bindings for ${wsdl}"
    VERBATIM)

  set(generated_sources
    "${dir}/${ns}C.cpp" "${dir}/${ns}${b}Proxy.cpp" "${dir}/${ns}${b}Service.cpp" "${defaults_cpp}")
  add_library(${ARG_TARGET} STATIC ${generated_sources})
  # SYSTEM: generated headers are not held to our warning flags.
  target_include_directories(${ARG_TARGET} SYSTEM PUBLIC "$<BUILD_INTERFACE:${dir}>")
  # The shared SOAP_ENV parts come after the runtime on the link line, so
  # the linker takes them only for what nothing else defined.
  target_link_libraries(${ARG_TARGET} PUBLIC PkgConfig::MKTOWS_GSOAPSSL mktows::gsoap_env)
  set_target_properties(${ARG_TARGET} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  # Generated code is not ours to fix; keep the build quiet about it (on
  # its sources only: a project may compile code of its own into the
  # library, as this one does with the client, under its warning flags).
  set_source_files_properties(${generated_sources} PROPERTIES COMPILE_OPTIONS -w)
endfunction()
