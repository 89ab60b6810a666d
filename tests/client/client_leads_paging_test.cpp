// client_leads_paging_test: Client::get_multiple_leads against the sandbox:
// the pager walks every page (each lead once), resumes from a saved
// position, each selector, the checks made before sending (the key count,
// the 30-day window), a position the service refuses; and merge_leads.
#define BOOST_TEST_MODULE client_leads_paging
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <ctime>
#include <set>
#include <string>
#include <vector>

using namespace mktows_test;
using mktows::ValidationRule;

namespace {

mktows::LastUpdateAtSelector last_hour() {
  std::time_t now = std::time(nullptr);
  return mktows::LastUpdateAtSelector::between(now - 3600, now + 60);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_pager_walks_every_page_and_yields_each_lead_once) {
  SandboxClient s;
  seed_leads(s.client, 25);
  unsigned long before = s.client.requests_sent();
  auto pager = s.client.get_multiple_leads(last_hour(), mktows::LeadReadOptions().batch_size(10));
  std::set<std::string> seen;
  std::size_t n = 0;
  for (const mktows::Lead &lead : pager) {
    ++n;
    seen.insert(lead.email());
    BOOST_TEST(pager.records() == n);
  }
  BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
  BOOST_TEST(n == 25u);
  BOOST_TEST(seen.size() == 25u);
  for (std::size_t i = 0; i < 25; ++i) BOOST_TEST(seen.count(nth_email(i)) == 1u, nth_email(i));
  BOOST_TEST(pager.pages() == 3u);  // 10 + 10 + 5
  BOOST_TEST(s.client.requests_sent() - before == 3u);
  BOOST_TEST(pager.done());
  BOOST_TEST(pager.position().empty());  // the walk is over
}

BOOST_AUTO_TEST_CASE(a_walk_resumes_from_a_saved_position_without_losing_or_repeating_a_lead) {
  SandboxClient s;
  seed_leads(s.client, 23);
  mktows::LastUpdateAtSelector window = last_hour();
  std::vector<std::string> emails;
  std::string saved;
  {
    auto first = s.client.get_multiple_leads(window, mktows::LeadReadOptions().batch_size(5));
    for (const mktows::Lead &lead : first) {
      emails.push_back(lead.email());
      if (first.pages() == 2 && first.at_page_end()) {  // stop after two whole pages
        saved = first.position();
        break;
      }
    }
    BOOST_REQUIRE_MESSAGE(first.ok(), first.error().describe());
  }
  BOOST_REQUIRE_EQUAL(emails.size(), 10u);
  BOOST_REQUIRE(!saved.empty());
  auto rest = s.client.get_multiple_leads(window, mktows::LeadReadOptions().batch_size(5).resume_from(saved));
  for (const mktows::Lead &lead : rest) emails.push_back(lead.email());
  BOOST_REQUIRE_MESSAGE(rest.ok(), rest.error().describe());
  BOOST_TEST(rest.pages() == 3u);  // 5 + 5 + 3
  BOOST_TEST(emails.size() == 23u);
  BOOST_TEST(std::set<std::string>(emails.begin(), emails.end()).size() == 23u);

  // Mid-page, the position is the page's start: the page comes again.
  auto again = s.client.get_multiple_leads(window, mktows::LeadReadOptions().batch_size(5));
  std::string mid;
  for (const mktows::Lead &lead : again) {
    (void)lead;
    if (again.records() == 7) {
      mid = again.position();
      break;
    }
  }
  auto from_mid = s.client.get_multiple_leads(window, mktows::LeadReadOptions().batch_size(5).resume_from(mid));
  std::size_t n = 0;
  for (const mktows::Lead &lead : from_mid) {
    (void)lead;
    ++n;
  }
  BOOST_TEST(n == 23u - 5u);  // from the second page on
}

BOOST_AUTO_TEST_CASE(a_lead_key_selector_reads_the_keys_leads_in_order_and_at_most_100_keys) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 3);
  auto pager = s.client.get_multiple_leads(
      mktows::LeadKeySelector::by_emails({nth_email(2), nth_email(0), "nobody@jungle.com"}));
  std::vector<std::string> got;
  for (const mktows::Lead &lead : pager) got.push_back(lead.email());
  BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
  BOOST_TEST(got == (std::vector<std::string>{nth_email(2), nth_email(0)}), boost::test_tools::per_element());

  std::vector<int> hundred(100, ids[1]);
  for (std::size_t i = 0; i < hundred.size(); ++i) hundred[i] = static_cast<int>(1000000 + i);
  hundred[99] = ids[1];  // the 100th key is read
  auto at_limit = s.client.get_multiple_leads(mktows::LeadKeySelector::by_ids(hundred));
  std::size_t n = 0;
  for (const mktows::Lead &lead : at_limit) n += lead.id() == ids[1];
  BOOST_REQUIRE_MESSAGE(at_limit.ok(), at_limit.error().describe());
  BOOST_TEST(n == 1u);

  hundred.push_back(ids[2]);  // a 101st key the service would ignore: refused before sending
  unsigned long sent = s.client.requests_sent();
  auto over = s.client.get_multiple_leads(mktows::LeadKeySelector::by_ids(hundred));
  BOOST_TEST((over.begin() == over.end()));
  BOOST_REQUIRE(!over.ok());
  expect_refused(over.error(), ValidationRule::too_many_keys, "at most 100 keys, not 101");
  BOOST_TEST(s.client.requests_sent() == sent);

  auto none = s.client.get_multiple_leads(mktows::LeadKeySelector::by_ids({}));
  expect_refused(none.error(), ValidationRule::lead_key_required, "20101");
}

BOOST_AUTO_TEST_CASE(a_static_list_selector_reads_the_lists_members) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 4);
  auto added = s.client.list_operation(mktows::ListOperation::add, mktows::ListKey::named("Demo Program.Newsletter"),
                                       {mktows::LeadKey::by_id(ids[3]), mktows::LeadKey::by_id(ids[1])});
  BOOST_REQUIRE_MESSAGE(added.ok(), added.error().describe());
  for (const mktows::StaticListSelector &sel :
       {mktows::StaticListSelector::named("Demo Program.Newsletter"), mktows::StaticListSelector::with_id(3001)}) {
    auto pager = s.client.get_multiple_leads(sel, mktows::LeadReadOptions().fields({"FirstName"}));
    std::vector<int> got;
    for (const mktows::Lead &lead : pager) {
      got.push_back(lead.id());
      BOOST_TEST(lead.attributes().size() == 1u);
      BOOST_TEST(lead.find("FirstName") != nullptr);
    }
    BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
    BOOST_TEST(got == (std::vector<int>{ids[3], ids[1]}), boost::test_tools::per_element());
  }
  auto unknown = s.client.get_multiple_leads(mktows::StaticListSelector::named("Demo Program.Nothing"));
  for (const mktows::Lead &lead : unknown) (void)lead;
  BOOST_TEST((unknown.error().kind == mktows::ErrorKind::fault));
  BOOST_TEST(unknown.error().code == mktows::fault_code::list_not_found);
}

BOOST_AUTO_TEST_CASE(the_30_day_window_is_checked_before_sending) {
  SandboxClient s;
  const std::time_t day = 86400, t = std::time(nullptr) - 40 * day;
  auto thirty = s.client.get_multiple_leads(mktows::LastUpdateAtSelector::between(t, t + 30 * day));
  for (const mktows::Lead &lead : thirty) (void)lead;
  BOOST_TEST(thirty.ok(), thirty.error().describe());  // exactly 30 days: the service's limit, sent
  BOOST_TEST(s.client.requests_sent() == 1u);

  auto wider = s.client.get_multiple_leads(mktows::LastUpdateAtSelector::between(t, t + 30 * day + 1));
  expect_refused(wider.error(), ValidationRule::time_window, "20022");
  auto since = s.client.get_multiple_leads(mktows::LastUpdateAtSelector::since(t));  // ends now: 40 days
  expect_refused(since.error(), ValidationRule::time_window, "without a latest");
  auto reversed = s.client.get_multiple_leads(mktows::LastUpdateAtSelector::between(t + day, t));
  expect_refused(reversed.error(), ValidationRule::time_window, "before");
  BOOST_TEST(s.client.requests_sent() == 1u);
}

BOOST_AUTO_TEST_CASE(a_position_the_service_did_not_hand_out_ends_the_walk_with_its_fault) {
  SandboxClient s;
  seed_leads(s.client, 3);
  auto pager = s.client.get_multiple_leads(last_hour(), mktows::LeadReadOptions().resume_from("w1:o0:0000"));
  std::size_t n = 0;
  for (const mktows::Lead &lead : pager) {
    (void)lead;
    ++n;
  }
  BOOST_TEST(n == 0u);
  BOOST_REQUIRE(!pager.ok());
  BOOST_TEST(pager.error().code == mktows::fault_code::bad_stream_position, pager.error().describe());
  BOOST_TEST(pager.position() == "w1:o0:0000");  // where a retry would start again
}

BOOST_AUTO_TEST_CASE(merge_leads_merges_the_losers_into_the_winner) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 3);
  auto r = s.client.merge_leads(mktows::LeadKey::by_id(ids[0]),
                                {mktows::LeadKey::by_id(ids[1]), mktows::LeadKey::by_email(nth_email(2))});
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(r->merged);
  BOOST_TEST(r->winning_lead_id == ids[0]);
  BOOST_TEST(r->losing_lead_ids == (std::vector<int>{ids[1], ids[2]}), boost::test_tools::per_element());
  auto gone = s.client.get_lead(mktows::LeadKey::by_id(ids[1]));
  BOOST_TEST(gone.error().code == mktows::fault_code::lead_not_found);

  unsigned long sent = s.client.requests_sent();
  expect_refused(s.client.merge_leads(mktows::LeadKey::by_id(ids[0]), {}).error(), ValidationRule::value_required,
                 "20109");
  expect_refused(s.client.merge_leads(mktows::LeadKey::by_id(ids[0]), {mktows::LeadKey::by_id(ids[0])}).error(),
                 ValidationRule::bad_combination, "is the winner");
  BOOST_TEST(s.client.requests_sent() == sent);
  auto unknown = s.client.merge_leads(mktows::LeadKey::by_id(ids[0]), {mktows::LeadKey::by_id(999999)});
  BOOST_TEST(unknown.error().code == mktows::fault_code::lead_not_found, unknown.error().describe());
}
