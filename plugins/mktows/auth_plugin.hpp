// auth_plugin.hpp: a gSOAP plugin that authenticates every outgoing mktows
// request (AuthenticationHeader) and names its target workspace
// (MktowsContextHeader).
//
//   mktows::AuthSettings settings;
//   settings.user_id = "bigcorp1_461839624B16E06BA2D663";
//   settings.encryption_key = key;          // wiped when `settings` dies
//   settings.workspace = "Default";         // optional
//   mktows::wire::MktowsApiSoapBindingProxy proxy(endpoint);
//   soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &settings);
//   proxy.syncLead(&params, result);        // signed, fresh each time
//
// When the header is signed. A generated send_X runs soap_begin,
// soap_serializeheader, soap_begin_count (the Content-Length pass), then
// soap_connect and the real send. gSOAP calls fprepareinitsend exactly once
// per outgoing message, before its first byte is counted or sent (in
// soap_begin_count when it counts, else in soap_begin_send). The plugin
// signs there, so the counted and the sent bytes carry the same timestamp
// and signature, and every new message (a resend or a retry is a new
// send_X) gets a fresh pair.
//
// How the header is written. SOAP_ENV__Header is not ours: our bindings
// are generated into a C++ namespace and leave the SOAP_ENV types to the
// program (its own gSOAP bindings, or mktows::gsoap_env), so the headers
// cannot be members of it. The plugin writes them itself from
// soap->feltbegout, right after <SOAP-ENV:Envelope> (header_writer.hpp).
// soap->header is left alone (ours stay null), so a program's own
// SOAP_ENV__Header is never written on our messages.
//
// The secret. The encryption key lives only inside the Signer (HMAC's
// keyed inner and outer states) in the plugin data; no copy of the key is
// kept. The AuthSettings passed to registration holds it as a Secret, which
// wipes itself. Nothing
// here writes the key into an error, a trace or a log.
//
// Thread safety: one struct soap (and so one plugin instance) per thread.
// The plugin shares no state between contexts: soap_copy() gives the copy
// its own plugin data (its own keyed context, header and settings), so a
// copy may be handed to another thread.
//
// The context header. gSOAP gives a plugin no way to know which operation
// a message is for before its header is counted, so with a workspace set
// the plugin sends MktowsContextHeader on every message. Operations whose
// binding does not declare it should run inside ScopedCallWorkspace(soap,
// ""); mktows::Client does that, from what the binding declares
// (wire::context_header_declared).
//
// Client contexts only: on a server context it would add the headers to
// responses.
#ifndef MKTOWS_AUTH_PLUGIN_HPP
#define MKTOWS_AUTH_PLUGIN_HPP

#include "mktows/header_writer.hpp"
#include "mktows/secret.hpp"
#include "mktows/signer.hpp"
#include "mktows/timing.hpp"
#include "mktows/wire.hpp"

#include <ctime>
#include <exception>
#include <functional>
#include <new>
#include <string>

namespace mktows {

// What registration needs. Passed by pointer as the `arg` of
// soap_register_plugin_arg; the plugin copies what it needs and keeps no
// reference to it.
struct AuthSettings {
  std::string user_id;
  Secret encryption_key;  // wipes itself (secret.hpp)
  std::string workspace;  // default target workspace; empty: no context header
  WallClock clock;        // empty: std::time
};

// The plugin's identifier, for soap_lookup_plugin.
inline const char *auth_plugin_id() { return "mktows-auth-1.0"; }

// The plugin data of one struct soap.
class AuthPlugin {
 public:
  // The plugin registered on `soap`, or null.
  static AuthPlugin *find(struct soap *soap) {
    return static_cast<AuthPlugin *>(soap_lookup_plugin(soap, auth_plugin_id()));
  }

  void set_user_id(const std::string &user_id) {
    auth_.mktowsUserId = user_id;
    last_timestamp_.clear();  // the cached signature covers the old user id
  }
  const std::string &user_id() const { return auth_.mktowsUserId; }

  // Replaces the key (the old keyed context is wiped).
  void rekey(const Secret &encryption_key) {
    signer_.rekey(encryption_key);
    last_timestamp_.clear();  // the cached signature belongs to the old key
  }

  // The default target workspace; empty sends no context header.
  void set_workspace(const std::string &workspace) { workspace_ = workspace; }
  const std::string &workspace() const { return workspace_; }

  // Overrides the workspace for the messages sent until
  // clear_call_workspace(); an empty name sends no context header.
  void set_call_workspace(const std::string &workspace) {
    call_workspace_ = workspace;
    call_override_ = true;
  }
  void clear_call_workspace() { call_override_ = false; }

  void set_clock(const WallClock &clock) { clock_ = clock; }

  // The timestamp and signature of the last message signed (for callers
  // that log which request was answered; the signature is not secret, but
  // traces redact it anyway).
  const std::string &last_timestamp() const { return auth_.requestTimestamp; }
  unsigned long messages_signed() const { return messages_signed_; }

  // --- gSOAP plugin callbacks -------------------------------------------

  static int create(struct soap *soap, struct soap_plugin *p, void *arg) {
    const AuthSettings *settings = static_cast<const AuthSettings *>(arg);
    if (!settings || settings->user_id.empty()) return SOAP_PLUGIN_ERROR;
    if (find(soap)) return SOAP_PLUGIN_ERROR;  // one per context; use find() to reconfigure
    AuthPlugin *data = nullptr;
    try {
      data = new AuthPlugin(*settings);
    } catch (const std::exception &) {  // no memory, or OpenSSL cannot key HMAC-SHA1
      return SOAP_PLUGIN_ERROR;
    }
    p->id = auth_plugin_id();
    p->data = data;
    p->fcopy = &AuthPlugin::copy;
    p->fdelete = &AuthPlugin::destroy;
    data->previous_init_send_ = soap->fprepareinitsend;
    soap->fprepareinitsend = &AuthPlugin::prepare_init_send;
    data->previous_begin_element_ = soap->feltbegout;
    soap->feltbegout = &AuthPlugin::begin_element;
    return SOAP_OK;
  }

 private:
  explicit AuthPlugin(const AuthSettings &settings)
      : signer_(settings.encryption_key),
        workspace_(settings.workspace),
        call_override_(false),
        clock_(settings.clock),
        messages_signed_(0),
        previous_init_send_(nullptr),
        previous_begin_element_(nullptr) {
    auth_.mktowsUserId = settings.user_id;
    init_header();
  }

  AuthPlugin(const AuthPlugin &other)
      : signer_(other.signer_),
        workspace_(other.workspace_),
        call_workspace_(other.call_workspace_),
        call_override_(other.call_override_),
        clock_(other.clock_),
        messages_signed_(0),
        previous_init_send_(other.previous_init_send_),
        previous_begin_element_(other.previous_begin_element_) {
    auth_.mktowsUserId = other.auth_.mktowsUserId;
    init_header();
  }
  AuthPlugin &operator=(const AuthPlugin &) = delete;

  void init_header() {
    auth_.audit = nullptr;  // reserved by the service; never sent
    auth_.mode = nullptr;
    auth_.requestTimestamp.reserve(kTimestampLength);
    auth_.requestSignature.reserve(Signer::kHexLength);
    send_context_ = false;
  }

  // Fills the header for one message. Returns false if the clock or HMAC fails.
  bool sign_message() {
    std::time_t now = clock_ ? clock_() : std::time(nullptr);
    char stamp[kTimestampLength + 1];
    if (now == static_cast<std::time_t>(-1) || !format_w3c_timestamp(now, stamp)) return false;
    // Within one second the timestamp, and so the signature, is the same:
    // skip the HMAC then.
    if (last_timestamp_.compare(stamp) != 0 || auth_.requestSignature.size() != Signer::kHexLength) {
      message_.assign(stamp, kTimestampLength).append(auth_.mktowsUserId);
      char hex[Signer::kHexLength];
      if (!signer_.sign_hex(message_.data(), message_.size(), hex)) return false;
      auth_.requestSignature.assign(hex, Signer::kHexLength);
      last_timestamp_.assign(stamp, kTimestampLength);
    }
    auth_.requestTimestamp.assign(stamp, kTimestampLength);
    auth_.audit = nullptr;
    auth_.mode = nullptr;
    const std::string &workspace = call_override_ ? call_workspace_ : workspace_;
    send_context_ = !workspace.empty();
    if (send_context_) context_.targetWorkspace = workspace;
    ++messages_signed_;
    return true;
  }

  static int prepare_init_send(struct soap *soap) {
    AuthPlugin *self = find(soap);
    if (!self) return soap_set_sender_error(soap, "mktows: auth plugin data missing", nullptr, SOAP_PLUGIN_ERROR);
    if (!self->sign_message())
      return soap_set_sender_error(soap, "mktows: cannot sign the request",
                                   "the clock or HMAC-SHA1 failed", SOAP_PLUGIN_ERROR);
    // A previous response's header, as the program's SOAP_ENV__Header
    // read it, would otherwise be written back (soap_putheader).
    soap->header = nullptr;
    return self->previous_init_send_ ? self->previous_init_send_(soap) : SOAP_OK;
  }

  // soap->feltbegout: the element's start, then our headers after the
  // Envelope's (header_writer.hpp). Another plugin's hook, registered
  // earlier, writes the start instead.
  static int begin_element(struct soap *soap, const char *tag, int id, const char *type) {
    AuthPlugin *self = find(soap);
    if (!self) return soap->error = SOAP_PLUGIN_ERROR;
    int rc = self->previous_begin_element_ ? self->previous_begin_element_(soap, tag, id, type)
                                           : write_element_start(soap, tag, id, type);
    if (rc != SOAP_OK || !is_envelope_start(soap, tag)) return rc;
    return write_headers(soap, self->auth_, self->send_context_ ? &self->context_ : nullptr);
  }

  // soap_copy_context: `src` is the original's plugin.
  static int copy(struct soap *, struct soap_plugin *dst, struct soap_plugin *src) {
    const AuthPlugin *from = static_cast<const AuthPlugin *>(src->data);
    AuthPlugin *to = nullptr;
    try {
      to = new AuthPlugin(*from);
    } catch (const std::exception &) {
      return SOAP_EOM;
    }
    dst->data = to;
    return SOAP_OK;
  }

  static void destroy(struct soap *soap, struct soap_plugin *p) {
    AuthPlugin *self = static_cast<AuthPlugin *>(p->data);
    if (!self) return;
    if (soap->fprepareinitsend == &AuthPlugin::prepare_init_send)
      soap->fprepareinitsend = self->previous_init_send_;
    if (soap->feltbegout == &AuthPlugin::begin_element) soap->feltbegout = self->previous_begin_element_;
    delete self;  // the Signer frees and cleanses its keyed context
    p->data = nullptr;
  }

  Signer signer_;
  std::string workspace_;
  std::string call_workspace_;
  bool call_override_;
  WallClock clock_;
  unsigned long messages_signed_;
  std::string last_timestamp_;  // the timestamp requestSignature was made for
  std::string message_;         // timestamp + user id, reused buffer
  wire::mktows__AuthenticationHeaderInfo auth_;
  wire::mktows__MktowsContextHeaderInfo context_;
  bool send_context_;  // this message carries MktowsContextHeader
  int (*previous_init_send_)(struct soap *);
  int (*previous_begin_element_)(struct soap *, const char *, int, const char *);
};

// The function to pass to soap_register_plugin_arg, with an AuthSettings*.
inline int auth_plugin(struct soap *soap, struct soap_plugin *p, void *arg) {
  return AuthPlugin::create(soap, p, arg);
}

// Overrides the target workspace of the calls made while it lives.
class ScopedCallWorkspace {
 public:
  ScopedCallWorkspace(struct soap *soap, const std::string &workspace) : plugin_(AuthPlugin::find(soap)) {
    if (plugin_) plugin_->set_call_workspace(workspace);
  }
  ~ScopedCallWorkspace() {
    if (plugin_) plugin_->clear_call_workspace();
  }
  bool active() const { return plugin_ != nullptr; }

 private:
  ScopedCallWorkspace(const ScopedCallWorkspace &);
  ScopedCallWorkspace &operator=(const ScopedCallWorkspace &);
  AuthPlugin *plugin_;
};

}  // namespace mktows

#endif  // MKTOWS_AUTH_PLUGIN_HPP
