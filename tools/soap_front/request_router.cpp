// request_router.cpp: paths and methods to services.
#include "request_router.hpp"

#include "ascii.hpp"
#include "wsdl_document.hpp"

#include <cstring>
#include <strings.h>

namespace mktows_front {

bool soap_service_path(const std::string &target, std::string &version, std::string &query) {
  std::string p = target;
  // The absolute form is accepted too (RFC 9112 3.2.2: servers must):
  // clients behind a proxy send it, even through a CONNECT tunnel (gSOAP
  // does).
  for (const char *scheme : {"http://", "https://"}) {
    std::size_t n = std::strlen(scheme);
    if (p.size() > n && strncasecmp(p.c_str(), scheme, n) == 0) {
      std::size_t slash = p.find('/', n);
      p = slash == std::string::npos ? std::string("/") : p.substr(slash);
      break;
    }
  }
  std::size_t q = p.find('?');
  query = q == std::string::npos ? std::string() : p.substr(q + 1);
  p = p.substr(0, q);
  std::size_t n = std::strlen(kSoapServicePrefix);
  if (p.compare(0, n, kSoapServicePrefix) != 0 || p.size() == n || p.size() > n + 32) return false;
  version = p.substr(n);
  for (char c : version)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '-'))
      return false;
  return true;
}

HttpResponse RequestRouter::route(const HttpRequest &request, Limiter::InFlight *in_flight) {
  if (context_.routes && context_.routes->serves(request.target)) {
    // The routes count their calls against the shared limits themselves.
    if (in_flight) in_flight->release();
    return context_.routes->handle(request);
  }
  std::string version, query;
  if (!soap_service_path(request.target, version, query)) return HttpResponse::empty(404);
  if (request.method == "GET") {
    if (!iequals(query, "wsdl")) return HttpResponse::empty(404);
    return wsdl(version);
  }
  if (request.method != "POST") {
    HttpResponse r = HttpResponse::empty(405);
    r.headers.emplace_back("Allow", "GET, POST");
    return r;
  }
  // gSOAP would inflate a compressed body itself, unbounded by the body
  // limit; the vendor's endpoint took plain XML.
  const std::string *coding = request.header("content-encoding");
  if (coding && !http_iequals(*coding, "identity")) return HttpResponse::empty(415);
  return soap_.serve_post(request.body, request.header("soapaction"), in_flight);
}

HttpResponse RequestRouter::wsdl(const std::string &version) const {
  HttpResponse r;
  r.content_type = "text/xml; charset=utf-8";
  r.body = context_.wsdl->with_address(context_.base_url + kSoapServicePrefix + version);
  return r;
}

}  // namespace mktows_front
