// lead_client.cpp: LeadClient over mktows::Client. Every client Error is
// classified into a documented exit code here; the client's retry policy and
// limiter apply to every call.
#include "lead_client.hpp"

#include <mktows/mktows.hpp>

#include <cstdio>

namespace mktows_cli {

namespace {

mktows::ForeignSystem foreign_system(const std::string &t) {
  if (t == "SFDC") return mktows::ForeignSystem::sfdc;
  if (t == "NETSUITE") return mktows::ForeignSystem::netsuite;
  if (t == "CUSTOM") return mktows::ForeignSystem::custom;
  return mktows::ForeignSystem::none;
}

const char *foreign_system_name(mktows::ForeignSystem s) {
  switch (s) {
    case mktows::ForeignSystem::custom: return "CUSTOM";
    case mktows::ForeignSystem::sfdc: return "SFDC";
    case mktows::ForeignSystem::netsuite: return "NETSUITE";
    case mktows::ForeignSystem::none: break;
  }
  return "";
}

RowOutcome::Status status_of(mktows::SyncStatus s) {
  if (s == mktows::SyncStatus::created) return RowOutcome::kCreated;
  if (s == mktows::SyncStatus::updated) return RowOutcome::kUpdated;
  return RowOutcome::kFailed;
}

mktows::Lead to_lead(const RowLead &row) {
  mktows::Lead lead;
  if (row.has_id) lead.id(row.id);
  if (!row.email.empty()) lead.email(row.email);
  if (!row.foreign_id.empty()) lead.foreign_id(row.foreign_id, foreign_system(row.foreign_type));
  for (const auto &a : row.attributes) lead.attribute(a.first, a.second);
  return lead;
}

LeadView view_of(const mktows::Lead &lead) {
  LeadView v;
  v.id = lead.has_id() ? lead.id() : 0;
  v.email = lead.email();
  v.foreign_id = lead.foreign_id();
  if (lead.has_foreign_id()) v.foreign_type = foreign_system_name(lead.foreign_system());
  for (const mktows::Attribute &a : lead.attributes()) v.attributes.emplace_back(a.name, a.value);
  return v;
}

RowOutcome outcome_of(const mktows::SyncResult &r) {
  RowOutcome o;
  o.lead_id = r.lead_id;
  o.status = status_of(r.status);
  o.error = r.error;
  return o;
}

// The exit code of each kind of failure (docs/CLI.md, "Exit codes").
[[noreturn]] void fail(const char *call, const mktows::Error &e) {
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

}  // namespace

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
  if (s.endpoint.compare(0, 7, "http://") != 0 && s.endpoint.compare(0, 8, "https://") != 0)
    throw CliError(kExitConfiguration, "the endpoint must be an http:// or https:// URL, not '" + s.endpoint + "'");
  impl_.reset(new Impl(o));
}

LeadClient::~LeadClient() = default;

SyncOutcome LeadClient::sync_lead(const RowLead &lead, const std::string &cookie, bool return_lead) {
  mktows::CallOptions call;
  call.return_lead(return_lead);
  if (!cookie.empty()) call.marketo_cookie(cookie);
  mktows::Result<mktows::SyncResult> r = impl_->client.sync_lead(to_lead(lead), call);
  if (!r) fail("syncLead", r.error());
  SyncOutcome out;
  out.outcome = outcome_of(*r);
  if (r->has_lead) {
    out.has_record = true;
    out.record = view_of(r->lead);
  }
  return out;
}

std::vector<RowOutcome> LeadClient::sync_multiple(const std::vector<RowLead> &leads) {
  std::vector<mktows::Lead> batch;
  batch.reserve(leads.size());
  for (const RowLead &l : leads) batch.push_back(to_lead(l));
  mktows::Result<std::vector<mktows::SyncResult>> r = impl_->client.sync_multiple_leads(batch, true);
  if (!r) fail("syncMultipleLeads", r.error());
  std::vector<RowOutcome> out;
  out.reserve(r->size());
  for (const mktows::SyncResult &s : *r) out.push_back(outcome_of(s));
  return out;
}

std::vector<LeadView> LeadClient::get_lead(const std::string &key_type, const std::string &key_value) {
  mktows::LeadKey key = key_type == "IDNUM"   ? mktows::LeadKey(mktows::LeadKeyType::idnum, key_value)
                        : key_type == "EMAIL" ? mktows::LeadKey::by_email(key_value)
                                              : mktows::LeadKey::by_cookie(key_value);
  mktows::Result<std::vector<mktows::Lead>> r = impl_->client.get_lead(key);
  std::vector<LeadView> out;
  if (!r) {
    // "20103 - Lead Not Found" is an answer: no lead has that key.
    if (r.error().kind == mktows::ErrorKind::fault && r.error().code == mktows::fault_code::lead_not_found) return out;
    fail("getLead", r.error());
  }
  for (const mktows::Lead &l : *r) out.push_back(view_of(l));
  return out;
}

}  // namespace mktows_cli
