// lead_client.cpp: LeadClient over the generated proxy with the auth plugin.
// Every gSOAP outcome is classified into a documented exit code here.
#include "lead_client.hpp"

#include "mktowsMktowsApiSoapBindingProxy.h"
#include "mktows/auth_plugin.hpp"

#include <cstdlib>
#include <mutex>

namespace mktows_cli {

namespace {

mktows__ForeignSysType foreign_type(const std::string &t) {
  if (t == "SFDC") return mktows__ForeignSysType__SFDC;
  if (t == "NETSUITE") return mktows__ForeignSysType__NETSUITE;
  return mktows__ForeignSysType__CUSTOM;
}

const char *foreign_type_name(mktows__ForeignSysType t) {
  switch (t) {
    case mktows__ForeignSysType__SFDC: return "SFDC";
    case mktows__ForeignSysType__NETSUITE: return "NETSUITE";
    default: return "CUSTOM";
  }
}

RowOutcome::Status status_of(mktows__LeadSyncStatus s) {
  if (s == mktows__LeadSyncStatus__CREATED) return RowOutcome::kCreated;
  if (s == mktows__LeadSyncStatus__UPDATED) return RowOutcome::kUpdated;
  return RowOutcome::kFailed;
}

LeadView view_of(const mktows__LeadRecord &r) {
  LeadView v;
  v.id = r.Id ? *r.Id : 0;
  if (r.Email) v.email = *r.Email;
  if (r.ForeignSysPersonId) v.foreign_id = *r.ForeignSysPersonId;
  if (r.ForeignSysType) v.foreign_type = foreign_type_name(*r.ForeignSysType);
  if (r.leadAttributeList)
    for (const mktows__Attribute *a : r.leadAttributeList->attribute)
      if (a) v.attributes.emplace_back(a->attrName, a->attrValue);
  return v;
}

}  // namespace

struct LeadClient::Impl {
  explicit Impl(const Settings &s) : settings(s), proxy(SOAP_IO_KEEPALIVE | SOAP_C_UTFSTRING) {
    endpoint = s.endpoint;
    mktows::AuthSettings auth;
    auth.user_id = s.user_id;
    auth.encryption_key = s.encryption_key;
    auth.workspace = s.workspace;
    if (soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &auth) != SOAP_OK)
      throw CliError(kExitConfiguration, "cannot set up request signing");
    // The settings' copy of the key is not needed once the signer holds it.
    mktows::wipe_string(settings.encryption_key);
    proxy.soap_endpoint = endpoint.c_str();
    proxy.soap->connect_timeout = s.connect_timeout_s;
    proxy.soap->send_timeout = s.receive_timeout_s;
    proxy.soap->recv_timeout = s.receive_timeout_s;
    proxy.soap->recv_maxlength = 64 << 20;
    if (endpoint.compare(0, 8, "https://") == 0) {
      static std::once_flag ssl_once;
      std::call_once(ssl_once, [] { soap_ssl_init(); });
      if (soap_ssl_client_context(proxy.soap, s.verify_tls ? SOAP_SSL_DEFAULT : SOAP_SSL_NO_AUTHENTICATION,
                                  nullptr, nullptr, s.ca_file.empty() ? nullptr : s.ca_file.c_str(),
                                  s.ca_dir.empty() ? nullptr : s.ca_dir.c_str(), nullptr) != SOAP_OK)
        throw CliError(kExitTransport, "cannot set up TLS: " + soap_message());
    } else if (endpoint.compare(0, 7, "http://") != 0) {
      throw CliError(kExitConfiguration, "the endpoint must be an http:// or https:// URL");
    }
  }

  std::string soap_message() {
    const char *s = *soap_faultstring(proxy.soap);
    return s ? s : "error " + std::to_string(proxy.soap->error);
  }

  // Turns a failed call into the CliError of its class.
  [[noreturn]] void fail(const char *call) {
    struct soap *soap = proxy.soap;
    int err = soap->error;
    std::string text = soap_message();
    if (err == SOAP_FAULT || err == SOAP_CLI_FAULT || err == SOAP_SVR_FAULT) {
      std::string code;
      SOAP_ENV__Detail *detail = soap->fault ? soap->fault->detail : nullptr;
      if (detail && detail->mktows__serviceException && detail->mktows__serviceException->code)
        code = *detail->mktows__serviceException->code;
      if (code.empty()) code = text.substr(0, text.find_first_not_of("0123456789"));
      proxy.destroy();
      ExitCode exit = (code == "20014" || code == "20013") ? kExitAuthentication : kExitServiceFault;
      throw CliError(exit, std::string(call) + " fault: " + text);
    }
    std::string where = " (" + endpoint + ")";
    proxy.destroy();
    if (err >= 300 && err < 600) throw CliError(kExitTransport, std::string(call) + ": HTTP " + std::to_string(err) + where);
    throw CliError(kExitTransport, std::string(call) + ": " + text + where);
  }

  mktows__LeadRecord *record(const RowLead &lead) {
    struct soap *soap = proxy.soap;
    mktows__LeadRecord *r = soap_new_mktows__LeadRecord(soap);
    if (lead.has_id) r->Id = soap_new_int(soap), *r->Id = lead.id;
    if (!lead.email.empty()) r->Email = soap_new_std__string(soap), *r->Email = lead.email;
    if (!lead.foreign_id.empty()) r->ForeignSysPersonId = soap_new_std__string(soap), *r->ForeignSysPersonId = lead.foreign_id;
    if (!lead.foreign_type.empty())
      r->ForeignSysType = soap_new_mktows__ForeignSysType(soap), *r->ForeignSysType = foreign_type(lead.foreign_type);
    if (!lead.attributes.empty()) {
      r->leadAttributeList = soap_new_mktows__ArrayOfAttribute(soap);
      for (const auto &a : lead.attributes) {
        mktows__Attribute *attr = soap_new_mktows__Attribute(soap);
        attr->attrName = a.first;
        attr->attrValue = a.second;
        r->leadAttributeList->attribute.push_back(attr);
      }
    }
    return r;
  }

  Settings settings;
  std::string endpoint;
  MktowsApiSoapBindingProxy proxy;
};

LeadClient::LeadClient(const Settings &settings) : impl_(new Impl(settings)) {}
LeadClient::~LeadClient() = default;

SyncOutcome LeadClient::sync_lead(const RowLead &lead, const std::string &cookie, bool return_lead) {
  struct soap *soap = impl_->proxy.soap;
  mktows__ParamsSyncLead *params = soap_new_mktows__ParamsSyncLead(soap);
  params->leadRecord = impl_->record(lead);
  params->returnLead = return_lead;
  if (!cookie.empty()) params->marketoCookie = soap_new_std__string(soap), *params->marketoCookie = cookie;
  mktows__SuccessSyncLead response;
  if (impl_->proxy.syncLead(params, response) != SOAP_OK) impl_->fail("syncLead");
  SyncOutcome out;
  if (!response.result || !response.result->syncStatus) {
    impl_->proxy.destroy();
    throw CliError(kExitTransport, "syncLead: the response has no syncStatus");
  }
  const mktows__ResultSyncLead &r = *response.result;
  out.outcome.lead_id = r.leadId;
  out.outcome.status = status_of(r.syncStatus->status);
  if (r.syncStatus->error) out.outcome.error = *r.syncStatus->error;
  if (r.leadRecord) {
    out.has_record = true;
    out.record = view_of(*r.leadRecord);
  }
  impl_->proxy.destroy();
  return out;
}

std::vector<RowOutcome> LeadClient::sync_multiple(const std::vector<RowLead> &leads) {
  struct soap *soap = impl_->proxy.soap;
  mktows__ParamsSyncMultipleLeads *params = soap_new_mktows__ParamsSyncMultipleLeads(soap);
  params->leadRecordList = soap_new_mktows__ArrayOfLeadRecord(soap);
  for (const RowLead &l : leads) params->leadRecordList->leadRecord.push_back(impl_->record(l));
  params->dedupEnabled = soap_new_bool(soap);
  *params->dedupEnabled = true;
  mktows__SuccessSyncMultipleLeads response;
  if (impl_->proxy.syncMultipleLeads(params, response) != SOAP_OK) impl_->fail("syncMultipleLeads");
  std::vector<RowOutcome> out;
  if (response.result && response.result->syncStatusList)
    for (const mktows__SyncStatus *s : response.result->syncStatusList->syncStatus) {
      RowOutcome o;
      if (s) {
        o.lead_id = s->leadId;
        o.status = status_of(s->status);
        if (s->error) o.error = *s->error;
      }
      out.push_back(o);
    }
  impl_->proxy.destroy();
  return out;
}

std::vector<LeadView> LeadClient::get_lead(const std::string &key_type, const std::string &key_value) {
  struct soap *soap = impl_->proxy.soap;
  mktows__ParamsGetLead *params = soap_new_mktows__ParamsGetLead(soap);
  params->leadKey = soap_new_mktows__LeadKey(soap);
  params->leadKey->keyType = key_type == "IDNUM"   ? mktows__LeadKeyRef__IDNUM
                             : key_type == "EMAIL" ? mktows__LeadKeyRef__EMAIL
                                                   : mktows__LeadKeyRef__COOKIE;
  params->leadKey->keyValue = key_value;
  mktows__SuccessGetLead response;
  std::vector<LeadView> out;
  if (impl_->proxy.getLead(params, response) != SOAP_OK) {
    // "20103 - Lead Not Found" is an answer, not a failure.
    SOAP_ENV__Detail *d = soap->fault ? soap->fault->detail : nullptr;
    if (d && d->mktows__serviceException && d->mktows__serviceException->code &&
        *d->mktows__serviceException->code == "20103") {
      impl_->proxy.destroy();
      return out;
    }
    impl_->fail("getLead");
  }
  if (response.result && response.result->leadRecordList)
    for (const mktows__LeadRecord *r : response.result->leadRecordList->leadRecord)
      if (r) out.push_back(view_of(*r));
  impl_->proxy.destroy();
  return out;
}

}  // namespace mktows_cli
