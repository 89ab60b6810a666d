// request_router.hpp: the one place a collected request is matched to the
// service its method and path name: the server's own routes, when it has
// any (the sandbox's REST face), then the SOAP endpoint with its ?WSDL, on
// the same port.
#pragma once

#include "http_message.hpp"
#include "http_routes.hpp"
#include "soap_handler.hpp"

namespace mktows_front {

const char kSoapServicePrefix[] = "/soap/mktows/";

// Splits "/soap/mktows/<version>[?query]" (or its absolute form
// "http(s)://host:port/soap/mktows/..."). The version is restricted to a
// harmless alphabet because it is echoed into the served WSDL.
bool soap_service_path(const std::string &target, std::string &version, std::string &query);


class RequestRouter {
 public:
  RequestRouter(SoapHandler &soap, const HandlerContext &context) : soap_(soap), context_(context) {}

  // `in_flight`: the call's place in the concurrency limit, taken when
  // its head was read.
  HttpResponse route(const HttpRequest &request, Limiter::InFlight *in_flight = nullptr);

 private:
  HttpResponse wsdl(const std::string &version) const;

  SoapHandler &soap_;
  const HandlerContext &context_;
};

}  // namespace mktows_front
