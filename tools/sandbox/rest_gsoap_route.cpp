// rest_gsoap_route.cpp: the gSOAP side of the REST face's routing.
#include "rest_gsoap_route.hpp"

#include "http_message.hpp"
#include "rest_face.hpp"

#include "stdsoap2.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

namespace {

const char kPluginId[] = "mktows-rest-route";

struct RouteData {
  RestFace *face = nullptr;
  int (*parse)(struct soap *) = nullptr;
  int (*parse_header)(struct soap *, const char *, const char *) = nullptr;
  std::vector<std::pair<std::string, std::string>> headers;  // of the current request
};

RouteData *data_of(struct soap *soap) { return static_cast<RouteData *>(soap_lookup_plugin(soap, kPluginId)); }

// A new request's head is about to be parsed.
int on_parse(struct soap *soap) {
  RouteData *d = data_of(soap);
  d->headers.clear();
  return d->parse(soap);
}

int on_header(struct soap *soap, const char *key, const char *value) {
  RouteData *d = data_of(soap);
  // Bounded like the head itself (gSOAP caps each line at SOAP_HDRLEN).
  if (d->headers.size() < 100) d->headers.emplace_back(key ? key : "", value ? value : "");
  return d->parse_header(soap, key, value);
}

void on_delete(struct soap *, struct soap_plugin *p) { delete static_cast<RouteData *>(p->data); }

int create(struct soap *soap, struct soap_plugin *p, void *arg) {
  RouteData *d = new RouteData;
  d->face = static_cast<RestFace *>(arg);
  d->parse = soap->fparse;
  d->parse_header = soap->fparsehdr;
  soap->fparse = on_parse;
  soap->fparsehdr = on_header;
  p->id = kPluginId;
  p->data = d;
  p->fcopy = nullptr;
  p->fdelete = on_delete;
  return SOAP_OK;
}

const char *reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request-URI Too Long";
    default: return "Error";
  }
}

// Writes the response through the context's own send function (plain or
// TLS). gSOAP's response writer is not used: it knows only XML bodies and
// a few statuses.
bool send_response(struct soap *soap, const HttpResponse &r) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
  if (!r.content_type.empty()) out += "Content-Type: " + r.content_type + "\r\n";
  for (const auto &h : r.headers) out += h.first + ": " + h.second + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  if (!soap->keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  out += r.body;
  return soap->fsend(soap, out.data(), out.size()) == SOAP_OK;
}

HttpRequest request_of(struct soap *soap, RouteData *d, const char *method) {
  HttpRequest r;
  r.method = method;
  r.target = soap->path;
  r.headers = d->headers;
  return r;
}

// gSOAP keeps SOAP_TAGLEN - 1 bytes of the target: a longer one was cut.
bool target_cut(struct soap *soap) { return std::strlen(soap->path) >= SOAP_TAGLEN - 1; }

HttpResponse too_long() {
  HttpResponse r;
  r.status = 414;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "Request-URI Too Long\n";
  return r;
}

}  // namespace

void install_rest_route(struct soap *soap, RestFace *face) {
  if (face) soap_register_plugin_arg(soap, create, face);
}

bool route_rest_get(struct soap *soap, int &result) {
  RouteData *d = data_of(soap);
  if (!d || !RestFace::serves(soap->path)) return false;
  HttpResponse r = target_cut(soap) ? too_long() : d->face->handle(request_of(soap, d, "GET"));
  result = send_response(soap, r) ? SOAP_OK : soap->error;
  return true;
}

bool route_rest_request(struct soap *soap, bool &kept) {
  RouteData *d = data_of(soap);
  if (!d || !RestFace::serves(soap->path)) return false;
  soap->error = SOAP_OK;
  const char *method = soap->status == SOAP_POST ? "POST" : soap->status == SOAP_PUT ? "PUT"
                       : soap->status == SOAP_DEL ? "DELETE" : soap->status == SOAP_PATCH ? "PATCH" : "POST";
  HttpRequest req = request_of(soap, d, method);
  HttpResponse r;
  if (target_cut(soap)) {
    r = too_long();
    soap->keep_alive = 0;
  } else if (soap->length > RestFace::kMaxBody) {
    // Refused before reading: the unread body ends the connection.
    r.status = 413;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Request Entity Too Large\n";
    soap->keep_alive = 0;
  } else {
    std::size_t len = 0;
    const char *body = soap_http_has_body(soap) ? soap_http_get_body(soap, &len) : nullptr;
    if (soap_http_has_body(soap) && !body) {
      // Unreadable, cut short or larger than the server's limit.
      kept = false;
      soap->keep_alive = 0;
      soap_closesock(soap);
      return true;
    }
    if (body) req.body.assign(body, len);
    r = d->face->handle(req);
    if (r.status == 413) soap->keep_alive = 0;
  }
  kept = send_response(soap, r) && soap->keep_alive && soap_valid_socket(soap->socket);
  if (!kept) {
    soap->keep_alive = 0;
    soap_closesock(soap);
  }
  return true;
}

}  // namespace mktows_sandbox
