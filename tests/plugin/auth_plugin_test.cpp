// auth_plugin_test: the signing plugin on the raw generated proxy, offline.
//
// HMAC-SHA1 against RFC 2202 and the openssl command; the timestamp under
// several time zones; fresh headers per message but identical in gSOAP's
// count and send passes; the context header; soap_copy; response headers;
// and the secret never showing up in anything a call produces.
#define BOOST_TEST_MODULE auth_plugin
#include <boost/test/unit_test.hpp>

#include "plugin/plugin_test_support.hpp"
#include "support/raw_http_server.hpp"

#include <openssl/hmac.h>

#include <cstdio>
#include <sstream>
#include <thread>

using namespace mktows_test;

namespace {

const char kUser[] = "bigcorp1_461839624B16E06BA2D663";
const char kKey[] = "s3cr3t-Key-0f-the-Jungle";
const std::time_t kSeedTime = 1375299527;  // 2013-07-31T12:38:47-07:00

mktows::AuthSettings settings_at(std::time_t when, const std::string &workspace = std::string()) {
  mktows::AuthSettings s;
  s.user_id = kUser;
  s.encryption_key = kKey;
  s.workspace = workspace;
  s.clock = [when] { return when; };
  return s;
}

// YYYY-MM-DDThh:mm:ss+hh:mm (or -hh:mm), checked character by character.
bool is_w3c_timestamp(const std::string &s) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd*dd:dd";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (shape[i] == 'd' ? !(c >= '0' && c <= '9') : shape[i] == '*' ? !(c == '+' || c == '-') : c != shape[i])
      return false;
  }
  return true;
}

void register_plugin(mktows::wire::MktowsApiSoapBindingProxy &proxy, const mktows::AuthSettings &s) {
  BOOST_REQUIRE_EQUAL(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, const_cast<mktows::AuthSettings *>(&s)),
                      SOAP_OK);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hmac)

BOOST_AUTO_TEST_CASE(rfc2202_hmac_sha1_vectors_all_seven) {
  struct Vector {
    std::string key, data, digest;
  };
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
  const Vector vectors[] = {
      {std::string(20, '\x0b'), "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"},
      {"Jefe", "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
      {std::string(20, '\xaa'), std::string(50, '\xdd'), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
      {key4, std::string(50, '\xcd'), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
      {std::string(20, '\x0c'), "Test With Truncation", "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
      {std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
      {std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
       "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
  };
  for (const Vector &v : vectors) {
    mktows::Signer signer(v.key);
    char hex[mktows::Signer::kHexLength];
    BOOST_REQUIRE(signer.sign_hex(v.data.data(), v.data.size(), hex));
    BOOST_TEST(std::string(hex, sizeof hex) == v.digest);
    // The keyed context is reused: a second message with the same key
    // gives the same answer.
    BOOST_REQUIRE(signer.sign_hex(v.data.data(), v.data.size(), hex));
    BOOST_TEST(std::string(hex, sizeof hex) == v.digest);
  }
}

// The build picks the HMAC backend (signer.hpp): OpenSSL's SHA-1 by
// default, EVP_MAC when asked or when deprecated OpenSSL is compiled out.
// This suite is built once per backend (tests/plugin/CMakeLists.txt).
BOOST_AUTO_TEST_CASE(the_signer_uses_the_backend_this_build_asked_for) {
  BOOST_TEST(std::string(mktows::Signer::backend()) == MKTOWS_EXPECTED_SIGNER_BACKEND);
}

// Every key and message length around SHA-1's 64-byte block (and the
// key-hashing threshold), against OpenSSL's one-shot HMAC().
BOOST_AUTO_TEST_CASE(agrees_with_one_shot_hmac_around_block_boundaries) {
  unsigned seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<char>((seed >> 16) & 0xff);
  };
  for (std::size_t key_length : {0u, 1u, 19u, 20u, 55u, 63u, 64u, 65u, 100u, 128u, 129u}) {
    std::string key;
    for (std::size_t i = 0; i < key_length; ++i) key += next();
    mktows::Signer signer(key);
    for (std::size_t length = 0; length <= 130; ++length) {
      std::string message;
      for (std::size_t i = 0; i < length; ++i) message += next();
      unsigned char expected[20];
      unsigned int n = 0;
      BOOST_REQUIRE(HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
                         reinterpret_cast<const unsigned char *>(message.data()), message.size(), expected, &n));
      char want[41];
      for (int i = 0; i < 20; ++i) std::snprintf(want + 2 * i, 3, "%02x", expected[i]);
      char hex[mktows::Signer::kHexLength];
      BOOST_REQUIRE(signer.sign_hex(message.data(), message.size(), hex));
      BOOST_TEST_CONTEXT("key " << key_length << " bytes, message " << length << " bytes") {
        BOOST_TEST(std::string(hex, sizeof hex) == std::string(want, 40));
      }
    }
  }
}

// A copy keeps its own keyed state: re-keying the original leaves it alone.
BOOST_AUTO_TEST_CASE(a_copy_keeps_its_key_when_the_original_is_rekeyed) {
  mktows::Signer original("Jefe");
  mktows::Signer copy(original);
  original.rekey(std::string(20, '\x0b'));
  BOOST_TEST(copy.sign("what do ya want ", "for nothing?") == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  BOOST_TEST(original.sign("Hi ", "There") == "b617318655057264e28bc0b6fb378c8ef146be00");
  mktows::Signer moved(std::move(copy));
  BOOST_TEST(moved.sign("what do ya want for nothing?", "") == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

BOOST_AUTO_TEST_CASE(wire_signature_matches_the_openssl_command) {
  mktows_test::ScopedTimeZone tz("America/Los_Angeles");
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  WireHeaders h = read_headers(send_to_string(proxy));
  BOOST_REQUIRE(h.has_auth);
  BOOST_TEST(h.timestamp == "2013-07-31T12:38:47-07:00");

  // The message and key hold only characters that need no shell quoting
  // beyond single quotes.
  std::string message = h.timestamp + kUser;
  std::string command = "printf '%s' '" + message + "' | openssl dgst -sha1 -hmac '" + kKey + "'";
  FILE *pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char line[256] = {0};
  bool got = std::fgets(line, sizeof line, pipe) != nullptr;
  BOOST_REQUIRE_EQUAL(::pclose(pipe), 0);
  BOOST_REQUIRE(got);
  std::string out(line);
  std::size_t eq = out.find("= ");
  BOOST_REQUIRE(eq != std::string::npos);
  std::string expected = out.substr(eq + 2, 40);
  BOOST_TEST(h.signature == expected);
  BOOST_TEST(h.signature == reference_hmac_hex(kKey, message));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timestamp)

BOOST_AUTO_TEST_CASE(format_and_offset_under_several_time_zones) {
  struct Case {
    const char *tz;
    std::time_t when;
    const char *expected;
  };
  const std::time_t winter = 1390000000;  // 2014-01-17T23:06:40Z
  const Case cases[] = {
      {"UTC", kSeedTime, "2013-07-31T19:38:47+00:00"},
      {"America/Los_Angeles", kSeedTime, "2013-07-31T12:38:47-07:00"},  // the seed's timestamp
      {"America/Los_Angeles", winter, "2014-01-17T15:06:40-08:00"},
      {"Asia/Kolkata", kSeedTime, "2013-08-01T01:08:47+05:30"},  // half-hour zone, next day
      {"Asia/Kathmandu", kSeedTime, "2013-08-01T01:23:47+05:45"},
      {"America/St_Johns", kSeedTime, "2013-07-31T17:08:47-02:30"},  // negative half hour
      {"America/St_Johns", winter, "2014-01-17T19:36:40-03:30"},
      {"Australia/Adelaide", winter, "2014-01-18T09:36:40+10:30"},
  };
  for (const Case &c : cases) {
    mktows_test::ScopedTimeZone tz(c.tz);
    mktows::wire::MktowsApiSoapBindingProxy proxy;
    register_plugin(proxy, settings_at(c.when));
    WireHeaders h = read_headers(send_to_string(proxy));
    BOOST_TEST_CONTEXT(c.tz) {
      BOOST_TEST(h.timestamp == c.expected);
      BOOST_TEST(is_w3c_timestamp(h.timestamp));
      // What is signed is exactly what is sent.
      BOOST_TEST(h.signature == reference_hmac_hex(kKey, h.timestamp + kUser));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_same_instant_in_two_zones_signs_differently) {
  // Guards the cache of the last signature: it is keyed on the timestamp
  // text, which includes the offset.
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  WireHeaders utc, kolkata;
  {
    mktows_test::ScopedTimeZone tz("UTC");
    utc = read_headers(send_to_string(proxy));
  }
  {
    mktows_test::ScopedTimeZone tz("Asia/Kolkata");
    kolkata = read_headers(send_to_string(proxy));
  }
  BOOST_TEST(utc.timestamp != kolkata.timestamp);
  BOOST_TEST(utc.signature != kolkata.signature);
  BOOST_TEST(kolkata.signature == reference_hmac_hex(kKey, kolkata.timestamp + kUser));
}

BOOST_AUTO_TEST_CASE(two_calls_a_second_apart_differ_in_timestamp_and_signature) {
  mktows_test::ScopedTimeZone tz("UTC");
  std::time_t now = kSeedTime;
  mktows::AuthSettings s = settings_at(0);
  s.clock = [&now] { return now; };
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, s);
  WireHeaders first = read_headers(send_to_string(proxy));
  now += 1;
  WireHeaders second = read_headers(send_to_string(proxy));
  BOOST_TEST(first.timestamp == "2013-07-31T19:38:47+00:00");
  BOOST_TEST(second.timestamp == "2013-07-31T19:38:48+00:00");
  BOOST_TEST(first.signature != second.signature);
  BOOST_TEST(second.signature == reference_hmac_hex(kKey, second.timestamp + kUser));
  BOOST_TEST(mktows::AuthPlugin::find(proxy.soap)->messages_signed() == 2u);
}

BOOST_AUTO_TEST_CASE(a_failing_clock_fails_the_send_without_sending) {
  mktows::AuthSettings s = settings_at(0);
  s.clock = [] { return static_cast<std::time_t>(-1); };
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, s);
  int rc = SOAP_OK;
  std::string wire = send_to_string(proxy, &rc);
  BOOST_TEST(rc == SOAP_PLUGIN_ERROR);
  BOOST_TEST(wire.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(passes)

// Collects what gSOAP counts in its Content-Length pass: with fpreparesend
// set, gSOAP hands every counted byte to it (and does not call it again in
// the send pass).
std::string *g_counted = nullptr;
int collect_counted(struct soap *soap, const char *buf, std::size_t len) {
  if ((soap->mode & SOAP_IO_LENGTH) && g_counted) g_counted->append(buf, len);
  return SOAP_OK;
}

BOOST_AUTO_TEST_CASE(count_pass_and_send_pass_carry_the_same_header) {
  std::time_t now = kSeedTime;
  mktows::AuthSettings s = settings_at(0);
  // A clock that moves on every reading: if the header were rebuilt between
  // the passes, the bytes would differ.
  s.clock = [&now] { return now++; };
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, s);
  std::string counted;
  g_counted = &counted;
  proxy.soap->fpreparesend = collect_counted;
  std::string sent = send_to_string(proxy);
  g_counted = nullptr;
  BOOST_REQUIRE(!sent.empty());
  BOOST_TEST(counted == sent);
  BOOST_TEST(read_headers(sent).has_auth);
  BOOST_TEST(now == kSeedTime + 1);  // one reading per message
}

BOOST_AUTO_TEST_CASE(http_content_length_equals_the_body_sent) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(soap_response(mktows_test::mktows_fault_envelope(20011, "Internal Error")));
  });
  std::time_t now = kSeedTime;
  mktows::AuthSettings s = settings_at(0);
  s.clock = [&now] { return now++; };
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, s);
  SeedParams p;
  mktows::wire::mktows__SuccessSyncLead result;
  std::string endpoint = server.endpoint();
  proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result);
  proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result);  // a resend
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  WireHeaders h[2];
  for (int i = 0; i < 2; ++i) {
    BOOST_TEST_CONTEXT("request " << i) {
      std::string length = requests[i].header("Content-Length");
      BOOST_REQUIRE(!length.empty());
      BOOST_TEST(std::stoul(length) == requests[i].body.size());
      h[i] = read_headers(requests[i].body);
      BOOST_TEST(h[i].has_auth);
      BOOST_TEST(h[i].signature == reference_hmac_hex(kKey, h[i].timestamp + kUser));
    }
  }
  BOOST_TEST(h[0].timestamp != h[1].timestamp);  // fresh for the resend
  BOOST_TEST(h[0].signature != h[1].signature);
}

BOOST_AUTO_TEST_CASE(chunked_output_is_signed_too) {
  // Without a count pass gSOAP calls fprepareinitsend in soap_begin_send.
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::close(); });
  mktows::wire::MktowsApiSoapBindingProxy proxy(SOAP_IO_CHUNK);
  register_plugin(proxy, settings_at(kSeedTime));
  SeedParams p;
  mktows::wire::mktows__SuccessSyncLead result;
  std::string endpoint = server.endpoint();
  proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result);
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  BOOST_TEST(requests[0].header("Transfer-Encoding") == "chunked");
  WireHeaders h = read_headers(requests[0].body);
  BOOST_TEST(h.user_id == kUser);
  BOOST_TEST(h.signature == reference_hmac_hex(kKey, h.timestamp + kUser));
}

int g_previous_calls = 0;
int previous_init_send(struct soap *) {
  ++g_previous_calls;
  return SOAP_OK;
}

BOOST_AUTO_TEST_CASE(an_earlier_fprepareinitsend_is_still_called) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  proxy.soap->fprepareinitsend = previous_init_send;
  g_previous_calls = 0;
  register_plugin(proxy, settings_at(kSeedTime));
  send_to_string(proxy);
  send_to_string(proxy);
  BOOST_TEST(g_previous_calls == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(headers)

BOOST_AUTO_TEST_CASE(audit_and_mode_are_never_sent) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  std::string wire = send_to_string(proxy);
  WireHeaders h = read_headers(wire);
  BOOST_TEST(h.has_auth);
  BOOST_TEST(!h.has_audit);
  BOOST_TEST(!h.has_mode);
  BOOST_TEST(wire.find("audit") == std::string::npos);
  BOOST_TEST(wire.find("<mode") == std::string::npos);
  BOOST_TEST(h.user_id == kUser);
}

BOOST_AUTO_TEST_CASE(context_header_absent_present_and_overridden_per_call) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  mktows::AuthPlugin *plugin = mktows::AuthPlugin::find(proxy.soap);
  BOOST_REQUIRE(plugin != nullptr);

  WireHeaders none = read_headers(send_to_string(proxy));
  BOOST_TEST(none.has_auth);
  BOOST_TEST(!none.has_context);

  plugin->set_workspace("Default");
  WireHeaders dflt = read_headers(send_to_string(proxy));
  BOOST_TEST(dflt.has_context);
  BOOST_TEST(dflt.workspace == "Default");

  {
    mktows::ScopedCallWorkspace call(proxy.soap, "Jungle");
    BOOST_TEST(call.active());
    WireHeaders over = read_headers(send_to_string(proxy));
    BOOST_TEST(over.workspace == "Jungle");
  }
  {
    mktows::ScopedCallWorkspace call(proxy.soap, "");  // this call: no header
    BOOST_TEST(!read_headers(send_to_string(proxy)).has_context);
  }
  WireHeaders back = read_headers(send_to_string(proxy));
  BOOST_TEST(back.workspace == "Default");

  plugin->set_workspace("");
  BOOST_TEST(!read_headers(send_to_string(proxy)).has_context);
}

BOOST_AUTO_TEST_CASE(workspace_from_the_settings) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime, "Marketing"));
  WireHeaders h = read_headers(send_to_string(proxy));
  BOOST_TEST(h.has_context);
  BOOST_TEST(h.workspace == "Marketing");
}

BOOST_AUTO_TEST_CASE(rekey_and_new_user_change_the_signature_at_the_same_instant) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  mktows::AuthPlugin *plugin = mktows::AuthPlugin::find(proxy.soap);
  WireHeaders before = read_headers(send_to_string(proxy));
  plugin->rekey("another key");
  WireHeaders rekeyed = read_headers(send_to_string(proxy));
  BOOST_TEST(rekeyed.timestamp == before.timestamp);
  BOOST_TEST(rekeyed.signature == reference_hmac_hex("another key", rekeyed.timestamp + kUser));
  plugin->set_user_id("demo17_1_809934544BFABAE58E5D27");
  WireHeaders renamed = read_headers(send_to_string(proxy));
  BOOST_TEST(renamed.user_id == "demo17_1_809934544BFABAE58E5D27");
  BOOST_TEST(renamed.signature ==
             reference_hmac_hex("another key", renamed.timestamp + "demo17_1_809934544BFABAE58E5D27"));
}

BOOST_AUTO_TEST_CASE(registration_refuses_missing_settings_and_a_second_plugin) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  BOOST_TEST(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, nullptr) == SOAP_PLUGIN_ERROR);
  mktows::AuthSettings empty;
  BOOST_TEST(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &empty) == SOAP_PLUGIN_ERROR);
  BOOST_TEST(mktows::AuthPlugin::find(proxy.soap) == nullptr);
  mktows::AuthSettings s = settings_at(kSeedTime);
  BOOST_TEST(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s) == SOAP_OK);
  BOOST_TEST(soap_register_plugin_arg(proxy.soap, mktows::auth_plugin, &s) == SOAP_PLUGIN_ERROR);
  BOOST_TEST(read_headers(send_to_string(proxy)).has_auth);
}

bool g_header_was_null_at_send = false;
int remember_header(struct soap *soap) {
  g_header_was_null_at_send = soap->header == nullptr;  // runs after the plugin's own hook
  return SOAP_OK;
}

std::size_t count_of(const std::string &haystack, const std::string &needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

BOOST_AUTO_TEST_CASE(a_response_header_is_never_sent_back) {
  // The response carries a SOAP header; gSOAP deserialises it into
  // soap->header (the program's SOAP_ENV__Header, which cannot hold ours).
  // The next request must carry exactly one header element: ours, signed.
  const std::string response =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
      "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Header><ns1:AuthenticationHeader>"
      "<mktowsUserId>from-the-server</mktowsUserId><requestSignature>x</requestSignature>"
      "<requestTimestamp>y</requestTimestamp></ns1:AuthenticationHeader></SOAP-ENV:Header>"
      "<SOAP-ENV:Body><ns1:successSyncLead><result><leadId>7</leadId><syncStatus><leadId>7</leadId>"
      "<status>CREATED</status></syncStatus></result></ns1:successSyncLead></SOAP-ENV:Body>"
      "</SOAP-ENV:Envelope>";
  RawHttpServer server([&](const RawRequest &, std::size_t) { return RawReply::respond(soap_response(response)); });
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  proxy.soap->fprepareinitsend = remember_header;
  register_plugin(proxy, settings_at(kSeedTime));
  SeedParams p;
  mktows::wire::mktows__SuccessSyncLead result;
  std::string endpoint = server.endpoint();
  BOOST_REQUIRE_EQUAL(proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result), SOAP_OK);
  BOOST_TEST(result.result->leadId == 7);
  BOOST_REQUIRE(proxy.soap->header != nullptr);  // the response's, as gSOAP read it
  BOOST_REQUIRE_EQUAL(proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result), SOAP_OK);
  BOOST_TEST(g_header_was_null_at_send);
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  BOOST_TEST(count_of(requests[1].body, "<SOAP-ENV:Header>") == 1u);
  BOOST_TEST(requests[1].body.find("from-the-server") == std::string::npos);
  WireHeaders second = read_headers(requests[1].body);
  BOOST_TEST(second.user_id == kUser);
  BOOST_TEST(second.signature == reference_hmac_hex(kKey, second.timestamp + kUser));
  proxy.destroy();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(copies)

BOOST_AUTO_TEST_CASE(a_soap_copy_signs_with_its_own_plugin_data) {
  struct soap *copy = nullptr;
  {
    mktows::wire::MktowsApiSoapBindingProxy proxy;
    register_plugin(proxy, settings_at(kSeedTime, "Default"));
    send_to_string(proxy);
    copy = soap_copy(proxy.soap);
    BOOST_REQUIRE(copy != nullptr);
    mktows::AuthPlugin *original = mktows::AuthPlugin::find(proxy.soap);
    mktows::AuthPlugin *copied = mktows::AuthPlugin::find(copy);
    BOOST_REQUIRE(copied != nullptr);
    BOOST_TEST(copied != original);
    BOOST_TEST(copy->header == nullptr);
    copied->set_workspace("Copy");
    BOOST_TEST(original->workspace() == "Default");
    BOOST_TEST(read_headers(send_to_string(proxy)).workspace == "Default");
  }  // the original context and its plugin are gone
  {
    mktows::wire::MktowsApiSoapBindingProxy copy_proxy(copy);
    WireHeaders h = read_headers(send_to_string(copy_proxy));
    BOOST_TEST(h.user_id == kUser);
    BOOST_TEST(h.workspace == "Copy");
    BOOST_TEST(h.signature == reference_hmac_hex(kKey, h.timestamp + kUser));
  }
  soap_destroy(copy);
  soap_end(copy);
  soap_free(copy);  // fdelete on the copy's data; ASan reports leaks or double frees
}

BOOST_AUTO_TEST_CASE(contexts_on_two_threads_share_no_plugin_state) {
  // One context per thread is the rule; a soap_copy handed to a second
  // thread must not race with the first (run under the sanitizer build too).
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime));
  struct soap *copy = soap_copy(proxy.soap);
  BOOST_REQUIRE(copy != nullptr);
  mktows::AuthPlugin::find(copy)->set_clock([] { return kSeedTime + 100; });
  mktows::AuthPlugin::find(copy)->set_workspace("Other");
  std::string last_a, last_b;
  std::thread a([&] {
    for (int i = 0; i < 200; ++i) last_a = send_to_string(proxy);
  });
  std::thread b([&] {
    mktows::wire::MktowsApiSoapBindingProxy copy_proxy(copy);
    for (int i = 0; i < 200; ++i) last_b = send_to_string(copy_proxy);
  });
  a.join();
  b.join();
  WireHeaders ha = read_headers(last_a), hb = read_headers(last_b);
  BOOST_TEST(!ha.has_context);
  BOOST_TEST(hb.workspace == "Other");
  BOOST_TEST(ha.signature == reference_hmac_hex(kKey, ha.timestamp + kUser));
  BOOST_TEST(hb.signature == reference_hmac_hex(kKey, hb.timestamp + kUser));
  BOOST_TEST(ha.timestamp != hb.timestamp);
  BOOST_TEST(mktows::AuthPlugin::find(proxy.soap)->messages_signed() == 200u);
  soap_destroy(copy);
  soap_end(copy);
  soap_free(copy);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(secret)

BOOST_AUTO_TEST_CASE(settings_copy_and_assign_with_their_defaults) {
  // AuthSettings has no hand-written special members: every member travels.
  mktows::AuthSettings s = settings_at(kSeedTime, "Default");
  mktows::AuthSettings copy(s);
  mktows::AuthSettings assigned;
  assigned.encryption_key = "an older key";
  assigned = s;
  for (const mktows::AuthSettings *t : {&copy, &assigned}) {
    BOOST_TEST(t->user_id == kUser);
    BOOST_TEST(std::string(t->encryption_key.reveal().data, t->encryption_key.size()) == kKey);
    BOOST_TEST(t->workspace == "Default");
    BOOST_TEST(static_cast<bool>(t->clock));
    BOOST_TEST(t->clock() == kSeedTime);
  }
  // The copy's key is its own buffer, not the original's.
  BOOST_TEST(static_cast<const void *>(copy.encryption_key.reveal().data) !=
             static_cast<const void *>(s.encryption_key.reveal().data));  // (not compared as C strings)
  mktows::AuthSettings moved(std::move(s));
  BOOST_TEST(moved.encryption_key.size() == sizeof kKey - 1);
  BOOST_TEST(s.encryption_key.empty());  // NOLINT(bugprone-use-after-move): a moved-from Secret is empty
  // Settings registered from a copy sign as the original would.
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, assigned);
  WireHeaders h = read_headers(send_to_string(proxy));
  BOOST_TEST(h.signature == reference_hmac_hex(kKey, h.timestamp + kUser));
}

BOOST_AUTO_TEST_CASE(no_output_of_a_failing_call_contains_the_key) {
  RawHttpServer server([](const RawRequest &, std::size_t index) {
    if (index == 0) return RawReply::respond(soap_response(mktows_fault_envelope(20014, "Authentication failed"), 500));
    return RawReply::respond(http_response(502, "Bad Gateway", "text/html", "<html><body>502</body></html>"));
  });
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  register_plugin(proxy, settings_at(kSeedTime, "Default"));
  std::string everything;
  SeedParams p;
  mktows::wire::mktows__SuccessSyncLead result;
  std::string endpoint = server.endpoint();
  for (int i = 0; i < 2; ++i) {
    int rc = proxy.syncLead(endpoint.c_str(), nullptr, &p.params, result);
    BOOST_TEST(rc != SOAP_OK);
    std::ostringstream fault;
    proxy.soap_stream_fault(fault);
    everything += fault.str();
    char buf[1024];
    everything += proxy.soap_sprint_fault(buf, sizeof buf);
    if (proxy.soap_fault_string()) everything += proxy.soap_fault_string();
    if (proxy.soap_fault_detail()) everything += proxy.soap_fault_detail();
  }
  // A refused connection, too.
  RawHttpServer closed([](const RawRequest &, std::size_t) { return RawReply::close(); });
  std::string gone = closed.endpoint();
  closed.stop();
  BOOST_TEST(proxy.syncLead(gone.c_str(), nullptr, &p.params, result) != SOAP_OK);
  std::ostringstream fault;
  proxy.soap_stream_fault(fault);
  everything += fault.str();
  for (const RawRequest &r : server.requests()) everything += r.raw;
  everything += send_to_string(proxy);

  BOOST_TEST(everything.find("20014") != std::string::npos);  // the fault did get captured
  BOOST_TEST(everything.find("mktowsUserId") != std::string::npos);
  BOOST_TEST(everything.find(kKey) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
