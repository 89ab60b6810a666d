// raw_http_server.hpp: a tiny HTTP/1.1 server on 127.0.0.1 for error-path
// tests. It records every request byte for byte, and every byte each
// connection carried (so a test sees what a client sent beyond the length
// it declared), and answers with whatever a
// test's handler returns: a canned response, an immediate close,
// silence (to drive a client into its timeout), or a response dripped a
// few bytes at a time (to drive it into its call timeout). Not a SOAP server: the
// handler writes the bytes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mktows_test {

struct RawRequest {
  std::string head;  // request line and headers, without the blank line
  std::string body;  // de-chunked if it was chunked
  std::string raw;   // this request's bytes, as its head and length frame it
  std::size_t connection = 0;  // which connection it came on, in accept order

  // The value of a header (case-insensitive name), or "" if absent.
  std::string header(const std::string &name) const {
    std::size_t pos = 0;
    while ((pos = head.find("\r\n", pos)) != std::string::npos) {
      pos += 2;
      if (head.size() - pos > name.size() && strncasecmp(head.c_str() + pos, name.c_str(), name.size()) == 0 &&
          head[pos + name.size()] == ':') {
        std::size_t b = head.find_first_not_of(' ', pos + name.size() + 1);
        std::size_t e = head.find("\r\n", pos);
        return head.substr(b, (e == std::string::npos ? head.size() : e) - b);
      }
    }
    return std::string();
  }
};

struct RawReply {
  enum Action { kRespond, kClose, kHang };
  Action action = kRespond;
  std::string bytes;
  bool close_after = false;  // close the connection after responding
  // kRespond: when non-zero, `drip_bytes` bytes are sent every `drip_every`.
  std::chrono::milliseconds drip_every{0};
  std::size_t drip_bytes = 1;

  static RawReply respond(const std::string &bytes) {
    RawReply r;
    r.bytes = bytes;
    return r;
  }
  static RawReply close() {
    RawReply r;
    r.action = kClose;
    return r;
  }
  static RawReply hang() {
    RawReply r;
    r.action = kHang;
    return r;
  }
  static RawReply drip(const std::string &bytes, std::chrono::milliseconds every, std::size_t chunk = 1) {
    RawReply r;
    r.bytes = bytes;
    r.drip_every = every;
    r.drip_bytes = chunk;
    return r;
  }
};

inline std::string http_response(int status, const std::string &reason, const std::string &content_type,
                                 const std::string &body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline std::string soap_response(const std::string &envelope, int status = 200) {
  return http_response(status, status == 200 ? "OK" : "Internal Server Error", "text/xml; charset=utf-8",
                       envelope);
}

// A mktows fault as the service writes it: code in the faultstring and in
// the detail.
inline std::string mktows_fault_envelope(int code, const std::string &message) {
  std::string c = std::to_string(code);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
         "<faultcode>SOAP-ENV:Client</faultcode><faultstring>" +
         c + " - " + message +
         "</faultstring><detail><ns1:serviceException><name>mktServiceException</name><message>" + message +
         " (" + c + ")</message><code>" + c +
         "</code></ns1:serviceException></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

class RawHttpServer {
 public:
  typedef std::function<RawReply(const RawRequest &, std::size_t index)> Handler;

  explicit RawHttpServer(Handler handler) : handler_(std::move(handler)), stop_(false) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) throw std::runtime_error("raw_http_server: socket failed");
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr;
    std::memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
      ::close(listener_);
      throw std::runtime_error("raw_http_server: bind/listen failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~RawHttpServer() { stop(); }
  RawHttpServer(const RawHttpServer &) = delete;
  RawHttpServer &operator=(const RawHttpServer &) = delete;

  void stop() {
    if (stop_.exchange(true)) return;
    if (thread_.joinable()) thread_.join();
    for (std::thread &t : workers_) t.join();  // each sees stop_ within one poll
    ::close(listener_);
  }

  int port() const { return port_; }
  std::string endpoint(const std::string &path = "/soap/mktows/2_2") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<RawRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t connections() const { return connections_.load(); }

  // What connection `index` carried after its last complete request: the
  // part of a request the client never finished, or bytes beyond the length
  // it declared that no request followed. Complete only once the client
  // has closed the connection or the server has stopped (stop() collects
  // what was still in flight).
  std::string unparsed(std::size_t index) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index >= streams_.size()) throw std::out_of_range("raw_http_server: no such connection");
    return streams_[index].received.substr(streams_[index].parsed);
  }

 private:
  // Waits until `fd` is readable; false when the server is stopping.
  bool wait_readable(int fd) {
    pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    while (!stop_.load()) {
      int r = ::poll(&p, 1, 20);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
    return false;
  }

  // Sleeps `d` in short steps; false when the server is stopping.
  bool pause(std::chrono::milliseconds d) {
    std::chrono::steady_clock::time_point end = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < end) {
      if (stop_.load()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  // Reads more bytes of connection `conn` into `buf`; false on EOF, error or stop.
  bool read_more(int fd, std::size_t conn, std::string &buf) {
    if (!wait_readable(fd)) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    std::lock_guard<std::mutex> lock(mutex_);
    streams_[conn].received.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // What is still in the socket once serving ends (the stop flag ends
  // reading before the kernel's buffer is empty).
  void drain(int fd, std::size_t conn) {
    char chunk[4096];
    ssize_t n;
    while ((n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT)) > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      streams_[conn].received.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Parses one request from the front of `buf`, reading as needed.
  bool read_request(int fd, std::size_t conn, std::string &buf, RawRequest &req) {
    std::size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos)
      if (!read_more(fd, conn, buf)) return false;
    req.head = buf.substr(0, end);
    std::size_t pos = end + 4;
    std::string te = req.header("Transfer-Encoding");
    if (strncasecmp(te.c_str(), "chunked", 7) == 0) {
      for (;;) {
        std::size_t eol;
        while ((eol = buf.find("\r\n", pos)) == std::string::npos)
          if (!read_more(fd, conn, buf)) return false;
        std::size_t size = std::strtoul(buf.c_str() + pos, nullptr, 16);
        pos = eol + 2;
        while (buf.size() < pos + size + 2)
          if (!read_more(fd, conn, buf)) return false;
        req.body.append(buf, pos, size);
        pos += size + 2;
        if (size == 0) break;
      }
    } else {
      std::size_t length = std::strtoul(req.header("Content-Length").c_str(), nullptr, 10);
      while (buf.size() < pos + length)
        if (!read_more(fd, conn, buf)) return false;
      req.body = buf.substr(pos, length);
      pos += length;
    }
    req.raw = buf.substr(0, pos);
    req.connection = conn;
    buf.erase(0, pos);
    std::lock_guard<std::mutex> lock(mutex_);
    streams_[conn].parsed += pos;
    return true;
  }

  void serve(int fd, std::size_t conn) {
    std::string buf;
    for (;;) {
      RawRequest req;
      if (!read_request(fd, conn, buf, req)) return;
      std::size_t index;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        index = requests_.size();
        requests_.push_back(req);
      }
      RawReply reply = handler_(req, index);
      if (reply.action == RawReply::kClose) return;
      if (reply.action == RawReply::kHang) {
        std::string ignored;
        while (read_more(fd, conn, ignored)) {
        }  // until the client gives up or the server stops
        return;
      }
      std::size_t sent = 0;
      while (sent < reply.bytes.size()) {
        std::size_t want = reply.bytes.size() - sent;
        if (reply.drip_every.count() > 0) {
          if (sent > 0 && !pause(reply.drip_every)) return;
          if (want > reply.drip_bytes) want = reply.drip_bytes;
        }
        ssize_t n = ::send(fd, reply.bytes.data() + sent, want, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
      }
      if (reply.close_after) return;
    }
  }

  void run() {
    while (wait_readable(listener_)) {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      std::size_t conn;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        conn = streams_.size();
        streams_.emplace_back();
      }
      ++connections_;
      // One thread per connection: a keep-alive client must not block others.
      workers_.emplace_back([this, fd, conn] {
        serve(fd, conn);
        drain(fd, conn);
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
      });
    }
  }

  Handler handler_;
  std::atomic<bool> stop_;
  std::atomic<std::size_t> connections_{0};
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::vector<std::thread> workers_;  // touched by the accept thread, then by stop()
  mutable std::mutex mutex_;
  std::vector<RawRequest> requests_;
  struct Stream {
    std::string received;    // every byte the connection carried
    std::size_t parsed = 0;  // how many of them complete requests framed
  };
  std::vector<Stream> streams_;
};

}  // namespace mktows_test
