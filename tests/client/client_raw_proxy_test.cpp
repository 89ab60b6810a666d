// client_raw_proxy_test: mktows::error_from (soap_fault.hpp) on the context
// of a raw generated proxy, signed by the plugin, against the sandbox: a
// Marketo fault with its code, message and retry rule; a connection
// refused; a success (no error).
#define BOOST_TEST_MODULE client_raw_proxy
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <mktows/auth_plugin.hpp>
#include <mktows/soap_fault.hpp>

#include <string>

using namespace mktows_test;

namespace {

// getLead through the raw proxy; the proxy's soap->error afterwards.
int raw_get_lead(mktows::wire::MktowsApiSoapBindingProxy &proxy, const std::string &email) {
  mktows::wire::mktows__LeadKey key;
  key.keyType = mktows::wire::mktows__LeadKeyRef__EMAIL;
  key.keyValue = email;
  mktows::wire::mktows__ParamsGetLead params;
  params.leadKey = &key;
  mktows::wire::mktows__SuccessGetLead result;
  return proxy.getLead(&params, result);
}

void sign(mktows::wire::MktowsApiSoapBindingProxy &proxy, const char *key) {
  mktows::AuthSettings auth;
  auth.user_id = kSandboxUser;
  auth.encryption_key = key;
  BOOST_REQUIRE(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &auth) == SOAP_OK);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_raw_proxys_fault_becomes_an_error_with_marketos_code) {
  SandboxProcess sandbox({}, sandbox_credentials());
  mktows::wire::MktowsApiSoapBindingProxy proxy(sandbox.endpoint().c_str());
  sign(proxy, kSandboxKey);
  BOOST_TEST(mktows::error_from(proxy.soap).ok());  // nothing failed yet
  BOOST_REQUIRE(raw_get_lead(proxy, "nobody@jungle.com") != SOAP_OK);
  mktows::Error e = mktows::error_from(proxy.soap);
  BOOST_TEST((e.kind == mktows::ErrorKind::fault), e.describe());
  BOOST_TEST(e.code == mktows::fault_code::lead_not_found);
  BOOST_TEST(e.message == "Lead Not Found", e.message);
  BOOST_TEST(!e.retryable());
  BOOST_TEST(!e.fault_code.empty());
}

BOOST_AUTO_TEST_CASE(a_wrong_key_and_a_refused_connection) {
  SandboxProcess sandbox({}, sandbox_credentials());
  mktows::wire::MktowsApiSoapBindingProxy proxy(sandbox.endpoint().c_str());
  sign(proxy, "not-the-Key-0f-the-Jungle-0000");
  BOOST_REQUIRE(raw_get_lead(proxy, "george@jungle.com") != SOAP_OK);
  mktows::Error e = mktows::error_from(proxy.soap);
  BOOST_TEST(e.code == mktows::fault_code::authentication_failed, e.describe());
  BOOST_TEST(!e.retryable());

  mktows::wire::MktowsApiSoapBindingProxy nowhere("http://127.0.0.1:1/soap/mktows/2_2");
  sign(nowhere, kSandboxKey);
  BOOST_REQUIRE(raw_get_lead(nowhere, "george@jungle.com") != SOAP_OK);
  mktows::Error down = mktows::error_from(nowhere.soap);
  BOOST_TEST((down.kind == mktows::ErrorKind::transport), down.describe());
  BOOST_TEST((down.transport == mktows::TransportFailure::connect), down.describe());
  BOOST_TEST(down.retryable());
}
