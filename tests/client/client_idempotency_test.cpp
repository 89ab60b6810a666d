// client_idempotency_test: the calls beyond syncLead after an attempt the
// service may have applied (the request read, the connection dropped): the
// never-idempotent ones (requestCampaign, scheduleCampaign, importToList:
// operations.hpp) are not resent, the others are; and a pager's page that
// fails, or a service that pages without end, against a raw loopback server.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

#include <functional>
#include <string>

using namespace mktows_test;

namespace {

// Reads each request and drops the connection `drops` times, then answers.
struct DropThenAnswer {
  std::size_t drops;
  std::function<std::string(const RawRequest &, std::size_t)> answer;
  RawHttpServer server;
  DropThenAnswer(std::size_t n, std::function<std::string(const RawRequest &, std::size_t)> a)
      : drops(n), answer(std::move(a)), server([this](const RawRequest &req, std::size_t i) {
          return i < drops ? RawReply::close() : RawReply::respond(answer(req, i));
        }) {}
  std::size_t received() const { return server.requests().size(); }
};

std::string success(const char *element, const std::string &result) {
  return soap_response(envelope(std::string("<ns1:") + element + "><result>" + result + "</result></ns1:" + element + ">"));
}

std::string leads_page(int remaining, const std::string &position, const std::string &records) {
  return success("successGetMultipleLeads", "<returnCount>1</returnCount><remainingCount>" + std::to_string(remaining) +
                                                "</remainingCount><newStreamPosition>" + position +
                                                "</newStreamPosition><leadRecordList>" + records +
                                                "</leadRecordList>");
}

std::string lead_record(int id) {
  return "<leadRecord><Id>" + std::to_string(id) + "</Id><Email>l" + std::to_string(id) + "@jungle.com</Email></leadRecord>";
}

void expect_not_resent(const mktows::Error &e, const DropThenAnswer &peer) {
  BOOST_TEST((e.transport == mktows::TransportFailure::connection_closed), e.describe());
  BOOST_TEST(e.may_have_been_applied);
  BOOST_TEST(e.retryable());  // the policy would; idempotency says no
  BOOST_TEST(e.attempts == 1);
  BOOST_TEST(e.message.find("not resent") != std::string::npos, e.message);
  BOOST_TEST(e.message.find("carry it out again") != std::string::npos, e.message);
  BOOST_TEST(peer.received() == 1u);
}

const std::string kTrue = "<success>true</success>";

}  // namespace

BOOST_AUTO_TEST_SUITE(idempotency_of_the_calls)

BOOST_AUTO_TEST_CASE(request_campaign_is_not_resent_after_a_drop) {
  DropThenAnswer peer(1, [](const RawRequest &, std::size_t) { return success("successRequestCampaign", kTrue); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.request_campaign(mktows::CampaignRef::by_id(2001), {mktows::LeadKey::by_id(5)});
  BOOST_REQUIRE(!r.ok());
  expect_not_resent(r.error(), peer);
}

BOOST_AUTO_TEST_CASE(schedule_campaign_is_not_resent_after_a_drop) {
  DropThenAnswer peer(1, [](const RawRequest &, std::size_t) { return success("successScheduleCampaign", kTrue); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.schedule_campaign("Demo Program", "Weekly Digest");
  BOOST_REQUIRE(!r.ok());
  expect_not_resent(r.error(), peer);
}

BOOST_AUTO_TEST_CASE(import_to_list_is_not_resent_after_a_drop) {
  DropThenAnswer peer(1, [](const RawRequest &, std::size_t) {
    return success("successImportToList", "<importStatus>PROCESSING</importStatus>");
  });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  mktows::ImportToListRequest import;
  import.program_name = "Demo Program";
  import.list_name = "Newsletter";
  import.header = "Email Address";
  import.rows = {"a@jungle.com"};
  auto r = client.import_to_list(import);
  BOOST_REQUIRE(!r.ok());
  expect_not_resent(r.error(), peer);
}

BOOST_AUTO_TEST_CASE(a_failure_before_the_request_left_is_retried_even_for_a_campaign) {
  // A refused connection cannot have been applied: the policy's retries apply.
  FakeTime time;
  mktows::ClientOptions o = test_options("http://127.0.0.1:1/soap/mktows/2_2", &time);
  mktows::Client client(o);
  auto r = client.request_campaign(mktows::CampaignRef::by_id(2001), {mktows::LeadKey::by_id(5)});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(!r.error().may_have_been_applied);
  BOOST_TEST(r.error().attempts > 1, r.error().describe());
}

BOOST_AUTO_TEST_CASE(list_operation_and_a_pagers_page_are_resent_after_a_drop) {
  DropThenAnswer lists(1, [](const RawRequest &, std::size_t) {
    return success("successListOperation", kTrue +
                                               "<statusList><leadStatus><leadKey><keyType>IDNUM</keyType><keyValue>5"
                                               "</keyValue></leadKey><status>true</status></leadStatus></statusList>");
  });
  FakeTime time;
  mktows::Client client(test_options(lists.server.endpoint(), &time));
  auto r = client.list_operation(mktows::ListOperation::add, mktows::ListKey::named("Demo Program.Newsletter"),
                                 {mktows::LeadKey::by_id(5)});
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(lists.received() == 2u);
  BOOST_TEST(r->success);

  DropThenAnswer leads(1, [](const RawRequest &, std::size_t) { return leads_page(0, "", lead_record(5)); });
  mktows::Client reader(test_options(leads.server.endpoint(), &time));
  auto pager = reader.get_multiple_leads(mktows::LeadKeySelector::by_ids({5}));
  std::size_t n = 0;
  for (const mktows::Lead &lead : pager) n += lead.id() == 5;
  BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
  BOOST_TEST(n == 1u);
  BOOST_TEST(leads.received() == 2u);
}

BOOST_AUTO_TEST_CASE(a_page_that_fails_ends_the_walk_and_its_position_fetches_it_again) {
  // Page 1 (two leads), then a fault on page 2.
  RawHttpServer server([](const RawRequest &req, std::size_t) {
    if (req.body.find("<streamPosition>p2</streamPosition>") != std::string::npos)
      return RawReply::respond(fault_response(20122, "Bad Stream Position"));
    return RawReply::respond(leads_page(3, "p2", lead_record(1) + lead_record(2)));
  });
  mktows::Client client(test_options(server.endpoint()));
  auto pager = client.get_multiple_leads(mktows::LeadKeySelector::by_ids({1, 2, 3}));
  std::vector<int> ids;
  for (const mktows::Lead &lead : pager) ids.push_back(lead.id());
  BOOST_TEST(ids == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_REQUIRE(!pager.ok());
  BOOST_TEST(pager.error().code == 20122);
  BOOST_TEST(pager.position() == "p2");
  BOOST_TEST(server.requests().size() == 2u);
  BOOST_TEST(server.requests()[0].body.find("<streamPosition>") == std::string::npos);  // the first page: none
}

BOOST_AUTO_TEST_CASE(a_service_that_pages_without_end_is_stopped) {
  // Empty pages that say more remain, at the same position.
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(leads_page(5, "p1", "")); });
  mktows::Client client(test_options(server.endpoint()));
  auto pager = client.get_multiple_leads(mktows::LeadKeySelector::by_ids({1}),
                                         mktows::LeadReadOptions().resume_from("p1"));
  for (const mktows::Lead &lead : pager) (void)lead;
  BOOST_REQUIRE(!pager.ok());
  BOOST_TEST((pager.error().kind == mktows::ErrorKind::protocol), pager.error().describe());
  BOOST_TEST(server.requests().size() == 1u);
}

// syncMObjects is when_keyed in the operation table: an INSERT may create
// twice and is not resent; an UPSERT finds what the first one wrote.
const std::string kOneObjectStatus =
    "<mObjStatusList><mObjStatus><id>7</id><status>CREATED</status></mObjStatus></mObjStatusList>";

mktows::MObject an_opportunity() {
  mktows::MObject o;
  o.type = "Opportunity";
  o.has_external_key = true;
  o.external_key = mktows::NameValue("externalOpportunityId", "IDEM-1");
  return o;
}

BOOST_AUTO_TEST_CASE(sync_mobjects_insert_is_not_resent_after_a_drop) {
  DropThenAnswer peer(1, [](const RawRequest &, std::size_t) { return success("successSyncMObjects", kOneObjectStatus); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_mobjects({an_opportunity()}, mktows::SyncOperation::insert);
  BOOST_REQUIRE(!r.ok());
  const mktows::Error &e = r.error();
  BOOST_TEST((e.transport == mktows::TransportFailure::connection_closed), e.describe());
  BOOST_TEST(e.may_have_been_applied);
  BOOST_TEST(e.attempts == 1);
  BOOST_TEST(e.message.find("not resent") != std::string::npos, e.message);
  BOOST_TEST(e.message.find("as an INSERT, and a resend would create its objects again") != std::string::npos, e.message);
  BOOST_TEST(peer.received() == 1u);
}

BOOST_AUTO_TEST_CASE(sync_mobjects_upsert_and_delete_are_resent_after_a_drop) {
  DropThenAnswer peer(1, [](const RawRequest &, std::size_t) { return success("successSyncMObjects", kOneObjectStatus); });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_mobjects({an_opportunity()}, mktows::SyncOperation::upsert);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST((*r)[0].id == 7);
  BOOST_TEST(((*r)[0].status == mktows::ObjectStatus::created));
  BOOST_TEST(peer.received() == 2u);
  DropThenAnswer deleting(1, [](const RawRequest &, std::size_t) {
    return success("successDeleteMObjects",
                   "<mObjStatusList><mObjStatus><id>7</id><status>DELETED</status></mObjStatus></mObjStatusList>");
  });
  mktows::Client other(test_options(deleting.server.endpoint(), &time));
  mktows::MObject by_id;
  by_id.type = "Opportunity";
  by_id.has_id = true;
  by_id.id = 7;
  auto d = other.delete_mobjects({by_id});
  BOOST_REQUIRE_MESSAGE(d.ok(), d.error().describe());
  BOOST_TEST(((*d)[0].status == mktows::ObjectStatus::deleted));
  BOOST_TEST(deleting.received() == 2u);
}

BOOST_AUTO_TEST_CASE(an_object_answer_with_another_count_of_statuses_is_a_protocol_error) {
  DropThenAnswer peer(0, [](const RawRequest &, std::size_t) {
    return success("successSyncMObjects", "<mObjStatusList><mObjStatus><id>7</id><status>CREATED</status></mObjStatus>"
                                          "<mObjStatus><id>8</id><status>CREATED</status></mObjStatus></mObjStatusList>");
  });
  FakeTime time;
  mktows::Client client(test_options(peer.server.endpoint(), &time));
  auto r = client.sync_mobjects({an_opportunity()});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().kind == mktows::ErrorKind::protocol), r.error().describe());
  BOOST_TEST(r.error().may_have_been_applied);
  BOOST_TEST(r.error().message.find("one status per object (2 for 1)") != std::string::npos, r.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
