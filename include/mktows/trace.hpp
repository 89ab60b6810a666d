// trace.hpp: the raw messages of a call, for debugging, like PHP
// SoapClient's trace option with __getLastRequest/__getLastResponse; but
// with the request signature and HTTP credentials blanked out first.
#ifndef MKTOWS_TRACE_HPP
#define MKTOWS_TRACE_HPP

#include <cstring>
#include <functional>
#include <string>

namespace mktows {

enum class TraceDirection { request, response };

// Called once per attempt with the raw request (HTTP head and body) and
// once with the raw response received (possibly partial when the call
// failed). The text is already redacted.
typedef std::function<void(TraceDirection, const std::string &)> TraceHook;

static const char kRedacted[] = "[redacted]";

namespace detail {

inline bool ascii_iequal(const char *a, const char *b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace detail

// Blanks the text of every requestSignature element and the value of every
// Authorization / Proxy-Authorization header line.
inline std::string redact(std::string message) {
  static const char element[] = "requestSignature";
  const std::size_t element_length = sizeof element - 1;
  std::size_t pos = 0;
  while ((pos = message.find(element, pos)) != std::string::npos) {
    std::size_t after = pos + element_length;
    // An opening tag: "<requestSignature>" or "<x:requestSignature ...>".
    bool opening = pos > 0 && (message[pos - 1] == '<' || message[pos - 1] == ':') && after < message.size() &&
                   (message[after] == '>' || message[after] == ' ');
    if (opening) {
      std::size_t tag_start = message.rfind('<', pos);
      opening = tag_start != std::string::npos && message[tag_start + 1] != '/';
    }
    if (!opening) {
      pos = after;
      continue;
    }
    std::size_t close = message.find('>', after);
    if (close == std::string::npos) break;
    if (message[close - 1] == '/') {  // <requestSignature/>
      pos = close;
      continue;
    }
    std::size_t end = message.find('<', close + 1);
    if (end == std::string::npos) end = message.size();
    message.replace(close + 1, end - close - 1, kRedacted);
    pos = close + 1 + (sizeof kRedacted - 1);
  }

  static const char *const headers[] = {"Authorization:", "Proxy-Authorization:"};
  std::size_t head_end = message.find("\r\n\r\n");
  if (head_end == std::string::npos) return message;
  for (std::size_t line = 0; line < head_end;) {
    std::size_t eol = message.find("\r\n", line);
    if (eol == std::string::npos || eol > head_end) eol = head_end;
    for (std::size_t h = 0; h < 2; ++h) {
      std::size_t n = std::strlen(headers[h]);
      if (eol - line > n && detail::ascii_iequal(message.c_str() + line, headers[h], n)) {
        message.replace(line + n, eol - line - n, std::string(" ") + kRedacted);
        head_end = message.find("\r\n\r\n");
        eol = message.find("\r\n", line);
        break;
      }
    }
    line = eol + 2;
  }
  return message;
}

}  // namespace mktows

#endif  // MKTOWS_TRACE_HPP
