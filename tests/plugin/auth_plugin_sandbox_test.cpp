// auth_plugin_sandbox_test: the raw generated proxy plus one registration
// line, against the real mktows-sandbox on loopback.
//
// Accepted with the right key; fault 20014 with a wrong one; 20016 with a
// stale clock and accepted again once the clock is right; and nothing a
// failing call produces (the wire in both directions, gSOAP's fault
// strings, the sandbox's own log) contains either key.
#define BOOST_TEST_MODULE auth_plugin_sandbox
#include <boost/test/unit_test.hpp>

#include "mktows/detail/fault_detail.hpp"
#include "plugin/plugin_test_support.hpp"
#include "support/files.hpp"
#include "support/sandbox_process.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <sstream>

using namespace mktows_test;

namespace {

const char kUser[] = "jungle7_0123456789ABCDEF012345";
const char kKey[] = "right-Key-0f-the-Jungle-19d2";
const char kWrongKey[] = "wrong-Key-0f-the-Jungle-77ab";

// Records every byte sent and received on a context, as a trace would.
struct WireTap {
  static std::string *sink;
  static int (*next_send)(struct soap *, const char *, std::size_t);
  static std::size_t (*next_recv)(struct soap *, char *, std::size_t);
  static int send(struct soap *soap, const char *buf, std::size_t len) {
    sink->append(buf, len);
    return next_send(soap, buf, len);
  }
  static std::size_t recv(struct soap *soap, char *buf, std::size_t len) {
    std::size_t n = next_recv(soap, buf, len);
    sink->append(buf, n);
    return n;
  }
  static void attach(struct soap *soap, std::string &out) {
    sink = &out;
    next_send = soap->fsend;
    next_recv = soap->frecv;
    soap->fsend = send;
    soap->frecv = recv;
  }
};
std::string *WireTap::sink = nullptr;
int (*WireTap::next_send)(struct soap *, const char *, std::size_t) = nullptr;
std::size_t (*WireTap::next_recv)(struct soap *, char *, std::size_t) = nullptr;

// Sends the sandbox's stderr (inherited from this process) to a file for
// the lifetime of the sandbox, so the test can read its log.
class CapturedStderr {
 public:
  CapturedStderr() : path_("auth_plugin_sandbox_stderr.log") {
    std::fflush(stderr);
    saved_ = ::dup(2);
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    BOOST_REQUIRE(fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
  }
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  ~CapturedStderr() { restore(); }
  std::string text() const { return read_file(path_); }

 private:
  std::string path_;
  int saved_;
};

mktows::AuthSettings settings(const char *key) {
  mktows::AuthSettings s;
  s.user_id = kUser;
  s.encryption_key = key;
  return s;
}

int sync_seed_lead(mktows::wire::MktowsApiSoapBindingProxy &proxy, const std::string &endpoint, const std::string &email,
                   mktows::wire::mktows__SuccessSyncLead &result) {
  SeedParams p;
  p.email = email;
  return proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result);
}

bool is_fault(int rc) { return rc == SOAP_CLI_FAULT || rc == SOAP_SVR_FAULT || rc == SOAP_FAULT; }

std::string fault_code(mktows::wire::MktowsApiSoapBindingProxy &proxy) {
  return mktows::detail::read_service_exception(soap_fault_detail(proxy.soap)).code;
}

}  // namespace

BOOST_AUTO_TEST_CASE(raw_proxy_with_the_plugin_is_accepted_then_updates) {
  SandboxProcess sandbox({}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}});
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  mktows::AuthSettings s = settings(kKey);
  BOOST_REQUIRE_EQUAL(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s), SOAP_OK);

  mktows::wire::mktows__SuccessSyncLead first, second;
  BOOST_REQUIRE_EQUAL(sync_seed_lead(proxy, sandbox.endpoint(), "george@jungle.com", first), SOAP_OK);
  BOOST_REQUIRE(first.result && first.result->syncStatus);
  BOOST_TEST(first.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__CREATED);
  int id = first.result->leadId;
  BOOST_TEST(id > 0);
  proxy.destroy();
  BOOST_REQUIRE_EQUAL(sync_seed_lead(proxy, sandbox.endpoint(), "george@jungle.com", second), SOAP_OK);
  BOOST_TEST(second.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__UPDATED);
  BOOST_TEST(second.result->leadId == id);
}

BOOST_AUTO_TEST_CASE(the_default_workspace_header_is_accepted) {
  SandboxProcess sandbox({}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}});
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  mktows::AuthSettings s = settings(kKey);
  s.workspace = "Default";
  BOOST_REQUIRE_EQUAL(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s), SOAP_OK);
  std::string wire;
  WireTap::attach(proxy.soap, wire);
  mktows::wire::mktows__SuccessSyncLead result;
  BOOST_REQUIRE_EQUAL(sync_seed_lead(proxy, sandbox.endpoint(), "ursula@jungle.com", result), SOAP_OK);
  BOOST_TEST(result.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__CREATED);
  BOOST_TEST(wire.find("<targetWorkspace>Default</targetWorkspace>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_key_is_refused_with_20014_and_no_key_leaks) {
  std::string everything;
  {
    CapturedStderr log;
    SandboxProcess sandbox({"--verbose"}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}});
    mktows::wire::MktowsApiSoapBindingProxy proxy;
    mktows::AuthSettings s = settings(kWrongKey);
    BOOST_REQUIRE_EQUAL(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s), SOAP_OK);
    WireTap::attach(proxy.soap, everything);
    mktows::wire::mktows__SuccessSyncLead result;
    int rc = sync_seed_lead(proxy, sandbox.endpoint(), "george@jungle.com", result);
    BOOST_TEST(is_fault(rc));
    BOOST_TEST(fault_code(proxy) == "20014");
    BOOST_REQUIRE(proxy.soap_fault_string() != nullptr);
    BOOST_TEST(std::string(proxy.soap_fault_string()).compare(0, 5, "20014") == 0);
    std::ostringstream stream;
    proxy.soap_stream_fault(stream);
    everything += stream.str();
    char buf[2048];
    everything += proxy.soap_sprint_fault(buf, sizeof buf);
    sandbox.stop();
    log.restore();
    everything += log.text();
  }
  BOOST_TEST(everything.find("Authentication failed") != std::string::npos);  // the capture worked
  BOOST_TEST(everything.find("requestSignature") != std::string::npos);
  BOOST_TEST(everything.find(kWrongKey) == std::string::npos);
  BOOST_TEST(everything.find(kKey) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_stale_timestamp_gets_20016_and_a_fresh_one_is_accepted) {
  SandboxProcess sandbox({"--timestamp-window", "60"},
                         {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}});
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  std::time_t skew = -3600;
  mktows::AuthSettings s = settings(kKey);
  s.clock = [&skew] { return std::time(nullptr) + skew; };
  BOOST_REQUIRE_EQUAL(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s), SOAP_OK);
  mktows::wire::mktows__SuccessSyncLead result;
  BOOST_TEST(is_fault(sync_seed_lead(proxy, sandbox.endpoint(), "late@jungle.com", result)));
  BOOST_TEST(fault_code(proxy) == "20016");
  proxy.destroy();
  skew = 0;  // the retry is re-signed with the corrected clock
  BOOST_REQUIRE_EQUAL(sync_seed_lead(proxy, sandbox.endpoint(), "late@jungle.com", result), SOAP_OK);
  BOOST_TEST(result.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__CREATED);
}
