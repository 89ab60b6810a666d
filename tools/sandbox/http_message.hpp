// http_message.hpp: one HTTP exchange as plain data, independent of the
// code that reads and writes sockets, so a request handler (the REST face)
// can be driven by any serving model and by tests directly.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mktows_sandbox {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string target;  // path?query, as on the request line
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/Length
  std::string body;
};

}  // namespace mktows_sandbox
