// mktows-bench-stress: the sandbox under hostile traffic (tools/bench/run
// --stress). With D slow-drip clients (one byte every 0.2 s of a syncLead
// request) and S silent connections open, it times N normal syncLead calls
// on a keep-alive connection, then T truncated bodies (Content-Length
// reached half-way through the XML), each of which must get fault 20012;
// meanwhile it samples the sandbox's RSS (smaps_rollup, as rss.hpp does).
// It prints one line of key=value figures for the driver:
//   mktows-bench-stress --url URL --pid PID --user U --key-env VAR --request FILE
//     [--drips 64] [--silent 1000] [--calls 2000] [--truncated 1000]
//     [--threads N --max-body B --max-buffered B --max-connections N]
// The last four are the sandbox's bounds; the RSS bound printed is
// idle RSS + max-buffered + 2 KiB per allowed connection + 3 x max-body per
// worker (a request's body, its parsed form and its answer).
#include "rss.hpp"

#include <mktows/signer.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string url, user, key, request_file;
  int pid = 0, drips = 64, silent = 1000, calls = 2000, truncated = 1000;
  long long threads = 2, max_body = 8LL << 20, max_buffered = 64LL << 20, max_connections = 4096;
};

[[noreturn]] void die(const std::string &why) {
  std::fprintf(stderr, "mktows-bench-stress: %s\n", why.c_str());
  std::exit(1);
}

Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) die("missing value after " + a);
    std::string v = argv[++i];
    if (a == "--url") o.url = v;
    else if (a == "--pid") o.pid = std::atoi(v.c_str());
    else if (a == "--user") o.user = v;
    else if (a == "--key-env") {
      const char *k = std::getenv(v.c_str());
      if (!k) die("the variable " + v + " is not set");
      o.key = k;
    } else if (a == "--request") o.request_file = v;
    else if (a == "--drips") o.drips = std::atoi(v.c_str());
    else if (a == "--silent") o.silent = std::atoi(v.c_str());
    else if (a == "--calls") o.calls = std::atoi(v.c_str());
    else if (a == "--truncated") o.truncated = std::atoi(v.c_str());
    else if (a == "--threads") o.threads = std::atoll(v.c_str());
    else if (a == "--max-body") o.max_body = std::atoll(v.c_str());
    else if (a == "--max-buffered") o.max_buffered = std::atoll(v.c_str());
    else if (a == "--max-connections") o.max_connections = std::atoll(v.c_str());
    else die("unknown option " + a);
  }
  if (o.url.compare(0, 17, "http://127.0.0.1:") != 0) die("--url must be http://127.0.0.1:PORT/...");
  if (o.pid <= 0 || o.user.empty() || o.key.empty() || o.request_file.empty())
    die("--pid, --user, --key-env and --request are required");
  return o;
}

int port_of(const std::string &url) { return std::atoi(url.c_str() + 17); }
std::string path_of(const std::string &url) { return url.substr(url.find('/', 17)); }

int connect_to(int port, bool nodelay) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket failed (descriptor limit?)");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) die("connect failed");
  if (nodelay) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

bool send_all(int fd, const std::string &s) {
  std::size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// One response with a Content-Length (the sandbox always sends one); its
// body, or "" when the connection failed. `pending` keeps bytes read past it;
// `closing` tells that the server ends the connection after it (its
// keep-alive limit).
std::string read_response(int fd, std::string &pending, bool &closing) {
  std::size_t end;
  char buf[16384];
  while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return std::string();
    pending.append(buf, static_cast<std::size_t>(n));
  }
  std::string head = pending.substr(0, end);
  for (char &c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  closing = head.find("connection: close") != std::string::npos;
  std::size_t cl = head.find("content-length:");
  if (cl == std::string::npos) return std::string();
  std::size_t length = std::strtoul(head.c_str() + cl + 15, nullptr, 10);
  while (pending.size() < end + 4 + length) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return std::string();
    pending.append(buf, static_cast<std::size_t>(n));
  }
  std::string body = pending.substr(end + 4, length);
  pending.erase(0, end + 4 + length);
  return body;
}

// The seed request with this user, a fresh timestamp and its signature.
class Requests {
 public:
  Requests(const Options &o) : user_(o.user), signer_(o.key), path_(path_of(o.url)) {
    std::ifstream in(o.request_file, std::ios::binary);
    if (!in) die("cannot read " + o.request_file);
    std::ostringstream text;
    text << in.rdbuf();
    template_ = text.str();
    set(template_, "mktowsUserId", user_);
  }
  std::string body() const {
    char ts[mktows::kTimestampLength + 1];
    mktows::format_w3c_timestamp(std::time(nullptr), ts);
    std::string b = template_;
    set(b, "requestTimestamp", ts);
    set(b, "requestSignature", signer_.sign(ts, user_));
    return b;
  }
  std::string http(const std::string &body) const {
    return "POST " + path_ + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
           "SOAPAction: \"http://www.marketo.com/mktows/syncLead\"\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }

 private:
  static void set(std::string &xml, const std::string &element, const std::string &value) {
    std::size_t a = xml.find("<" + element + ">");
    std::size_t b = xml.find("</" + element + ">");
    if (a == std::string::npos || b == std::string::npos) die("the request has no " + element);
    a += element.size() + 2;
    xml.replace(a, b - a, value);
  }
  std::string user_;
  mutable mktows::Signer signer_;
  std::string path_, template_;
};

long sandbox_rss_kb(int pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/smaps_rollup";
  long kb = bench::proc_kb(path.c_str(), "Rss:");
  if (kb < 0) kb = bench::proc_kb(("/proc/" + std::to_string(pid) + "/status").c_str(), "VmRSS:");
  return kb;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char **argv) {
  Options o = parse(argc, argv);
  // One descriptor per connection of ours, and some to spare.
  rlimit nofile{};
  getrlimit(RLIMIT_NOFILE, &nofile);
  rlim_t want = static_cast<rlim_t>(o.silent + o.drips + 64);
  if (nofile.rlim_cur < want) {
    nofile.rlim_cur = nofile.rlim_max == RLIM_INFINITY || nofile.rlim_max >= want ? want : nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
    getrlimit(RLIMIT_NOFILE, &nofile);
    if (nofile.rlim_cur < want) die("the descriptor limit is too low for " + std::to_string(want) + " connections");
  }
  int port = port_of(o.url);
  Requests requests(o);
  long rss_idle = sandbox_rss_kb(o.pid);
  if (rss_idle < 0) die("cannot read the sandbox's RSS");

  // The hostile crowd: silent connections, and drips that each send one
  // byte of a request every 0.2 s.
  std::vector<int> silent;
  for (int i = 0; i < o.silent; ++i) silent.push_back(connect_to(port, false));
  std::string drip_request = requests.http(requests.body());
  std::vector<int> drips;
  std::vector<std::size_t> drip_at;
  for (int i = 0; i < o.drips; ++i) {
    drips.push_back(connect_to(port, true));
    drip_at.push_back(0);
  }
  std::atomic<bool> stop{false};
  std::atomic<long> rss_peak{rss_idle};
  std::atomic<int> drips_cut{0};
  std::thread crowd([&] {
    while (!stop.load()) {
      for (std::size_t i = 0; i < drips.size(); ++i) {
        if (drips[i] < 0) continue;
        if (::send(drips[i], drip_request.data() + drip_at[i] % drip_request.size(), 1, MSG_DONTWAIT | MSG_NOSIGNAL) != 1) {
          ::close(drips[i]);
          drips[i] = -1;
          ++drips_cut;
          continue;
        }
        ++drip_at[i];
      }
      long r = sandbox_rss_kb(o.pid);
      if (r > rss_peak.load()) rss_peak.store(r);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(1));  // every drip has begun its request

  // Normal calls on one keep-alive connection.
  std::vector<double> call_ms;
  int call_failures = 0;
  {
    int fd = connect_to(port, true);
    std::string pending;
    for (int i = 0; i < o.calls; ++i) {
      std::string req = requests.http(requests.body());
      Clock::time_point t0 = Clock::now();
      bool closing = false;
      std::string body = send_all(fd, req) ? read_response(fd, pending, closing) : std::string();
      call_ms.push_back(ms_since(t0));
      bool failed = body.find("syncStatus") == std::string::npos || body.find("Fault>") != std::string::npos;
      if (failed) ++call_failures;
      if (failed || closing) {
        ::close(fd);
        fd = connect_to(port, true);
        pending.clear();
      }
    }
    ::close(fd);
  }

  // Truncated bodies: the framing ends half-way through the XML.
  std::vector<double> cut_ms;
  int cut_ok = 0;
  {
    int fd = connect_to(port, true);
    std::string pending;
    for (int i = 0; i < o.truncated; ++i) {
      std::string full = requests.body();
      std::string req = requests.http(full.substr(0, full.size() / 2));
      Clock::time_point t0 = Clock::now();
      bool closing = false;
      std::string body = send_all(fd, req) ? read_response(fd, pending, closing) : std::string();
      cut_ms.push_back(ms_since(t0));
      if (body.find("<code>20012</code>") != std::string::npos) ++cut_ok;
      if (body.empty() || closing) {
        ::close(fd);
        fd = connect_to(port, true);
        pending.clear();
      }
    }
    ::close(fd);
  }
  long rss_loaded = sandbox_rss_kb(o.pid);
  if (rss_loaded > rss_peak.load()) rss_peak.store(rss_loaded);

  // Still all there? A silent connection the server closed reads EOF.
  int silent_open = 0;
  for (int fd : silent) {
    char c;
    ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) ++silent_open;
  }
  stop.store(true);
  crowd.join();
  int drips_open = 0;
  for (int fd : drips)
    if (fd >= 0) {
      ++drips_open;
      ::close(fd);
    }
  for (int fd : silent) ::close(fd);

  long long bound_kb = rss_idle + o.max_buffered / 1024 + o.max_connections * 2 + o.threads * 3 * o.max_body / 1024;
  std::printf(
      "calls=%d call_failures=%d call_p50_ms=%.3f call_p99_ms=%.3f call_max_ms=%.3f "
      "truncated=%d truncated_20012=%d truncated_p99_ms=%.3f truncated_max_ms=%.3f "
      "silent=%d silent_open=%d drips=%d drips_open=%d "
      "rss_idle_kb=%ld rss_peak_kb=%ld rss_bound_kb=%lld\n",
      o.calls, call_failures, percentile(call_ms, 0.5), percentile(call_ms, 0.99), percentile(call_ms, 1.0),
      o.truncated, cut_ok, percentile(cut_ms, 0.99), percentile(cut_ms, 1.0), o.silent, silent_open, o.drips,
      drips_open, rss_idle, rss_peak.load(), bound_kb);
  return 0;
}
