// client_framing_test: how the client frames what it sends (one message,
// its exact Content-Length, no chunking) and how it reads answers framed
// every way a server may frame them, several on one kept-alive connection.
// The client writes the request once and puts the length in afterwards,
// and skips gSOAP's end-of-message step for plain answers
// (include/mktows/detail/exchange.hpp): these are the cases that would
// break if either went wrong.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"
#include "mktows/detail/exchange.hpp"  // kFreshConnection

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

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

// What is wrong with how the requests `server` received were framed: a
// request without its own Content-Length or chunked, bytes before a
// request line (left over from the message before it on the connection),
// a body that is not the whole envelope (the length declared too short),
// or bytes after a connection's last request (beyond the declared length,
// or an unfinished request: the length declared too long). Stops the
// server first, so that everything the client sent is in.
std::vector<std::string> framing_problems(RawHttpServer &server) {
  server.stop();
  std::vector<std::string> problems;
  std::vector<RawRequest> requests = server.requests();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const RawRequest &req = requests[i];
    std::string at = "request " + std::to_string(i) + ": ";
    if (!req.header("Transfer-Encoding").empty()) problems.push_back(at + "chunked");
    if (req.header("Content-Length").empty()) problems.push_back(at + "no Content-Length");
    if (req.head.compare(0, 5, "POST ") != 0)
      problems.push_back(at + "bytes before the request line: " + req.head.substr(0, 40));
    // The whole envelope, nothing after it but gSOAP's closing line end.
    const std::string end = "</SOAP-ENV:Envelope>";
    std::string body = req.body;
    while (!body.empty() && (body.back() == '\r' || body.back() == '\n')) body.pop_back();
    if (body.size() + 2 < req.body.size() || body.size() <= end.size() ||
        body.compare(body.size() - end.size(), end.size(), end) != 0)
      problems.push_back(at + "the body is not one whole envelope");
  }
  for (std::size_t c = 0; c < server.connections(); ++c) {
    std::string rest = server.unparsed(c);
    if (!rest.empty())
      problems.push_back("connection " + std::to_string(c) + ": " + std::to_string(rest.size()) +
                         " bytes after its last request");
  }
  return problems;
}

void check_framing(RawHttpServer &server) {
  std::vector<std::string> problems = framing_problems(server);
  for (const std::string &p : problems) BOOST_ERROR(p);
  BOOST_TEST(problems.empty());
}

// Sends `bytes` on one connection to the server, reads to the end of the
// connection (10 s at most) and closes.
void send_raw(const RawHttpServer &server, const std::string &bytes, bool close_write) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(server.port()));
  BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
  BOOST_REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
  if (close_write) ::shutdown(fd, SHUT_WR);
  char buf[4096];
  while (::recv(fd, buf, sizeof buf, 0) > 0) {
  }
  ::close(fd);
}

std::string post(const std::string &body, std::size_t declared) {
  return "POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
         "Content-Length: " +
         std::to_string(declared) + "\r\n\r\n" + body;
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
  // Sizes of different digit counts: the length is written, not padded.
  BOOST_TEST(requests[0].header("Content-Length").size() < requests[1].header("Content-Length").size());
  check_framing(server);
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
  // Five requests on one connection, each ending where the next begins.
  BOOST_TEST(server.requests().size() == 6u);
  check_framing(server);
}

// framing_problems can fail: hand-made requests whose Content-Length is
// wrong, sent through the same server.
BOOST_AUTO_TEST_CASE(framing_problems_sees_a_wrong_content_length) {
  auto answer = [](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1)); };
  const std::string body = envelope("<ns1:paramsSyncLead/>") + "\r\n";
  {
    RawHttpServer server(answer);  // the exact length twice: nothing to report
    send_raw(server, post(body, body.size()) + post(body, body.size()), true);
    BOOST_TEST(framing_problems(server).empty());
  }
  {
    RawHttpServer server(answer);  // declared 10 bytes short, then a second request
    send_raw(server, post(body, body.size() - 10) + post(body, body.size()), true);
    std::vector<std::string> p = framing_problems(server);
    BOOST_REQUIRE_EQUAL(p.size(), 2u);
    BOOST_TEST(p[0] == "request 0: the body is not one whole envelope");
    BOOST_TEST(p[1].find("request 1: bytes before the request line") == 0u);
  }
  {
    RawHttpServer server(answer);  // declared 5 bytes short, nothing after
    send_raw(server, post(body, body.size() - 5), true);
    std::vector<std::string> p = framing_problems(server);
    BOOST_REQUIRE_EQUAL(p.size(), 2u);
    BOOST_TEST(p[0] == "request 0: the body is not one whole envelope");
    BOOST_TEST(p[1] == "connection 0: 5 bytes after its last request");
  }
  {
    RawHttpServer server(answer);  // declared 7 bytes long: the request never ends
    send_raw(server, post(body, body.size()) + post(body, body.size() + 7), true);
    std::vector<std::string> p = framing_problems(server);
    BOOST_REQUIRE_EQUAL(p.size(), 1u);
    BOOST_TEST(p[0] == "connection 0: " + std::to_string(post(body, body.size() + 7).size()) +
                           " bytes after its last request");
  }
  {
    RawHttpServer server(answer);  // chunked: no Content-Length of its own
    send_raw(server,
             "POST /soap/mktows/2_2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
                 [&] {
                   char size[32];
                   std::snprintf(size, sizeof size, "%zx\r\n", body.size());
                   return std::string(size);
                 }() + body + "\r\n0\r\n\r\n",
             true);
    std::vector<std::string> p = framing_problems(server);
    BOOST_REQUIRE_EQUAL(p.size(), 2u);
    BOOST_TEST(p[0] == "request 0: chunked");
    BOOST_TEST(p[1] == "request 0: no Content-Length");
  }
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
