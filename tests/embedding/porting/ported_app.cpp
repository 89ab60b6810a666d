// ported_app.cpp: legacy_app.cpp after docs/PORTING.md's step 3: the
// names through mktows::wire (this project's bindings, generated into a
// namespace of their own with the mktows__ prefix the typemap pins, the
// same whichever mktows WSDL they come from); the application's own
// generated code, its SOAP_ENV__Header and its namespaces table are gone.
// Same calls, same output ("step 3: ...").
#include <mktows/auth_plugin.hpp>  // brings mktows/wire.hpp
#include <mktows/soap_fault.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace wire = mktows::wire;

int main() {
  const char *endpoint = std::getenv("MKTOWS_ENDPOINT");
  const char *id = std::getenv("MKTOWS_USER_ID");
  const char *secret = std::getenv("MKTOWS_ENCRYPTION_KEY");
  if (!endpoint || !id || !secret) return 2;

  wire::MktowsApiSoapBindingProxy proxy(endpoint);
  mktows::AuthSettings auth;
  auth.user_id = id;
  auth.encryption_key = secret;
  if (soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &auth) != SOAP_OK) return 1;

  std::string email = "porting@jungle.com";
  wire::mktows__Attribute name;
  name.attrName = "FirstName";
  name.attrValue = "Ported";
  wire::mktows__ArrayOfAttribute attributes;
  attributes.attribute.push_back(&name);
  wire::mktows__LeadRecord record;
  record.Email = &email;
  record.leadAttributeList = &attributes;
  wire::mktows__ParamsSyncLead params;
  params.leadRecord = &record;
  params.returnLead = false;
  wire::mktows__SuccessSyncLead synced;
  if (proxy.syncLead(&params, synced) != SOAP_OK || !synced.result || !synced.result->syncStatus) {
    std::fprintf(stderr, "%s\n", mktows::error_from(proxy.soap).describe().c_str());
    return 1;
  }
  int lead_id = synced.result->leadId;
  const char *status = wire::soap_mktows__LeadSyncStatus2s(proxy.soap, synced.result->syncStatus->status);

  wire::mktows__LeadKey missing_key;
  missing_key.keyType = wire::mktows__LeadKeyRef__EMAIL;
  missing_key.keyValue = "nobody@jungle.com";
  wire::mktows__ParamsGetLead get;
  get.leadKey = &missing_key;
  wire::mktows__SuccessGetLead found;
  int code = 0;
  if (proxy.getLead(&get, found) != SOAP_OK) {
    mktows::Error e = mktows::error_from(proxy.soap);
    if (e.kind != mktows::ErrorKind::fault || e.retryable()) return 1;
    code = e.code;
  }
  std::printf("step 3: lead %d %s; missing: fault %d\n", lead_id, status, code);
  return code == mktows::fault_code::lead_not_found ? 0 : 1;
}
