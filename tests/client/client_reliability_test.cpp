// client_reliability_test: the call timeout against servers that drip
// their answer (plain HTTP and TLS), retries that never duplicate data
// (idempotency.hpp), and what every Marketo fault code gets.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"
#include "mktows/detail/deadline.hpp"
#include "mktows/idempotency.hpp"
#include "support/self_signed_cert.hpp"
#include "support/tls_drip_server.hpp"

#include <chrono>
#include <sstream>

using namespace mktows_test;
using mktows::ErrorKind;
using mktows::TransportFailure;
using std::chrono::milliseconds;

namespace {

typedef std::chrono::steady_clock Clock;

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - t).count();
}

// The answer a drip server sends, one byte every 500 ms: ~1000 bytes,
// so ~8 minutes to finish; no per-read timeout (5 s) ever fires.
std::string slow_answer() { return sync_lead_ok(5); }

void expect_deadline(const mktows::Error &e, long long elapsed_ms, long long deadline_ms) {
  BOOST_TEST((e.kind == ErrorKind::transport), e.describe());
  BOOST_TEST((e.transport == TransportFailure::deadline), e.describe());
  BOOST_TEST(e.message.find("call timeout") != std::string::npos, e.message);
  BOOST_TEST(e.describe().find("transport/deadline") == 0u, e.describe());
  BOOST_TEST(e.may_have_been_applied);  // the request had left whole
  BOOST_TEST(elapsed_ms >= deadline_ms - 50);
  BOOST_TEST(elapsed_ms < deadline_ms + 1500);  // one poll step and scheduling, generously
}

std::string get_lead_ok() {
  return soap_response(envelope(
      "<ns1:successGetLead><result><count>1</count><leadRecordList><leadRecord><Id>5</Id>"
      "<Email>george@jungle.com</Email></leadRecord></leadRecordList></result></ns1:successGetLead>"));
}

std::string batch_ok(const RawRequest &req) {
  std::string statuses;
  for (std::size_t n = 0; n < count_of(req.body, "<leadRecord>"); ++n)
    statuses += "<syncStatus><leadId>" + std::to_string(n + 1) + "</leadId><status>CREATED</status></syncStatus>";
  return soap_response(envelope("<ns1:successSyncMultipleLeads><result><syncStatusList>" + statuses +
                                "</syncStatusList></result></ns1:successSyncMultipleLeads>"));
}

std::vector<mktows::Lead> two_leads() {
  return {mktows::Lead().email("a@jungle.com"), mktows::Lead().email("b@jungle.com")};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(call_timeout)

BOOST_AUTO_TEST_CASE(a_dripping_server_is_cut_off_at_the_deadline_on_plain_http) {
  RawHttpServer drip([](const RawRequest &, std::size_t) { return RawReply::drip(slow_answer(), milliseconds(500)); });
  mktows::ClientOptions o = test_options(drip.endpoint());
  o.call_timeout = milliseconds(1500);
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  Clock::time_point t = Clock::now();
  auto r = client.sync_lead(george());
  long long elapsed = ms_since(t);
  BOOST_REQUIRE(!r.ok());
  expect_deadline(r.error(), elapsed, 1500);
  BOOST_TEST(drip.requests().size() == 1u);
  // The next call starts afresh: a new connection and a new deadline.
  t = Clock::now();
  auto again = client.get_lead(mktows::LeadKey::by_email("george@jungle.com"));
  BOOST_REQUIRE(!again.ok());
  expect_deadline(again.error(), ms_since(t), 1500);
}

BOOST_AUTO_TEST_CASE(a_dripping_server_is_cut_off_at_the_deadline_on_tls) {
  SelfSignedCert cert("client_deadline");
  BOOST_REQUIRE(cert.made);
  TlsDripServer drip(cert.cert, cert.key, slow_answer(), milliseconds(500));
  mktows::ClientOptions o = test_options(drip.endpoint());
  o.ca_file = cert.cert;
  o.call_timeout = milliseconds(1500);
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  BOOST_REQUIRE_MESSAGE(client.ready(), client.setup_error().describe());
  Clock::time_point t = Clock::now();
  auto r = client.sync_lead(george());
  long long elapsed = ms_since(t);
  BOOST_REQUIRE(!r.ok());
  expect_deadline(r.error(), elapsed, 1500);
  BOOST_TEST(drip.requests() == 1u);
}

BOOST_AUTO_TEST_CASE(a_call_option_overrides_the_client_timeout) {
  RawHttpServer drip([](const RawRequest &, std::size_t) { return RawReply::drip(slow_answer(), milliseconds(500)); });
  mktows::ClientOptions o = test_options(drip.endpoint());
  o.call_timeout = milliseconds(0);  // none for the client ...
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  Clock::time_point t = Clock::now();
  auto r = client.sync_multiple_leads(two_leads(), true, mktows::CallOptions().call_timeout(milliseconds(800)));
  BOOST_REQUIRE(!r.ok());
  expect_deadline(r.error(), ms_since(t), 800);  // ... but this call has one
  t = Clock::now();
  auto g = client.get_lead(mktows::LeadKey::by_id(5), mktows::CallOptions().call_timeout(milliseconds(600)));
  BOOST_REQUIRE(!g.ok());
  expect_deadline(g.error(), ms_since(t), 600);
}

BOOST_AUTO_TEST_CASE(an_answer_that_completes_in_time_is_read_whole) {
  // ~1000 bytes, 64 every 20 ms: about 0.3 s of dripping, inside a 5 s bound;
  // many short reads, each within the deadline.
  RawHttpServer drip([](const RawRequest &, std::size_t) {
    return RawReply::drip(slow_answer(), milliseconds(20), 64);
  });
  mktows::ClientOptions o = test_options(drip.endpoint());
  o.call_timeout = milliseconds(5000);
  mktows::Client client(o);
  for (int i = 0; i < 2; ++i) {
    auto r = client.sync_lead(george());
    BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
    BOOST_TEST(r->lead_id == 5);
  }
}

BOOST_AUTO_TEST_CASE(the_deadline_helper) {
  mktows::detail::Deadline d;
  BOOST_TEST(d.left_ms() == -1);  // no bound
  BOOST_TEST(d.shrink_soap_timeout(90) == 90);
  d.arm(milliseconds(0));
  BOOST_TEST(!d.armed());  // 0: none
  d.arm(milliseconds(60000));
  BOOST_TEST(d.left_ms() > 59000);
  BOOST_TEST(d.shrink_soap_timeout(5) == 5);                   // the per-read timeout is nearer
  BOOST_TEST(d.shrink_soap_timeout(0) < -59000000);            // none: the time left, in microseconds
  BOOST_TEST(d.shrink_soap_timeout(120) > -60000001);
  BOOST_TEST(d.shrink_soap_timeout(120) < 0);
  d.arm(milliseconds(20));
  std::this_thread::sleep_for(milliseconds(40));
  BOOST_TEST(d.left_ms() == 0);
  BOOST_TEST(d.passed());
  // The next attempt starts without the last one's verdict, armed or not.
  d.disarm();
  BOOST_TEST(!d.passed());
  d.arm(milliseconds(60000));
  BOOST_TEST(!d.passed());
}

BOOST_AUTO_TEST_CASE(the_default_is_120_seconds_and_printed) {
  mktows::ClientOptions o;
  BOOST_TEST(o.call_timeout.count() == 120000);
  std::ostringstream out;
  out << o;
  BOOST_TEST(out.str().find("call_timeout_ms=120000") != std::string::npos, out.str());
  BOOST_TEST(std::string(mktows::to_string(TransportFailure::deadline)) == "deadline");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(no_duplicates)

BOOST_AUTO_TEST_CASE(idempotency_table) {
  using mktows::Operation;
  BOOST_TEST(mktows::is_idempotent(Operation::get_lead, false));
  BOOST_TEST(mktows::is_idempotent(Operation::sync_lead, false));
  BOOST_TEST(mktows::is_idempotent(Operation::sync_multiple_leads, true));
  BOOST_TEST(!mktows::is_idempotent(Operation::sync_multiple_leads, false));
  mktows::Error e;
  e.kind = ErrorKind::transport;
  e.transport = TransportFailure::connection_closed;
  BOOST_TEST(mktows::attempt_may_have_been_applied(e, true));
  BOOST_TEST(!mktows::attempt_may_have_been_applied(e, false));  // never sent whole
  e.kind = ErrorKind::fault;
  BOOST_TEST(!mktows::attempt_may_have_been_applied(e, true));  // the service refused it
  e.kind = ErrorKind::http;
  for (int code : {502, 504, 500}) {
    e.code = code;
    BOOST_TEST(mktows::attempt_may_have_been_applied(e, true), code);
  }
  for (int code : {429, 503}) {
    e.code = code;
    BOOST_TEST(!mktows::attempt_may_have_been_applied(e, true), code);
  }
}

// Reads the request, "applies" it (the server counts it) and drops the
// connection without answering, `drops` times; then answers with `ok`.
struct ApplyThenDrop {
  std::size_t drops;
  std::function<std::string(const RawRequest &)> ok;
  RawHttpServer server;
  ApplyThenDrop(std::size_t n, std::function<std::string(const RawRequest &)> answer)
      : drops(n), ok(std::move(answer)), server([this](const RawRequest &req, std::size_t i) {
          return i < drops ? RawReply::close() : RawReply::respond(ok(req));
        }) {}
  std::size_t applied() const { return server.requests().size(); }
};

BOOST_AUTO_TEST_CASE(get_lead_is_resent_after_a_drop) {
  ApplyThenDrop peer(1, [](const RawRequest &) { return get_lead_ok(); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.get_lead(mktows::LeadKey::by_email("george@jungle.com"));
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(r->size() == 1u);
  BOOST_TEST(peer.applied() == 2u);
}

BOOST_AUTO_TEST_CASE(sync_lead_an_upsert_is_resent_after_a_drop) {
  ApplyThenDrop peer(1, [](const RawRequest &) { return sync_lead_ok(5, "UPDATED"); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(peer.applied() == 2u);
}

BOOST_AUTO_TEST_CASE(sync_multiple_leads_without_dedup_is_not_resent_after_a_drop) {
  ApplyThenDrop peer(1, batch_ok);
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_multiple_leads(two_leads(), false);
  BOOST_REQUIRE(!r.ok());
  const mktows::Error &e = r.error();
  BOOST_TEST((e.transport == TransportFailure::connection_closed), e.describe());
  BOOST_TEST(e.may_have_been_applied);
  BOOST_TEST(e.retryable());  // the policy would; idempotency says no
  BOOST_TEST(e.attempts == 1);
  BOOST_TEST(e.message.find("not resent") != std::string::npos, e.message);
  BOOST_TEST(peer.applied() == 1u);
  BOOST_TEST(time.sleeps().empty());
}

BOOST_AUTO_TEST_CASE(sync_multiple_leads_with_dedup_is_resent_after_a_drop) {
  ApplyThenDrop peer(1, batch_ok);
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_multiple_leads(two_leads(), true);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(r->size() == 2u);
  BOOST_TEST(peer.applied() == 2u);
}

BOOST_AUTO_TEST_CASE(without_dedup_a_failure_before_the_request_left_is_still_retried) {
  std::string endpoint;
  {
    RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
    endpoint = gone.endpoint();
  }
  FakeTime time;
  mktows::ClientOptions o = test_options(endpoint, &time);
  o.retry.max_attempts = 3;
  mktows::Client client(o);
  auto r = client.sync_multiple_leads(two_leads(), false);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().transport == TransportFailure::connect), r.error().describe());
  BOOST_TEST(r.error().attempts == 3);
  BOOST_TEST(!r.error().may_have_been_applied);
}

BOOST_AUTO_TEST_CASE(without_dedup_a_refusal_is_retried_and_a_gateway_error_is_not) {
  FakeTime time;
  {
    // 20023: the service refused it, nothing was applied.
    RawHttpServer s([](const RawRequest &req, std::size_t i) {
      return RawReply::respond(i == 0 ? fault_response(20023, "Rate Limit Exceeded") : batch_ok(req));
    });
    mktows::Client client(test_options(s.endpoint(), &time));
    auto r = client.sync_multiple_leads(two_leads(), false);
    BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
    BOOST_TEST(s.requests().size() == 2u);
  }
  {
    // 503 says the request was not processed; 502 may follow its being applied upstream.
    RawHttpServer s([](const RawRequest &req, std::size_t i) {
      if (i == 0) return RawReply::respond(http_response(503, "Service Unavailable", "text/html", "<p>busy</p>"));
      if (i == 1) return RawReply::respond(http_response(502, "Bad Gateway", "text/html", "<p>upstream</p>"));
      return RawReply::respond(batch_ok(req));
    });
    mktows::Client client(test_options(s.endpoint(), &time));
    auto r = client.sync_multiple_leads(two_leads(), false);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().code == 502);
    BOOST_TEST(r.error().may_have_been_applied);
    BOOST_TEST(r.error().attempts == 2);
    BOOST_TEST(s.requests().size() == 2u);
  }
}

BOOST_AUTO_TEST_CASE(may_have_been_applied_stays_true_over_later_attempts) {
  // The first attempt is applied and dropped; the resend is refused.
  RawHttpServer s([](const RawRequest &, std::size_t i) {
    return i == 0 ? RawReply::close() : RawReply::respond(fault_response(20014, "Authentication failed"));
  });
  FakeTime time;
  mktows::Client client(test_options(s.endpoint(), &time));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == 20014);
  BOOST_TEST(r.error().may_have_been_applied);
  auto refused = client.sync_lead(george());  // a fresh call: only the refusal
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(!refused.error().may_have_been_applied);
}

BOOST_AUTO_TEST_CASE(a_deadline_before_the_request_left_is_retried) {
  // The call timeout bounds sending too; a 1 MB request to a server that
  // never reads it fills the socket buffers and stalls there.
  mktows::Lead big = george().attribute("Notes", std::string(8u << 20, 'n'));
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);  // listens, never accepts, never reads
  int small = 4096;  // inherited by the connection it never accepts: little room for the request
  ::setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in addr;
  std::memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  BOOST_REQUIRE(::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
  BOOST_REQUIRE(::listen(listener, 4) == 0);
  BOOST_REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
  FakeTime time;
  mktows::ClientOptions o =
      test_options("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/soap/mktows/2_2", &time);
  o.call_timeout = milliseconds(700);
  o.send_timeout = milliseconds(10000);  // alone it would stall each attempt for 10 s
  o.retry.max_attempts = 2;
  mktows::Client client(o);
  Clock::time_point t = Clock::now();
  auto r = client.sync_multiple_leads({big}, false);
  long long elapsed = ms_since(t);
  ::close(listener);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().transport == TransportFailure::deadline), r.error().describe());
  BOOST_TEST(!r.error().may_have_been_applied);  // it never left whole
  BOOST_TEST(r.error().attempts == 2);           // so even without dedup it was resent
  // Two attempts of 0.7 s each, plus serialising 8 MB twice (slow under
  // ASan); far below the 2 x 10 s the send timeout alone would allow.
  BOOST_TEST(elapsed < 8000);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(marketo_codes)

// Every code of the service's table (mktows/fault_codes.hpp): a fault with
// that code and message, retried exactly as retry.hpp says, and never
// counted as applied.
BOOST_AUTO_TEST_CASE(every_code_is_a_fault_with_its_number_and_policy) {
  using mktows::fault_message;
  for (const mktows::FaultCodeInfo &row : mktows::fault_codes()) {
    const int code = row.code;
    BOOST_TEST_CONTEXT("fault " << code) {
      RawHttpServer s([code](const RawRequest &, std::size_t) {
        return RawReply::respond(fault_response(code, fault_message(code)));
      });
      FakeTime time;
      mktows::ClientOptions o = test_options(s.endpoint(), &time);
      o.retry.max_attempts = 2;
      mktows::Client client(o);
      auto r = client.sync_multiple_leads(two_leads(), false);
      BOOST_REQUIRE(!r.ok());
      const mktows::Error &e = r.error();
      BOOST_TEST((e.kind == ErrorKind::fault));
      BOOST_TEST(e.code == code);
      BOOST_TEST(e.message == fault_message(code));
      BOOST_TEST(!e.may_have_been_applied);
      bool retried = code == 20016 || code == 20023 || code == 20024 || code == 10001 || code == 20011;
      BOOST_TEST(e.retryable() == retried);
      BOOST_TEST(s.requests().size() == (retried ? 2u : 1u));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_fault_without_detail_or_code) {
  const std::string bare = soap_response(
      envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>something broke"
               "</faultstring></SOAP-ENV:Fault>"),
      500);
  RawHttpServer s([&](const RawRequest &, std::size_t) { return RawReply::respond(bare); });
  mktows::Client client(test_options(s.endpoint()));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::fault), r.error().describe());
  BOOST_TEST(r.error().code == 0);
  BOOST_TEST(r.error().message == "something broke");
  BOOST_TEST(r.error().fault_code == "SOAP-ENV:Server");
  BOOST_TEST(!r.error().retryable());
  BOOST_TEST(s.requests().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hostile_answers)

BOOST_AUTO_TEST_CASE(a_connection_reset_in_the_middle_of_the_body) {
  // The head promises 2000 bytes; 100 come, then the connection closes.
  RawHttpServer s([](const RawRequest &, std::size_t) {
    RawReply r = RawReply::respond(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 2000\r\n\r\n" +
        sync_lead_ok(5).substr(0, 100));
    r.close_after = true;
    return r;
  });
  mktows::ClientOptions o = test_options(s.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::transport || r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(r.error().may_have_been_applied);
}

BOOST_AUTO_TEST_CASE(truncated_xml_framed_as_complete) {
  // Content-Length matches the bytes sent, but the XML stops halfway.
  std::string whole = envelope("<ns1:successSyncLead><result><leadId>5</leadId><syncStatus><leadId>5</leadId>"
                               "<status>CREATED</status></syncStatus></result></ns1:successSyncLead>");
  std::string cut = whole.substr(0, whole.size() / 2);
  RawHttpServer s([&](const RawRequest &, std::size_t) { return RawReply::respond(soap_response(cut)); });
  mktows::ClientOptions o = test_options(s.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  Clock::time_point t = Clock::now();
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  // At once: the framing says the message is over (not after the 5 s receive timeout).
  BOOST_TEST(ms_since(t) < 2000);
  BOOST_TEST((r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(r.error().message.find("Content-Length") != std::string::npos, r.error().message);
  BOOST_TEST(r.error().may_have_been_applied);
}

BOOST_AUTO_TEST_CASE(truncated_xml_on_a_kept_alive_connection_fails_at_once_too) {
  std::string whole = envelope("<ns1:successSyncLead><result><leadId>5</leadId><syncStatus><leadId>5</leadId>"
                               "<status>CREATED</status></syncStatus></result></ns1:successSyncLead>");
  RawHttpServer s([&](const RawRequest &, std::size_t i) {
    return RawReply::respond(soap_response(i == 1 ? whole.substr(0, whole.size() - 40) : whole));
  });
  mktows::ClientOptions o = test_options(s.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  Clock::time_point t = Clock::now();
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(ms_since(t) < 2000);
  BOOST_TEST((r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(s.connections() == 1u);  // the second answer came on the kept-alive connection
  // The client recovers: the next call opens a new connection and works.
  auto again = client.sync_lead(george());
  BOOST_TEST(again.ok(), again.error().describe());
  BOOST_TEST(s.connections() == 2u);
}

BOOST_AUTO_TEST_CASE(a_wrong_content_type_with_a_soap_body_is_read) {
  // gSOAP reads the body whatever the Content-Type says; a SOAP answer
  // served as text/plain still parses (many gateways rewrite the type).
  RawHttpServer s([](const RawRequest &, std::size_t) {
    return RawReply::respond(http_response(
        200, "OK", "text/plain",
        envelope("<ns1:successSyncLead><result><leadId>9</leadId><syncStatus><leadId>9</leadId>"
                 "<status>UPDATED</status></syncStatus></result></ns1:successSyncLead>")));
  });
  mktows::Client client(test_options(s.endpoint()));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(r->lead_id == 9);
}

BOOST_AUTO_TEST_CASE(a_json_body_under_200_is_a_protocol_error) {
  RawHttpServer s([](const RawRequest &, std::size_t) {
    return RawReply::respond(http_response(200, "OK", "application/json", "{\"success\":true}"));
  });
  mktows::Client client(test_options(s.endpoint()));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == ErrorKind::protocol), r.error().describe());
  BOOST_TEST(r.error().body_excerpt.find("success") != std::string::npos, r.error().body_excerpt);
}

BOOST_AUTO_TEST_SUITE_END()
