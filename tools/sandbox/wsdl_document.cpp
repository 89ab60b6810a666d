// wsdl_document.cpp: rewriting soap:address in a served WSDL.
#include "wsdl_document.hpp"

namespace mktows_sandbox {

std::string rewrite_wsdl_address(const std::string &wsdl, const std::string &location) {
  std::string out;
  out.reserve(wsdl.size() + 64);
  std::size_t pos = 0;
  while (true) {
    std::size_t lt = wsdl.find('<', pos);
    if (lt == std::string::npos) break;
    std::size_t name_end = wsdl.find_first_of(" \t\r\n/>", lt + 1);
    std::size_t gt = wsdl.find('>', lt);
    if (name_end == std::string::npos || gt == std::string::npos) break;
    std::string name = wsdl.substr(lt + 1, name_end - lt - 1);
    std::size_t colon = name.rfind(':');
    std::string local = colon == std::string::npos ? name : name.substr(colon + 1);
    if (local == "address") {
      std::size_t attr = wsdl.find("location=", name_end);
      if (attr != std::string::npos && attr < gt && attr + 9 < wsdl.size()) {
        char quote = wsdl[attr + 9];
        std::size_t close = wsdl.find(quote, attr + 10);
        if ((quote == '"' || quote == '\'') && close != std::string::npos && close < gt) {
          out.append(wsdl, pos, attr + 10 - pos);
          out.append(location);
          pos = close;
          continue;
        }
      }
    }
    out.append(wsdl, pos, gt + 1 - pos);
    pos = gt + 1;
  }
  out.append(wsdl, pos, std::string::npos);
  return out;
}

}  // namespace mktows_sandbox
