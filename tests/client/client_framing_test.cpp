// client_framing_test: how the client frames what it sends (one message,
// its exact Content-Length, no chunking) and how it reads answers framed
// every way a server may frame them, several on one kept-alive connection.
// The client writes the request once and puts the length in afterwards,
// and skips gSOAP's end-of-message step for plain answers
// (include/mktows/detail/exchange.hpp): these are the cases that would
// break if either went wrong.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

using namespace mktows_test;

namespace {

std::string chunked(const std::string &body, std::size_t piece) {
  std::string out = "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (std::size_t i = 0; i < body.size(); i += piece) {
    std::string part = body.substr(i, piece);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    out += size + part + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string sync_lead_envelope(int id) {
  std::string i = std::to_string(id);
  return envelope("<ns1:successSyncLead><result><leadId>" + i + "</leadId><syncStatus><leadId>" + i +
                  "</leadId><status>CREATED</status><error xsi:nil=\"true\"/></syncStatus></result>"
                  "</ns1:successSyncLead>");
}

void check_framing(const RawRequest &req) {
  BOOST_TEST(req.header("Transfer-Encoding").empty());
  BOOST_TEST(req.header("Content-Length") == std::to_string(req.body.size()));
  BOOST_TEST(req.raw.size() == req.head.size() + 4 + req.body.size());
  // The whole envelope, nothing after it but gSOAP's closing line end.
  const std::string end = "</SOAP-ENV:Envelope>";
  std::string body = req.body;
  while (!body.empty() && (body.back() == '\r' || body.back() == '\n')) body.pop_back();
  BOOST_TEST(body.size() + 2 >= req.body.size());
  BOOST_TEST(body.size() > end.size());
  BOOST_TEST(body.compare(body.size() - end.size(), end.size(), end) == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(framing)

BOOST_AUTO_TEST_CASE(requests_carry_their_exact_content_length) {
  RawHttpServer server([](const RawRequest &req, std::size_t) {
    if (req.body.find("paramsSyncMultipleLeads") == std::string::npos) return RawReply::respond(sync_lead_ok(3));
    std::string statuses;
    for (std::size_t i = 0; i < count_of(req.body, "<leadRecord>"); ++i)
      statuses += "<syncStatus><leadId>" + std::to_string(i) + "</leadId><status>CREATED</status></syncStatus>";
    return RawReply::respond(soap_response(envelope("<ns1:successSyncMultipleLeads><result><syncStatusList>" +
                                                    statuses +
                                                    "</syncStatusList></result></ns1:successSyncMultipleLeads>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  // Larger than gSOAP's 64 KiB buffer, so the runtime hands it over in
  // several pieces: still one message with one length.
  std::vector<mktows::Lead> leads;
  for (int i = 0; i < 300; ++i)
    leads.push_back(mktows::Lead().email("lead" + std::to_string(i) + "@jungle.com").attribute("Notes", std::string(400, 'n')));
  auto r = client.sync_multiple_leads(leads);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error());
  BOOST_TEST(r->size() == 300u);
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  BOOST_TEST(requests[1].body.size() > 65536u);
  for (const RawRequest &req : requests) check_framing(req);
  // Sizes of different digit counts: the length is written, not padded.
  BOOST_TEST(requests[0].header("Content-Length").size() < requests[1].header("Content-Length").size());
}

BOOST_AUTO_TEST_CASE(answers_framed_every_way_on_one_connection) {
  RawHttpServer server([](const RawRequest &, std::size_t i) {
    switch (i) {
      case 0: return RawReply::respond(chunked(sync_lead_envelope(10), 7));  // many small chunks
      case 1: return RawReply::respond(soap_response(sync_lead_envelope(11) + "\r\n"));  // trailing line end
      case 2: return RawReply::respond(chunked(sync_lead_envelope(12), 100000));  // one chunk
      case 3: return RawReply::respond(sync_lead_ok(13));
      case 4: {
        RawReply last = RawReply::respond(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n" + sync_lead_envelope(14));
        last.close_after = true;  // framed by the end of the connection
        return last;
      }
      default: return RawReply::respond(sync_lead_ok(static_cast<int>(10 + i)));
    }
  });
  mktows::Client client(test_options(server.endpoint()));
  for (int i = 0; i < 6; ++i) {
    BOOST_TEST_CONTEXT("answer " << i) {
      auto r = client.sync_lead(george());
      BOOST_REQUIRE_MESSAGE(r.ok(), r.error());
      BOOST_TEST(r->lead_id == 10 + i);
    }
  }
  // Answers 0-4 on the first connection; the server closed it after the
  // fifth, so the sixth call opened a second one.
  BOOST_TEST(server.connections() == 2u);
  BOOST_TEST(client.requests_sent() == 6u);
}

// A connection idle for longer than kFreshConnection is checked before it
// is used: a server that closed it silently costs nothing, not a failed
// attempt (retries are off here, so a failed attempt would fail the call).
BOOST_AUTO_TEST_CASE(an_idle_connection_the_server_closed_is_replaced_before_sending) {
  RawHttpServer server([](const RawRequest &, std::size_t i) {
    RawReply r = RawReply::respond(sync_lead_ok(static_cast<int>(30 + i)));
    r.close_after = true;  // closes without saying so in the answer
    return r;
  });
  mktows::ClientOptions o = test_options(server.endpoint());
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  std::this_thread::sleep_for(mktows::detail::kFreshConnection + std::chrono::milliseconds(200));
  auto r = client.sync_lead(george());
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error());
  BOOST_TEST(r->lead_id == 31);
  BOOST_TEST(server.connections() == 2u);
  BOOST_TEST(client.requests_sent() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
