// sync_lead_call.hpp: one syncLead call as each measured implementation
// makes it, behind one interface, so the driver's loop is the same for all.
#ifndef MKTOWS_BENCH_SYNC_LEAD_CALL_HPP
#define MKTOWS_BENCH_SYNC_LEAD_CALL_HPP

#include "bench_options.hpp"
#include "header_signer.hpp"
#include "seed_request.hpp"

#include <memory>
#include <string>

namespace bench {

// Keep-alive always (every peer reuses one connection); --io picks how the
// HTTP body is framed: a counting pass for Content-Length (gSOAP's default),
// one buffered message (store), or chunked transfer.
// Bounded waits: a stuck server fails the run instead of hanging it.
const int kConnectTimeoutSeconds = 10;
const int kIoTimeoutSeconds = 30;
inline void set_timeouts(struct soap *soap, int io_timeout = kIoTimeoutSeconds) {
  soap->connect_timeout = kConnectTimeoutSeconds;
  soap->send_timeout = io_timeout;
  soap->recv_timeout = io_timeout;
}

inline soap_mode io_mode(const Options &o) {
  soap_mode m = SOAP_IO_KEEPALIVE;
  if (o.io == "store") m |= SOAP_IO_STORE;
  if (o.io == "chunk") m |= SOAP_IO_CHUNK;
  return m;
}

class Caller {
 public:
  virtual ~Caller() = default;
  // One syncLead with a freshly signed header; false when it failed or the
  // answer was not a successful sync.
  virtual bool call() = 0;
  virtual std::string last_error() const = 0;
  // The same call in two halves, so one thread can keep several requests
  // in flight on several connections (--per-thread). Only the direct
  // sequence splits; the others report that they cannot.
  virtual bool can_split() const { return false; }
  virtual bool start() { return call(); }
  virtual bool finish() { return true; }
  // Callers that make several calls at once from one thread (the pool's
  // sync_each) say how many; call_batch(n) makes n of them and returns how
  // many failed.
  virtual long batch_capacity() const { return 1; }
  virtual long call_batch(long n) {
    long failed = 0;
    for (long i = 0; i < n; ++i) failed += call() ? 0 : 1;
    return failed;
  }
};

// The generated proxy's own syncLead(), used as its documentation shows.
class GeneratedCaller : public Caller {
 public:
  explicit GeneratedCaller(const Options &o)
      : proxy_(io_mode(o), io_mode(o) | (o.tree ? SOAP_XML_TREE : 0)),
        url_(o.url),
        signer_(o),
        free_every_(o.free_every) {
    proxy_.soap_endpoint = url_.c_str();
    set_timeouts(proxy_.soap, o.io_timeout);
    auth_.mktowsUserId = o.user;
    request_.attach(params_);
    plugin_ = signer_.attach_plugin(proxy_.soap);
    if (!plugin_) signer_.attach_header(proxy_.soap, &auth_);
  }

  bool call() override {
    if (!plugin_ && !signer_.sign(auth_.requestTimestamp, auth_.requestSignature)) {
      error_ = "signing failed";
      return false;
    }
    mktows::wire::mktows__SuccessSyncLead response;
    int rc = proxy_.syncLead(&params_, response);
    bool ok = rc == SOAP_OK && succeeded(response);
    if (!ok) describe(rc);
    if (++calls_ % free_every_ == 0) proxy_.destroy();
    return ok;
  }

  std::string last_error() const override { return error_; }

 private:
  void describe(int rc) {
    char text[512];
    proxy_.soap_sprint_fault(text, sizeof text);
    error_ = "gSOAP error " + std::to_string(rc) + ": " + text;
  }

  mktows::wire::MktowsApiSoapBindingProxy proxy_;
  std::string url_;
  HeaderSigner signer_;
  long free_every_;
  long calls_ = 0;
  bool plugin_ = false;  // mktows::auth_plugin writes the header
  mktows::wire::mktows__AuthenticationHeaderInfo auth_;
  mktows::wire::mktows__ParamsSyncLead params_;
  SeedRequest request_;
  std::string error_;
};

std::unique_ptr<Caller> make_direct_caller(const Options &o);
std::unique_ptr<Caller> make_client_caller(const Options &o);

inline std::unique_ptr<Caller> make_caller(const Options &o) {
  if (o.impl == "direct") return make_direct_caller(o);
  if (o.impl == "client") return make_client_caller(o);
  return std::unique_ptr<Caller>(new GeneratedCaller(o));
}

}  // namespace bench

#endif
