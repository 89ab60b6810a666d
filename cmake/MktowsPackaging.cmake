# MktowsPackaging.cmake: Debian packages from the install rules, with CPack.
#
#   cpack -G DEB --config <build>/CPackConfig.cmake
#
# makes two packages, one per install component (CMakeLists.txt sets the
# component of each folder's rules):
#   libmktows-dev  dev:   headers, the bindings library and the gSOAP parts
#                         library, the CMake package, mktows.pc, the WSDL and
#                         typemap the bindings were generated from
#   mktows         tools: the mktows command line, mktows-sandbox, mktows-bridge
# The programs' Debian dependencies are computed by dpkg-shlibdeps from what
# they link; the development package's are declared here: what its headers
# include, what its library links, and what mktows_generate_bindings runs.
# Both carry the project's licence as their copyright file.
set(CPACK_PACKAGE_NAME mktows)
set(CPACK_PACKAGE_VENDOR "the mktows contributors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL dev)
if(MKTOWS_BUILD_TOOLS)
  list(APPEND CPACK_COMPONENTS_ALL tools)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <package>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "the mktows contributors")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libmktows-dev)
# The first line is the summary; the others, the long description.
set(CPACK_DEBIAN_DEV_DESCRIPTION "C++ bindings for Marketo's mktows SOAP API (development files)
Header-only client and signing plugin, the gSOAP bindings generated from
the WSDL they were built from, a CMake package (find_package(mktows)) and a
pkg-config file.")
# Headers: stdsoap2.h (libgsoap-dev), openssl/*.h (libssl-dev); the library
# links gsoapssl++ found through pkg-config; mktows_generate_bindings runs
# wsdl2h and soapcpp2 (gsoap).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libgsoap-dev (>= 2.8.124), libgsoap-dev (<< 2.8.125), gsoap, libssl-dev (>= 3), pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "cmake")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME mktows)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION net)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "mktows command line, local mktows server and SOAP-to-REST bridge
mktows: sync-lead, get-lead, sync-leads, wsdl-diff; mktows-sandbox, a local
server that follows the mktows service's rules; mktows-bridge, mktows SOAP
in front of the Marketo REST API.")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/libmktows-dev"
        RENAME copyright COMPONENT dev)
if(MKTOWS_BUILD_TOOLS)
  install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/mktows"
          RENAME copyright COMPONENT tools)
endif()

include(CPack)
