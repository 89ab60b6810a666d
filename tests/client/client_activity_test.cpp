// client_activity_test: Client::get_lead_activity and get_lead_changes
// against the sandbox: pagers over every page (newest first, oldest first),
// resuming from a saved position, filters and their checks, polling for
// what came later from the last position.
#define BOOST_TEST_MODULE client_activity
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <ctime>
#include <set>
#include <string>
#include <vector>

using namespace mktows_test;
using mktows::ValidationRule;

namespace {

// A lead with a New Lead record and `changes` Change Data Value records.
int lead_with_changes(mktows::Client &client, const std::string &email, int changes) {
  auto r = client.sync_lead(mktows::Lead().email(email).attribute("FirstName", "v0"));
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  for (int i = 1; i <= changes; ++i)
    BOOST_REQUIRE(client.sync_lead(mktows::Lead().email(email).attribute("FirstName", "v" + std::to_string(i))).ok());
  return r->lead_id;
}

template <class Pager>
std::vector<int> ids_of(Pager &pager) {
  std::vector<int> ids;
  for (const auto &record : pager) ids.push_back(record.id);
  BOOST_TEST(pager.ok(), pager.error().describe());
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(get_lead_activity_pages_newest_first_through_every_record) {
  SandboxClient s;
  lead_with_changes(s.client, "george@jungle.com", 4);
  unsigned long before = s.client.requests_sent();
  mktows::ActivityReadOptions o;
  o.batch_size = 2;
  auto pager = s.client.get_lead_activity(mktows::LeadKey::by_email("george@jungle.com"), o);
  std::vector<std::string> types;
  std::vector<int> ids;
  for (const mktows::ActivityRecord &a : pager) {
    types.push_back(a.type);
    ids.push_back(a.id);
    BOOST_TEST(a.at > 0);
  }
  BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
  BOOST_REQUIRE_EQUAL(ids.size(), 5u);
  for (std::size_t i = 1; i < ids.size(); ++i) BOOST_TEST(ids[i] < ids[i - 1]);  // newest first
  BOOST_TEST(types.front() == "Change Data Value");
  BOOST_TEST(types.back() == "New Lead");
  BOOST_TEST(pager.pages() == 3u);  // 2 + 2 + 1
  BOOST_TEST(s.client.requests_sent() - before == 3u);
}

BOOST_AUTO_TEST_CASE(get_lead_activity_resumes_from_a_saved_position) {
  SandboxClient s;
  lead_with_changes(s.client, "george@jungle.com", 4);
  mktows::ActivityReadOptions o;
  o.batch_size = 2;
  std::vector<int> ids;
  mktows::StreamPosition saved;
  {
    auto first = s.client.get_lead_activity(mktows::LeadKey::by_email("george@jungle.com"), o);
    for (const mktows::ActivityRecord &a : first) {
      ids.push_back(a.id);
      if (first.at_page_end()) {
        saved = first.position();
        break;
      }
    }
  }
  BOOST_REQUIRE_EQUAL(ids.size(), 2u);
  BOOST_REQUIRE(!saved.offset.empty());
  o.resume_from = saved;
  auto rest = s.client.get_lead_activity(mktows::LeadKey::by_email("george@jungle.com"), o);
  std::vector<int> more = ids_of(rest);
  ids.insert(ids.end(), more.begin(), more.end());
  BOOST_TEST(ids.size() == 5u);
  BOOST_TEST(std::set<int>(ids.begin(), ids.end()).size() == 5u);
}

BOOST_AUTO_TEST_CASE(activity_filters_and_their_checks) {
  SandboxClient s;
  lead_with_changes(s.client, "george@jungle.com", 2);
  mktows::LeadKey george_key = mktows::LeadKey::by_email("george@jungle.com");
  mktows::ActivityReadOptions o;
  o.filter = mktows::ActivityFilter::include({"NewLead"});
  auto news = s.client.get_lead_activity(george_key, o);
  std::size_t n = 0;
  for (const mktows::ActivityRecord &a : news) {
    ++n;
    BOOST_TEST(a.type == "New Lead");
  }
  BOOST_TEST(news.ok(), news.error().describe());
  BOOST_TEST(n == 1u);
  o.filter = mktows::ActivityFilter::exclude({"NewLead"});
  auto others = s.client.get_lead_activity(george_key, o);
  BOOST_TEST(ids_of(others).size() == 2u);

  unsigned long sent = s.client.requests_sent();
  o.filter = mktows::ActivityFilter::include({"VisitWebPage"});  // the value is VisitWebpage
  expect_refused(s.client.get_lead_activity(george_key, o).error(), ValidationRule::unknown_activity_type, "20107");
  o.filter.exclude_types = {"NewLead"};
  o.filter.include_types = {"VisitWebpage"};
  expect_refused(s.client.get_lead_activity(george_key, o).error(), ValidationRule::bad_combination, "not both");
  BOOST_TEST(s.client.requests_sent() == sent);

  auto unknown = s.client.get_lead_activity(mktows::LeadKey::by_email("nobody@jungle.com"));
  BOOST_TEST((unknown.begin() == unknown.end()));
  BOOST_TEST(unknown.error().code == mktows::fault_code::lead_not_found);
}

BOOST_AUTO_TEST_CASE(get_lead_changes_pages_oldest_first_and_polls_from_its_last_position) {
  SandboxClient s;
  const std::time_t start = std::time(nullptr) - 60;
  int a = lead_with_changes(s.client, "a@jungle.com", 2);
  int b = lead_with_changes(s.client, "b@jungle.com", 0);
  mktows::LeadChangesOptions o(mktows::StreamPosition::since(start));
  o.batch_size = 3;
  auto pager = s.client.get_lead_changes(o);
  std::vector<int> ids;
  std::vector<std::string> people;
  for (const mktows::LeadChangeRecord &c : pager) {
    ids.push_back(c.id);
    people.push_back(c.mkt_person_id);
  }
  BOOST_REQUIRE_MESSAGE(pager.ok(), pager.error().describe());
  BOOST_REQUIRE_EQUAL(ids.size(), 4u);
  for (std::size_t i = 1; i < ids.size(); ++i) BOOST_TEST(ids[i] > ids[i - 1]);  // oldest first
  BOOST_TEST(people.front() == std::to_string(a));
  BOOST_TEST(people.back() == std::to_string(b));
  BOOST_TEST(pager.pages() == 2u);  // 3 + 1

  // What came after the walk, from its last position.
  BOOST_REQUIRE(s.client.sync_lead(mktows::Lead().email("b@jungle.com").attribute("FirstName", "later")).ok());
  mktows::LeadChangesOptions later(pager.position());
  auto poll = s.client.get_lead_changes(later);
  std::vector<mktows::LeadChangeRecord> fresh;
  for (const mktows::LeadChangeRecord &c : poll) fresh.push_back(c);
  BOOST_REQUIRE_MESSAGE(poll.ok(), poll.error().describe());
  BOOST_REQUIRE_EQUAL(fresh.size(), 1u);
  BOOST_TEST(fresh[0].type == "Change Data Value");
  BOOST_REQUIRE(fresh[0].find("New Value") != nullptr);
  BOOST_TEST(*fresh[0].find("New Value") == "later");

  // One lead's changes.
  mktows::LeadChangesOptions only_a(mktows::StreamPosition::since(start));
  only_a.leads = mktows::LeadKeySelector::by_ids({a});
  auto of_a = s.client.get_lead_changes(only_a);
  BOOST_TEST(ids_of(of_a).size() == 3u);
}

BOOST_AUTO_TEST_CASE(get_lead_changes_checks_before_sending) {
  SandboxClient s;
  mktows::LeadChangesOptions none((mktows::StreamPosition()));
  expect_refused(s.client.get_lead_changes(none).error(), ValidationRule::value_required, "20109");
  mktows::LeadChangesOptions keys(mktows::StreamPosition::since(std::time(nullptr) - 60));
  std::vector<int> ids(100);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int>(i + 1);
  keys.leads = mktows::LeadKeySelector::by_ids(ids);
  auto hundred = s.client.get_lead_changes(keys);
  BOOST_TEST(ids_of(hundred).empty());  // 100 keys are sent (and match no lead)
  BOOST_TEST(s.client.requests_sent() == 1u);
  ids.push_back(101);
  keys.leads = mktows::LeadKeySelector::by_ids(ids);
  expect_refused(s.client.get_lead_changes(keys).error(), ValidationRule::too_many_keys, "20110");
  BOOST_TEST(s.client.requests_sent() == 1u);
}
