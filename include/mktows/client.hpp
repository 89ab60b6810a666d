// client.hpp: mktows::Client, the idiomatic way to call syncLead,
// syncMultipleLeads and getLead.
//
//   mktows::ClientOptions options;
//   options.endpoint = "https://123-ABC-456.mktoapi.com/soap/mktows/2_2";
//   options.user_id = "bigcorp1_461839624B16E06BA2D663";
//   options.encryption_key = key;
//   mktows::Client client(options);
//   auto r = client.sync_lead(mktows::Lead().email("george@jungle.com")
//                                 .attribute("FirstName", "George"));
//   if (r) std::cout << r->lead_id << ' ' << mktows::to_string(r->status) << '\n';
//   else   std::cerr << r.error() << '\n';
//
// One Client owns one gSOAP context with the signing plugin registered; it
// is movable, not copyable, and used by one thread at a time (ClientPool
// serves several threads). Calls never throw: they return Result<T>.
//
// Per call: the lead is validated, the request is built in reused objects,
// a limiter permit is taken, the request is sent (signed afresh by the
// plugin on every attempt) and its answer read by detail::Exchange, and a
// failure is classified and retried as the RetryPolicy says.
#ifndef MKTOWS_CLIENT_HPP
#define MKTOWS_CLIENT_HPP

#include "mktows/wire.hpp"

#include "mktows/auth_plugin.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/exchange.hpp"
#include "mktows/detail/soap_error.hpp"
#include "mktows/error.hpp"
#include "mktows/idempotency.hpp"
#include "mktows/lead.hpp"
#include "mktows/limiter.hpp"
#include "mktows/limits.hpp"  // kMaxBatch
#include "mktows/options.hpp"
#include "mktows/retry.hpp"
#include "mktows/timing.hpp"
#include "mktows/trace.hpp"
#include "mktows/validation.hpp"

#include <openssl/opensslv.h>

#include <chrono>
#include <climits>
#include <cstddef>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

namespace detail {

static const char kSyncLeadAction[] = "http://www.marketo.com/mktows/syncLead";
static const char kSyncMultipleLeadsAction[] = "http://www.marketo.com/mktows/syncMultipleLeads";
static const char kGetLeadAction[] = "http://www.marketo.com/mktows/getLead";

// gSOAP's soap_init() runs soap_ssl_init() the first time any context is
// made: OpenSSL's library set-up and RAND_load_file("/dev/urandom"), which
// instantiates the DRBG: 7.9M instructions, half of a client's cold start,
// and useless for a plain-HTTP endpoint. OpenSSL 1.1 and later initialise
// themselves on first use (SSL_CTX_new, which soap_ssl_client_context
// calls, loads the TLS library and its error strings) and seed the DRBG
// from the OS. So the client tells gSOAP to skip it, with soap_ssl_noinit,
// gSOAP's switch for this, before its first context. Other gSOAP contexts
// of the process lose nothing: OpenSSL still initialises itself when they
// first use it.
inline void skip_runtime_ssl_init_once() {
#if OPENSSL_VERSION_NUMBER >= 0x10100000L
  static std::once_flag once;
  std::call_once(once, [] { soap_ssl_noinit(); });
#endif
}

// Before a TLS context: OpenSSL older than 1.1 needs the explicit set-up.
inline void ssl_init_once() {
#if OPENSSL_VERSION_NUMBER < 0x10100000L
  static std::once_flag once;
  std::call_once(once, [] { soap_ssl_init(); });
#endif
}

// Constructed before the context (a member declared first).
struct RuntimeSetup {
  RuntimeSetup() { skip_runtime_ssl_init_once(); }
};

// gSOAP timeouts: positive = seconds, negative = microseconds.
inline int soap_timeout(std::chrono::milliseconds t) {
  long long ms = t.count();
  if (ms <= 0) return 0;
  if (ms % 1000 == 0 && ms / 1000 <= INT_MAX) return static_cast<int>(ms / 1000);
  if (ms <= INT_MAX / 1000) return -static_cast<int>(ms * 1000);
  return static_cast<int>(ms / 1000);
}

inline bool starts_with_https(const std::string &url) {
  static const char https[] = "https:";
  return url.size() >= 6 && detail::ascii_iequal(url.c_str(), https, 6);
}

class ClientState {
 public:
  explicit ClientState(const ClientOptions &options)
      : options_(options),
        plugin_(nullptr),
        rng_(std::random_device()()),
        calls_since_free_(0),
        requests_sent_(0) {
    setup();
    // The key now lives only in the plugin's keyed context.
    wipe_string(options_.encryption_key);
  }
  ClientState(const ClientState &) = delete;
  ClientState &operator=(const ClientState &) = delete;

  ~ClientState() {
    if (proxy_.soap) proxy_.soap->user = nullptr;
  }

  const Error &setup_error() const { return setup_error_; }
  unsigned long requests_sent() const { return requests_sent_; }
  struct soap *soap() { return proxy_.soap; }

  Result<SyncResult> sync_lead(const Lead &lead, const CallOptions &call) {
    send_sync_lead(lead, call);
    return receive_sync_lead();
  }

  // sync_lead in two halves, so that one thread can keep calls in flight on
  // several clients (ClientPool::sync_each): send_sync_lead() validates the
  // lead and sends the first attempt; receive_sync_lead() reads its answer
  // and makes whatever further attempts the retry policy asks for.
  void send_sync_lead(const Lead &lead, const CallOptions &call) {
    pending_error_ = setup_error_;
    if (pending_error_.ok()) pending_error_ = validate(lead);
    if (pending_error_.ok()) pending_error_ = validate(call);
    if (!pending_error_.ok()) return;
    sync_params_.leadRecord = sync_slot_.fill(lead);
    sync_params_.returnLead = call.return_lead();
    if (call.has_marketo_cookie()) {
      cookie_ = call.marketo_cookie();
      sync_params_.marketoCookie = &cookie_;
    } else {
      sync_params_.marketoCookie = nullptr;
    }
    sync_message_.mktows__paramsSyncLead = &sync_params_;
    pending_has_workspace_ = call.has_workspace();
    if (pending_has_workspace_) pending_workspace_ = call.workspace();
    pending_ = Attempts(steady_now(options_.steady_clock), Operation::sync_lead, false);
    exchange_.set_call_timeout(call_timeout_for(call));
    pending_rc_ = send_attempt(pending_, pending_workspace(), kSyncLeadAction, put_sync_lead());
  }

  Result<SyncResult> receive_sync_lead() {
    if (!pending_error_.ok()) return pending_error_;
    int rc = pending_rc_;
    if (rc == SOAP_OK) rc = receive_attempt(pending_, get_sync_lead());
    Error e = continue_call(pending_, rc, pending_workspace(), kSyncLeadAction, put_sync_lead(), get_sync_lead());
    if (!e.ok()) return finish(e);
    const wire::mktows__SuccessSyncLead &response = sync_response_;
    if (!response.result || !response.result->syncStatus) return finish(missing("successSyncLead/result/syncStatus"));
    SyncResult out;
    out.lead_id = response.result->leadId;
    out.status = from_wire(response.result->syncStatus->status);
    if (response.result->syncStatus->error) out.error = *response.result->syncStatus->error;
    if (response.result->leadRecord) {
      out.has_lead = true;
      out.lead = read_lead(*response.result->leadRecord);
    }
    after_call();
    return out;
  }

  Result<std::vector<SyncResult> > sync_multiple_leads(const std::vector<Lead> &leads, bool dedup,
                                                        const CallOptions &call) {
    if (!setup_error_.ok()) return setup_error_;
    if (leads.empty())
      return validation_error(ValidationRule::batch_empty, "batch_empty: sync_multiple_leads needs at least one lead");
    Error invalid_call = validate(call);
    if (!invalid_call.ok()) return invalid_call;
    for (std::size_t i = 0; i < leads.size(); ++i) {
      Error invalid = validate(leads[i]);
      if (!invalid.ok()) {
        invalid.message = "lead #" + std::to_string(i) + ": " + invalid.message;
        return invalid;
      }
    }
    std::vector<SyncResult> out;
    out.reserve(leads.size());
    const char *workspace = workspace_for(call, wire::context_header_declared::syncMultipleLeads);
    exchange_.set_call_timeout(call_timeout_for(call));
    for (std::size_t first = 0; first < leads.size(); first += kMaxBatch) {
      std::size_t count = leads.size() - first < kMaxBatch ? leads.size() - first : kMaxBatch;
      while (batch_slots_.size() < count) batch_slots_.push_back(std::unique_ptr<RecordSlot>(new RecordSlot));
      batch_list_.leadRecord.clear();
      for (std::size_t i = 0; i < count; ++i) batch_list_.leadRecord.push_back(batch_slots_[i]->fill(leads[first + i]));
      batch_params_.leadRecordList = &batch_list_;
      dedup_ = dedup;
      batch_params_.dedupEnabled = &dedup_;
      wire::__mktows__syncMultipleLeads message;
      message.mktows__paramsSyncMultipleLeads = &batch_params_;
      wire::mktows__SuccessSyncMultipleLeads &response = batch_response_;
      Error e = run(Operation::sync_multiple_leads, dedup, workspace, kSyncMultipleLeadsAction,
                    PutBody<wire::__mktows__syncMultipleLeads>(wire::soap_put___mktows__syncMultipleLeads, &message,
                                                         "-mktows:syncMultipleLeads"),
                    GetBody<wire::mktows__SuccessSyncMultipleLeads>(&response, "mktows:successSyncMultipleLeads"));
      if (e.ok() && (!response.result || !response.result->syncStatusList))
        e = missing("successSyncMultipleLeads/result/syncStatusList");
      if (e.ok() && response.result->syncStatusList->syncStatus.size() != count) {
        e.kind = ErrorKind::protocol;
        e.may_have_been_applied = true;  // the service answered as if it had
        e.message = "the service answered " + std::to_string(response.result->syncStatusList->syncStatus.size()) +
                    " statuses for " + std::to_string(count) + " leads";
      }
      if (!e.ok()) {
        e.completed = first;
        if (leads.size() > kMaxBatch)
          e.message = "batch of leads #" + std::to_string(first) + "-#" + std::to_string(first + count - 1) + ": " +
                      e.message;
        return finish(e);
      }
      // The service answers one status per record, in request order.
      const std::vector<wire::mktows__SyncStatus *> &statuses = response.result->syncStatusList->syncStatus;
      for (std::size_t i = 0; i < count; ++i) {
        SyncResult r;
        if (statuses[i]) {
          r.lead_id = statuses[i]->leadId;
          r.status = from_wire(statuses[i]->status);
          if (statuses[i]->error) r.error = *statuses[i]->error;
        }
        out.push_back(std::move(r));
      }
      after_call();
    }
    return out;
  }

  Result<std::vector<Lead> > get_lead(const LeadKey &key, const CallOptions &call) {
    if (!setup_error_.ok()) return setup_error_;
    Error invalid = validate(key);
    if (!invalid.ok()) return invalid;
    exchange_.set_call_timeout(call_timeout_for(call));
    key_.keyType = to_wire(key.type);
    key_.keyValue = key.value;
    get_params_.leadKey = &key_;
    wire::__mktows__getLead message;
    message.mktows__paramsGetLead = &get_params_;
    wire::mktows__SuccessGetLead &response = get_response_;
    Error e = run(Operation::get_lead, false, workspace_for(CallOptions(), wire::context_header_declared::getLead),
                  kGetLeadAction,
                  PutBody<wire::__mktows__getLead>(wire::soap_put___mktows__getLead, &message, "-mktows:getLead"),
                  GetBody<wire::mktows__SuccessGetLead>(&response, "mktows:successGetLead"));
    if (!e.ok()) return finish(e);
    if (!response.result) return finish(missing("successGetLead/result"));
    std::vector<Lead> out;
    if (response.result->leadRecordList) {
      const std::vector<wire::mktows__LeadRecord *> &records = response.result->leadRecordList->leadRecord;
      out.reserve(records.size());
      for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i]) out.push_back(read_lead(*records[i]));
    }
    after_call();
    return out;
  }

 private:
  void setup() {
    struct soap *soap = proxy_.soap;
    if (options_.endpoint.empty() || options_.user_id.empty() || options_.encryption_key.empty()) {
      setup_error_ = validation_error(ValidationRule::client_options,
                                      "client_options: endpoint, user_id and encryption_key are required");
      return;
    }
    Error text = validate_text("client_options user_id", options_.user_id);
    if (text.ok()) text = validate_text("client_options workspace", options_.workspace);
    if (!text.ok()) {
      setup_error_ = text;
      return;
    }
    // UTF-8 in and out as is: without this gSOAP treats std::string as Latin-1.
    soap_set_mode(soap, SOAP_C_UTFSTRING);
    if (options_.keep_alive) soap_set_mode(soap, SOAP_IO_KEEPALIVE);
    soap->connect_timeout = soap_timeout(options_.connect_timeout);
    soap->send_timeout = soap_timeout(options_.send_timeout);
    soap->recv_timeout = soap_timeout(options_.receive_timeout);
    soap->recv_maxlength = options_.max_response_bytes;
    if (!options_.proxy_host.empty()) {
      soap->proxy_host = options_.proxy_host.c_str();
      soap->proxy_port = options_.proxy_port;
    }
    const bool tls = starts_with_https(options_.endpoint);
    if (tls) {
      ssl_init_once();
      unsigned short flags = options_.verify_tls ? SOAP_SSL_DEFAULT : SOAP_SSL_NO_AUTHENTICATION;
      if (soap_ssl_client_context(soap, flags, nullptr, nullptr,
                                  options_.ca_file.empty() ? nullptr : options_.ca_file.c_str(),
                                  options_.ca_dir.empty() ? nullptr : options_.ca_dir.c_str(), nullptr)) {
        setup_error_ = classify(soap, Phase::send, false);
        setup_error_.kind = ErrorKind::transport;
        setup_error_.transport = TransportFailure::tls;
        return;
      }
    }
    AuthSettings auth;
    auth.user_id = options_.user_id;
    auth.encryption_key = options_.encryption_key;  // wiped by ~AuthSettings
    auth.workspace = options_.workspace;
    auth.clock = options_.wall_clock;
    if (soap_register_plugin_arg(soap, auth_plugin, &auth) != SOAP_OK) {
      setup_error_.kind = ErrorKind::protocol;
      setup_error_.message = "cannot register the signing plugin (HMAC-SHA1 unavailable?)";
      return;
    }
    plugin_ = AuthPlugin::find(soap);
    exchange_.attach(soap, tls, options_.send_timeout, options_.receive_timeout, static_cast<bool>(options_.trace));
    if (options_.limiter.enabled) limiter_ = Limiter::for_user(options_.user_id);
  }

  // The workspace to send with an operation: none ("") where the binding
  // the client was generated from does not declare MktowsContextHeader on
  // it (the vendor's 2_2 WSDL declares it on syncLead only), else the
  // call's, else the client's (null: the plugin's default).
  static const char *workspace_for(const CallOptions &call, bool declared) {
    if (!declared) return "";
    return call.has_workspace() ? call.workspace().c_str() : nullptr;
  }

  std::chrono::milliseconds call_timeout_for(const CallOptions &call) const {
    return call.has_call_timeout() ? call.call_timeout() : options_.call_timeout;
  }

  Error missing(const char *what) {
    Error e;
    e.kind = ErrorKind::protocol;
    e.may_have_been_applied = true;  // a success answer without its result
    e.message = std::string("the answer lacks ") + what;
    e.attempts = last_attempts_;
    return e;
  }

  // One call's way through its attempts.
  struct Attempts {
    Attempts() : attempt(1), backoffs(0), phase(Phase::send), op(Operation::get_lead), dedup(false), applied(false) {}
    Attempts(TimePoint s, Operation o, bool d)
        : start(s), attempt(1), backoffs(0), phase(Phase::send), op(o), dedup(d), applied(false) {}
    TimePoint start;
    int attempt;
    int backoffs;
    Phase phase;
    Operation op;  // with dedup: whether a resend may duplicate (idempotency.hpp)
    bool dedup;
    bool applied;  // some attempt may have been applied by the service
    Limiter::Permit permit;
  };

  // What Exchange calls to write a request's body element and to read the
  // answer's, for every operation: the generated soap_put function of the
  // request message, and the generated class of the answer (reused between
  // calls). Functors, not lambdas: C++11 cannot return a lambda.
  template <class Message>
  struct PutBody {
    typedef int (*Writer)(struct soap *, const Message *, const char *, const char *);
    PutBody(Writer w, const Message *m, const char *t) : write(w), message(m), tag(t) {}
    int operator()(struct soap *soap) const { return write(soap, message, tag, ""); }
    Writer write;
    const Message *message;
    const char *tag;
  };
  template <class Answer>
  struct GetBody {
    GetBody(Answer *a, const char *t) : answer(a), tag(t) {}
    void operator()(struct soap *soap) const {
      answer->soap_default(soap);
      answer->soap_get(soap, tag, nullptr);
    }
    Answer *answer;
    const char *tag;
  };

  PutBody<wire::__mktows__syncLead> put_sync_lead() const {
    return PutBody<wire::__mktows__syncLead>(wire::soap_put___mktows__syncLead, &sync_message_, "-mktows:syncLead");
  }
  GetBody<wire::mktows__SuccessSyncLead> get_sync_lead() {
    return GetBody<wire::mktows__SuccessSyncLead>(&sync_response_, "mktows:successSyncLead");
  }

  const char *pending_workspace() const {
    if (!wire::context_header_declared::syncLead) return "";
    return pending_has_workspace_ ? pending_workspace_.c_str() : nullptr;
  }

  template <class Put>
  int send_attempt(Attempts &a, const char *workspace, const char *action, Put put) {
    if (limiter_) a.permit = limiter_->acquire(options_.limiter, options_.steady_clock, options_.sleep);
    if (workspace) plugin_->set_call_workspace(workspace);
    a.phase = Phase::send;
    int rc = exchange_.start(options_.endpoint.c_str(), action, put);
    ++requests_sent_;
    if (workspace) plugin_->clear_call_workspace();  // the header is written by now
    return rc;
  }

  template <class Get>
  int receive_attempt(Attempts &a, Get get) {
    a.phase = Phase::receive;
    return exchange_.finish(get);
  }

  // After attempt a.attempt ended with `rc`: true when the call is over
  // (`out` is no error, or the error to report); false once the policy's
  // wait is over and the next attempt may go.
  bool settle(Attempts &a, int rc, Error &out) {
    a.permit.release();
    if (options_.trace) {
      options_.trace(TraceDirection::request, redact(exchange_.request()));
      options_.trace(TraceDirection::response, redact(exchange_.answer()));
    }
    last_attempts_ = a.attempt;
    if (rc == SOAP_OK) {
      out = Error();
      return true;
    }
    Error e = classify(proxy_.soap, a.phase, exchange_.timed_out());
    if (exchange_.frame_ended()) {
      e.kind = ErrorKind::protocol;
      e.transport = TransportFailure::none;
      e.message = "the answer's body ended (its Content-Length) before its XML did";
    }
    if (exchange_.deadline_passed()) {
      e.kind = ErrorKind::transport;
      e.transport = TransportFailure::deadline;
      e.message = "no complete answer within the call timeout (" +
                  std::to_string(exchange_.call_timeout().count()) + " ms)";
    }
    e.attempts = a.attempt;
    bool applied = attempt_may_have_been_applied(e, a.phase == Phase::receive);
    a.applied = a.applied || applied;
    e.may_have_been_applied = a.applied;
    std::chrono::milliseconds elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady_now(options_.steady_clock) - a.start);
    double r = options_.random ? options_.random() : std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
    RetryPolicy::Decision d = options_.retry.decide(e, a.attempt, a.backoffs, elapsed, r);
    if (d.action == RetryPolicy::Action::stop) {
      out = e;
      return true;
    }
    if (!may_resend(a.op, a.dedup, applied)) {
      e.message += std::string(" (not resent: the service may have applied this ") + to_string(a.op) +
                   " with dedup off, and a resend would create its leads again)";
      out = e;
      return true;
    }
    if (d.action == RetryPolicy::Action::retry_after) {
      sleep_for(options_.sleep, d.delay);
      ++a.backoffs;
    }
    proxy_.destroy();  // the failed answer is not needed
    calls_since_free_ = 0;
    ++a.attempt;
    return false;
  }

  // Given how the current attempt ended, makes the further attempts the
  // policy asks for; returns the call's outcome.
  template <class Put, class Get>
  Error continue_call(Attempts &a, int rc, const char *workspace, const char *action, Put put, Get get) {
    Error e;
    while (!settle(a, rc, e)) {
      rc = send_attempt(a, workspace, action, put);
      if (rc == SOAP_OK) rc = receive_attempt(a, get);
    }
    return e;
  }

  template <class Put, class Get>
  Error run(Operation op, bool dedup, const char *workspace, const char *action, Put put, Get get) {
    Attempts a(steady_now(options_.steady_clock), op, dedup);
    int rc = send_attempt(a, workspace, action, put);
    if (rc == SOAP_OK) rc = receive_attempt(a, get);
    return continue_call(a, rc, workspace, action, put, get);
  }

  Error finish(const Error &e) {
    proxy_.destroy();
    calls_since_free_ = 0;
    return e;
  }

  void after_call() {
    if (++calls_since_free_ >= options_.free_every) {
      proxy_.destroy();
      calls_since_free_ = 0;
    }
  }

  RuntimeSetup runtime_setup_;  // before proxy_: its constructor runs soap_init()
  wire::MktowsApiSoapBindingProxy proxy_;
  ClientOptions options_;
  AuthPlugin *plugin_;
  Error setup_error_;
  std::shared_ptr<Limiter> limiter_;
  std::mt19937 rng_;
  unsigned calls_since_free_;
  unsigned long requests_sent_;
  int last_attempts_ = 0;

  Exchange exchange_;

  RecordSlot sync_slot_;
  wire::mktows__ParamsSyncLead sync_params_;
  wire::__mktows__syncLead sync_message_;
  Error pending_error_;  // why the pending sync_lead was not sent (validation, set-up)
  Attempts pending_;
  int pending_rc_ = SOAP_OK;
  bool pending_has_workspace_ = false;
  std::string pending_workspace_;
  std::string cookie_;
  wire::mktows__SuccessSyncLead sync_response_;

  std::vector<std::unique_ptr<RecordSlot> > batch_slots_;
  wire::mktows__ArrayOfLeadRecord batch_list_;
  wire::mktows__ParamsSyncMultipleLeads batch_params_;
  bool dedup_ = false;
  wire::mktows__SuccessSyncMultipleLeads batch_response_;

  wire::mktows__LeadKey key_;
  wire::mktows__ParamsGetLead get_params_;
  wire::mktows__SuccessGetLead get_response_;
};

}  // namespace detail

class ClientPool;

class Client {
 public:
  explicit Client(const ClientOptions &options) : state_(new detail::ClientState(options)) {}
  Client(Client &&other) noexcept : state_(std::move(other.state_)) {}
  Client &operator=(Client &&other) noexcept {
    state_ = std::move(other.state_);
    return *this;
  }
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  // Inserts or updates one lead.
  Result<SyncResult> sync_lead(const Lead &lead, const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return state_->sync_lead(lead, options);
  }

  // Inserts or updates many leads, in batches of at most 300; one result
  // per input lead, in input order.
  Result<std::vector<SyncResult> > sync_multiple_leads(const std::vector<Lead> &leads, bool dedup = true,
                                                        const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return state_->sync_multiple_leads(leads, dedup, options);
  }

  // The leads matching a key (an email can match several).
  Result<std::vector<Lead> > get_lead(const LeadKey &key, const CallOptions &options = CallOptions()) {
    if (!state_) return moved_from();
    return state_->get_lead(key, options);
  }

  // Why every call will fail (bad options, TLS setup), or an Error with kind none.
  Error setup_error() const { return state_ ? state_->setup_error() : moved_from(); }
  bool ready() const { return state_ && state_->setup_error().ok(); }

  // Requests put on the wire (attempts, retries included).
  unsigned long requests_sent() const { return state_ ? state_->requests_sent() : 0; }

 private:
  friend class ClientPool;  // sync_each drives the two halves of sync_lead
  static Error moved_from() {
    return validation_error(ValidationRule::client_options, "client_options: this client was moved from");
  }
  std::unique_ptr<detail::ClientState> state_;
};

}  // namespace mktows

#endif  // MKTOWS_CLIENT_HPP
