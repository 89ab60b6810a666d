// mktows_checks.hpp: what each kind of application checks of mktows, in the
// same process as its own gSOAP code (tests/embedding/).
//
// Against a real sandbox (the test's mktows-sandbox): the README's first example
// (mktows::Client syncs the seed's lead: CREATED), the README's second
// example (the raw generated proxy with one plugin registration: UPDATED,
// same lead), and a fault that arrives typed through the application's own
// SOAP_ENV types (a wrong key: 20014).
#pragma once

#include <mktows/auth_plugin.hpp>
#include <mktows/mktows.hpp>

#include "support/sandbox_process.hpp"

#include <cstdio>
#include <string>

namespace embedding {

inline bool fail(const char *kind, const std::string &what) {
  std::fprintf(stderr, "%s: %s\n", kind, what.c_str());
  return false;
}

inline bool check_mktows(const char *kind) {
  mktows_test::SandboxProcess sandbox;
  mktows::ClientOptions options;
  options.endpoint = sandbox.endpoint();
  options.user_id = mktows_test::kDemoUserId;
  options.encryption_key = mktows_test::kDemoEncryptionKey;
  mktows::Client client(options);
  mktows::Result<mktows::SyncResult> r = client.sync_lead(
      mktows::Lead().email("t@t.com").attribute("FirstName", "George").attribute("LastName", "of the Jungle"));
  if (!r) return fail(kind, "sync_lead: " + r.error().message);
  if (r->status != mktows::SyncStatus::created) return fail(kind, "sync_lead was not CREATED");

  mktows::wire::MktowsApiSoapBindingProxy proxy(sandbox.endpoint().c_str());
  mktows::AuthSettings auth;
  auth.user_id = mktows_test::kDemoUserId;
  auth.encryption_key = mktows_test::kDemoEncryptionKey;
  if (soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &auth) != SOAP_OK)
    return fail(kind, "plugin registration failed");
  std::string email = "t@t.com";
  mktows::wire::mktows__LeadRecord record;
  record.Email = &email;
  mktows::wire::mktows__ParamsSyncLead params;
  params.leadRecord = &record;
  params.returnLead = false;
  mktows::wire::mktows__SuccessSyncLead result;
  if (proxy.syncLead(&params, result) != SOAP_OK || !result.result || !result.result->syncStatus)
    return fail(kind, "raw proxy syncLead failed");
  if (result.result->leadId != r->lead_id ||
      result.result->syncStatus->status != mktows::wire::mktows__LeadSyncStatus__UPDATED)
    return fail(kind, "raw proxy syncLead: not UPDATED on the same lead");

  mktows::ClientOptions wrong = options;
  wrong.encryption_key = "not-the-key";
  wrong.retry = mktows::RetryPolicy::none();
  mktows::Client refused(wrong);
  mktows::Result<mktows::SyncResult> f = refused.sync_lead(mktows::Lead().email("t@t.com"));
  if (f || f.error().kind != mktows::ErrorKind::fault || f.error().code != 20014)
    return fail(kind, "a wrong key did not get fault 20014");
  std::printf("%s: mktows lead %d CREATED then UPDATED; wrong key: fault %d\n", kind, r->lead_id, f.error().code);
  return true;
}

}  // namespace embedding
