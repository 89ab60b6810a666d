// client_lists_test: Client::list_operation (add, remove, is-member, a
// status per lead, more than one call's keys, strict), import_to_list and
// get_import_to_list_status against the sandbox.
#define BOOST_TEST_MODULE client_lists
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <string>
#include <vector>

using namespace mktows_test;
using mktows::ListOperation;
using mktows::ValidationRule;

namespace {

const mktows::ListKey kNewsletter = mktows::ListKey::named("Demo Program.Newsletter");

std::vector<bool> statuses(const mktows::ListOperationResult &r) {
  std::vector<bool> out;
  for (const mktows::LeadListStatus &s : r.statuses) out.push_back(s.status);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(add_is_member_and_remove_give_a_status_per_lead) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 2);
  std::vector<mktows::LeadKey> keys = {mktows::LeadKey::by_id(ids[0]), mktows::LeadKey::by_id(999999),
                                       mktows::LeadKey::by_email(nth_email(1))};
  auto added = s.client.list_operation(ListOperation::add, kNewsletter, keys);
  BOOST_REQUIRE_MESSAGE(added.ok(), added.error().describe());
  BOOST_TEST(statuses(*added) == (std::vector<bool>{true, false, true}), boost::test_tools::per_element());
  BOOST_TEST(!added->success);  // one lead is unknown
  BOOST_TEST(added->statuses[1].key.value == "999999");
  BOOST_TEST(added->requests == 1u);

  auto member = s.client.list_operation(ListOperation::is_member, kNewsletter,
                                        {mktows::LeadKey::by_id(ids[1]), mktows::LeadKey::by_id(ids[0])});
  BOOST_REQUIRE(member.ok());
  BOOST_TEST(member->success);
  auto removed = s.client.list_operation(ListOperation::remove, kNewsletter, {mktows::LeadKey::by_id(ids[0])});
  BOOST_REQUIRE(removed.ok());
  BOOST_TEST(removed->success);
  auto again = s.client.list_operation(ListOperation::remove, kNewsletter, {mktows::LeadKey::by_id(ids[0])});
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(statuses(*again) == (std::vector<bool>{false}), boost::test_tools::per_element());

  // strict: all or nothing.
  mktows::ListOperationOptions strict;
  strict.strict = true;
  auto refused = s.client.list_operation(ListOperation::add, kNewsletter,
                                         {mktows::LeadKey::by_id(ids[0]), mktows::LeadKey::by_id(999999)}, strict);
  BOOST_REQUIRE(refused.ok());
  BOOST_TEST(statuses(*refused) == (std::vector<bool>{false, false}), boost::test_tools::per_element());

  auto unknown = s.client.list_operation(ListOperation::add, mktows::ListKey::named("Demo Program.Nothing"),
                                         {mktows::LeadKey::by_id(ids[0])});
  BOOST_TEST(unknown.error().code == mktows::fault_code::list_not_found, unknown.error().describe());
}

BOOST_AUTO_TEST_CASE(more_keys_than_one_call_takes_go_in_several_calls_in_order) {
  SandboxClient s;
  std::vector<int> ids = seed_leads(s.client, 1);
  BOOST_REQUIRE(s.client.list_operation(ListOperation::add, kNewsletter, {mktows::LeadKey::by_id(ids[0])}).ok());
  std::vector<mktows::LeadKey> keys;
  for (int i = 0; i < 1001; ++i) keys.push_back(mktows::LeadKey::by_id(2000000 + i));
  keys[1000] = mktows::LeadKey::by_id(ids[0]);  // the 1001st key: in the second call
  keys[999] = mktows::LeadKey::by_id(ids[0]);   // the 1000th: the first call's last
  unsigned long sent = s.client.requests_sent();
  auto r = s.client.list_operation(ListOperation::is_member, kNewsletter, keys);
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(r->requests == 2u);
  BOOST_TEST(s.client.requests_sent() - sent == 2u);
  BOOST_REQUIRE_EQUAL(r->statuses.size(), 1001u);
  std::size_t members = 0;
  for (std::size_t i = 0; i < r->statuses.size(); ++i) members += r->statuses[i].status;
  BOOST_TEST(members == 2u);
  BOOST_TEST(r->statuses[999].status);
  BOOST_TEST(r->statuses[1000].status);

  mktows::ListOperationOptions strict;
  strict.strict = true;
  expect_refused(s.client.list_operation(ListOperation::add, kNewsletter, keys, strict).error(),
                 ValidationRule::too_many_keys, "at most 1000");
  expect_refused(s.client.list_operation(ListOperation::add, kNewsletter, {}).error(), ValidationRule::lead_key_required,
                 "20101");
  BOOST_TEST(s.client.requests_sent() - sent == 2u);
}

BOOST_AUTO_TEST_CASE(import_to_list_then_its_status_until_complete) {
  SandboxClient s;
  seed_leads(s.client, 1);
  mktows::ImportToListRequest import;
  import.program_name = "Demo Program";
  import.list_name = "Newsletter";
  import.header = "Email Address,First Name";
  import.rows = {"new1@jungle.com,New", "\"quoted, one\"", nth_email(0) + ",Updated"};
  auto started = s.client.import_to_list(import);
  BOOST_REQUIRE_MESSAGE(started.ok(), started.error().describe());
  BOOST_TEST((*started == mktows::ImportStatus::processing));
  auto first = s.client.get_import_to_list_status("Demo Program", "Newsletter");
  BOOST_REQUIRE_MESSAGE(first.ok(), first.error().describe());
  BOOST_TEST((first->status == mktows::ImportStatus::processing));
  BOOST_TEST(first->started > 0);
  auto done = s.client.get_import_to_list_status("Demo Program", "Newsletter");
  BOOST_REQUIRE(done.ok());
  BOOST_TEST((done->status == mktows::ImportStatus::complete));
  BOOST_TEST(done->rows_imported == 2);
  BOOST_TEST(done->rows_failed == 1);
  BOOST_TEST(done->ended > 0);
  BOOST_TEST(!done->summary.empty());
  auto members = s.client.get_multiple_leads(mktows::StaticListSelector::named("Demo Program.Newsletter"));
  std::size_t n = 0;
  for (const mktows::Lead &lead : members) {
    (void)lead;
    ++n;
  }
  BOOST_TEST(n == 2u);

  unsigned long sent = s.client.requests_sent();
  import.header.clear();
  expect_refused(s.client.import_to_list(import).error(), ValidationRule::value_required, "importFileHeader");
  expect_refused(s.client.get_import_to_list_status("Demo Program", "").error(), ValidationRule::value_required,
                 "listName");
  BOOST_TEST(s.client.requests_sent() == sent);
}
