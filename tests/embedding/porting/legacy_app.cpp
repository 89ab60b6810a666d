// legacy_app.cpp: an application written against mktows bindings generated
// the classic way (wsdl2h + soapcpp2 -j from the vendor-shaped 2_2 file:
// gSOAP's default ns1__ names, the AuthenticationHeader as a member of its
// SOAP_ENV__Header, its own global namespaces table), and the first two
// steps of docs/PORTING.md applied to it in place:
//   PORTING_STEP 0  as it was: signs each call by hand in soap->header,
//                   digs Marketo's code out of the fault detail's text
//   PORTING_STEP 1  the headers through mktows::auth_plugin (one
//                   registration; soap->header stays null)
//   PORTING_STEP 2  faults through mktows::error_from (code, message, retryable)
// Step 3, the names through mktows::wire, is ported_app.cpp. Each step is
// built by tests/embedding/CMakeLists.txt and run against a sandbox.
//
// It upserts a lead (syncLead), then asks for one that does not exist
// (getLead: fault 20103), and prints "step N: lead ID CREATED|UPDATED;
// missing: fault 20103".
#include "soapMktowsApiSoapBindingProxy.h"
#include "MktowsApiSoapBinding.nsmap"  // the application's global namespaces[]

#if PORTING_STEP >= 1
#include <mktows/auth_plugin.hpp>
#endif
#if PORTING_STEP >= 2
#include <mktows/soap_fault.hpp>
#endif

#if PORTING_STEP == 0
#include <openssl/evp.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

#if PORTING_STEP == 0
// The request signature by hand: hex HMAC-SHA1(key, timestamp + user id),
// the timestamp W3C with an offset.
void sign(struct soap *soap, const std::string &user_id, const std::string &key) {
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm utc;
  gmtime_r(&now, &utc);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S+00:00", &utc);
  std::string message = std::string(stamp) + user_id;
  unsigned char mac[20];
  size_t len = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, key.data(), key.size(),
            reinterpret_cast<const unsigned char *>(message.data()), message.size(), mac, sizeof mac, &len);
  char hex[41];
  for (size_t i = 0; i < len; ++i) std::snprintf(hex + 2 * i, 3, "%02x", mac[i]);
  if (!soap->header) soap->header = soap_new_SOAP_ENV__Header(soap);
  soap->header->ns1__AuthenticationHeader = soap_new_ns1__AuthenticationHeaderInfo(soap);
  soap->header->ns1__AuthenticationHeader->mktowsUserId = user_id;
  soap->header->ns1__AuthenticationHeader->requestTimestamp = stamp;
  soap->header->ns1__AuthenticationHeader->requestSignature = hex;
}
#endif

#if PORTING_STEP < 2
// Marketo's code from the fault: the detail's text, searched by hand.
int marketo_code(struct soap *soap) {
  const char *detail = soap_fault_detail(soap);
  const char *code = detail ? std::strstr(detail, "<code>") : nullptr;
  return code ? std::atoi(code + 6) : 0;
}
#endif

#if PORTING_STEP >= 1
std::size_t count_rows(const Namespace *table) {
  std::size_t n = 0;
  while (table[n].id) ++n;
  return n;
}
#endif

}  // namespace

int main() {
  const char *endpoint = std::getenv("MKTOWS_ENDPOINT");
  const char *id = std::getenv("MKTOWS_USER_ID");
  const char *secret = std::getenv("MKTOWS_ENCRYPTION_KEY");
  if (!endpoint || !id || !secret) return 2;
  std::string user_id = id, key = secret;

  MktowsApiSoapBindingProxy proxy(endpoint);
#if PORTING_STEP >= 1
  // Step 1: the plugin signs every message afresh (and writes the
  // headers itself); the hand-made SOAP_ENV__Header goes.
  mktows::AuthSettings auth;
  auth.user_id = user_id;
  auth.encryption_key = key;
  if (soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &auth) != SOAP_OK) return 1;
  // The plugin names its header elements with the prefix mktows, which a
  // classic table does not declare (it calls the namespace ns1): the
  // context gets the application's rows, then that one more.
  std::vector<Namespace> table(namespaces, namespaces + count_rows(namespaces));
  Namespace ours = {"mktows", "http://www.marketo.com/mktows/", nullptr, nullptr};
  Namespace end = {nullptr, nullptr, nullptr, nullptr};
  table.push_back(ours);
  table.push_back(end);
  soap_set_namespaces(proxy.soap, table.data());
#endif

  std::string email = "porting@jungle.com", first_name = "Legacy";
  ns1__Attribute name;
  name.attrName = "FirstName";
  name.attrValue = first_name;
  ns1__ArrayOfAttribute attributes;
  attributes.attribute.push_back(&name);
  ns1__LeadRecord record;
  record.Email = &email;
  record.leadAttributeList = &attributes;
  ns1__ParamsSyncLead params;
  params.leadRecord = &record;
  params.returnLead = false;
  ns1__SuccessSyncLead synced;
#if PORTING_STEP == 0
  sign(proxy.soap, user_id, key);
#endif
  if (proxy.syncLead(&params, synced) != SOAP_OK || !synced.result || !synced.result->syncStatus) {
    soap_print_fault(proxy.soap, stderr);
    return 1;
  }
  int lead_id = synced.result->leadId;
  const char *status = soap_ns1__LeadSyncStatus2s(proxy.soap, synced.result->syncStatus->status);

  ns1__LeadKey missing_key;
  missing_key.keyType = ns1__LeadKeyRef__EMAIL;
  missing_key.keyValue = "nobody@jungle.com";
  ns1__ParamsGetLead get;
  get.leadKey = &missing_key;
  ns1__SuccessGetLead found;
#if PORTING_STEP == 0
  sign(proxy.soap, user_id, key);  // a fresh timestamp for every call
#endif
  int code = 0;
  if (proxy.getLead(&get, found) != SOAP_OK) {
#if PORTING_STEP >= 2
    // Step 2: the failure as mktows::Error, as mktows::Client reports it.
    mktows::Error e = mktows::error_from(proxy.soap);
    if (e.kind != mktows::ErrorKind::fault || e.retryable()) return 1;
    code = e.code;  // mktows::fault_code::lead_not_found
#else
    code = marketo_code(proxy.soap);
#endif
  }
  std::printf("step %d: lead %d %s; missing: fault %d\n", PORTING_STEP, lead_id, status, code);
  return code == 20103 ? 0 : 1;
}
