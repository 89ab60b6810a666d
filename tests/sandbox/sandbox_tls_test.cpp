// HTTPS: --cert/--key serve TLS; a gSOAP client (the raw generated proxy with
// the auth plugin) calls syncLead through it; a silent TLS client is dropped.
#define BOOST_TEST_MODULE sandbox_tls_test
#include <boost/test/unit_test.hpp>

#include "sandbox_client.hpp"
#include "support/peer.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <mktows/auth_plugin.hpp>

#include "mktows/wire.hpp"

using mktows_test::SandboxProcess;
using mktows_test::TempDir;

namespace {
struct Peers {
  Peers() { mktows_test::require_peers({{"the openssl command", "openssl", OPENSSL_EXECUTABLE, {"version"}}}); }
};
BOOST_TEST_GLOBAL_FIXTURE(Peers);
}  // namespace

BOOST_AUTO_TEST_CASE(https_sync_lead_with_the_generated_proxy) {
  TempDir dir;
  std::string cert = dir.path() + "/cert.pem", key = dir.path() + "/key.pem";
  std::string cmd = std::string(OPENSSL_EXECUTABLE) + " req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                    key + " -out " + cert + " 2>/dev/null";
  BOOST_REQUIRE(std::system(cmd.c_str()) == 0);
  SandboxProcess sandbox({"--cert", cert, "--key", key, "--timeout", "1"});
  BOOST_TEST(sandbox.endpoint().compare(0, 8, "https://") == 0);

  soap_ssl_init();
  mktows::wire::MktowsApiSoapBindingProxy proxy(sandbox.endpoint().c_str());
  // The test's own certificate is the only CA to trust.
  BOOST_REQUIRE(soap_ssl_client_context(proxy.soap, SOAP_SSL_DEFAULT | SOAP_SSL_SKIP_HOST_CHECK, nullptr, nullptr,
                                        cert.c_str(), nullptr, nullptr) == SOAP_OK);
  mktows::AuthSettings settings;
  settings.user_id = mktows_test::kDemoUserId;
  settings.encryption_key = mktows_test::kDemoEncryptionKey;
  soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &settings);
  for (const char *expected : {"CREATED", "UPDATED"}) {
    mktows::wire::mktows__ParamsSyncLead params;
    mktows::wire::mktows__LeadRecord record;
    std::string email = "tls@x.com";
    record.Email = &email;
    params.leadRecord = &record;
    params.returnLead = false;
    mktows::wire::mktows__SuccessSyncLead result;
    BOOST_REQUIRE(proxy.syncLead(&params, result) == SOAP_OK);
    BOOST_TEST(mktows::wire::soap_mktows__LeadSyncStatus2s(proxy.soap, result.result->syncStatus->status) == std::string(expected));
    proxy.destroy();
  }
  // A client that connects and never starts the handshake is dropped.
  sandbox_test::Connection silent(sandbox.port(), 10);
  BOOST_TEST(silent.closed_by_peer());
}
