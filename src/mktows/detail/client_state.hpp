// detail/client_state.hpp: what a mktows::Client holds behind its opaque
// pointer (client.hpp, detail/client_entry.hpp): the gSOAP proxy and its
// context with the signing plugin, the reused request objects of syncLead,
// syncMultipleLeads and getLead, and the Runner the other calls
// (detail/*_calls.hpp) go through. It needs the generated declarations, so
// it is compiled once, into the bindings library (src/client_entry.cpp),
// with gSOAP's variant definitions; no header a user includes reaches it.
//
// Per call: the lead is validated, the request is built in reused objects,
// and a detail::Call takes a limiter permit, sends the request (signed
// afresh by the plugin on every attempt) and reads its answer through
// detail::Exchange, and classifies and retries a failure as the
// RetryPolicy says.
#ifndef MKTOWS_DETAIL_CLIENT_STATE_HPP
#define MKTOWS_DETAIL_CLIENT_STATE_HPP

#include "mktows/wire.hpp"

#include "mktows/auth_plugin.hpp"
#include "mktows/detail/call.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/exchange.hpp"
#include "mktows/detail/runner.hpp"
#include "mktows/detail/soap_error.hpp"
#include "mktows/detail/ssl_init.hpp"
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

#include <chrono>
#include <climits>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

namespace detail {

static const char kSyncLeadAction[] = "http://www.marketo.com/mktows/syncLead";
static const char kSyncMultipleLeadsAction[] = "http://www.marketo.com/mktows/syncMultipleLeads";
static const char kGetLeadAction[] = "http://www.marketo.com/mktows/getLead";

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

// The workspace to send with an operation: none ("") where the binding the
// client was generated from does not declare MktowsContextHeader on it (the
// vendor's 2_2 WSDL declares it on syncLead only), else `call_workspace`
// (null: the plugin's default, the client's).
inline const char *workspace_for(bool declared, const std::string *call_workspace) {
  if (!declared) return "";
  return call_workspace ? call_workspace->c_str() : nullptr;
}

// Each operation's request and answer, reused between calls (their
// vectors and strings keep their capacity), with the functions that write
// the request's body element and read the answer's (detail/call.hpp's Body).

// syncLead, and its call: ClientPool::sync_each keeps it in flight between
// start and finish.
struct SyncLeadMessages {
  explicit SyncLeadMessages(CallSite &site) : call(site) {}

  void fill(const Lead &lead, const CallOptions &options) {
    params.leadRecord = slot.fill(lead);
    params.returnLead = options.return_lead();
    if (options.has_marketo_cookie()) {
      cookie = options.marketo_cookie();
      params.marketoCookie = &cookie;
    } else {
      params.marketoCookie = nullptr;
    }
    message.mktows__paramsSyncLead = &params;
    has_workspace = options.has_workspace();
    if (has_workspace) workspace = options.workspace();  // kept: `options` may not outlive start()
  }
  Request request() {
    Request r = {Operation::sync_lead, false,
                 workspace_for(wire::context_header_declared::syncLead, has_workspace ? &workspace : nullptr),
                 kSyncLeadAction, {&put, &message, &get, &answer}};
    return r;
  }
  static int put(struct soap *soap, const void *m) {
    return wire::soap_put___mktows__syncLead(soap, static_cast<const wire::__mktows__syncLead *>(m),
                                             "-mktows:syncLead", "");
  }
  static void get(struct soap *soap, void *a) {
    wire::mktows__SuccessSyncLead *answer = static_cast<wire::mktows__SuccessSyncLead *>(a);
    answer->soap_default(soap);
    answer->soap_get(soap, "mktows:successSyncLead", nullptr);
  }

  RecordSlot slot;
  wire::mktows__ParamsSyncLead params;
  wire::__mktows__syncLead message;
  std::string cookie;
  bool has_workspace = false;
  std::string workspace;
  wire::mktows__SuccessSyncLead answer;
  Error refused;  // why the call in flight was not sent (set-up, validation)
  Call call;
};

// syncMultipleLeads, one batch of at most kMaxBatch leads at a time.
struct SyncMultipleLeadsMessages {
  void fill(const std::vector<Lead> &leads, std::size_t first, std::size_t count, bool dedup_enabled) {
    while (slots.size() < count) slots.push_back(std::unique_ptr<RecordSlot>(new RecordSlot));
    list.leadRecord.clear();
    for (std::size_t i = 0; i < count; ++i) list.leadRecord.push_back(slots[i]->fill(leads[first + i]));
    params.leadRecordList = &list;
    dedup = dedup_enabled;
    params.dedupEnabled = &dedup;
    message.mktows__paramsSyncMultipleLeads = &params;
  }
  Request request(const std::string *call_workspace) {
    Request r = {Operation::sync_multiple_leads, dedup,
                 workspace_for(wire::context_header_declared::syncMultipleLeads, call_workspace),
                 kSyncMultipleLeadsAction, {&put, &message, &get, &answer}};
    return r;
  }
  static int put(struct soap *soap, const void *m) {
    return wire::soap_put___mktows__syncMultipleLeads(
        soap, static_cast<const wire::__mktows__syncMultipleLeads *>(m), "-mktows:syncMultipleLeads", "");
  }
  static void get(struct soap *soap, void *a) {
    wire::mktows__SuccessSyncMultipleLeads *answer = static_cast<wire::mktows__SuccessSyncMultipleLeads *>(a);
    answer->soap_default(soap);
    answer->soap_get(soap, "mktows:successSyncMultipleLeads", nullptr);
  }

  std::vector<std::unique_ptr<RecordSlot> > slots;
  wire::mktows__ArrayOfLeadRecord list;
  wire::mktows__ParamsSyncMultipleLeads params;
  bool dedup = false;
  wire::__mktows__syncMultipleLeads message;
  wire::mktows__SuccessSyncMultipleLeads answer;
};

// getLead.
struct GetLeadMessages {
  void fill(const LeadKey &lead_key) {
    key.keyType = to_wire(lead_key.type);
    key.keyValue = lead_key.value;
    params.leadKey = &key;
    message.mktows__paramsGetLead = &params;
  }
  Request request() {
    // (CallOptions has no workspace for getLead: the client's.)
    Request r = {Operation::get_lead, false, workspace_for(wire::context_header_declared::getLead, nullptr),
                 kGetLeadAction, {&put, &message, &get, &answer}};
    return r;
  }
  static int put(struct soap *soap, const void *m) {
    return wire::soap_put___mktows__getLead(soap, static_cast<const wire::__mktows__getLead *>(m),
                                            "-mktows:getLead", "");
  }
  static void get(struct soap *soap, void *a) {
    wire::mktows__SuccessGetLead *answer = static_cast<wire::mktows__SuccessGetLead *>(a);
    answer->soap_default(soap);
    answer->soap_get(soap, "mktows:successGetLead", nullptr);
  }

  wire::mktows__LeadKey key;
  wire::mktows__ParamsGetLead params;
  wire::__mktows__getLead message;
  wire::mktows__SuccessGetLead answer;
};

// A client's context, set up from its options, and its operations: each
// validates its input, fills its messages and drives a Call.
class ClientState : public Runner {
 public:
  explicit ClientState(const ClientOptions &options) : options_(options), site_(options_), sync_(site_) {
    site_.soap = proxy_.soap;
    setup();
    // The key now lives only in the plugin's keyed context.
    options_.encryption_key.clear();
  }
  ClientState(const ClientState &) = delete;
  ClientState &operator=(const ClientState &) = delete;

  virtual ~ClientState() {
    if (proxy_.soap) proxy_.soap->user = nullptr;
  }

  // Runner, for the calls of detail/*_calls.hpp.
  Error run(const Request &request, const CallOptions &call) override {
    if (!setup_error_.ok()) return setup_error_;
    Call c(site_);
    c.start(request, call_timeout_for(call));
    Error e = c.finish();
    last_attempts_ = c.attempts();
    if (!e.ok()) return failed(e);
    return e;
  }
  Error answer_lacks(const std::string &what) override {
    Error e;
    e.kind = ErrorKind::protocol;
    e.may_have_been_applied = true;  // a success answer without its result
    e.message = "the answer lacks " + what;
    e.attempts = last_attempts_;
    return failed(e);
  }
  void answer_used() override { site_.answer_used(); }
  void free_now() override { site_.free_answers(); }
  struct soap *context() override { return proxy_.soap; }
  std::time_t now() const override { return options_.wall_clock ? options_.wall_clock() : std::time(nullptr); }

  const Error &setup_error() const { return setup_error_; }
  unsigned long requests_sent() const { return site_.requests_sent; }
  struct soap *soap() { return proxy_.soap; }

  Result<SyncResult> sync_lead(const Lead &lead, const CallOptions &call) {
    start_sync_lead(lead, call);
    return finish_sync_lead();
  }

  // sync_lead's halves, for ClientPool::sync_each: start_sync_lead()
  // validates the lead and sends the first attempt; finish_sync_lead()
  // reads its answer and makes whatever further attempts the retry policy
  // asks for.
  void start_sync_lead(const Lead &lead, const CallOptions &call) {
    SyncLeadMessages &m = sync_;
    m.refused = setup_error_;
    if (m.refused.ok()) m.refused = validate(lead);
    if (m.refused.ok()) m.refused = validate(call);
    if (!m.refused.ok()) return;
    m.fill(lead, call);
    m.call.start(m.request(), call_timeout_for(call));
  }

  Result<SyncResult> finish_sync_lead() {
    SyncLeadMessages &m = sync_;
    if (!m.refused.ok()) return m.refused;
    Error e = m.call.finish();
    if (!e.ok()) return failed(e);
    const wire::mktows__SuccessSyncLead &response = m.answer;
    if (!response.result || !response.result->syncStatus)
      return failed(missing("successSyncLead/result/syncStatus", m.call));
    SyncResult out;
    out.lead_id = response.result->leadId;
    out.status = from_wire(response.result->syncStatus->status);
    if (response.result->syncStatus->error) out.error = *response.result->syncStatus->error;
    if (response.result->leadRecord) {
      out.has_lead = true;
      out.lead = read_lead(*response.result->leadRecord);
    }
    site_.answer_used();
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
    SyncMultipleLeadsMessages &m = batch_;
    const std::string *workspace = call.has_workspace() ? &call.workspace() : nullptr;
    for (std::size_t first = 0; first < leads.size(); first += kMaxBatch) {
      std::size_t count = leads.size() - first < kMaxBatch ? leads.size() - first : kMaxBatch;
      m.fill(leads, first, count, dedup);
      Call c(site_);
      c.start(m.request(workspace), call_timeout_for(call));
      Error e = c.finish();
      const wire::mktows__SuccessSyncMultipleLeads &response = m.answer;
      if (e.ok() && (!response.result || !response.result->syncStatusList))
        e = missing("successSyncMultipleLeads/result/syncStatusList", c);
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
        return failed(e);
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
      site_.answer_used();
    }
    return out;
  }

  Result<std::vector<Lead> > get_lead(const LeadKey &key, const CallOptions &call) {
    if (!setup_error_.ok()) return setup_error_;
    Error invalid = validate(key);
    if (!invalid.ok()) return invalid;
    GetLeadMessages &m = get_;
    m.fill(key);
    Call c(site_);
    c.start(m.request(), call_timeout_for(call));
    Error e = c.finish();
    if (!e.ok()) return failed(e);
    const wire::mktows__SuccessGetLead &response = m.answer;
    if (!response.result) return failed(missing("successGetLead/result", c));
    std::vector<Lead> out;
    if (response.result->leadRecordList) {
      const std::vector<wire::mktows__LeadRecord *> &records = response.result->leadRecordList->leadRecord;
      out.reserve(records.size());
      for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i]) out.push_back(read_lead(*records[i]));
    }
    site_.answer_used();
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
    auth.encryption_key = options_.encryption_key;  // a Secret: wiped when `auth` dies
    auth.workspace = options_.workspace;
    auth.clock = options_.wall_clock;
    if (soap_register_plugin_arg(soap, auth_plugin, &auth) != SOAP_OK) {
      setup_error_.kind = ErrorKind::protocol;
      setup_error_.message = "cannot register the signing plugin (HMAC-SHA1 unavailable?)";
      return;
    }
    site_.plugin = AuthPlugin::find(soap);
    site_.exchange.attach(soap, tls, options_.send_timeout, options_.receive_timeout,
                          static_cast<bool>(options_.trace));
    if (options_.limiter.enabled) site_.limiter = Limiter::for_user(options_.user_id);
  }

  std::chrono::milliseconds call_timeout_for(const CallOptions &call) const {
    return call.has_call_timeout() ? call.call_timeout() : options_.call_timeout;
  }

  static Error missing(const char *what, const Call &call) {
    Error e;
    e.kind = ErrorKind::protocol;
    e.may_have_been_applied = true;  // a success answer without its result
    e.message = std::string("the answer lacks ") + what;
    e.attempts = call.attempts();
    return e;
  }

  // A call that ends in an error frees its answers at once.
  Error failed(const Error &e) {
    site_.free_answers();
    return e;
  }

  SkipRuntimeSslInit ssl_init_;  // before proxy_: its constructor runs soap_init()
  wire::MktowsApiSoapBindingProxy proxy_;
  ClientOptions options_;
  CallSite site_;  // after options_, which it refers to
  Error setup_error_;
  SyncLeadMessages sync_;
  SyncMultipleLeadsMessages batch_;
  GetLeadMessages get_;
  int last_attempts_ = 0;  // of the last call run()
};

}  // namespace detail

}  // namespace mktows

#endif  // MKTOWS_DETAIL_CLIENT_STATE_HPP
