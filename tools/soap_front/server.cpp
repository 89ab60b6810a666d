// server.cpp: one readiness loop (epoll) that holds every connection; the
// workers wait on it themselves and, handed a connection with input, do
// only non-blocking I/O on it: read what has arrived into its collector,
// serve each request that is complete (from memory), write what the socket
// takes, and give the connection back. No worker ever waits for a client.
#include "server.hpp"

#include "http_collector.hpp"
#include "request_router.hpp"

#include "mktows/wire.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

namespace mktows_front {

int default_worker_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n < 2 ? 2 : static_cast<int>(n);
}

namespace {

using Clock = std::chrono::steady_clock;

Clock::rep ticks(Clock::time_point t) { return t.time_since_epoch().count(); }
Clock::duration seconds(int s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(s)); }

// A connection between events. Exactly one party owns it at a time: the
// worker an event went to (EPOLLONESHOT), or the epoll set while it is
// parked. The sweep only reads `parked` and `deadline` and may shut the
// socket down; the owner then sees the end and closes it.
struct Connection {
  Connection(int socket, const ServingLimits &limits, const HttpRoutes *routes)
      : fd(socket), in(limits, routes) {}
  int fd;
  SSL *ssl = nullptr;
  bool handshaken = false;
  RequestCollector in;
  std::string out;  // response bytes not yet written
  std::size_t out_sent = 0;
  Clock::time_point out_progress;  // the response was queued, or bytes of it written
  int requests_left = 0;  // keep-alive countdown
  bool close_after_out = false;  // the last response is being written
  bool draining = false;  // written and shut for writing: reading to EOF before closing
  bool timing = false;  // a request (or the TLS handshake) has begun: the transfer timeout runs
  Clock::time_point started;
  Clock::time_point drain_until;
  std::size_t drained = 0;
  // The request whose head has been read counts as a call in progress
  // (the concurrency limit) until its response is ready.
  std::unique_ptr<Limiter::InFlight> in_flight;
  std::size_t accounted = 0;  // bytes of this connection in the loop's buffered total
  // For the sweep: set by the owner before it parks the connection.
  std::atomic<bool> parked{false};
  std::atomic<Clock::rep> deadline{0};
  bool expired = false;  // the sweep's own
  // Set by the owner before it parks the connection: no request begun,
  // nothing to write (a drain closes it).
  std::atomic<bool> idle{false};
  bool drain_refusal = false;  // accepted while draining: answered 503 and closed
};

const int kTickMs = 100;  // how late a stop or an expiry may be noticed
const int kAcceptBatch = 64;
const std::size_t kReadChunk = 64u << 10;
// After the last response of a connection, how long its client may take
// to close its end. Closing with unread input would reset the connection
// and could destroy the response before the client has read it.
const int kLingerSeconds = 2;
const std::size_t kMaxDrainBytes = 1u << 20;

const long kWouldBlock = -2, kFailed = -1;

// Bytes have arrived that no worker has read yet: a request on its way to
// a worker (the connection was parked idle before they came), not an idle
// connection a drain may close. Peeking takes nothing from the owner.
bool has_input(int fd) {
  char b;
  return ::recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

// Refusals caused by load are logged, but at most once a second per kind
// with a count: a flood must not turn into a flood of log lines. Nothing
// from the request is printed.
class RateLimitedLog {
 public:
  explicit RateLimitedLog(const char *program) : program_(program) {}
  void report(const char *what) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++pending_;
    auto now = Clock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    log_line(program_, std::string(what) + " (" + std::to_string(pending_) + " time" + (pending_ == 1 ? ")" : "s)"));
    last_ = now;
    pending_ = 0;
  }

 private:
  const char *program_;
  std::mutex mutex_;
  Clock::time_point last_{};
  long pending_ = 0;
};

}  // namespace

class Server::Loop {
 public:
  Loop(Server &server, int threads)
      : server_(server),
        limits_(server.options_.limits),
        threads_(threads),
        log_connections_(server.context_.program),
        log_buffered_(server.context_.program),
        log_descriptors_(server.context_.program) {}

  void run(const std::atomic<bool> &stop);

 private:
  bool arm(int op, int fd, uint32_t events, void *data);
  void accept_some();
  void work();
  void handle(Connection *c, RequestRouter &router, std::vector<char> &buffer);
  long read_some(Connection *c, char *buf, std::size_t n, bool &want_write);
  // True when all of c->out is written; false when the socket is full
  // (want_read: TLS needs input first) or `failed`.
  bool flush(Connection *c, bool &want_read, bool &failed);
  void respond(Connection *c, const HttpResponse &r, bool keep);
  void refuse(Connection *c, int status, const char *why);
  void account(Connection *c);
  void park(Connection *c, uint32_t events);
  void close_connection(Connection *c);
  void expire(Clock::time_point now);

  Server &server_;
  const ServingLimits &limits_;
  int threads_;
  int epoll_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> draining_{false};
  std::atomic<int> drain_refusals_{0};  // open connections that are drain refusals
  std::atomic<long long> buffered_{0};
  std::atomic<int> open_{0};
  // Guards connections_ and the listener's state.
  std::mutex mutex_;
  std::unordered_set<Connection *> connections_;
  bool listening_ = true;
  Clock::time_point retry_accept_;
  RateLimitedLog log_connections_, log_buffered_, log_descriptors_;
};

bool Server::Loop::arm(int op, int fd, uint32_t events, void *data) {
  epoll_event e{};
  e.events = events | EPOLLONESHOT;
  e.data.ptr = data;  // nullptr: the listening socket
  return epoll_ctl(epoll_, op, fd, &e) == 0;
}

void Server::Loop::run(const std::atomic<bool> &stop) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) throw ServerError("cannot create the epoll set");
  if (!arm(EPOLL_CTL_ADD, server_.listen_fd_, EPOLLIN, nullptr)) {
    ::close(epoll_);
    throw ServerError("cannot watch the listening socket");
  }
  std::vector<std::thread> workers;
  for (int i = 0; i < threads_; ++i) workers.emplace_back(&Loop::work, this);

  while (!stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kTickMs));
    expire(Clock::now());
  }
  int drain = server_.options_.drain_seconds;
  if (drain > 0) {
    // The drain: what has begun is finished and answered (with
    // "Connection: close"), idle connections are closed by the sweep, new
    // ones are answered 503; it ends when only those 503s are left, or at
    // the bound. A connection the kernel completed before the stop, still
    // in the listen backlog, is a call begun (its request may be on the
    // wire already): taken first, as an ordinary connection.
    accept_some();
    draining_.store(true);
    Clock::time_point until = Clock::now() + seconds(drain);
    int left = 0;
    while ((left = open_.load() - drain_refusals_.load()) > 0 && Clock::now() < until) {
      expire(Clock::now());
      std::this_thread::sleep_for(std::chrono::milliseconds(kTickMs / 10));
    }
    if (left > 0)
      log_line(server_.context_.program, "drain: " + std::to_string(left) + " connection" + (left == 1 ? "" : "s") +
                                             " still open after --drain-timeout: closed");
  }
  // Requests being served are served (from memory: it takes no client);
  // then every connection is closed.
  stopping_.store(true);
  for (std::thread &t : workers) t.join();
  for (Connection *c : connections_) {
    if (c->ssl) SSL_free(c->ssl);
    ::close(c->fd);
    delete c;
  }
  connections_.clear();
  ::close(epoll_);
}

// Called by the one worker the listener's event went to; the listener
// stays disarmed until it is re-armed here.
void Server::Loop::accept_some() {
  bool pause = false;
  for (int i = 0; i < kAcceptBatch; ++i) {
    int fd = ::accept4(server_.listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        log_descriptors_.report("out of descriptors or memory: accepting paused");
        pause = true;
      }
      break;
    }
    if (open_.load() >= limits_.max_connections && !draining_.load()) {
      // A plain-HTTP client gets told why; a TLS one only sees the close.
      if (!server_.tls_) {
        static const char k503[] =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
        (void)!::send(fd, k503, sizeof k503 - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
      }
      ::close(fd);
      log_connections_.report("connection limit reached (--max-connections): new connection refused with 503");
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    Connection *c = new Connection(fd, limits_, server_.context_.routes);
    c->requests_left = limits_.max_keep_alive + 1;  // as gSOAP counted: the limit, then one that closes
    if (server_.tls_) {
      c->ssl = SSL_new(server_.tls_);
      if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1) {
        if (c->ssl) SSL_free(c->ssl);
        ::close(fd);
        delete c;
        continue;
      }
      SSL_set_accept_state(c->ssl);
    }
    ++open_;
    uint32_t events = EPOLLIN | EPOLLRDHUP;
    if (draining_.load()) {
      // A draining server takes no new call: it says so (the load balancer
      // retries elsewhere), through the usual write and lingering close, so
      // the answer is not lost to a reset.
      c->drain_refusal = true;
      ++drain_refusals_;
      c->out = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
      c->out_progress = Clock::now();
      c->close_after_out = true;
      events = EPOLLOUT;
    }
    c->deadline.store(ticks(Clock::now() + seconds(limits_.idle_timeout)), std::memory_order_relaxed);
    c->parked.store(true, std::memory_order_release);
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.insert(c);
    if (!arm(EPOLL_CTL_ADD, fd, events, c)) {
      connections_.erase(c);
      --open_;
      if (c->drain_refusal) --drain_refusals_;
      if (c->ssl) SSL_free(c->ssl);
      ::close(fd);
      delete c;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (pause) {
    // Out of descriptors: pause rather than spin on a listening socket that stays readable.
    listening_ = false;
    retry_accept_ = Clock::now() + std::chrono::milliseconds(kTickMs);
  } else {
    arm(EPOLL_CTL_MOD, server_.listen_fd_, EPOLLIN, nullptr);
  }
}

void Server::Loop::work() {
  struct soap *soap = soap_new();
  if (!soap) {
    log_line(server_.context_.program, "cannot create a gSOAP context: worker not started");
    return;
  }
  {
    SoapHandler handler(soap, server_.context_, server_.auth_);
    RequestRouter router(handler, server_.context_);
    std::vector<char> buffer(kReadChunk);
    while (!stopping_.load()) {
      epoll_event e;
      int n = epoll_wait(epoll_, &e, 1, kTickMs);
      if (n <= 0) {
        handler.release();  // idle: give back what batched calls kept
        continue;
      }
      if (!e.data.ptr) {
        accept_some();
        continue;
      }
      Connection *c = static_cast<Connection *>(e.data.ptr);
      c->parked.store(false, std::memory_order_relaxed);
      handle(c, router, buffer);
    }
    handler.release();
  }
  soap_free(soap);
}

long Server::Loop::read_some(Connection *c, char *buf, std::size_t n, bool &want_write) {
  want_write = false;
  if (c->ssl) {
    ERR_clear_error();
    int r = SSL_read(c->ssl, buf, static_cast<int>(n));
    if (r > 0) return r;
    int e = SSL_get_error(c->ssl, r);
    if (e == SSL_ERROR_WANT_READ) return kWouldBlock;
    if (e == SSL_ERROR_WANT_WRITE) {
      want_write = true;
      return kWouldBlock;
    }
    return e == SSL_ERROR_ZERO_RETURN ? 0 : kFailed;
  }
  while (true) {
    ssize_t r = ::recv(c->fd, buf, n, 0);
    if (r >= 0) return r;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kFailed;
  }
}

bool Server::Loop::flush(Connection *c, bool &want_read, bool &failed) {
  want_read = failed = false;
  std::size_t before = c->out_sent;
  struct Progress {
    Connection *c;
    std::size_t before;
    ~Progress() {
      if (c->out_sent != before) c->out_progress = Clock::now();
    }
  } progress{c, before};
  while (c->out_sent < c->out.size()) {
    const char *p = c->out.data() + c->out_sent;
    std::size_t n = c->out.size() - c->out_sent;
    if (c->ssl) {
      ERR_clear_error();
      int r = SSL_write(c->ssl, p, static_cast<int>(n > (1u << 30) ? (1u << 30) : n));
      if (r > 0) {
        c->out_sent += static_cast<std::size_t>(r);
        continue;
      }
      int e = SSL_get_error(c->ssl, r);
      if (e == SSL_ERROR_WANT_WRITE) return false;
      if (e == SSL_ERROR_WANT_READ) {
        want_read = true;
        return false;
      }
      failed = true;
      return false;
    }
    ssize_t r = ::send(c->fd, p, n, MSG_NOSIGNAL);
    if (r > 0) {
      c->out_sent += static_cast<std::size_t>(r);
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
    failed = true;
    return false;
  }
  c->out.clear();
  c->out_sent = 0;
  if (c->out.capacity() > (256u << 10)) std::string().swap(c->out);  // a big answer's buffer is not kept
  return true;
}

void Server::Loop::respond(Connection *c, const HttpResponse &r, bool keep) {
  if (c->out_sent == c->out.size()) c->out_progress = Clock::now();
  serialize_response(r, keep, limits_.idle_timeout, c->requests_left, c->out);
  if (!keep) {
    // Nothing more of this connection will be served: what it sent past
    // this request no longer counts against the buffered bound (before the
    // client can see the response and try again).
    c->close_after_out = true;
    c->in.discard();
  }
}

void Server::Loop::refuse(Connection *c, int status, const char *why) {
  if (server_.options_.verbose)
    log_line(server_.context_.program, "HTTP " + std::to_string(status) + " (" + why + ")");
  respond(c, HttpResponse::empty(status, true), false);
}

// Keeps the loop's total of buffered bytes up to date with this connection's.
void Server::Loop::account(Connection *c) {
  std::size_t now = c->in.held() + (c->out.size() - c->out_sent);
  buffered_.fetch_add(static_cast<long long>(now) - static_cast<long long>(c->accounted));
  c->accounted = now;
}

// Serves a connection until it would block; then parks or closes it.
void Server::Loop::handle(Connection *c, RequestRouter &router, std::vector<char> &buffer) {
  if (stopping_.load()) return close_connection(c);
  // Set when a plain read returned less than it asked for: the socket is
  // empty, and the readiness check that arming the connection does will
  // report what arrives later. Saves a read that would only say EAGAIN.
  bool drained = false;
  if (c->ssl && !c->handshaken) {
    if (!c->timing) {
      c->timing = true;  // the handshake counts as part of the first request
      c->started = Clock::now();
    }
    ERR_clear_error();
    int r = SSL_do_handshake(c->ssl);
    if (r != 1) {
      int e = SSL_get_error(c->ssl, r);
      if (e == SSL_ERROR_WANT_READ) return park(c, EPOLLIN);
      if (e == SSL_ERROR_WANT_WRITE) return park(c, EPOLLOUT);
      return close_connection(c);
    }
    c->handshaken = true;
    c->timing = false;
  }
  if (c->draining) {
    // The last response is out and our side is shut: wait for the client
    // to close its side, discarding what it still sends.
    while (true) {
      bool want_write = false;
      long n = read_some(c, buffer.data(), buffer.size(), want_write);
      if (n == kWouldBlock) return park(c, want_write ? EPOLLOUT : EPOLLIN);
      if (n <= 0) return close_connection(c);
      c->drained += static_cast<std::size_t>(n);
      if (c->drained > kMaxDrainBytes) return close_connection(c);
    }
  }
  while (true) {
    if (c->out_sent < c->out.size()) {
      bool want_read = false, failed = false;
      bool done = flush(c, want_read, failed);
      account(c);
      if (failed) return close_connection(c);
      if (!done) return park(c, want_read ? EPOLLIN : EPOLLOUT);
    }
    if (c->close_after_out) {
      // Lingering close: shut our side so the client sees the end of the
      // response, then read until it closes (bounded in time and bytes).
      if (c->ssl) SSL_shutdown(c->ssl);
      ::shutdown(c->fd, SHUT_WR);
      c->draining = true;
      c->drain_until = Clock::now() + seconds(kLingerSeconds);
      return park(c, EPOLLIN);
    }
    RequestCollector::Progress p = c->in.advance();
    if (p == RequestCollector::Progress::kComplete) {
      HttpRequest request = c->in.take();
      bool next_started = c->in.started();  // a pipelined request begins where this one ended
      c->timing = next_started;
      if (next_started) c->started = Clock::now();
      --c->requests_left;
      if (!c->in_flight) c->in_flight.reset(new Limiter::InFlight(*server_.context_.limiter));
      HttpResponse response = router.route(request, c->in_flight.get());
      c->in_flight.reset();
      bool keep = !response.close && c->requests_left > 0 && request.wants_keep_alive() && !stopping_.load() &&
                  !draining_.load();
      respond(c, response, keep);
      account(c);
      continue;
    }
    if (p == RequestCollector::Progress::kRefused) {
      refuse(c, c->in.refusal(), c->in.refusal_reason());
      account(c);
      continue;
    }
    if (c->in.head_complete() && !c->in_flight) c->in_flight.reset(new Limiter::InFlight(*server_.context_.limiter));
    if (c->in.wants_continue()) {
      c->out += "HTTP/1.1 100 Continue\r\n\r\n";
      c->in.continue_sent();
      continue;
    }
    if (drained) return park(c, EPOLLIN);
    bool want_write = false;
    long n = read_some(c, buffer.data(), buffer.size(), want_write);
    if (n == kWouldBlock) return park(c, want_write ? EPOLLOUT : EPOLLIN);
    if (n <= 0) return close_connection(c);  // the client closed (or failed): nothing to answer
    drained = !c->ssl && static_cast<std::size_t>(n) < buffer.size();
    if (buffered_.load() + n > static_cast<long long>(limits_.max_buffered_bytes)) {
      log_buffered_.report("buffered bytes limit reached (--max-buffered): connection refused with 503");
      respond(c, HttpResponse::empty(503, true), false);
      account(c);
      continue;
    }
    bool was_started = c->timing || c->in.started();
    c->in.append(buffer.data(), static_cast<std::size_t>(n));
    if (!was_started && c->in.started()) {
      c->timing = true;
      c->started = Clock::now();
    }
    account(c);
  }
}

// Back to the epoll set until the socket is ready again or the deadline
// passes (the sweep then shuts it down and its owner sees the end).
void Server::Loop::park(Connection *c, uint32_t events) {
  Clock::time_point now = Clock::now();
  Clock::time_point deadline;
  if (c->draining) {
    deadline = c->drain_until;
  } else if (c->out_sent < c->out.size()) {
    // A client that reads nothing for --timeout loses the connection; one
    // that reads now and then keeps it (it holds no worker meanwhile).
    deadline = c->out_progress + seconds(limits_.send_timeout);
  } else {
    deadline = now + seconds(limits_.idle_timeout);
    if (c->timing && c->started + seconds(limits_.transfer_timeout) < deadline)
      deadline = c->started + seconds(limits_.transfer_timeout);
  }
  c->deadline.store(ticks(deadline), std::memory_order_relaxed);
  c->idle.store(!c->draining && !c->close_after_out && c->out_sent >= c->out.size() && !c->timing &&
                    !c->in.started() && !c->in_flight,
                std::memory_order_relaxed);
  c->parked.store(true, std::memory_order_release);
  // A half-closed client would report EPOLLRDHUP at once, again and again,
  // while a response waits for room: only input waits watch for it.
  if (events & EPOLLIN) events |= EPOLLRDHUP;
  if (!arm(EPOLL_CTL_MOD, c->fd, events, c)) {
    c->parked.store(false, std::memory_order_relaxed);
    close_connection(c);
  }
}

void Server::Loop::close_connection(Connection *c) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.erase(c);
  }
  buffered_.fetch_sub(static_cast<long long>(c->accounted));
  if (c->drain_refusal) --drain_refusals_;
  --open_;
  if (c->ssl) SSL_free(c->ssl);
  ::close(c->fd);  // also leaves the epoll set
  delete c;
}

// The deadlines: a parked connection past its deadline is shut down; its
// end then reaches a worker through epoll and the worker closes it. Only
// the worker an event went to may free a connection, so this never races
// with one that has just been handed it.
void Server::Loop::expire(Clock::time_point now) {
  Clock::rep at = ticks(now);
  bool draining = draining_.load();
  std::lock_guard<std::mutex> lock(mutex_);
  for (Connection *c : connections_) {
    // Draining: an idle keep-alive connection is closed now rather than at
    // its idle timeout.
    if (!c->expired && c->parked.load(std::memory_order_acquire) &&
        (at >= c->deadline.load(std::memory_order_relaxed) ||
         (draining && c->idle.load(std::memory_order_relaxed) && !has_input(c->fd)))) {
      c->expired = true;
      ::shutdown(c->fd, SHUT_RDWR);
    }
  }
  if (!listening_ && now >= retry_accept_)
    listening_ = arm(EPOLL_CTL_MOD, server_.listen_fd_, EPOLLIN, nullptr);
}

Server::Server(const ServerOptions &options, const Backends &backends, Limiter &limiter, const Authenticator &auth,
               const WsdlDocument &wsdl)
    : options_(options), auth_(auth) {
  context_.program = options_.program.c_str();
  context_.wsdl = &wsdl;
  context_.backends = backends;
  context_.limiter = &limiter;
  context_.max_body = options.limits.max_body_bytes;
  context_.verbose = options.verbose;
  set_log_format(options.log_format);
}

Server::~Server() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (tls_) SSL_CTX_free(tls_);
}

int Server::threads() const { return options_.threads > 0 ? options_.threads : default_worker_threads(); }

std::string Server::endpoint() const { return context_.base_url + "/soap/mktows/2_2"; }

void Server::bind() {
  bool tls = !options_.cert_file.empty() || !options_.key_file.empty();
  if (tls && (options_.cert_file.empty() || options_.key_file.empty()))
    throw ServerError("--cert and --key go together");
  // Every connection is a descriptor: make room for max_connections (plus
  // the listener, the epoll set, the journal and the standard streams).
  const int kReserve = 32;
  rlimit nofile{};
  if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
    rlim_t want = static_cast<rlim_t>(options_.limits.max_connections) + kReserve;
    if (nofile.rlim_cur < want) {
      nofile.rlim_cur = nofile.rlim_max == RLIM_INFINITY || nofile.rlim_max >= want ? want : nofile.rlim_max;
      setrlimit(RLIMIT_NOFILE, &nofile);
      getrlimit(RLIMIT_NOFILE, &nofile);
    }
    if (nofile.rlim_cur < want) {
      int fit = static_cast<int>(nofile.rlim_cur) - kReserve;
      if (fit < 1) throw ServerError("the descriptor limit leaves no room for connections");
      log_line(options_.program.c_str(), "descriptor limit " + std::to_string(nofile.rlim_cur) + ": at most " +
                                             std::to_string(fit) + " connections (not " +
                                             std::to_string(options_.limits.max_connections) + ")");
      options_.limits.max_connections = fit;
    }
  }
  if (tls) {
    tls_ = SSL_CTX_new(TLS_server_method());
    if (!tls_) throw ServerError("cannot create the TLS context");
    SSL_CTX_set_min_proto_version(tls_, TLS1_2_VERSION);
    // Partial and retried writes from a buffer that may move; idle
    // connections give their record buffers back.
    SSL_CTX_set_mode(tls_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                               SSL_MODE_RELEASE_BUFFERS);
    if (SSL_CTX_use_certificate_chain_file(tls_, options_.cert_file.c_str()) != 1)
      throw ServerError("cannot read the certificate " + options_.cert_file);
    if (SSL_CTX_use_PrivateKey_file(tls_, options_.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(tls_) != 1)
      throw ServerError("cannot use the private key " + options_.key_file);
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw ServerError("cannot create the listening socket");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(options_.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, SOMAXCONN) != 0)
    throw ServerError("cannot listen on 127.0.0.1:" + std::to_string(options_.port));
  socklen_t len = sizeof addr;
  if (getsockname(listen_fd_, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
    throw ServerError("cannot read the listening port");
  port_ = ntohs(addr.sin_port);
  context_.base_url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

void Server::run(const std::atomic<bool> &stop) {
  Loop loop(*this, threads());
  loop.run(stop);
}

}  // namespace mktows_front
