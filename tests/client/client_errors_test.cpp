// client_errors_test: every error class the client tells apart, and the
// retry policy acting on them, against a raw loopback server.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

#include <atomic>

using namespace mktows_test;
using mktows::ErrorKind;
using mktows::TransportFailure;
using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(error_classes)

BOOST_AUTO_TEST_CASE(connection_refused_is_a_retryable_connect_error) {
  std::string endpoint;
  {
    RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
    endpoint = gone.endpoint();
  }  // the port is closed now
  FakeTime time;
  mktows::ClientOptions o = test_options(endpoint, &time);
  o.retry.max_attempts = 3;
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  const mktows::Error &e = r.error();
  BOOST_TEST((e.kind == ErrorKind::transport));
  BOOST_TEST((e.transport == TransportFailure::connect), e.describe());
  BOOST_TEST(e.soap_error == SOAP_TCP_ERROR);
  BOOST_TEST(e.soap_detail.find("connect") != std::string::npos, e.soap_detail);
  BOOST_TEST(e.retryable());
  BOOST_TEST(e.attempts == 3);
  // Backed off twice, exponentially (jitter pinned to 0): 1 s, then 2 s.
  std::vector<milliseconds> sleeps = time.sleeps();
  BOOST_REQUIRE_EQUAL(sleeps.size(), 2u);
  BOOST_TEST(sleeps[0].count() == 1000);
  BOOST_TEST(sleeps[1].count() == 2000);
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out) {
  RawHttpServer silent([](const RawRequest &, std::size_t) { return RawReply::hang(); });
  mktows::ClientOptions o = test_options(silent.endpoint());
  o.receive_timeout = milliseconds(150);
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::transport));
  BOOST_TEST((r.error().transport == TransportFailure::timeout), r.error().describe());
  BOOST_TEST(r.error().retryable());
  BOOST_TEST(silent.requests().size() == 1u);  // it was sent, then nothing came back
}

BOOST_AUTO_TEST_CASE(a_connection_closed_without_an_answer) {
  RawHttpServer rude([](const RawRequest &, std::size_t) { return RawReply::close(); });
  mktows::ClientOptions o = test_options(rude.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().transport == TransportFailure::connection_closed), r.error().describe());
  BOOST_TEST(r.error().retryable());
}

BOOST_AUTO_TEST_CASE(a_proxy_502_html_page_is_an_http_error_with_the_page) {
  const std::string page =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
      "<hr><center>nginx</center></body></html>";
  RawHttpServer proxy([&](const RawRequest &, std::size_t) {
    return RawReply::respond(http_response(502, "Bad Gateway", "text/html", page));
  });
  FakeTime time;
  mktows::ClientOptions o = test_options(proxy.endpoint(), &time);
  o.retry.max_attempts = 2;
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  const mktows::Error &e = r.error();
  BOOST_TEST((e.kind == ErrorKind::http));
  BOOST_TEST(e.code == 502);
  BOOST_TEST(e.body_excerpt.find("<h1>502 Bad Gateway</h1>") != std::string::npos, e.body_excerpt);
  BOOST_TEST(e.retryable());
  BOOST_TEST(e.attempts == 2);
}

BOOST_AUTO_TEST_CASE(an_http_500_that_is_not_soap_is_an_http_error_not_retried) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(http_response(500, "Internal Server Error", "text/plain", "database on fire"));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::http));
  BOOST_TEST(r.error().code == 500);
  BOOST_TEST(r.error().body_excerpt.find("database on fire") != std::string::npos, r.error().body_excerpt);
  BOOST_TEST(!r.error().retryable());
  BOOST_TEST(server.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_200_that_is_not_soap_is_a_protocol_error) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(http_response(200, "OK", "text/html", "<html>login page</html>"));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(!r.error().retryable());
}

BOOST_AUTO_TEST_CASE(an_answer_above_max_response_bytes_is_refused) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    std::string padded = envelope("<!-- " + std::string(20000, 'x') + " -->");
    return RawReply::respond(soap_response(padded));
  });
  mktows::ClientOptions o = test_options(server.endpoint());
  o.max_response_bytes = 4096;
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(r.error().message.find("max_response_bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fault_code_and_message_from_detail_or_faultstring) {
  // The detail's <code> wins; without a detail the faultstring's digits.
  const std::string no_detail = soap_response(
      envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>20103 - Lead Not Found"
               "</faultstring></SOAP-ENV:Fault>"),
      500);
  RawHttpServer server([&](const RawRequest &, std::size_t i) {
    return RawReply::respond(i == 0 ? fault_response(20105, "Lead Attribute Bad") : no_detail);
  });
  mktows::Client client(test_options(server.endpoint()));
  auto a = client.sync_lead(george());
  BOOST_REQUIRE(!a.ok());
  BOOST_TEST((a.error().kind == ErrorKind::fault));
  BOOST_TEST(a.error().code == 20105);
  BOOST_TEST(a.error().message == "Lead Attribute Bad");
  BOOST_TEST(a.error().fault_code == "SOAP-ENV:Client");
  auto b = client.get_lead(mktows::LeadKey::by_email("nobody@jungle.com"));
  BOOST_REQUIRE(!b.ok());
  BOOST_TEST(b.error().code == 20103);
  BOOST_TEST(b.error().message == "Lead Not Found");
  BOOST_TEST(!b.error().retryable());
}

BOOST_AUTO_TEST_CASE(the_detail_is_read_from_its_xml_whatever_the_wsdl_declares) {
  // Three faults the faultstring alone cannot explain: (1) a code only in the
  // detail, its prefix declared on the element as the vendor sends it;
  // (2) an empty faultstring, the message only in the detail, the prefix
  // another one; (3) a detail holding something else: the faultstring's code.
  auto fault = [](const std::string &faultstring, const std::string &detail) {
    return soap_response(envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>" +
                                  faultstring + "</faultstring><detail>" + detail + "</detail></SOAP-ENV:Fault>"),
                         500);
  };
  const std::string answers[] = {
      fault("Authentication failed",
            "<mk:serviceException xmlns:mk=\"http://www.marketo.com/mktows/\"><name>mktServiceException</name>"
            "<message>Authentication failed (20014)</message><code>20014</code></mk:serviceException>"),
      fault("", "<x:serviceException xmlns:x=\"http://www.marketo.com/mktows/\"><name>mktServiceException</name>"
                "<message>Lead Key Bad (20102)</message><code>20102</code></x:serviceException>"),
      fault("20103 - Lead Not Found", "<other xmlns=\"urn:else\"><code>1</code></other>")};
  RawHttpServer server([&](const RawRequest &, std::size_t i) { return RawReply::respond(answers[i % 3]); });
  mktows::ClientOptions o = test_options(server.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  auto a = client.sync_lead(george());
  BOOST_REQUIRE(!a.ok());
  BOOST_TEST((a.error().kind == ErrorKind::fault));
  BOOST_TEST(a.error().code == 20014);
  BOOST_TEST(a.error().message == "Authentication failed");
  auto b = client.sync_lead(george());
  BOOST_REQUIRE(!b.ok());
  BOOST_TEST(b.error().code == 20102);
  BOOST_TEST(b.error().message == "Lead Key Bad (20102)");
  auto c = client.sync_lead(george());
  BOOST_REQUIRE(!c.ok());
  BOOST_TEST(c.error().code == 20103);
  BOOST_TEST(c.error().message == "Lead Not Found");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retries)

// A server that answers the first `failures` requests with fault `code`
// and then succeeds.
struct FlakyServer {
  int code;
  std::size_t failures;
  RawHttpServer server;
  FlakyServer(int c, std::size_t n)
      : code(c), failures(n), server([this](const RawRequest &, std::size_t i) {
          return RawReply::respond(i < failures ? fault_response(code, "planned failure") : sync_lead_ok(77, "UPDATED"));
        }) {}
};

BOOST_AUTO_TEST_CASE(never_retried_codes) {
  for (int code : {20013, 20014, 20015, 20012, 20017}) {
    BOOST_TEST_CONTEXT("fault " << code) {
      FlakyServer flaky(code, 100);
      FakeTime time;
      mktows::Client client(test_options(flaky.server.endpoint(), &time));
      auto r = client.sync_lead(george());
      BOOST_REQUIRE(!r.ok());
      BOOST_TEST(r.error().code == code);
      BOOST_TEST(r.error().attempts == 1);
      BOOST_TEST(flaky.server.requests().size() == 1u);
      BOOST_TEST(time.sleeps().empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(expired_20016_is_re_signed_and_retried_at_once) {
  FlakyServer flaky(20016, 1);
  FakeTime time;
  std::time_t wall = 1375299527;
  mktows::ClientOptions o = test_options(flaky.server.endpoint(), &time);
  o.wall_clock = [&wall] { return wall++; };  // each signing sees a later second
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->lead_id == 77);
  BOOST_TEST((r->status == mktows::SyncStatus::updated));
  BOOST_TEST(time.sleeps().empty());  // at once
  std::vector<RawRequest> requests = flaky.server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  WireHeaders first = read_headers(requests[0].body), second = read_headers(requests[1].body);
  BOOST_TEST(first.timestamp != second.timestamp);
  BOOST_TEST(first.signature != second.signature);
  BOOST_TEST(second.signature == reference_hmac_hex(kClientKey, second.timestamp + kClientUser));
}

BOOST_AUTO_TEST_CASE(backoff_codes_are_retried_after_growing_delays) {
  for (int code : {20023, 20024, 10001, 20011}) {
    BOOST_TEST_CONTEXT("fault " << code) {
      FlakyServer flaky(code, 2);
      FakeTime time;
      mktows::Client client(test_options(flaky.server.endpoint(), &time));
      auto r = client.sync_lead(george());
      BOOST_REQUIRE(r.ok());
      BOOST_TEST(flaky.server.requests().size() == 3u);
      std::vector<milliseconds> sleeps = time.sleeps();
      BOOST_REQUIRE_EQUAL(sleeps.size(), 2u);
      BOOST_TEST(sleeps[0].count() == 1000);
      BOOST_TEST(sleeps[1].count() == 2000);
    }
  }
}

BOOST_AUTO_TEST_CASE(attempts_are_bounded) {
  FlakyServer flaky(20023, 100);
  FakeTime time;
  mktows::ClientOptions o = test_options(flaky.server.endpoint(), &time);
  o.retry.max_attempts = 5;
  o.retry.max_total = milliseconds(600000);
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == 20023);
  BOOST_TEST(r.error().attempts == 5);
  BOOST_TEST(flaky.server.requests().size() == 5u);
  BOOST_TEST(time.sleeps().size() == 4u);
  BOOST_TEST(time.sleeps().back().count() == 8000);
}

BOOST_AUTO_TEST_CASE(total_time_is_bounded) {
  FlakyServer flaky(20024, 100);
  FakeTime time;
  mktows::ClientOptions o = test_options(flaky.server.endpoint(), &time);
  o.retry.max_attempts = 100;
  o.retry.max_total = milliseconds(5000);  // 1 s + 2 s fit; the 4 s after them would not
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().attempts == 3);
  BOOST_TEST(time.elapsed().count() == 3000);
}

BOOST_AUTO_TEST_CASE(jitter_shortens_delays_within_its_bound) {
  mktows::RetryPolicy p;
  mktows::Error e;
  e.kind = ErrorKind::fault;
  e.code = 20023;
  auto d0 = p.decide(e, 1, 0, milliseconds(0), 0.0);
  auto d1 = p.decide(e, 1, 0, milliseconds(0), 0.999);
  auto d2 = p.decide(e, 2, 3, milliseconds(0), 0.5);
  BOOST_TEST((d0.action == mktows::RetryPolicy::Action::retry_after));
  BOOST_TEST(d0.delay.count() == 1000);
  BOOST_TEST(d1.delay.count() >= 500);
  BOOST_TEST(d1.delay.count() < 501);
  BOOST_TEST(d2.delay.count() == 6000);  // 8 s base, shortened by a quarter
  p.max_backoff = milliseconds(3000);
  BOOST_TEST(p.decide(e, 2, 10, milliseconds(0), 0.0).delay.count() == 3000);
  e.kind = ErrorKind::validation;
  BOOST_TEST((p.decide(e, 1, 0, milliseconds(0), 0.0).action == mktows::RetryPolicy::Action::stop));
}

BOOST_AUTO_TEST_CASE(a_failed_batch_reports_how_far_it_got) {
  // Batch 1 succeeds, batch 2 is refused.
  RawHttpServer server([](const RawRequest &req, std::size_t i) {
    if (i > 0) return RawReply::respond(fault_response(20014, "Authentication failed"));
    std::string statuses;
    for (std::size_t n = 0; n < count_of(req.body, "<leadRecord>"); ++n)
      statuses += "<syncStatus><leadId>" + std::to_string(n + 1) + "</leadId><status>CREATED</status></syncStatus>";
    return RawReply::respond(soap_response(envelope(
        "<ns1:successSyncMultipleLeads><result><syncStatusList>" + statuses +
        "</syncStatusList></result></ns1:successSyncMultipleLeads>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  std::vector<mktows::Lead> leads;
  for (int i = 0; i < 400; ++i) leads.push_back(mktows::Lead().email("l" + std::to_string(i) + "@jungle.com"));
  auto r = client.sync_multiple_leads(leads);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == 20014);
  BOOST_TEST(r.error().completed == 300u);
  BOOST_TEST(r.error().message.find("#300-#399") != std::string::npos, r.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
