// client_campaigns_test: Client::get_campaigns_for_source, request_campaign
// (by id, by program and campaign name with tokens) and schedule_campaign
// against the sandbox, with the shapes and counts checked before sending.
#define BOOST_TEST_MODULE client_campaigns
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <string>
#include <vector>

using namespace mktows_test;
using mktows::ValidationRule;

namespace {

// The Request Campaign records of a lead, newest first.
std::vector<mktows::ActivityRecord> campaign_runs(mktows::Client &client, int lead_id) {
  mktows::ActivityReadOptions o;
  o.filter = mktows::ActivityFilter::include({"RequestCampaign"});
  auto pager = client.get_lead_activity(mktows::LeadKey::by_id(lead_id), o);
  std::vector<mktows::ActivityRecord> out;
  for (const mktows::ActivityRecord &a : pager) out.push_back(a);
  BOOST_TEST(pager.ok(), pager.error().describe());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(get_campaigns_for_source_lists_the_requestable_campaigns) {
  SandboxClient s;
  auto all = s.client.get_campaigns_for_source();
  BOOST_REQUIRE_MESSAGE(all.ok(), all.error().describe());
  BOOST_REQUIRE_EQUAL(all->size(), 1u);  // Welcome; Sales Alert is SALES', Weekly Digest a batch campaign
  BOOST_TEST((*all)[0].id == 2001);
  BOOST_TEST((*all)[0].name == "Demo Program.Welcome");
  auto sales = s.client.get_campaigns_for_source(mktows::CampaignSource::sales);
  BOOST_REQUIRE(sales.ok());
  BOOST_REQUIRE_EQUAL(sales->size(), 1u);
  BOOST_TEST((*sales)[0].id == 2002);
  auto part = s.client.get_campaigns_for_source(mktows::CampaignSource::mktows, "program.wel");
  BOOST_REQUIRE(part.ok());
  BOOST_TEST(part->size() == 1u);
  auto exact = s.client.get_campaigns_for_source(mktows::CampaignSource::mktows, "program.wel", true);
  BOOST_REQUIRE(exact.ok());
  BOOST_TEST(exact->empty());
}

BOOST_AUTO_TEST_CASE(request_campaign_by_id_and_by_name_with_tokens_runs_for_each_lead) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 2);
  auto by_id = s.client.request_campaign(mktows::CampaignRef::by_id(2001),
                                         {mktows::LeadKey::by_id(ids[0]), mktows::LeadKey::by_email(nth_email(1))});
  BOOST_REQUIRE_MESSAGE(by_id.ok(), by_id.error().describe());
  BOOST_TEST(by_id->success);
  BOOST_TEST(by_id->leads == 2u);
  BOOST_TEST(campaign_runs(s.client, ids[0]).size() == 1u);
  BOOST_TEST(campaign_runs(s.client, ids[1]).size() == 1u);

  auto by_name = s.client.request_campaign(
      mktows::CampaignRef::by_name("Demo Program", "Welcome").token("{{my.greeting}}", "Hello George"),
      {mktows::LeadKey::by_id(ids[0])});
  BOOST_REQUIRE_MESSAGE(by_name.ok(), by_name.error().describe());
  BOOST_TEST(by_name->success);
  BOOST_TEST(by_name->tokens == 1u);
  std::vector<mktows::ActivityRecord> runs = campaign_runs(s.client, ids[0]);
  BOOST_REQUIRE_EQUAL(runs.size(), 2u);
  BOOST_TEST(runs[0].asset_name == "Demo Program.Welcome");
  BOOST_REQUIRE(runs[0].find("{{my.greeting}}") != nullptr);
  BOOST_TEST(*runs[0].find("{{my.greeting}}") == "Hello George");

  auto unknown = s.client.request_campaign(mktows::CampaignRef::by_id(2999), {mktows::LeadKey::by_id(ids[0])});
  BOOST_TEST(unknown.error().code == mktows::fault_code::campaign_not_found, unknown.error().describe());
  BOOST_TEST(unknown.error().attempts == 1);
  auto batch = s.client.request_campaign(mktows::CampaignRef::by_id(2003), {mktows::LeadKey::by_id(ids[0])});
  BOOST_TEST(batch.error().code == mktows::fault_code::bad_parameter, batch.error().describe());
}

BOOST_AUTO_TEST_CASE(request_campaign_shapes_and_lead_counts_are_checked_before_sending) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 100);
  unsigned long sent = s.client.requests_sent();
  std::vector<mktows::LeadKey> one = {mktows::LeadKey::by_id(ids[0])};
  expect_refused(s.client.request_campaign(mktows::CampaignRef::by_id(2001).token("{{my.x}}", "y"), one).error(),
                 ValidationRule::bad_combination, "not with a campaign id");
  expect_refused(s.client.request_campaign(mktows::CampaignRef::by_name("Demo Program", ""), one).error(),
                 ValidationRule::bad_combination, "both programName and campaignName");
  expect_refused(s.client.request_campaign(mktows::CampaignRef::by_id(0), one).error(), ValidationRule::value_required,
                 "positive");
  expect_refused(s.client.request_campaign(mktows::CampaignRef::by_id(2001), {}).error(),
                 ValidationRule::lead_key_required, "20101");
  std::vector<mktows::LeadKey> keys;
  for (int id : ids) keys.push_back(mktows::LeadKey::by_id(id));
  keys.push_back(mktows::LeadKey::by_email("one-too-many@jungle.com"));
  expect_refused(s.client.request_campaign(mktows::CampaignRef::by_id(2001), keys).error(),
                 ValidationRule::too_many_keys, "at most 100 lead keys, not 101");
  BOOST_TEST(s.client.requests_sent() == sent);
  keys.pop_back();  // 100: the service's limit
  auto hundred = s.client.request_campaign(mktows::CampaignRef::by_id(2001), keys);
  BOOST_REQUIRE_MESSAGE(hundred.ok(), hundred.error().describe());
  BOOST_TEST(hundred->leads == 100u);
  BOOST_TEST(campaign_runs(s.client, ids[99]).size() == 1u);
}

BOOST_AUTO_TEST_CASE(schedule_campaign_runs_a_batch_campaign_by_name) {
  SandboxClient s;
  auto now = s.client.schedule_campaign("Demo Program", "Weekly Digest");
  BOOST_REQUIRE_MESSAGE(now.ok(), now.error().describe());
  BOOST_TEST(now->success);
  auto later = s.client.schedule_campaign("Demo Program", "Weekly Digest", std::time(nullptr) + 3600,
                                          {mktows::ProgramToken("{{my.subject}}", "This week")});
  BOOST_REQUIRE_MESSAGE(later.ok(), later.error().describe());
  BOOST_TEST(later->tokens == 1u);
  auto trigger = s.client.schedule_campaign("Demo Program", "Welcome");
  BOOST_TEST(trigger.error().code == mktows::fault_code::bad_parameter, trigger.error().describe());
  auto unknown = s.client.schedule_campaign("Demo Program", "Nothing");
  BOOST_TEST(unknown.error().code == mktows::fault_code::campaign_not_found, unknown.error().describe());
  unsigned long sent = s.client.requests_sent();
  expect_refused(s.client.schedule_campaign("", "Weekly Digest").error(), ValidationRule::value_required, "20109");
  BOOST_TEST(s.client.requests_sent() == sent);
}
