// http_routes.hpp: what a server serves on its port besides the SOAP
// endpoint and its ?WSDL (the sandbox's REST face). The router asks it
// first; the request collector asks it for the body bound of a target.
#pragma once

#include "http_message.hpp"

#include <string>

namespace mktows_front {

class HttpRoutes {
 public:
  virtual ~HttpRoutes() = default;
  // True for the targets these routes answer.
  virtual bool serves(const std::string &target) const = 0;
  // The largest body a request to one of those targets may have; a
  // larger one gets 413 while it is still arriving.
  virtual unsigned long long max_body() const = 0;
  // Counts its calls against whatever limits it keeps itself.
  virtual HttpResponse handle(const HttpRequest &request) = 0;
};

// The largest body a request to `target` may have: the routes' own bound on
// their targets (when lower), else the server's limit. Null: no routes.
inline unsigned long long body_limit_for(const HttpRoutes *routes, const std::string &target,
                                         unsigned long long server_limit) {
  if (routes && routes->serves(target) && routes->max_body() < server_limit) return routes->max_body();
  return server_limit;
}

}  // namespace mktows_front
