// client.hpp: mktows::Client, the idiomatic way to call the mktows 2_2
// operations people use: syncLead, syncMultipleLeads, getLead,
// getMultipleLeads, getLeadActivity and getLeadChanges (pagers, pager.hpp),
// listOperation, importToList and its status, getCampaignsForSource,
// requestCampaign, scheduleCampaign, mergeLeads.
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
// The calls beyond the lead calls are there when the bindings' WSDL has
// their operation (MKTOWS_BINDINGS_HAS_<operation>, mktows_bindings.h).
//
// Per call: the lead is validated, the request is built in reused objects
// (detail::ClientState), and a detail::Call takes a limiter permit, sends
// the request (signed afresh by the plugin on every attempt) and reads its
// answer through detail::Exchange, and classifies and retries a failure as
// the RetryPolicy says.
#ifndef MKTOWS_CLIENT_HPP
#define MKTOWS_CLIENT_HPP

#include "mktows/wire.hpp"

#include "mktows/auth_plugin.hpp"
#include "mktows/detail/activity_calls.hpp"
#include "mktows/detail/call.hpp"
#include "mktows/detail/campaign_calls.hpp"
#include "mktows/detail/convert.hpp"
#include "mktows/detail/exchange.hpp"
#include "mktows/detail/lead_calls.hpp"
#include "mktows/detail/list_calls.hpp"
#include "mktows/detail/soap_error.hpp"
#include "mktows/detail/runner.hpp"
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

#if defined(MKTOWS_BINDINGS_HAS_getMultipleLeads)
  // The leads a selector names, page after page (pager.hpp):
  //   for (const Lead &lead : client.get_multiple_leads(selector)) ...
  // LeadKeySelector: at most kMaxSelectorKeys keys; LastUpdateAtSelector: a
  // window of at most kMaxUpdateWindowDays; checked before sending.
  // options.resume_from(pager.position()) takes up a walk where one left it.
  Pager<Lead, std::string> get_multiple_leads(const LeadSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<Lead, std::string>(moved_from());
    return detail::get_multiple_leads(*state_, state_->setup_error(), selector, options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const LeadKeySelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const StaticListSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
  Pager<Lead, std::string> get_multiple_leads(const LastUpdateAtSelector &selector,
                                              const LeadReadOptions &options = LeadReadOptions(),
                                              const CallOptions &call = CallOptions()) {
    return get_multiple_leads(LeadSelector(selector), options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getLeadActivity)
  // A lead's activity, newest first, page after page.
  Pager<ActivityRecord, StreamPosition> get_lead_activity(const LeadKey &key,
                                                          const ActivityReadOptions &options = ActivityReadOptions(),
                                                          const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<ActivityRecord, StreamPosition>(moved_from());
    return detail::get_lead_activity(*state_, state_->setup_error(), key, options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getLeadChanges)
  // Changes over every lead (or the selected ones) from options.start on,
  // page after page; the last position() polls for what came later.
  Pager<LeadChangeRecord, StreamPosition> get_lead_changes(const LeadChangesOptions &options,
                                                           const CallOptions &call = CallOptions()) {
    if (!state_) return Pager<LeadChangeRecord, StreamPosition>(moved_from());
    return detail::get_lead_changes(*state_, state_->setup_error(), options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_listOperation)
  // Adds leads to a static list, removes them, or asks whether they are
  // members: one status per key, in order (calls of at most
  // kMaxListOperationLeads keys).
  Result<ListOperationResult> list_operation(ListOperation operation, const ListKey &list,
                                             const std::vector<LeadKey> &leads,
                                             const ListOperationOptions &options = ListOperationOptions(),
                                             const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::list_operation(*state_, state_->setup_error(), operation, list, leads, options, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_importToList)
  // Imports CSV rows into a list (asynchronous: poll get_import_to_list_status).
  // Never resent after the service may have received it.
  Result<ImportStatus> import_to_list(const ImportToListRequest &request, const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::import_to_list(*state_, state_->setup_error(), request, call);
  }
#endif

#if defined(MKTOWS_BINDINGS_HAS_getImportToListStatus)
  Result<ImportListStatus> get_import_to_list_status(const std::string &program_name, const std::string &list_name,
                                                     const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::get_import_to_list_status(*state_, state_->setup_error(), program_name, list_name, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_getCampaignsForSource)
  // The campaigns requestCampaign may run from `source`; `name` filters
  // (a part of the name, or with `exact_name` the whole name).
  Result<std::vector<Campaign> > get_campaigns_for_source(CampaignSource source = CampaignSource::mktows,
                                                          const std::string &name = std::string(),
                                                          bool exact_name = false,
                                                          const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::get_campaigns_for_source(*state_, state_->setup_error(), source, name, exact_name, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_requestCampaign)
  // Runs a trigger campaign for 1..kMaxCampaignLeads leads; by id, or by
  // program and campaign name with program tokens. Never resent after the
  // service may have received it.
  Result<CampaignRunResult> request_campaign(const CampaignRef &campaign, const std::vector<LeadKey> &leads,
                                             CampaignSource source = CampaignSource::mktows,
                                             const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::request_campaign(*state_, state_->setup_error(), campaign, leads, source, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_scheduleCampaign)
  // Schedules a batch campaign at `run_at` (0: now), with program tokens.
  // Never resent after the service may have received it.
  Result<CampaignRunResult> schedule_campaign(const std::string &program_name, const std::string &campaign_name,
                                              std::time_t run_at = 0,
                                              const std::vector<ProgramToken> &tokens = std::vector<ProgramToken>(),
                                              const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::schedule_campaign(*state_, state_->setup_error(), program_name, campaign_name, run_at, tokens, call);
  }
#endif


#if defined(MKTOWS_BINDINGS_HAS_mergeLeads)
  // Merges the losers into the winner (which keeps its values).
  Result<MergeResult> merge_leads(const LeadKey &winner, const std::vector<LeadKey> &losers,
                                  const CallOptions &call = CallOptions()) {
    if (!state_) return moved_from();
    return detail::merge_leads(*state_, state_->setup_error(), winner, losers, call);
  }
#endif


  // Why every call will fail (bad options, TLS setup), or an Error with kind none.
  Error setup_error() const { return state_ ? state_->setup_error() : moved_from(); }
  bool ready() const { return state_ && state_->setup_error().ok(); }

  // Requests put on the wire (attempts, retries included).
  unsigned long requests_sent() const { return state_ ? state_->requests_sent() : 0; }

 private:
  friend class ClientPool;  // sync_each starts and finishes sync_lead calls itself
  static Error moved_from() {
    return validation_error(ValidationRule::client_options, "client_options: this client was moved from");
  }
  std::unique_ptr<detail::ClientState> state_;
};

}  // namespace mktows

#endif  // MKTOWS_CLIENT_HPP
