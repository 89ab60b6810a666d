// connect_probe.hpp: whether the REST host can be reached, without an API
// call (which the REST side would count against the rate window and the
// daily quota): a TCP connection, and for https the TLS handshake with the
// certificate verified, then closed. Bounded by the connect timeout.
#pragma once

#include <string>

namespace mktows_bridge {

// "" when `url`'s host accepted the connection, else libcurl's reason.
std::string connect_probe(const std::string &url, const std::string &ca_file, long timeout_ms);

}  // namespace mktows_bridge
