// http_message.cpp: header look-up and response serialisation.
#include "http_message.hpp"

#include "mktows/trace.hpp"  // mktows::detail::ascii_iequal

#include <cstring>

namespace mktows_front {

bool http_iequals(const std::string &a, const char *b) {
  std::size_t n = std::strlen(b);
  return a.size() == n && mktows::detail::ascii_iequal(a.data(), b, n);
}

const std::string *find_header(const HttpHeaders &headers, const char *name) {
  for (const auto &h : headers)
    if (http_iequals(h.first, name)) return &h.second;
  return nullptr;
}

bool HttpRequest::wants_keep_alive() const {
  bool close = false, keep = false;
  for (const auto &h : headers) {
    if (!http_iequals(h.first, "connection")) continue;
    std::size_t start = 0;
    const std::string &v = h.second;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::size_t b = start, e = comma;
      while (b < e && (v[b] == ' ' || v[b] == '\t')) ++b;
      while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t')) --e;
      std::string token = v.substr(b, e - b);
      if (http_iequals(token, "close")) close = true;
      if (http_iequals(token, "keep-alive")) keep = true;
      start = comma + 1;
    }
  }
  if (close) return false;
  return minor_version >= 1 || keep;
}

HttpResponse HttpResponse::empty(int status, bool close) {
  HttpResponse r;
  r.status = status;
  r.close = close;
  return r;
}

const char *http_reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return status < 300 ? "OK" : status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

void serialize_response(const HttpResponse &r, bool keep_alive, int keep_alive_timeout, int requests_left,
                        std::string &out) {
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += http_reason(r.status);
  out += "\r\nServer: mktows-sandbox\r\n";
  if (!r.content_type.empty()) {
    out += "Content-Type: ";
    out += r.content_type;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(r.body.size());
  if (keep_alive) {
    out += "\r\nConnection: keep-alive\r\nKeep-Alive: timeout=";
    out += std::to_string(keep_alive_timeout);
    out += ", max=";
    out += std::to_string(requests_left);
  } else {
    out += "\r\nConnection: close";
  }
  out += "\r\n";
  for (const auto &h : r.headers) {
    out += h.first;
    out += ": ";
    out += h.second;
    out += "\r\n";
  }
  out += "\r\n";
  out += r.body;
}

}  // namespace mktows_front
