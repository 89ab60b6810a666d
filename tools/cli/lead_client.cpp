// lead_client.cpp: LeadClient over mktows::Client. Every client Error is
// classified into a documented exit code here; the client's retry policy and
// limiter apply to every call.
#include "lead_client.hpp"

#include <mktows/mktows.hpp>

#include <cstdio>

namespace mktows_cli {

// The exit code of each kind of failure (docs/CLI.md, "Exit codes").
void fail_call(const char *call, const mktows::Error &e) {
  ExitCode code = kExitTransport;  // transport, http, protocol: no usable SOAP answer
  switch (e.kind) {
    case mktows::ErrorKind::validation: code = kExitValidation; break;
    case mktows::ErrorKind::fault:
      code = (e.code == mktows::fault_code::authentication_failed || e.code == mktows::fault_code::access_denied)
                 ? kExitAuthentication
                 : kExitServiceFault;
      break;
    default: break;
  }
  std::string text = std::string(call) + ": " + e.describe();
  if (e.attempts > 1) text += " (after " + std::to_string(e.attempts) + " attempts)";
  // The request left whole and no answer said it was refused: a script
  // must not assume nothing happened.
  if (e.may_have_been_applied) text += "; the service may have applied it";
  throw CliError(code, text);
}

struct LeadClient::Impl {
  explicit Impl(const mktows::ClientOptions &options) : client(options) {}
  mktows::Client client;
};

LeadClient::LeadClient(const Settings &s) {
  mktows::ClientOptions o;
  o.endpoint = s.endpoint;
  o.user_id = s.user_id;
  o.encryption_key = s.encryption_key;  // the options wipe their copy when they die
  o.workspace = s.workspace;
  o.connect_timeout = std::chrono::seconds(s.connect_timeout_s);
  o.send_timeout = std::chrono::seconds(s.receive_timeout_s);
  o.receive_timeout = std::chrono::seconds(s.receive_timeout_s);
  o.call_timeout = std::chrono::seconds(s.call_timeout_s);
  o.verify_tls = s.verify_tls;
  o.ca_file = s.ca_file;
  o.ca_dir = s.ca_dir;
  o.retry.max_attempts = s.max_attempts;
  o.limiter.enabled = s.rate_limit;
  o.proxy_host = s.proxy_host;
  o.proxy_port = s.proxy_port;
  if (s.endpoint.compare(0, 7, "http://") != 0 && s.endpoint.compare(0, 8, "https://") != 0)
    throw CliError(kExitConfiguration, "the endpoint must be an http:// or https:// URL, not '" + s.endpoint + "'");
  impl_.reset(new Impl(o));
}

LeadClient::~LeadClient() = default;

mktows::Client &LeadClient::client() { return impl_->client; }

mktows::SyncResult LeadClient::sync_lead(const mktows::Lead &lead, const std::string &cookie, bool return_lead) {
  mktows::CallOptions call;
  call.return_lead(return_lead);
  if (!cookie.empty()) call.marketo_cookie(cookie);
  mktows::Result<mktows::SyncResult> r = impl_->client.sync_lead(lead, call);
  if (!r) fail_call("syncLead", r.error());
  return std::move(r).value();
}

std::vector<mktows::SyncResult> LeadClient::sync_multiple(const std::vector<mktows::Lead> &leads) {
  mktows::Result<std::vector<mktows::SyncResult>> r = impl_->client.sync_multiple_leads(leads, true);
  if (!r) fail_call("syncMultipleLeads", r.error());
  return std::move(r).value();
}

std::vector<mktows::Lead> LeadClient::get_lead(const std::string &key_type, const std::string &key_value) {
  mktows::LeadKey key = key_type == "IDNUM"   ? mktows::LeadKey(mktows::LeadKeyType::idnum, key_value)
                        : key_type == "EMAIL" ? mktows::LeadKey::by_email(key_value)
                                              : mktows::LeadKey::by_cookie(key_value);
  mktows::Result<std::vector<mktows::Lead>> r = impl_->client.get_lead(key);
  if (!r) {
    // "20103 - Lead Not Found" is an answer: no lead has that key.
    if (r.error().kind == mktows::ErrorKind::fault && r.error().code == mktows::fault_code::lead_not_found)
      return std::vector<mktows::Lead>();
    fail_call("getLead", r.error());
  }
  return std::move(r).value();
}

}  // namespace mktows_cli
