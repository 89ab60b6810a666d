// http_message.hpp: one collected HTTP request and the response to it, as
// the serving loop hands them to a service and back. The SOAP endpoint is
// one such service; others (a REST face) can share the port through the
// router (request_router.hpp) without knowing how the bytes were framed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mktows_front {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// ASCII case-insensitive comparison (header names, tokens).
bool http_iequals(const std::string &a, const char *b);

// The value of the first header named `name` (case-insensitive), or null.
const std::string *find_header(const HttpHeaders &headers, const char *name);

struct HttpRequest {
  std::string method;   // "POST", "GET", ... as sent (methods are case-sensitive)
  std::string target;   // "/soap/mktows/2_2?WSDL", or the absolute form
  int minor_version = 1;  // HTTP/1.<minor>
  HttpHeaders headers;  // in arrival order, values without surrounding blanks
  std::string body;     // de-chunked; exactly what the framing delimited

  const std::string *header(const char *name) const { return find_header(headers, name); }
  // HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0
  // closes it unless "Connection: keep-alive".
  bool wants_keep_alive() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty: no Content-Type (and no body expected)
  HttpHeaders headers;       // extra headers (Allow, Retry-After, ...)
  std::string body;
  bool close = false;        // the connection ends after this response

  static HttpResponse empty(int status, bool close = false);
};

// The reason phrase of a status code ("Not Found").
const char *http_reason(int status);

// Appends the serialised response: status line, Content-Type,
// Content-Length, Connection (and Keep-Alive when kept), the extra
// headers, the body.
void serialize_response(const HttpResponse &response, bool keep_alive, int keep_alive_timeout, int requests_left,
                        std::string &out);

}  // namespace mktows_front
