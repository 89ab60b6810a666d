// random_id.hpp: the bridge's one source of unguessable names (walk ids in
// the state store, multipart boundaries, minted external keys): OpenSSL's
// RAND_bytes as lower-case hex.
#pragma once

#include <string>

namespace mktows_bridge {

// 2 × `bytes` hex digits; throws ServiceError 20011 (api_failure) naming
// `what` when OpenSSL has no random bytes to give.
std::string random_hex(std::size_t bytes, const char *what);

}  // namespace mktows_bridge
