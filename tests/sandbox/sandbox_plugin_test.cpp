// The sandbox verifies what plugins/mktows/auth_plugin.hpp produces: the raw
// generated proxy plus one registration line is accepted; a wrong key, or a
// stale clock, is refused with the vendor's fault.
#define BOOST_TEST_MODULE sandbox_plugin_test
#include <boost/test/unit_test.hpp>

#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <mktows/auth_plugin.hpp>

#include "mktows/wire.hpp"
#include "mktows/detail/fault_detail.hpp"

using mktows_test::SandboxProcess;
using mktows_test::TempDir;

namespace {

struct Call {
  int soap_error = 0;
  std::string fault_code;  // serviceException/code
  std::string fault_string;
  int lead_id = 0;
  std::string status;
};

Call sync_lead(const std::string &endpoint, const mktows::AuthSettings &settings, const std::string &email,
               const std::string *workspace_override = nullptr, const std::string &foreign_id = std::string()) {
  mktows::wire::MktowsApiSoapBindingProxy proxy(endpoint.c_str());
  soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, const_cast<mktows::AuthSettings *>(&settings));
  std::unique_ptr<mktows::ScopedCallWorkspace> ws;
  if (workspace_override) ws.reset(new mktows::ScopedCallWorkspace(proxy.soap, *workspace_override));
  mktows::wire::mktows__ParamsSyncLead params;
  mktows::wire::mktows__LeadRecord record;
  std::string e = email;
  if (!e.empty()) record.Email = &e;
  std::string f = foreign_id;
  mktows::wire::mktows__ForeignSysType type = mktows::wire::mktows__ForeignSysType__CUSTOM;
  if (!f.empty()) {
    record.ForeignSysPersonId = &f;
    record.ForeignSysType = &type;
  }
  params.leadRecord = &record;
  params.returnLead = false;
  mktows::wire::mktows__SuccessSyncLead result;
  Call c;
  c.soap_error = proxy.syncLead(&params, result);
  if (c.soap_error == SOAP_OK && result.result && result.result->syncStatus) {
    c.lead_id = result.result->leadId;
    c.status = mktows::wire::soap_mktows__LeadSyncStatus2s(proxy.soap, result.result->syncStatus->status);
  } else if (proxy.soap->fault) {
    if (const char *s = soap_fault_string(proxy.soap)) c.fault_string = s;
    c.fault_code = mktows::detail::read_service_exception(soap_fault_detail(proxy.soap)).code;
  }
  proxy.destroy();
  return c;
}

mktows::AuthSettings demo_settings() {
  mktows::AuthSettings s;
  s.user_id = mktows_test::kDemoUserId;
  s.encryption_key = mktows_test::kDemoEncryptionKey;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(raw_proxy_with_the_plugin_is_accepted) {
  SandboxProcess sandbox;
  mktows::AuthSettings settings = demo_settings();
  Call first = sync_lead(sandbox.endpoint(), settings, "plugin@x.com");
  BOOST_TEST(first.soap_error == SOAP_OK);
  BOOST_TEST(first.status == "CREATED");
  Call second = sync_lead(sandbox.endpoint(), settings, "plugin@x.com");
  BOOST_TEST(second.status == "UPDATED");
  BOOST_TEST(second.lead_id == first.lead_id);
}

BOOST_AUTO_TEST_CASE(wrong_key_is_fault_20014) {
  SandboxProcess sandbox;
  mktows::AuthSettings settings = demo_settings();
  settings.encryption_key = "not-the-key";
  Call c = sync_lead(sandbox.endpoint(), settings, "plugin@x.com");
  BOOST_TEST(c.soap_error == SOAP_CLI_FAULT);  // faultcode SOAP-ENV:Client
  BOOST_TEST(c.fault_code == "20014");
  BOOST_TEST(c.fault_string == "20014 - Authentication failed");
}

BOOST_AUTO_TEST_CASE(stale_clock_is_fault_20016) {
  SandboxProcess sandbox;
  mktows::AuthSettings settings = demo_settings();
  settings.clock = [] { return std::time(nullptr) - 3600; };
  Call c = sync_lead(sandbox.endpoint(), settings, "plugin@x.com");
  BOOST_TEST(c.fault_code == "20016");
}

BOOST_AUTO_TEST_CASE(plugin_workspace_reaches_the_rules) {
  TempDir dir;
  std::string config = dir.write("c.json", R"({"workspaces": {"enabled": true,
      "list": [{"name": "EMEA", "primaryPartition": "Europe"}]},
      "leads": [{"id": 10, "email": "eu@x.com", "foreignSysPersonId": "F10", "foreignSysType": "CUSTOM", "partition": "Europe"}]})");
  SandboxProcess sandbox({"--config", config});
  mktows::AuthSettings settings = demo_settings();
  settings.workspace = "EMEA";
  // The plugin's default workspace: lead 10 (matched by its foreign id) is in
  // EMEA's primary partition, so the update is allowed.
  BOOST_TEST(sync_lead(sandbox.endpoint(), settings, "", nullptr, "F10").status == "UPDATED");
  // A per-call override to Default: the same lead is not in Default's
  // primary partition.
  std::string def = "Default";
  BOOST_TEST(sync_lead(sandbox.endpoint(), settings, "", &def, "F10").fault_code == "20106");
  // A new lead created through EMEA lands in Europe: found again via EMEA
  // by its foreign id, refused via Default.
  BOOST_TEST(sync_lead(sandbox.endpoint(), settings, "", nullptr, "F11").status == "CREATED");
  BOOST_TEST(sync_lead(sandbox.endpoint(), settings, "", &def, "F11").fault_code == "20106");
  std::string nowhere = "Nowhere";
  BOOST_TEST(sync_lead(sandbox.endpoint(), settings, "eu@x.com", &nowhere).fault_code == "20110");
}
