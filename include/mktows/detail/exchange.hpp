// detail/exchange.hpp: one request and its answer over a gSOAP context,
// written and read with the generated serializers but without the
// per-message work that a document/literal client on a kept-alive
// connection does not need.
//
// The generated send_X/recv_X pair costs about 1.5 times what PHP's
// SoapClient spends per call (docs/BENCHMARKS.md has the profile). What this
// sequence leaves out, and why that is safe:
//
//  - soap_begin() before the request: besides resetting counters it runs
//    soap_free_temp(), which clears the 4096-slot pointer table and the id
//    table. Nothing the request side does fills them (the serialize pass that
//    would is skipped too, see below), and soap_begin_recv() runs the same
//    clean-up before the answer is parsed. After any failure the full
//    soap_begin() runs again.
//  - soap_serialize_X(): it only marks data referenced twice for id/href,
//    which document/literal messages must not use anyway.
//  - the counting pass for Content-Length: the message is serialised once,
//    into one buffer, and the length is written into the HTTP head
//    afterwards. One send() carries head and body.
//  - soap_end_recv() for a plain answer: its work is the id/href resolution
//    (a walk over the empty id table); it still runs for chunked, compressed
//    or multipart answers, whose framing it finishes.
//  - select() before every send and receive: on plain HTTP the timeouts are
//    put on the socket (SO_SNDTIMEO/SO_RCVTIMEO) and the socket is read and
//    written here. TLS connections keep the runtime's I/O and timeouts.
//  - the poll of a kept-alive connection before each request (did the
//    server close it while it was idle?) when that connection answered
//    less than kFreshConnection ago: servers close idle connections after
//    seconds, not microseconds, and one that closes right after answering
//    says so in the answer (Connection: close), which closes it here too.
//
// And what it adds: a deadline on each attempt, from its first byte sent to
// the last byte of its answer read (detail/deadline.hpp), checked before
// every read and write on plain HTTP and TLS; and reads cut at the answer's
// Content-Length, so a body that ends before its XML does fails at once
// instead of waiting for bytes that never come (within_frame()).
#ifndef MKTOWS_DETAIL_EXCHANGE_HPP
#define MKTOWS_DETAIL_EXCHANGE_HPP

#include "mktows/wire.hpp"

#include "mktows/detail/deadline.hpp"

// The one guard of the gSOAP runtime internals this file relies on:
// light_begin() repeats what soap_begin() of this version resets, and
// frame_request() rewrites the "Content-Length: 0" this version writes for
// an uncounted message. Another version may reset more (a stale field would
// then leak into the next message) or frame differently.
#if !defined(GSOAP_VERSION) || GSOAP_VERSION != 208124
#error "mktows/detail/exchange.hpp is written against the internals of gSOAP 2.8.124 (GSOAP_VERSION 208124) and this build uses another version: check light_begin() against that version's soap_begin() (tests/client/client_light_begin_test.cpp) and frame_request() against its HTTP head, then change this guard"
#endif

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>

namespace mktows {
namespace detail {

// A kept-alive connection that answered within this time is used without
// asking the kernel whether the server closed it.
static const std::chrono::milliseconds kFreshConnection(1000);

// What soap_begin() resets for a new message, without its soap_free_temp()
// (the table clearing, see above); only between complete, successful
// exchanges. tests/client/client_light_begin_test.cpp compares a context
// after this with one after soap_begin(), field by field.
inline void light_begin(struct soap *soap) {
  // soap_begin()'s own resets in gSOAP 2.8.124 (read from the machine code
  // of Debian's libgsoapssl++ 2.8.124, whose source is not installed), in
  // its order:
  soap->error = SOAP_OK;
  if (!soap->keep_alive) {
    soap->buflen = 0;
    soap->bufidx = 0;
  }
  soap->mode = 0;
  soap->encoding = 0;
  soap->part = SOAP_END;
  soap->peeked = 0;
  soap->ahead = 0;
  soap->level = 0;
  soap->encodingStyle = "";  // the runtime's empty string; Exchange::start() then sets null
  // Older gSOAP versions' soap_begin() reset these too; 2.8.124's does not.
  // Kept, so that behaviour stays as it was (they cost a few stores).
  soap->null = 0;
  soap->position = 0;
  soap->mustUnderstand = 0;
  soap->ns = 0;
  soap->event = 0;
  soap->evlev = 0;
  soap->alloced = 0;
  soap->count = 0;
  soap->length = 0;
  soap->cdata = 0;
  soap->idnum = 0;
  soap->endpoint[0] = '\0';
}

// The send and receive timeouts as socket options; false (errno set) if
// the kernel refuses them.
inline bool set_socket_timeouts(SOAP_SOCKET s, const struct timeval &send, const struct timeval &receive) {
  return setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &receive, sizeof receive) == 0 &&
         setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &send, sizeof send) == 0;
}

// Writes all of `data` to a plain socket (no SIGPIPE); 0, or the errno of
// the failed send() (EAGAIN: the send timeout passed).
inline int send_all(SOAP_SOCKET s, const char *data, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::send(s, data, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return 0;
}

// send_all() within a deadline. A blocking send() of a large request
// blocks until all of it is taken or its own timeout passes, whatever the
// deadline, so each send() here takes what fits without waiting (a small
// request: all of it, at once), and in between the socket is waited for at
// most the send timeout (`per_io_ms`: EAGAIN after it) and the time left
// (ETIMEDOUT and `deadline.passed()`).
inline int send_all(SOAP_SOCKET s, const char *data, std::size_t n, Deadline &deadline, long long per_io_ms) {
  if (!deadline.armed()) return send_all(s, data, n);
  while (n > 0) {
    ssize_t w = ::send(s, data, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return errno;
      int ready = deadline.wait_for(s, POLLOUT, per_io_ms);
      if (ready < 0) return ETIMEDOUT;
      if (ready == 0) return EAGAIN;
      continue;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return 0;
}

// One recv() from a plain socket, again after a signal; < 0 with errno set
// on failure (EAGAIN: the receive timeout passed).
inline ssize_t recv_some(SOAP_SOCKET s, char *data, std::size_t n) {
  ssize_t r;
  do r = ::recv(s, data, n, 0);
  while (r < 0 && errno == EINTR);
  return r;
}

class Exchange {
 public:
  Exchange()
      : soap_(nullptr),
        socket_timeouts_(false),
        keep_answer_(false),
        buffering_(false),
        clean_(false),
        timed_out_(false),
        runtime_send_(nullptr),
        runtime_recv_(nullptr),
        runtime_open_(nullptr),
        runtime_poll_(nullptr) {}
  Exchange(const Exchange &) = delete;
  Exchange &operator=(const Exchange &) = delete;

  // Takes over soap->user and the I/O hooks. `tls`: the endpoint is https
  // (the runtime keeps its own I/O and timeouts). `keep_answer`: keep the
  // answer's bytes for answer().
  void attach(struct soap *soap, bool tls, std::chrono::milliseconds send_timeout,
              std::chrono::milliseconds recv_timeout, bool keep_answer) {
    soap_ = soap;
    soap->user = this;
    keep_answer_ = keep_answer;
    // One buffer for the whole message; never the runtime's store mode
    // (which it picks for an uncounted message) or a counting pass.
    soap_set_omode(soap, SOAP_IO_BUFFER);
    runtime_send_ = soap->fsend;
    soap->fsend = &Exchange::on_send;
    runtime_recv_ = soap->frecv;
    soap->frecv = &Exchange::on_recv;
    runtime_open_ = soap->fopen;
    soap->fopen = &Exchange::on_open;
    runtime_poll_ = soap->fpoll;
    soap->fpoll = &Exchange::on_poll;
    runtime_parsehdr_ = soap->fparsehdr;
    soap->fparsehdr = &Exchange::on_parse_header;
    socket_timeouts_ = !tls;
    if (socket_timeouts_) {
      to_timeval(send_timeout, send_tv_);
      to_timeval(recv_timeout, recv_tv_);
      soap->send_timeout = 0;
      soap->recv_timeout = 0;
    }
  }

  // The bound on each following attempt, from its first byte sent to the
  // last byte of its answer read; 0: none (detail/deadline.hpp).
  void set_call_timeout(std::chrono::milliseconds t) { call_timeout_ = t; }
  std::chrono::milliseconds call_timeout() const { return call_timeout_; }
  // The last attempt failed because its call timeout passed.
  bool deadline_passed() const { return deadline_.passed(); }

  // One request and its answer, in two halves so that one thread can keep
  // requests in flight on several contexts. start() signs and sends: `put`
  // writes the body's element (soap_put_X). finish() reads: `get` reads the
  // answer's element (X::soap_get) and leaves soap->error set when the body
  // holds something else. Each returns SOAP_OK or the gSOAP error.
  template <class Put>
  int start(const char *endpoint, const char *action, Put put) {
    struct soap *soap = soap_;
    timed_out_ = false;
    deadline_.disarm();
    frame_ = kFrameUnknown;
    frame_ended_ = false;
    received_ = 0;
    answer_.clear();
    if (clean_) {
      light_begin(soap);
      fresh_ = std::chrono::steady_clock::now() - last_answer_ < kFreshConnection;
    } else {
      soap_begin(soap);
      fresh_ = false;
    }
    clean_ = false;
    soap->encodingStyle = nullptr;  // document/literal
    // soap_begin_count() also runs the plugins' fprepareinitsend (the
    // signing plugin fills the header there).
    if (soap_begin_count(soap)) return soap->error;
    soap->mode &= ~SOAP_IO_LENGTH;  // no counting pass: framed below
    if (soap_end_count(soap)) return soap->error;
    request_.clear();
    buffering_ = true;
    int rc = SOAP_OK;
    if (soap_connect(soap, endpoint, action) || soap_envelope_begin_out(soap) || soap_putheader(soap) ||
        soap_body_begin_out(soap) || put(soap) || soap_body_end_out(soap) || soap_envelope_end_out(soap) ||
        soap_end_send(soap))
      rc = soap->error ? soap->error : SOAP_EOF;
    buffering_ = false;
    if (rc == SOAP_OK) rc = frame_request();
    if (rc == SOAP_OK) {
      deadline_.arm(call_timeout_);  // the first byte leaves now
      rc = write_request();
    }
    if (rc != SOAP_OK) {
      soap->error = rc;
      soap_closesock(soap);
      soap->error = rc;
    }
    return rc;
  }

  template <class Get>
  int finish(Get get) {
    struct soap *soap = soap_;
    if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) ||
        soap_body_begin_in(soap))
      return close_with_error(soap);
    get(soap);
    if (soap->error) return soap_recv_fault(soap, 0);
    if (soap_body_end_in(soap) || soap_envelope_end_in(soap)) return close_with_error(soap);
    if ((soap->mode & SOAP_IO) == SOAP_IO_CHUNK ||
        (soap->mode & (SOAP_ENC_ZLIB | SOAP_ENC_DIME | SOAP_ENC_MIME | SOAP_ENC_MTOM))) {
      if (soap_end_recv(soap)) return close_with_error(soap);
    } else {
      soap->part = SOAP_END;
    }
    soap_closesock(soap);  // closes only when the server did not keep the connection
    if (soap->error) return soap->error;
    deadline_.disarm();
    clean_ = true;
    last_answer_ = std::chrono::steady_clock::now();
    return SOAP_OK;
  }

  // The last request as sent (HTTP head and body) and, when kept, the
  // answer's bytes as received.
  const std::string &request() const { return request_; }
  const std::string &answer() const { return answer_; }
  // The last answer's body ended, as its Content-Length says, before its
  // XML did (see within_frame()).
  bool frame_ended() const { return frame_ended_; }
  // The last receive failed because nothing arrived within the timeout
  // (rather than the connection closing).
  bool timed_out() const { return timed_out_; }

 private:
  static Exchange *self(struct soap *soap) { return static_cast<Exchange *>(soap->user); }

  static void to_timeval(std::chrono::milliseconds t, struct timeval &tv) {
    long long ms = t.count() > 0 ? t.count() : 0;  // 0: no timeout
    tv.tv_sec = static_cast<time_t>(ms / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
  }

  static int close_with_error(struct soap *soap) {
    int rc = soap->error ? soap->error : SOAP_EOF;
    soap_closesock(soap);
    soap->error = rc;
    return rc;
  }

  // While a request is being written, everything the runtime sends is
  // collected; a proxy's CONNECT (written while the connection opens)
  // goes out at once.
  static int on_send(struct soap *soap, const char *data, std::size_t n) {
    Exchange *x = self(soap);
    if (x->buffering_) {
      x->request_.append(data, n);
      return SOAP_OK;
    }
    return x->runtime_send_(soap, data, n);
  }

  static SOAP_SOCKET on_open(struct soap *soap, const char *endpoint, const char *host, int port) {
    Exchange *x = self(soap);
    bool buffering = x->buffering_;
    x->buffering_ = false;
    SOAP_SOCKET s = x->runtime_open_(soap, endpoint, host, port);
    x->buffering_ = buffering;
    if (soap_valid_socket(s) && x->socket_timeouts_ && !set_socket_timeouts(s, x->send_tv_, x->recv_tv_)) {
      soap->errnum = errno;
      soap_set_sender_error(soap, "setsockopt", "cannot set the socket timeouts", SOAP_TCP_ERROR);
      ::close(s);
      return SOAP_INVALID_SOCKET;
    }
    return s;
  }

  // The runtime reads a Content-Length as an unsigned number: "-1154" is a
  // huge length, which its read of an error answer's body then tries to
  // allocate (the client_answer fuzzer found it). An answer whose
  // Content-Length is not decimal digits is refused as malformed here.
  static int on_parse_header(struct soap *soap, const char *key, const char *val) {
    Exchange *x = self(soap);
    if (key && val && !soap_tag_cmp(key, "Content-Length")) {
      const char *v = val;
      while (*v == ' ' || *v == '\t') ++v;
      bool digits = *v != '\0';
      for (const char *c = v; *c && *c != ' ' && *c != '\t'; ++c)
        if (*c < '0' || *c > '9') digits = false;
      if (!digits) return soap->error = SOAP_HTTP_ERROR;
    }
    return x->runtime_parsehdr_(soap, key, val);
  }

  static int on_poll(struct soap *soap) {
    Exchange *x = self(soap);
    if (x->fresh_) return SOAP_OK;
    return x->runtime_poll_(soap);
  }

  static std::size_t on_recv(struct soap *soap, char *data, std::size_t n) {
    Exchange *x = self(soap);
    if (x->frame_ != kFrameOff && !x->within_frame(soap, n)) return 0;
    std::size_t got;
    if (x->socket_timeouts_ && !soap->ssl) {
      ssize_t r;
      if (x->deadline_.wait(soap->socket, POLLIN, x->recv_ms())) {
        r = recv_some(soap->socket, data, n);
      } else {
        errno = ETIMEDOUT;
        r = -1;
      }
      if (r < 0) {
        soap->errnum = errno;
        x->timed_out_ = errno == EAGAIN || errno == EWOULDBLOCK;
        r = 0;  // the runtime reads 0 as the end of the answer: the call fails
      }
      got = static_cast<std::size_t>(r);
    } else if (x->deadline_.armed()) {
      // The runtime waits soap->recv_timeout for each read (TLS): no
      // longer than the time left.
      got = 0;
      int runtime_timeout = soap->recv_timeout;
      if (x->deadline_.left_ms() > 0) {
        soap->recv_timeout = x->deadline_.shrink_soap_timeout(runtime_timeout);
        got = x->runtime_recv_(soap, data, n);
        soap->recv_timeout = runtime_timeout;
        if (got == 0) x->deadline_.left_ms();  // ran out while waiting?
      }
      if (got == 0 && !x->deadline_.passed()) x->timed_out_ = runtime_read_timed_out(soap);
    } else {
      got = x->runtime_recv_(soap, data, n);
      if (got == 0) x->timed_out_ = runtime_read_timed_out(soap);
    }
    if (x->frame_ == kFrameOn) x->frame_left_ -= got;
    x->received_ += got;
    if (x->keep_answer_) x->answer_.append(data, got);
    return got;
  }

  // gSOAP reads whatever the connection holds, past the end of the
  // answer's Content-Length: an answer whose body ends before its XML does
  // would wait on a kept-alive connection for bytes that never come, and
  // could read into the next answer. So once the runtime has parsed the
  // head, reads are cut at the frame's end, and a read past it ends the
  // answer at once (frame_ended()). The head's end is found only in the
  // simple case where everything received so far is in the runtime's
  // buffer (the answer's first read held the whole head); otherwise reads
  // stay unbounded, as the runtime has them. A complete small answer is
  // parsed from its first read and never comes here again, so this costs
  // the hot path one test per read. `n`: the read's size, shortened to the
  // frame. False: the frame is over.
  bool within_frame(struct soap *soap, std::size_t &n) {
    if (frame_ == kFrameUnknown) {
      if (soap->length == 0 || (soap->mode & SOAP_IO) == SOAP_IO_CHUNK) {
        if ((soap->mode & SOAP_IO) == SOAP_IO_CHUNK) frame_ = kFrameOff;
        return true;  // the head is not parsed yet, or framed otherwise
      }
      frame_ = kFrameOff;
      std::size_t len = soap->buflen < sizeof soap->buf ? soap->buflen : sizeof soap->buf;
      if (received_ != len || len < 12 || std::strncmp(soap->buf, "HTTP/1.", 7) != 0 || soap->buf[9] == '1')
        return true;  // the head came in pieces, or after a 1xx: not followed here
      const char *b = soap->buf;
      for (std::size_t i = 0; i + 3 < len; ++i)
        if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
          std::size_t body = len - (i + 4);
          frame_left_ = body >= soap->length ? 0 : static_cast<std::size_t>(soap->length) - body;
          frame_ = kFrameOn;
          break;
        }
      if (frame_ != kFrameOn) return true;
    }
    if (frame_ != kFrameOn) return true;
    if (frame_left_ == 0) {
      frame_ended_ = true;
      return false;
    }
    if (n > frame_left_) n = frame_left_;
    return true;
  }

  // After the runtime's read returned nothing: a timeout and an end of
  // stream look alike; a socket with nothing to read tells them apart.
  static bool runtime_read_timed_out(struct soap *soap) {
    pollfd p;
    p.fd = soap->socket;
    p.events = POLLIN;
    p.revents = 0;
    return soap_valid_socket(soap->socket) && ::poll(&p, 1, 0) == 0;
  }

  long long recv_ms() const { return static_cast<long long>(recv_tv_.tv_sec) * 1000 + recv_tv_.tv_usec / 1000; }
  long long send_ms() const { return static_cast<long long>(send_tv_.tv_sec) * 1000 + send_tv_.tv_usec / 1000; }

  // The runtime wrote "Content-Length: 0" (the message was not counted);
  // put the real length there.
  int frame_request() {
    static const char kField[] = "\r\nContent-Length: 0\r\n";
    std::size_t head_end = request_.find("\r\n\r\n");
    if (head_end == std::string::npos) return soap_set_sender_error(soap_, "framing", "no HTTP head", SOAP_EOM);
    std::size_t at = request_.find(kField);  // the head comes first; a match past it is refused
    if (at == std::string::npos || at + sizeof kField - 1 > head_end + 2)
      return soap_set_sender_error(soap_, "framing", "no Content-Length in the HTTP head", SOAP_EOM);
    std::size_t body = request_.size() - (head_end + 4);
    char digits[24];
    int len = std::snprintf(digits, sizeof digits, "%zu", body);
    request_.replace(at + sizeof kField - 4, 1, digits, static_cast<std::size_t>(len));
    return SOAP_OK;
  }

  int write_request() {
    struct soap *soap = soap_;
    if (!socket_timeouts_ || soap->ssl) {
      int runtime_timeout = soap->send_timeout;
      if (deadline_.armed()) {
        if (deadline_.left_ms() == 0)
          return soap_set_sender_error(soap, "Timeout", "the call timeout passed while sending", SOAP_TCP_ERROR);
        soap->send_timeout = deadline_.shrink_soap_timeout(runtime_timeout);
      }
      int rc = runtime_send_(soap, request_.data(), request_.size());
      soap->send_timeout = runtime_timeout;
      if (rc != SOAP_OK && deadline_.armed()) deadline_.left_ms();  // ran out while sending?
      return rc == SOAP_OK ? SOAP_OK : (soap->error ? soap->error : rc);
    }
    int err = send_all(soap->socket, request_.data(), request_.size(), deadline_, send_ms());
    if (err == 0) return SOAP_OK;
    soap->errnum = err;
    if (err == ETIMEDOUT && deadline_.passed())
      return soap_set_sender_error(soap, "Timeout", "the call timeout passed while sending", SOAP_TCP_ERROR);
    if (err == EAGAIN || err == EWOULDBLOCK)
      return soap_set_sender_error(soap, "Timeout", "the request could not be sent within the send timeout",
                                   SOAP_TCP_ERROR);
    return SOAP_EOF;
  }

  struct soap *soap_;
  bool socket_timeouts_;
  bool keep_answer_;
  bool buffering_;
  bool clean_;  // the previous exchange completed: light_begin() is enough
  bool timed_out_;
  bool fresh_ = false;  // this call's connection answered within kFreshConnection
  std::chrono::milliseconds call_timeout_ = std::chrono::milliseconds(0);
  Deadline deadline_;
  enum Frame { kFrameOff, kFrameUnknown, kFrameOn };
  Frame frame_ = kFrameOff;     // following the answer's Content-Length (within_frame())
  bool frame_ended_ = false;
  std::size_t frame_left_ = 0;  // kFrameOn: body bytes still to come
  std::size_t received_ = 0;    // bytes of this answer read so far
  std::chrono::steady_clock::time_point last_answer_;
  struct timeval send_tv_ = {0, 0};
  struct timeval recv_tv_ = {0, 0};
  std::string request_;
  std::string answer_;
  int (*runtime_send_)(struct soap *, const char *, std::size_t);
  std::size_t (*runtime_recv_)(struct soap *, char *, std::size_t);
  SOAP_SOCKET (*runtime_open_)(struct soap *, const char *, const char *, int);
  int (*runtime_poll_)(struct soap *);
  int (*runtime_parsehdr_)(struct soap *, const char *, const char *);
};

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_EXCHANGE_HPP
