// server.cpp: the listening socket; one readiness loop (epoll) that owns
// every idle keep-alive connection; a small worker pool that serves one
// request at a time on whichever connection has input.
#include "server.hpp"

#include "mktows/wire.hpp"

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

namespace mktows_sandbox {

int default_worker_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n < 2 ? 2 : static_cast<int>(n);
}

namespace {

using Clock = std::chrono::steady_clock;

// What a connection keeps between requests. Its gSOAP state lives in a
// worker's context only while a request is served; a connection is parked
// only when that context holds no unread input of it, so nothing else needs
// to travel with it.
struct Connection {
  SOAP_SOCKET socket = SOAP_INVALID_SOCKET;
  SSL *ssl = nullptr;  // the TLS session, once the handshake is done
  int keep_alive = 0;  // gSOAP's countdown of requests left
  // Written by the worker that owns the connection, read by the idle
  // sweep without a lock (a lock here would be taken twice per request by
  // every worker): idle_since is stored before parked is set.
  std::atomic<bool> parked{false};  // armed in the epoll set, owned by no worker
  std::atomic<Clock::rep> idle_since{0};
  bool expired = false;  // the sweep's own: shut down, a worker will close it
};

// The socket a worker is serving, so a stopping server can end a read that
// waits for a slow client. gSOAP may close that socket in the middle of a
// request; the worker's close hook clears it here first, so the stop never
// touches a descriptor number that was closed (and perhaps reused).
struct WorkerSlot {
  std::mutex mutex;
  SOAP_SOCKET socket = SOAP_INVALID_SOCKET;
};

thread_local WorkerSlot *t_slot = nullptr;

int close_worker_socket(struct soap *, SOAP_SOCKET s) {
  if (t_slot) {
    std::lock_guard<std::mutex> lock(t_slot->mutex);
    if (t_slot->socket == s) t_slot->socket = SOAP_INVALID_SOCKET;
  }
  return ::close(s);
}

// True when the context holds input of the attached connection that epoll
// cannot report: pipelined bytes in gSOAP's buffer or TLS data OpenSSL has
// already read. Whitespace left after an envelope (clients end the body
// with a newline) is dropped, as soap_begin_recv would skip it, so such a
// connection can be parked.
bool has_buffered_input(struct soap *soap) {
  while (soap->bufidx < soap->buflen) {
    char c = soap->buf[soap->bufidx];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
    ++soap->bufidx;
  }
  return soap->ssl && SSL_has_pending(soap->ssl);
}

// gSOAP polls a socket before every read and write when timeouts are set:
// two extra system calls per request on a socket that epoll has just
// reported readable and whose send buffer is empty. These try the call
// first and fall back to gSOAP's own (which polls with the timeouts) only
// when it would block. TLS goes straight to gSOAP's. The transfer timeout
// is checked here too, so a client feeding bytes steadily stays bounded.
size_t (*g_gsoap_recv)(struct soap *, char *, size_t) = nullptr;
int (*g_gsoap_send)(struct soap *, const char *, size_t) = nullptr;

bool transfer_expired(const struct soap *soap) {
  return soap->transfer_timeout > 0 &&
         static_cast<ULONG64>(std::time(nullptr)) > soap->start + static_cast<ULONG64>(soap->transfer_timeout);
}

size_t recv_first(struct soap *soap, char *s, size_t n) {
  if (!soap->ssl && soap_valid_socket(soap->socket)) {
    if (transfer_expired(soap)) return 0;
    ssize_t r = ::recv(soap->socket, s, n, 0);
    if (r >= 0) return static_cast<size_t>(r);
  }
  return g_gsoap_recv(soap, s, n);
}

int send_first(struct soap *soap, const char *s, size_t n) {
  if (!soap->ssl && soap_valid_socket(soap->socket)) {
    while (n) {
      ssize_t r = ::send(soap->socket, s, n, MSG_NOSIGNAL);
      if (r <= 0) break;  // would block, or an error gSOAP's own send reports
      s += r;
      n -= static_cast<size_t>(r);
    }
    if (!n) return SOAP_OK;
  }
  return g_gsoap_send(soap, s, n);
}

void close_parked(Connection *c) {
  if (c->ssl) SSL_free(c->ssl);
  ::close(c->socket);
  delete c;
}

const int kTickMs = 100;  // how late a stop or an idle expiry may be noticed

}  // namespace

// One run: the epoll set and the workers that wait on it. Every worker calls
// epoll_wait itself and serves the connection it is handed (one event at a
// time, EPOLLONESHOT), so a request costs no hand-over between threads; the
// calling thread only expires idle connections and watches for the stop.
class Server::Loop {
 public:
  Loop(Server &server, int threads) : server_(server), threads_(threads) {}

  void run(const std::atomic<bool> &stop);

 private:
  bool arm(int op, SOAP_SOCKET s, void *data);
  void accept_one();
  void park(Connection *c);
  void forget(Connection *c);
  void expire_idle(Clock::time_point now);
  void work(struct soap *soap, WorkerSlot *slot);
  void serve(SoapHandler &handler, struct soap *soap, Connection *c, WorkerSlot *slot);

  Server &server_;
  int threads_;
  int epoll_ = -1;
  std::atomic<bool> stopping_{false};
  // Guards connections_ (insertions, removals, the sweep's walk) and the
  // listener's state.
  std::mutex mutex_;
  std::unordered_set<Connection *> connections_;
  bool listening_ = true;  // the listening socket is armed
  Clock::time_point retry_accept_;
};

bool Server::Loop::arm(int op, SOAP_SOCKET s, void *data) {
  epoll_event e{};
  e.events = EPOLLIN | EPOLLONESHOT;
  if (data) e.events |= EPOLLRDHUP;
  e.data.ptr = data;  // nullptr: the listening socket
  return epoll_ctl(epoll_, op, s, &e) == 0;
}

void Server::Loop::run(const std::atomic<bool> &stop) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) throw ServerError("cannot create the epoll set");
  if (!arm(EPOLL_CTL_ADD, server_.master_->master, nullptr)) {
    ::close(epoll_);
    throw ServerError("cannot watch the listening socket");
  }
  // Every context starts with the same runtime functions; set before any
  // worker reads them.
  g_gsoap_recv = server_.master_->frecv;
  g_gsoap_send = server_.master_->fsend;
  std::vector<std::unique_ptr<WorkerSlot>> slots;
  std::vector<std::thread> workers;
  for (int i = 0; i < threads_; ++i) {
    struct soap *copy = soap_copy(server_.master_);
    if (!copy) break;
    copy->fclosesocket = &close_worker_socket;
    copy->frecv = &recv_first;
    copy->fsend = &send_first;
    slots.emplace_back(new WorkerSlot);
    workers.emplace_back(&Loop::work, this, copy, slots.back().get());
  }

  while (!stop.load() && !workers.empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kTickMs));
    expire_idle(Clock::now());
  }

  stopping_.store(true);
  for (auto &slot : slots) {
    std::lock_guard<std::mutex> lock(slot->mutex);
    // Ends reads that wait for a client; a response being written still
    // goes out.
    if (soap_valid_socket(slot->socket)) ::shutdown(slot->socket, SHUT_RD);
  }
  for (std::thread &t : workers) t.join();
  for (Connection *c : connections_) close_parked(c);
  connections_.clear();
  ::close(epoll_);
  if (workers.empty()) throw ServerError("cannot copy the gSOAP context");
}

// Called by the one worker the listener's event went to; the listener stays
// disarmed until it is re-armed here, so soap_accept never runs twice at once.
void Server::Loop::accept_one() {
  struct soap *master = server_.master_;
  SOAP_SOCKET s = soap_accept(master);
  master->socket = SOAP_INVALID_SOCKET;  // the connection owns it now
  std::lock_guard<std::mutex> lock(mutex_);
  if (!soap_valid_socket(s)) {
    int e = master->errnum;
    if (e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM) {
      // Out of descriptors or memory: pause rather than spin on a
      // listening socket that stays readable.
      listening_ = false;
      retry_accept_ = Clock::now() + std::chrono::milliseconds(kTickMs);
    } else {
      arm(EPOLL_CTL_MOD, master->master, nullptr);  // that client gave up; the next may not
    }
    return;
  }
  arm(EPOLL_CTL_MOD, master->master, nullptr);
  Connection *c = new Connection;
  c->socket = s;
  c->keep_alive = master->max_keep_alive + 1;  // as gSOAP's own serve loop starts
  c->idle_since.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  c->parked.store(true, std::memory_order_release);
  connections_.insert(c);
  if (!arm(EPOLL_CTL_ADD, s, c)) {
    connections_.erase(c);
    close_parked(c);
  }
}

// Back to the epoll set until the client sends again (or idles out). Only
// this worker can close the socket meanwhile, so no lock is needed to arm it.
void Server::Loop::park(Connection *c) {
  c->idle_since.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  c->parked.store(true, std::memory_order_release);
  if (!arm(EPOLL_CTL_MOD, c->socket, c)) {
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.erase(c);
    close_parked(c);
  }
}

// The worker has closed the connection's socket.
void Server::Loop::forget(Connection *c) {
  std::lock_guard<std::mutex> lock(mutex_);
  connections_.erase(c);
  delete c;
}

// The keep-alive timeout: a parked connection silent for --timeout seconds
// is shut down, as a worker's read would have timed out before. Its EOF
// then reaches a worker through epoll, and the worker closes it: only the
// worker that an event went to may free a connection, so this never races
// with one that has just been handed it. (The sweep may read a connection
// as parked just as a worker takes it; then the client's data arrived at
// the very end of its idle time and the shutdown is still due.)
void Server::Loop::expire_idle(Clock::time_point now) {
  Clock::rep limit = std::chrono::duration_cast<Clock::duration>(
      std::chrono::seconds(server_.options_.recv_timeout)).count();
  Clock::rep at = now.time_since_epoch().count();
  std::lock_guard<std::mutex> lock(mutex_);
  for (Connection *c : connections_) {
    if (!c->expired && c->parked.load(std::memory_order_acquire) &&
        at - c->idle_since.load(std::memory_order_relaxed) >= limit) {
      c->expired = true;
      ::shutdown(c->socket, SHUT_RDWR);
    }
  }
  if (!listening_ && now >= retry_accept_) listening_ = arm(EPOLL_CTL_MOD, server_.master_->master, nullptr);
}

void Server::Loop::work(struct soap *soap, WorkerSlot *slot) {
  t_slot = slot;
  {
    SoapHandler handler(soap, server_.context_, server_.auth_);
    while (!stopping_.load()) {
      epoll_event e;
      int n = epoll_wait(epoll_, &e, 1, kTickMs);
      if (n <= 0) {
        handler.release();  // idle: give back what batched calls kept
        continue;
      }
      if (!e.data.ptr) {
        accept_one();
        continue;
      }
      Connection *c = static_cast<Connection *>(e.data.ptr);
      c->parked.store(false, std::memory_order_relaxed);
      serve(handler, soap, c, slot);
    }
    handler.release();
  }
  soap_free(soap);
}

// Serves the requests a connection has sent so far, then parks or closes it.
void Server::Loop::serve(SoapHandler &handler, struct soap *soap, Connection *c, WorkerSlot *slot) {
  {
    std::lock_guard<std::mutex> lock(slot->mutex);
    slot->socket = c->socket;
  }
  soap->socket = c->socket;
  soap->ssl = c->ssl;
  soap->keep_alive = c->keep_alive;
  soap->bufidx = soap->buflen = 0;  // the previous connection's bytes are not this one's
  soap->error = SOAP_OK;
  bool tls = !server_.options_.cert_file.empty();
  bool open = !stopping_.load();
  bool ready = open;
  if (open && tls && !soap->ssl) {
    open = soap_ssl_accept(soap) == SOAP_OK;
    // The request usually arrives after the handshake: wait for it in the
    // epoll set unless OpenSSL has already read some of it.
    ready = open && SSL_has_pending(soap->ssl);
  }
  while (ready) {
    handler.end_request(handler.serve_request());
    if (!soap_valid_socket(soap->socket) || !soap->keep_alive) break;
    // A pipelined request is already in this context's buffer: serve it
    // here, the readiness loop would never report it.
    ready = has_buffered_input(soap);
  }
  bool keep = open && soap_valid_socket(soap->socket) && soap->keep_alive && !stopping_.load();
  if (!keep) {
    soap->keep_alive = 0;
    soap_closesock(soap);
    if (soap_valid_socket(soap->socket)) soap_force_closesock(soap);
    if (soap->ssl) {
      SSL_free(soap->ssl);
      soap->ssl = nullptr;
    }
  }
  c->ssl = soap->ssl;
  c->keep_alive = soap->keep_alive;
  soap->ssl = nullptr;
  soap->socket = SOAP_INVALID_SOCKET;
  {
    std::lock_guard<std::mutex> lock(slot->mutex);
    slot->socket = SOAP_INVALID_SOCKET;
  }
  if (keep) park(c);
  else forget(c);
}

Server::Server(const ServerOptions &options, LeadBackend &leads, Limiter &limiter, const Authenticator &auth,
               const WsdlDocument &wsdl)
    : options_(options), auth_(auth) {
  context_.wsdl = &wsdl;
  context_.leads = &leads;
  context_.limiter = &limiter;
  context_.verbose = options.verbose;
}

Server::~Server() {
  if (master_) {
    soap_destroy(master_);
    soap_end(master_);
    soap_free(master_);
  }
}

int Server::threads() const { return options_.threads > 0 ? options_.threads : default_worker_threads(); }

std::string Server::endpoint() const { return context_.base_url + "/soap/mktows/2_2"; }

void Server::bind() {
  bool tls = !options_.cert_file.empty() || !options_.key_file.empty();
  if (tls && (options_.cert_file.empty() || options_.key_file.empty()))
    throw ServerError("--cert and --key go together");
  master_ = soap_new2(SOAP_IO_KEEPALIVE | SOAP_XML_STRICT, SOAP_IO_KEEPALIVE);
  if (!master_) throw ServerError("cannot create a gSOAP context");
  master_->bind_flags = SO_REUSEADDR;
  master_->recv_timeout = options_.recv_timeout;
  master_->send_timeout = options_.send_timeout;
  master_->transfer_timeout = options_.transfer_timeout;
  master_->accept_timeout = -200000;  // the readiness loop only accepts when a client waits
  master_->recv_maxlength = options_.max_body;
  master_->maxlevel = 64;             // deeper XML is hostile, not a lead
  master_->maxoccurs = 100000;
  master_->max_keep_alive = options_.max_keep_alive;
  if (tls) {
    soap_ssl_init();
    if (soap_ssl_server_context(master_, SOAP_SSL_NO_AUTHENTICATION, nullptr, nullptr, nullptr, nullptr, nullptr,
                                nullptr, nullptr))
      throw ServerError("cannot create the TLS context");
    SSL_CTX *ctx = master_->ctx;
    if (SSL_CTX_use_certificate_chain_file(ctx, options_.cert_file.c_str()) != 1)
      throw ServerError("cannot read the certificate " + options_.cert_file);
    if (SSL_CTX_use_PrivateKey_file(ctx, options_.key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1)
      throw ServerError("cannot use the private key " + options_.key_file);
  }
  if (!soap_valid_socket(soap_bind(master_, "127.0.0.1", options_.port, 128)))
    throw ServerError("cannot listen on 127.0.0.1:" + std::to_string(options_.port));
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(master_->master, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
    throw ServerError("cannot read the listening port");
  port_ = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&addr)->sin6_port)
                                     : ntohs(reinterpret_cast<sockaddr_in *>(&addr)->sin_port);
  context_.base_url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

void Server::run(const std::atomic<bool> &stop) {
  Loop loop(*this, threads());
  loop.run(stop);
  soap_closesock(master_);
}

}  // namespace mktows_sandbox
