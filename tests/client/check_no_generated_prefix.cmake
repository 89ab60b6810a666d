# check_no_generated_prefix.cmake: fails when a header under DIR spells
# gSOAP's accidental namespace prefix ("ns1" and two underscores), which
# would tie the public API to one run of wsdl2h. The prefix is assembled
# here so that this file does not spell it either.
#   cmake -DDIR=<folder> -P check_no_generated_prefix.cmake
if(NOT DIR OR NOT IS_DIRECTORY "${DIR}")
  message(FATAL_ERROR "check_no_generated_prefix: DIR is not a folder: ${DIR}")
endif()
set(prefix "ns1")
string(APPEND prefix "__")
file(GLOB_RECURSE headers "${DIR}/*.hpp" "${DIR}/*.h")
if(NOT headers)
  message(FATAL_ERROR "check_no_generated_prefix: no headers under ${DIR}")
endif()
set(bad "")
foreach(h IN LISTS headers)
  file(STRINGS "${h}" hits REGEX "${prefix}")
  if(hits)
    list(APPEND bad "${h}")
  endif()
endforeach()
list(LENGTH headers n)
if(bad)
  message(FATAL_ERROR "headers spelling ${prefix}: ${bad}")
endif()
message(STATUS "${n} headers, none spells ${prefix}")
