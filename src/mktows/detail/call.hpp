// detail/call.hpp: one call of a Client, through all its attempts.
//
// A Call takes a limiter permit, sends an attempt (signed afresh by the
// plugin), reads its answer, and when the attempt fails decides, as the
// RetryPolicy and the operation's idempotency say, whether to send another:
// the trace of every attempt, the call timeout of each, and whether the
// service may have applied the call are kept here. It comes in two halves,
// start() (the first attempt's request goes out) and finish() (its answer
// is read, and further attempts made), so that one thread can keep calls in
// flight on several clients: Client runs start() then finish();
// ClientPool::sync_each starts calls on several clients and finishes them in
// order. Both drive this one code path.
//
// What a call writes and reads is an operation's business (ClientState's
// request/response structs); what the calls of one client share, set up
// once, is its CallSite.
#ifndef MKTOWS_DETAIL_CALL_HPP
#define MKTOWS_DETAIL_CALL_HPP

#include "mktows/wire.hpp"

#include "mktows/auth_plugin.hpp"
#include "mktows/detail/exchange.hpp"
#include "mktows/detail/soap_error.hpp"
#include "mktows/error.hpp"
#include "mktows/idempotency.hpp"
#include "mktows/limiter.hpp"
#include "mktows/options.hpp"
#include "mktows/retired.hpp"
#include "mktows/retry.hpp"
#include "mktows/timing.hpp"
#include "mktows/trace.hpp"

#include <chrono>
#include <memory>
#include <random>
#include <string>

namespace mktows {
namespace detail {

// The body elements of a request and of its answer, written and read by the
// generated serializers: `put` writes `request` (soap_put_X), `get` reads
// into `answer` (X::soap_get) and leaves soap->error set when the body holds
// something else.
struct Body {
  int (*put)(struct soap *, const void *request);
  const void *request;
  void (*get)(struct soap *, void *answer);
  void *answer;
};

// What one call sends.
struct Request {
  Operation op;
  bool dedup;  // with op: whether a resend may duplicate (idempotency.hpp)
  // The workspace to name: null: the plugin's default; "": none; else this one.
  const char *workspace;
  const char *action;  // SOAPAction
  Body body;
};

// What the calls of one client share: its context and exchange, its
// plugin and limiter, its options; and the batched freeing of deserialised
// answers (ClientOptions::free_every).
struct CallSite {
  explicit CallSite(const ClientOptions &o) : options(o), rng(std::random_device()()) {}
  CallSite(const CallSite &) = delete;
  CallSite &operator=(const CallSite &) = delete;

  // Frees every deserialised answer now (after a failure, before a resend).
  void free_answers() {
    soap_destroy(soap);
    soap_end(soap);
    calls_since_free = 0;
  }
  // A call's answer has been read into the caller's results: free them all
  // once free_every of them have piled up.
  void answer_used() {
    if (++calls_since_free >= options.free_every) free_answers();
  }

  const ClientOptions &options;
  struct soap *soap = nullptr;
  AuthPlugin *plugin = nullptr;
  std::shared_ptr<Limiter> limiter;  // null: no limiter
  Exchange exchange;
  std::mt19937 rng;  // jitter, unless options.random is set
  unsigned calls_since_free = 0;
  unsigned long requests_sent = 0;
};

class Call {
 public:
  explicit Call(CallSite &site) : site_(&site) {}
  Call(const Call &) = delete;
  Call &operator=(const Call &) = delete;

  // Sends the first attempt; `call_timeout` bounds each attempt (0: none).
  void start(const Request &request, std::chrono::milliseconds call_timeout) {
    request_ = request;
    start_ = steady_now(site_->options.steady_clock);
    attempt_ = 1;
    backoffs_ = 0;
    applied_ = false;
    site_->exchange.set_call_timeout(call_timeout);
    rc_ = send();
  }

  // Reads the answer of the attempt in flight and makes whatever further
  // attempts the policy asks for; returns the call's outcome (no error: the
  // answer is in request.body.answer).
  Error finish() {
    int rc = rc_;
    if (rc == SOAP_OK) rc = receive();
    Error e;
    while (!settle(rc, e)) {
      rc = send();
      if (rc == SOAP_OK) rc = receive();
    }
    // No answer, or not SOAP, from an address of the retired hosted
    // service: say why it cannot answer.
    if ((e.kind == ErrorKind::transport || e.kind == ErrorKind::http) &&
        is_retired_hosted_endpoint(site_->options.endpoint)) {
      e.retired_endpoint = true;
      e.message += " (" + retired_hosted_service_note() + ")";
    }
    return e;
  }

  // The attempts made so far (1 after start()).
  int attempts() const { return attempt_; }

 private:
  int send() {
    CallSite &s = *site_;
    if (s.limiter) permit_ = s.limiter->acquire(s.options.limiter, s.options.steady_clock, s.options.sleep);
    if (request_.workspace) s.plugin->set_call_workspace(request_.workspace);
    phase_ = Phase::send;
    const Body &b = request_.body;
    int rc = s.exchange.start(s.options.endpoint.c_str(), request_.action,
                              [&b](struct soap *soap) { return b.put(soap, b.request); });
    ++s.requests_sent;
    if (request_.workspace) s.plugin->clear_call_workspace();  // the header is written by now
    return rc;
  }

  int receive() {
    phase_ = Phase::receive;
    const Body &b = request_.body;
    return site_->exchange.finish([&b](struct soap *soap) { b.get(soap, b.answer); });
  }

  // After attempt attempt_ ended with `rc`: true when the call is over
  // (`out` is no error, or the error to report); false once the policy's
  // wait is over and the next attempt may go.
  bool settle(int rc, Error &out) {
    CallSite &s = *site_;
    const ClientOptions &o = s.options;
    permit_.release();
    if (o.trace) {
      o.trace(TraceDirection::request, redact(s.exchange.request()));
      o.trace(TraceDirection::response, redact(s.exchange.answer()));
    }
    if (rc == SOAP_OK) {
      out = Error();
      return true;
    }
    Error e = classify(s.soap, phase_, s.exchange.timed_out());
    if (s.exchange.frame_ended()) {
      e.kind = ErrorKind::protocol;
      e.transport = TransportFailure::none;
      e.message = "the answer's body ended (its Content-Length) before its XML did";
    }
    if (s.exchange.deadline_passed()) {
      e.kind = ErrorKind::transport;
      e.transport = TransportFailure::deadline;
      e.message = "no complete answer within the call timeout (" +
                  std::to_string(s.exchange.call_timeout().count()) + " ms)";
    }
    e.attempts = attempt_;
    bool applied = attempt_may_have_been_applied(e, phase_ == Phase::receive);
    applied_ = applied_ || applied;
    e.may_have_been_applied = applied_;
    std::chrono::milliseconds elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady_now(o.steady_clock) - start_);
    double r = o.random ? o.random() : std::uniform_real_distribution<double>(0.0, 1.0)(s.rng);
    RetryPolicy::Decision d = o.retry.decide(e, attempt_, backoffs_, elapsed, r);
    if (d.action == RetryPolicy::Action::stop) {
      out = e;
      return true;
    }
    if (!may_resend(request_.op, request_.dedup, applied)) {
      // when_keyed (operations.hpp): syncMultipleLeads without dedup,
      // syncMObjects as an INSERT.
      const char *why = info(request_.op).idempotency == Idempotency::never
                            ? ", and a resend would carry it out again)"
                        : request_.op == Operation::sync_mobjects
                            ? " as an INSERT, and a resend would create its objects again)"
                            : " with dedup off, and a resend would create its leads again)";
      e.message += std::string(" (not resent: the service may have applied this ") + to_string(request_.op) + why;
      out = e;
      return true;
    }
    if (d.action == RetryPolicy::Action::retry_after) {
      sleep_for(o.sleep, d.delay);
      ++backoffs_;
    }
    s.free_answers();  // the failed answer is not needed
    ++attempt_;
    return false;
  }

  CallSite *site_;
  Request request_ = Request();
  TimePoint start_;
  int attempt_ = 0;
  int backoffs_ = 0;
  Phase phase_ = Phase::send;
  bool applied_ = false;  // some attempt may have been applied by the service
  int rc_ = SOAP_OK;      // how the first attempt's sending ended
  Limiter::Permit permit_;
};

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_CALL_HPP
