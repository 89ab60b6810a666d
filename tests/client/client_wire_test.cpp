// client_wire_test: what the client puts on the wire and reads back, seen
// from a raw loopback server: the lead, per-call options, workspaces,
// batches, keep-alive, an HTTP proxy, traces, and the pool.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"
#include "mktows/wire.hpp"  // context_header_declared

#include <atomic>
#include <thread>

using namespace mktows_test;

namespace {

std::string body_part(const std::string &envelope_xml) { return envelope_part(envelope_xml, "Body").canonical(); }

// Answers syncMultipleLeads with one CREATED status per record, whose
// leadId is the number in the record's email ("lead42@..." -> 42), so the
// test can check the order.
RawReply multiple_by_email(const RawRequest &req) {
  std::string statuses;
  std::size_t pos = 0;
  while ((pos = req.body.find("<Email>lead", pos)) != std::string::npos) {
    pos += 11;
    int n = std::atoi(req.body.c_str() + pos);
    statuses += "<syncStatus><leadId>" + std::to_string(n) + "</leadId><status>" + (n % 2 ? "UPDATED" : "CREATED") +
                "</status>" + (n == 7 ? "<error>duplicate</error>" : "") + "</syncStatus>";
  }
  return RawReply::respond(soap_response(envelope("<ns1:successSyncMultipleLeads><result><syncStatusList>" + statuses +
                                                  "</syncStatusList></result></ns1:successSyncMultipleLeads>")));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wire)

BOOST_AUTO_TEST_CASE(sync_lead_sends_the_seed_request_and_reads_the_answer) {
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1089965, "UPDATED")); });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.sync_lead(mktows::Lead().email("t@t.com").attribute("FirstName", "George").attribute("LastName",
                                                                                                        "of the Jungle"));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->lead_id == 1089965);
  BOOST_TEST((r->status == mktows::SyncStatus::updated));
  BOOST_TEST(r->error.empty());
  BOOST_TEST(!r->has_lead);
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 1u);
  // The body libxml2 reads equals the seed's request body.
  BOOST_TEST(body_part(requests[0].body) == body_part(fixture("seed-synclead-request.xml")));
  BOOST_TEST(requests[0].header("SOAPAction") == "\"http://www.marketo.com/mktows/syncLead\"");
  WireHeaders h = read_headers(requests[0].body);
  BOOST_TEST(h.user_id == kClientUser);
  BOOST_TEST(h.signature == reference_hmac_hex(kClientKey, h.timestamp + kClientUser));
  BOOST_TEST(!h.has_context);
}

BOOST_AUTO_TEST_CASE(per_call_options_reach_the_request) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(soap_response(envelope(
        "<ns1:successSyncLead><result><leadId>5</leadId><syncStatus><leadId>5</leadId><status>CREATED</status>"
        "</syncStatus><leadRecord><Id>5</Id><Email>jane@jungle.com</Email><ForeignSysPersonId>SF-9</ForeignSysPersonId>"
        "<ForeignSysType>SFDC</ForeignSysType><leadAttributeList><attribute><attrName>FirstName</attrName>"
        "<attrType>string</attrType><attrValue>Jane</attrValue></attribute></leadAttributeList></leadRecord>"
        "</result></ns1:successSyncLead>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.sync_lead(mktows::Lead().id(5).foreign_id("SF-9", mktows::ForeignSystem::sfdc).attribute("Title", "Queen",
                                                                                                          "string"),
                            mktows::CallOptions().return_lead(true).marketo_cookie("id:561-HYG-937&token:_mch-x"));
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE(r->has_lead);
  BOOST_TEST(r->lead.id() == 5);
  BOOST_TEST(r->lead.email() == "jane@jungle.com");
  BOOST_TEST(r->lead.foreign_id() == "SF-9");
  BOOST_TEST((r->lead.foreign_system() == mktows::ForeignSystem::sfdc));
  BOOST_REQUIRE(r->lead.find("FirstName") != nullptr);
  BOOST_TEST(*r->lead.find("FirstName") == "Jane");
  BOOST_TEST(r->lead.attributes()[0].type == "string");

  const std::string body = server.requests().at(0).body;
  BOOST_TEST(body.find("<returnLead>true</returnLead>") != std::string::npos);
  BOOST_TEST(body.find("<marketoCookie>id:561-HYG-937&amp;token:_mch-x</marketoCookie>") != std::string::npos, body);
  BOOST_TEST(body.find("<Id>5</Id>") != std::string::npos);
  BOOST_TEST(body.find("<ForeignSysType>SFDC</ForeignSysType>") != std::string::npos);
  BOOST_TEST(body.find("<attrType>string</attrType>") != std::string::npos);
  BOOST_TEST(body.find("<Email>") == std::string::npos);  // not set, not sent
}

BOOST_AUTO_TEST_CASE(utf8_values_go_out_and_come_back_unchanged) {
  RawHttpServer server([](const RawRequest &req, std::size_t) {
    // Echo the FirstName value back in a returned record.
    std::size_t b = req.body.find("<attrValue>") + 11, e = req.body.find("</attrValue>");
    return RawReply::respond(soap_response(envelope(
        "<ns1:successSyncLead><result><leadId>1</leadId><syncStatus><leadId>1</leadId><status>CREATED</status>"
        "</syncStatus><leadRecord><Email>j@x</Email><leadAttributeList><attribute><attrName>FirstName</attrName>"
        "<attrValue>" + req.body.substr(b, e - b) + "</attrValue></attribute></leadAttributeList></leadRecord>"
        "</result></ns1:successSyncLead>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  const std::string name = "Jos\xc3\xa9 M\xc3\xbcller \xe6\x9d\x8e";  // José Müller 李
  auto r = client.sync_lead(mktows::Lead().email("j@x").attribute("FirstName", name), mktows::CallOptions().return_lead(true));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(server.requests().at(0).body.find(name) != std::string::npos);
  BOOST_TEST(*r->lead.find("FirstName") == name);
}

BOOST_AUTO_TEST_CASE(workspace_default_override_and_operations_without_it) {
  RawHttpServer server([](const RawRequest &req, std::size_t) {
    if (req.body.find("paramsGetLead") != std::string::npos)
      return RawReply::respond(soap_response(envelope(
          "<ns1:successGetLead><result><count>0</count></result></ns1:successGetLead>")));
    if (req.body.find("paramsSyncMultipleLeads") != std::string::npos) return multiple_by_email(req);
    return RawReply::respond(sync_lead_ok(3));
  });
  mktows::ClientOptions o = test_options(server.endpoint());
  o.workspace = "Marketing";
  mktows::Client client(o);
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  BOOST_REQUIRE(client.sync_lead(george(), mktows::CallOptions().workspace("Sales")).ok());
  BOOST_REQUIRE(client.sync_lead(george(), mktows::CallOptions().workspace("")).ok());
  BOOST_REQUIRE(client.get_lead(mktows::LeadKey::by_id(3)).ok());
  BOOST_REQUIRE(client.sync_multiple_leads({mktows::Lead().email("lead2@x")}).ok());
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  std::vector<RawRequest> req = server.requests();
  BOOST_REQUIRE_EQUAL(req.size(), 6u);
  BOOST_TEST(read_headers(req[0].body).workspace == "Marketing");
  BOOST_TEST(read_headers(req[1].body).workspace == "Sales");
  BOOST_TEST(!read_headers(req[2].body).has_context);
  // getLead and syncMultipleLeads carry the context header exactly when the
  // binding the client was built from declares it (bindings_wire_test checks
  // these flags against the WSDL itself; the vendor's files and ours declare
  // it on syncLead only).
  BOOST_TEST(read_headers(req[3].body).has_context == mktows::wire::context_header_declared::getLead);
  BOOST_TEST(read_headers(req[3].body).has_auth);
  BOOST_TEST(read_headers(req[4].body).has_context == mktows::wire::context_header_declared::syncMultipleLeads);
  if (mktows::wire::context_header_declared::syncMultipleLeads)
    BOOST_TEST(read_headers(req[4].body).workspace == "Marketing");
  BOOST_TEST(read_headers(req[5].body).workspace == "Marketing");  // the override lasted one call
}

BOOST_AUTO_TEST_CASE(sync_multiple_leads_batches_by_300_in_input_order) {
  RawHttpServer server([](const RawRequest &req, std::size_t) { return multiple_by_email(req); });
  mktows::Client client(test_options(server.endpoint()));
  std::vector<mktows::Lead> leads;
  for (int i = 0; i < 650; ++i) leads.push_back(mktows::Lead().email("lead" + std::to_string(i) + "@jungle.com"));
  auto r = client.sync_multiple_leads(leads, false);
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 650u);
  for (int i = 0; i < 650; ++i) {
    BOOST_TEST_CONTEXT("lead " << i) {
      BOOST_TEST((*r)[i].lead_id == i);
      BOOST_TEST(((*r)[i].status == (i % 2 ? mktows::SyncStatus::updated : mktows::SyncStatus::created)));
    }
  }
  BOOST_TEST((*r)[7].error == "duplicate");
  std::vector<RawRequest> requests = server.requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 3u);
  BOOST_TEST(count_of(requests[0].body, "<leadRecord>") == 300u);
  BOOST_TEST(count_of(requests[1].body, "<leadRecord>") == 300u);
  BOOST_TEST(count_of(requests[2].body, "<leadRecord>") == 50u);
  BOOST_TEST(requests[0].body.find("<dedupEnabled>false</dedupEnabled>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_status_count_mismatch_is_a_protocol_error) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(soap_response(envelope(
        "<ns1:successSyncMultipleLeads><result><syncStatusList><syncStatus><leadId>1</leadId><status>CREATED</status>"
        "</syncStatus></syncStatusList></result></ns1:successSyncMultipleLeads>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.sync_multiple_leads({mktows::Lead().email("a@x"), mktows::Lead().email("b@x")});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == mktows::ErrorKind::protocol));
}

BOOST_AUTO_TEST_CASE(get_lead_reads_every_record) {
  RawHttpServer server([](const RawRequest &, std::size_t) {
    return RawReply::respond(soap_response(envelope(
        "<ns1:successGetLead><result><count>2</count><leadRecordList>"
        "<leadRecord><Id>11</Id><Email>twin@jungle.com</Email></leadRecord>"
        "<leadRecord><Id>12</Id><Email>twin@jungle.com</Email></leadRecord>"
        "</leadRecordList></result></ns1:successGetLead>")));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto r = client.get_lead(mktows::LeadKey::by_email("twin@jungle.com"));
  BOOST_REQUIRE(r.ok());
  BOOST_REQUIRE_EQUAL(r->size(), 2u);
  BOOST_TEST((*r)[0].id() == 11);
  BOOST_TEST((*r)[1].id() == 12);
  const std::string body = server.requests().at(0).body;
  BOOST_TEST(body.find("<keyType>EMAIL</keyType>") != std::string::npos);
  BOOST_TEST(body.find("<keyValue>twin@jungle.com</keyValue>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(keep_alive_reuses_one_connection) {
  for (bool keep : {true, false}) {
    BOOST_TEST_CONTEXT("keep_alive " << keep) {
      RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1)); });
      mktows::ClientOptions o = test_options(server.endpoint());
      o.keep_alive = keep;
      mktows::Client client(o);
      for (int i = 0; i < 3; ++i) BOOST_REQUIRE(client.sync_lead(george()).ok());
      BOOST_TEST(server.connections() == (keep ? 1u : 3u));
    }
  }
}

BOOST_AUTO_TEST_CASE(calls_go_through_an_http_proxy) {
  RawHttpServer proxy([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(9)); });
  mktows::ClientOptions o = test_options("http://mktows.example.invalid/soap/mktows/2_2");
  o.proxy_host = "127.0.0.1";
  o.proxy_port = proxy.port();
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->lead_id == 9);
  const RawRequest req = proxy.requests().at(0);
  BOOST_TEST(req.head.compare(0, 51, "POST http://mktows.example.invalid/soap/mktows/2_2 ") == 0, req.head);
}

BOOST_AUTO_TEST_CASE(the_trace_shows_both_messages_of_each_attempt_redacted) {
  RawHttpServer server([](const RawRequest &, std::size_t i) {
    return RawReply::respond(i == 0 ? fault_response(20016, "Request Expired") : sync_lead_ok(4));
  });
  std::vector<std::pair<mktows::TraceDirection, std::string> > trace;
  mktows::ClientOptions o = test_options(server.endpoint());
  o.trace = [&](mktows::TraceDirection d, const std::string &m) { trace.push_back(std::make_pair(d, m)); };
  mktows::Client client(o);
  BOOST_REQUIRE(client.sync_lead(george()).ok());
  BOOST_REQUIRE_EQUAL(trace.size(), 4u);  // two attempts, request and response each
  BOOST_TEST((trace[0].first == mktows::TraceDirection::request));
  BOOST_TEST((trace[1].first == mktows::TraceDirection::response));
  BOOST_TEST(trace[0].second.compare(0, 5, "POST ") == 0);
  BOOST_TEST(trace[0].second.find("<requestSignature>[redacted]</requestSignature>") != std::string::npos);
  BOOST_TEST(trace[1].second.find("20016") != std::string::npos);
  BOOST_TEST(trace[3].second.find("successSyncLead") != std::string::npos);
  std::vector<RawRequest> requests = server.requests();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    std::string signature = read_headers(requests[i].body).signature;
    BOOST_REQUIRE_EQUAL(signature.size(), 40u);
    for (const auto &t : trace) BOOST_TEST(t.second.find(signature) == std::string::npos);
  }
  for (const auto &t : trace) BOOST_TEST(t.second.find(kClientKey) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_secret_in_traces_or_errors_of_failing_calls) {
  std::string everything;
  mktows::ClientOptions base;
  {
    RawHttpServer server([](const RawRequest &, std::size_t i) {
      if (i == 0) return RawReply::respond(fault_response(20014, "Authentication failed"));
      if (i == 1) return RawReply::respond(http_response(502, "Bad Gateway", "text/html", "<html>bad</html>"));
      return RawReply::close();
    });
    mktows::ClientOptions o = test_options(server.endpoint());
    o.retry = mktows::RetryPolicy::none();
    o.trace = [&](mktows::TraceDirection, const std::string &m) { everything += m; };
    mktows::Client client(o);
    for (int i = 0; i < 3; ++i) {
      auto r = client.sync_lead(george());
      BOOST_REQUIRE(!r.ok());
      const mktows::Error &e = r.error();
      everything += e.describe() + e.message + e.soap_detail + e.body_excerpt + e.fault_code;
    }
  }
  BOOST_TEST(everything.find("Authentication failed") != std::string::npos);
  BOOST_TEST(everything.find("requestSignature") != std::string::npos);
  BOOST_TEST(everything.find(kClientKey) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_pool_serves_several_threads) {
  RawHttpServer server([](const RawRequest &, std::size_t i) { return RawReply::respond(sync_lead_ok(static_cast<int>(i) + 1)); });
  mktows::ClientPool pool(test_options(server.endpoint()), 2);
  BOOST_TEST(pool.setup_error().ok());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (pool.acquire()->sync_lead(george()).ok()) ++ok;
    });
  for (std::thread &t : threads) t.join();
  BOOST_TEST(ok.load() == 40);
  BOOST_TEST(pool.idle() == 2u);
  BOOST_TEST(server.requests().size() == 40u);
}

BOOST_AUTO_TEST_SUITE_END()
