// sandbox_client.hpp: raw HTTP and hand-written SOAP for the sandbox tests,
// so the server is checked by something that shares no code with gSOAP.
#pragma once

#include "support/xml_tree.hpp"

#include <mktows/signer.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

namespace sandbox_test {

struct HttpResponse {
  int status = 0;
  std::string head;
  std::string body;
};

// One TCP connection to 127.0.0.1:port; several requests may be sent on it
// (keep-alive).
class Connection {
 public:
  explicit Connection(int port, int timeout_seconds = 30) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect failed");
    }
  }
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;

  // False when the peer has closed the connection.
  bool send_raw(const std::string &bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one response (Content-Length, or to EOF). status 0: the server
  // closed the connection (or the read timed out) before a full response.
  HttpResponse read_response() {
    HttpResponse r;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return r;
    r.head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    if (r.head.compare(0, 9, "HTTP/1.1 ") != 0 && r.head.compare(0, 9, "HTTP/1.0 ") != 0) return r;
    int status = std::atoi(r.head.c_str() + 9);
    std::size_t cl = find_header(r.head, "content-length");
    if (status < 200) {
      // An interim response (100 Continue) has no body.
    } else if (cl != std::string::npos) {
      std::size_t length = std::strtoul(r.head.c_str() + cl, nullptr, 10);
      while (buffer_.size() < length)
        if (!fill()) return r;
      r.body = buffer_.substr(0, length);
      buffer_.erase(0, length);
    } else {
      while (fill()) {
      }
      r.body.swap(buffer_);
    }
    r.status = status;
    return r;
  }

  // True when the server closed the connection (EOF) within the timeout.
  bool closed_by_peer() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

  // Ends the sending side (the server reads EOF); reading stays possible.
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

  HttpResponse post(const std::string &path, const std::string &body, const std::string &soap_action,
                    bool keep_alive = true) {
    std::string req = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n";
    if (!soap_action.empty()) req += "SOAPAction: \"" + soap_action + "\"\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (!keep_alive) req += "Connection: close\r\n";
    req += "\r\n" + body;
    if (!send_raw(req)) return HttpResponse();
    return read_response();
  }

  HttpResponse get(const std::string &path) {
    if (!send_raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) return HttpResponse();
    return read_response();
  }

 private:
  static std::size_t find_header(const std::string &head, const std::string &lower_name) {
    std::string h = head;
    for (char &c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t at = h.find("\r\n" + lower_name + ":");
    return at == std::string::npos ? at : at + lower_name.size() + 3;
  }
  bool fill() {
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

inline std::string path_of(const std::string &endpoint) {
  std::size_t at = endpoint.find('/', endpoint.find("//") + 2);
  return endpoint.substr(at);
}

inline std::string action(const std::string &op) { return "http://www.marketo.com/mktows/" + op; }

inline std::string xml_escape(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out.push_back(c);
  }
  return out;
}

// An AuthenticationHeader element signed like the seed's PHP sample.
inline std::string auth_header(const std::string &user, const std::string &key, std::time_t when = std::time(nullptr)) {
  char ts[mktows::kTimestampLength + 1];
  mktows::format_w3c_timestamp(when, ts);
  std::string sig = mktows::Signer(key).sign(ts, user);
  return "<ns1:AuthenticationHeader><mktowsUserId>" + xml_escape(user) + "</mktowsUserId><requestSignature>" + sig +
         "</requestSignature><requestTimestamp>" + ts + "</requestTimestamp></ns1:AuthenticationHeader>";
}

inline std::string context_header(const std::string &workspace) {
  return "<ns1:MktowsContextHeader><targetWorkspace>" + xml_escape(workspace) +
         "</targetWorkspace></ns1:MktowsContextHeader>";
}

inline std::string envelope(const std::string &header_children, const std::string &body_children) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Header>" +
         header_children + "</SOAP-ENV:Header><SOAP-ENV:Body>" + body_children + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

// The first descendant named `name` (document order), or nullptr.
inline const mktows_test::XmlNode *find(const mktows_test::XmlNode &n, const std::string &name) {
  if (n.name == name) return &n;
  for (const auto &c : n.children)
    if (const mktows_test::XmlNode *f = find(c, name)) return f;
  return nullptr;
}

inline void find_all(const mktows_test::XmlNode &n, const std::string &name,
                     std::vector<const mktows_test::XmlNode *> &out) {
  if (n.name == name) out.push_back(&n);
  for (const auto &c : n.children) find_all(c, name, out);
}

// The serviceException code of a fault response, or 0 for a non-fault.
inline int fault_code(const std::string &body) {
  mktows_test::XmlNode b = mktows_test::envelope_part(body, "Body");
  const mktows_test::XmlNode *code = find(b, "code");
  if (!find(b, "Fault")) return 0;
  return code ? std::atoi(code->text.c_str()) : -1;
}

}  // namespace sandbox_test
