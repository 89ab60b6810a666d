// wsdl_document.hpp: the WSDL the sandbox serves on ?WSDL.
#pragma once

#include <string>

namespace mktows_sandbox {

// The WSDL the bindings were generated from (MKTOWS_WSDL), embedded at
// build time.
const std::string &embedded_wsdl();

// `wsdl` with the location of every <...:address> element replaced by
// `location`, so that a client reading it calls this server.
std::string rewrite_wsdl_address(const std::string &wsdl, const std::string &location);

}  // namespace mktows_sandbox
