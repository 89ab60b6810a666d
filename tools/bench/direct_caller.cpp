// direct_caller.cpp: the "tuned raw" line. The same syncLead messages as the
// generated proxy, written and read by a hand-made sequence of the generated
// serializers and the runtime's public steps, leaving out the per-message
// work that a document/literal client with one keep-alive connection does
// not need. Every step left out is named with what it cost per call
// (callgrind, gSOAP 2.8.124 from Debian; see docs/BENCHMARKS.md):
//
//  - soap_begin() before each request: besides resetting a few counters it
//    runs soap_free_temp(), which clears the 4096-slot pointer table and the
//    1999-slot id table (~47k instructions). soap_begin_recv() runs the same
//    clean-up again before the answer is parsed, so the request side only
//    needs the counters reset (mktows::detail::light_begin).
//  - soap_end_recv(): for this response (no DIME/MIME, no gzip, no chunks,
//    no href/id) its only work is soap_resolve(), a walk over all 1999 slots
//    of the empty id table (~30k). The answer is complete when the envelope
//    end tag has been read, so the sequence marks the message ended itself.
//  - soap_destroy()/soap_end() after each call: ~48k of table clearing per
//    call; done every --free-every calls instead (the answers of those calls
//    stay allocated until then; memory stays flat).
//  - the counting pass for Content-Length (serialising twice): --io store
//    buffers the message once instead. But store (and chunk) make the runtime
//    write the HTTP header and the body (and each chunk) with separate
//    send() calls, which costs more time than the pass saves; --coalesce
//    puts a buffering fsend hook in front and writes each request with one
//    call of the runtime's own fsend (which also handles TLS).
//  - timeouts: with soap->send_timeout/recv_timeout set, the runtime waits
//    in select() before every send and every receive (two more syscalls per
//    call). The tuned line sets SO_SNDTIMEO/SO_RCVTIMEO on each new socket
//    instead (an fopen hook) and, on plain HTTP, reads and writes the socket
//    itself (frecv hook, and the coalesced write): the runtime's own recv
//    would answer the socket timeout's EAGAIN with a select() without a
//    timeout. TLS connections keep the runtime's frecv/fsend.
//  - --skip-poll: soap_connect() polls a kept-alive socket (one pselect per
//    call) to see whether the server closed it; the fpoll hook can skip that
//    when a failed call is retried on a new connection anyway.
#include "sync_lead_call.hpp"

#include <mktows/detail/exchange.hpp>

#include <cerrno>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace bench {

namespace {

// The namespaces a syncLead exchange uses: the envelope, ours, and xsi (the
// answer's xsi:nil). The generated table also declares SOAP-ENC and xsd on
// every request, which literal messages never use.
const struct Namespace kSyncLeadNamespaces[] = {
    {"SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/*/soap-envelope", nullptr},
    {"xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance", nullptr},
    {"mktows", "http://www.marketo.com/mktows/", nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr}};

// The counter resets of soap_begin() without its table clearing, the socket
// timeouts and the plain-socket I/O are mktows::Client's own
// (include/mktows/detail/exchange.hpp); this line uses them with its knobs.
using mktows::detail::light_begin;

class DirectCaller : public Caller {
 public:
  // Collects everything the runtime sends for one request (soap->user
  // points to the caller).
  static int buffer_send(struct soap *soap, const char *data, std::size_t n) {
    static_cast<DirectCaller *>(soap->user)->out_.append(data, n);
    return SOAP_OK;
  }
  static int socket_alive(struct soap *) { return SOAP_OK; }

  // Plain-socket receive: the socket timeout ends a wait as an error.
  static std::size_t receive_plain(struct soap *soap, char *data, std::size_t n) {
    DirectCaller *self = static_cast<DirectCaller *>(soap->user);
    if (soap->ssl) return self->runtime_recv_(soap, data, n);
    ssize_t r = mktows::detail::recv_some(soap->socket, data, n);
    if (r >= 0) return static_cast<std::size_t>(r);
    soap->errnum = errno;
    return 0;  // the runtime reads 0 as the end of the connection: the call fails
  }

  // Writes the coalesced request: one send() on plain sockets, the
  // runtime's fsend (TLS) otherwise.
  int write_request(struct soap *soap) {
    if (soap->ssl || !socket_timeouts_) return runtime_send_(soap, out_.data(), out_.size());
    int err = mktows::detail::send_all(soap->socket, out_.data(), out_.size());
    if (err == 0) return SOAP_OK;
    soap->errnum = err;
    return SOAP_EOF;
  }

  // Connects with the runtime's own fopen, then puts the timeouts on the
  // socket itself.
  static SOAP_SOCKET open_with_timeouts(struct soap *soap, const char *endpoint, const char *host, int port) {
    SOAP_SOCKET s = static_cast<DirectCaller *>(soap->user)->runtime_open_(soap, endpoint, host, port);
    if (soap_valid_socket(s)) {
      struct timeval tv;
      tv.tv_sec = static_cast<DirectCaller *>(soap->user)->io_timeout_;
      tv.tv_usec = 0;
      if (!mktows::detail::set_socket_timeouts(s, tv, tv)) {
        soap_set_receiver_error(soap, "setsockopt", "cannot set the socket timeouts", SOAP_TCP_ERROR);
        ::close(s);
        return SOAP_INVALID_SOCKET;
      }
    }
    return s;
  }

  explicit DirectCaller(const Options &o)
      : proxy_(io_mode(o), io_mode(o) | (o.tree ? SOAP_XML_TREE : 0)),
        url_(o.url),
        signer_(o),
        free_every_(o.free_every),
        keep_begin_(o.keep_begin),
        keep_end_recv_(o.keep_end_recv) {
    auth_.mktowsUserId = o.user;
    request_.attach(params_);
    plugin_ = signer_.attach_plugin(proxy_.soap);
    if (!plugin_) signer_.attach_header(proxy_.soap, &auth_);
    message_.mktows__paramsSyncLead = &params_;
    struct soap *soap = proxy_.soap;
    soap->user = this;
    if (o.runtime_timeouts) {
      set_timeouts(soap, o.io_timeout);
    } else {
      soap->connect_timeout = kConnectTimeoutSeconds;
      io_timeout_ = o.io_timeout;
      socket_timeouts_ = true;
      runtime_open_ = soap->fopen;
      soap->fopen = open_with_timeouts;
      runtime_recv_ = soap->frecv;
      soap->frecv = receive_plain;
    }
    if (o.coalesce) {
      runtime_send_ = soap->fsend;
      soap->fsend = buffer_send;
      out_.reserve(4096);
    }
    if (o.skip_poll) soap->fpoll = socket_alive;
    if (o.few_namespaces) soap_set_namespaces(soap, kSyncLeadNamespaces);
  }

  bool call() override { return start() && finish(); }

  bool can_split() const override { return true; }

  // Signs and sends the request; finish() reads the answer.
  bool start() override {
    sent_ = false;
    if (!plugin_ && !signer_.sign(auth_.requestTimestamp, auth_.requestSignature)) {
      error_ = "signing failed";
      return done(false);
    }
    if (!send(proxy_.soap)) {
      describe();
      return done(false);
    }
    sent_ = true;
    return true;
  }

  bool finish() override {
    if (!sent_) return false;  // start() failed and was counted already
    bool ok = receive(proxy_.soap);
    if (!ok) describe();
    return done(ok);
  }

  std::string last_error() const override { return error_; }

 private:
  bool send(struct soap *soap) {
    if (keep_begin_ || !clean_)
      soap_begin(soap);
    else
      light_begin(soap);
    soap->encodingStyle = nullptr;  // document/literal
    // soap_serialize_* only marks multi-referenced data, which literal
    // output never uses; the generated proxy runs it anyway.
    if (soap_begin_count(soap)) return false;
    if ((soap->mode & SOAP_IO_LENGTH) && !write_envelope(soap)) return false;
    if (soap_end_count(soap)) return false;
    out_.clear();
    if (soap_connect(soap, url_.c_str(), "http://www.marketo.com/mktows/syncLead") || !write_envelope(soap) ||
        soap_end_send(soap) || (runtime_send_ && (soap->error = write_request(soap)))) {
      soap_closesock(soap);
      return false;
    }
    return true;
  }

  bool write_envelope(struct soap *soap) {
    return !(soap_envelope_begin_out(soap) || soap_putheader(soap) || soap_body_begin_out(soap) ||
             mktows::wire::soap_put___mktows__syncLead(soap, &message_, "-mktows:syncLead", "") || soap_body_end_out(soap) ||
             soap_envelope_end_out(soap));
  }

  bool receive(struct soap *soap) {
    response_.soap_default(soap);
    if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) ||
        soap_body_begin_in(soap)) {
      soap_closesock(soap);
      return false;
    }
    response_.soap_get(soap, "mktows:successSyncLead", nullptr);
    if (soap->error) {
      soap_recv_fault(soap, 0);
      return false;
    }
    if (soap_body_end_in(soap) || soap_envelope_end_in(soap)) {
      soap_closesock(soap);
      return false;
    }
    // soap_end_recv() has real work only for a chunked, compressed or
    // multipart answer (the end of the chunks, the zlib stream, the
    // attachments) and for href/id pairs, which document/literal answers
    // do not use; it runs whenever the answer was framed that way.
    if (keep_end_recv_ || (soap->mode & SOAP_IO) == SOAP_IO_CHUNK ||
        (soap->mode & (SOAP_ENC_ZLIB | SOAP_ENC_DIME | SOAP_ENC_MIME | SOAP_ENC_MTOM))) {
      if (soap_end_recv(soap)) {
        soap_closesock(soap);
        return false;
      }
    } else {
      soap->part = SOAP_END;
    }
    soap_closesock(soap);  // keeps the connection: only closes when not keep-alive
    return succeeded(response_);
  }

  bool done(bool ok) {
    clean_ = ok;
    struct soap *soap = proxy_.soap;
    if (++calls_ % free_every_ == 0) {
      soap_destroy(soap);
      soap_end(soap);
    }
    return ok;
  }

  void describe() {
    struct soap *soap = proxy_.soap;
    if (soap->error == SOAP_OK) {
      error_ = "the answer was not a successful sync";
      return;
    }
    char text[512];
    soap_sprint_fault(soap, text, sizeof text);
    error_ = "gSOAP error " + std::to_string(soap->error) + ": " + text;
  }

  mktows::wire::MktowsApiSoapBindingProxy proxy_;  // owns the context and its settings
  std::string url_;
  HeaderSigner signer_;
  long free_every_;
  bool keep_begin_;
  bool keep_end_recv_;
  bool clean_ = false;  // the previous exchange completed without error
  bool sent_ = false;   // start() sent a request that finish() has to read
  long calls_ = 0;
  bool plugin_ = false;  // mktows::auth_plugin writes the header
  mktows::wire::mktows__AuthenticationHeaderInfo auth_;
  mktows::wire::mktows__ParamsSyncLead params_;
  SeedRequest request_;
  mktows::wire::__mktows__syncLead message_;
  mktows::wire::mktows__SuccessSyncLead response_;
  std::string error_;
  int (*runtime_send_)(struct soap *, const char *, std::size_t) = nullptr;
  SOAP_SOCKET (*runtime_open_)(struct soap *, const char *, const char *, int) = nullptr;
  std::size_t (*runtime_recv_)(struct soap *, char *, std::size_t) = nullptr;
  bool socket_timeouts_ = false;
  int io_timeout_ = kIoTimeoutSeconds;
  std::string out_;  // the request being coalesced
};

}  // namespace

std::unique_ptr<Caller> make_direct_caller(const Options &o) { return std::unique_ptr<Caller>(new DirectCaller(o)); }

}  // namespace bench
