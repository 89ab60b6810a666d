// retired.hpp: the vendor's hosted mktows service, which the vendor removed
// on 2026-07-31. Legacy configurations and WSDL files (whose soap:address is
// such a host) still name its addresses; a call there can only fail at the
// transport or HTTP level, and a bare "connect failed" or "HTTP 404" does not
// tell the user why. The client and the command line add this note to such
// failures (one home: both take it from here).
#ifndef MKTOWS_RETIRED_HPP
#define MKTOWS_RETIRED_HPP

#include <cstddef>
#include <string>

namespace mktows {

static const char kHostedServiceRetiredOn[] = "2026-07-31";

namespace detail {

inline bool ends_with_ascii_ci(const std::string &s, const char *suffix) {
  std::size_t n = 0;
  while (suffix[n]) ++n;
  if (s.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    char a = s[s.size() - n + i], b = suffix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace detail

// Whether `endpoint` is one of the retired hosted service's addresses:
// http(s)://<host>.marketo.com/soap/mktows/... or
// http(s)://<host>.mktoapi.com/soap/mktows/..., any port, any user info.
inline bool is_retired_hosted_endpoint(const std::string &endpoint) {
  std::size_t scheme = endpoint.find("://");
  if (scheme == std::string::npos) return false;
  std::size_t start = scheme + 3;
  std::size_t path = endpoint.find('/', start);
  std::string authority = endpoint.substr(start, path == std::string::npos ? std::string::npos : path - start);
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  std::size_t colon = authority.find(':');
  std::string host = authority.substr(0, colon);
  if (!host.empty() && host[host.size() - 1] == '.') host.erase(host.size() - 1);  // the root's dot
  bool vendor = (host.size() > 12 && detail::ends_with_ascii_ci(host, ".marketo.com")) ||
                (host.size() > 12 && detail::ends_with_ascii_ci(host, ".mktoapi.com"));
  return vendor && path != std::string::npos && endpoint.compare(path, 13, "/soap/mktows/") == 0;
}

// What a failed call to such an address is told.
inline std::string retired_hosted_service_note() {
  return std::string("this is an address of the vendor's hosted SOAP API, which was retired on ") +
         kHostedServiceRetiredOn +
         ": point the endpoint at `mktows bridge`, which serves these calls from the Marketo REST API "
         "(docs/BRIDGE.md)";
}

}  // namespace mktows

#endif  // MKTOWS_RETIRED_HPP
