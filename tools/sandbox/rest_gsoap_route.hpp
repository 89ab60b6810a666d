// rest_gsoap_route.hpp: carries REST requests that arrive at the gSOAP
// server (same port as the SOAP face) to RestFace and writes its answer.
// All of the gSOAP-specific glue for the REST face is here, so it can move
// to another serving model without touching the face.
#pragma once

struct soap;

namespace mktows_sandbox {

class RestFace;

// Registers on `soap` (a worker's context) the plugin that records each
// request's headers; `face` may be null (no REST face: nothing is routed).
void install_rest_route(struct soap *soap, RestFace *face);

// From the fget hook: answers a GET for the REST face. False when the
// request is not the face's; otherwise `result` is what fget returns.
bool route_rest_get(struct soap *soap, int &result);

// After soap_begin_recv accepted a request: answers it when it is the REST
// face's (reading its body first). False when it is not; otherwise
// `kept` tells whether the connection is still usable.
bool route_rest_request(struct soap *soap, bool &kept);

}  // namespace mktows_sandbox
