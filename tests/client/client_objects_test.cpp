// client_objects_test: the thin typed calls of the objects, custom objects
// and tags domains (Client::list_mobjects, describe_mobject, get_mobjects,
// sync_mobjects, delete_mobjects, sync_custom_objects, get_custom_objects,
// delete_custom_objects, get_channels, get_tags) against the sandbox, with
// what the service's rules let the client check refused before sending.
#define BOOST_TEST_MODULE client_objects
#include <boost/test/unit_test.hpp>

#include "client/client_sandbox_support.hpp"

#include <string>
#include <vector>

using namespace mktows_test;
using mktows::ObjectStatus;
using mktows::SyncOperation;
using mktows::ValidationRule;

namespace {

mktows::MObject opportunity(const std::string &key, std::vector<mktows::NameValue> attributes = {}) {
  mktows::MObject o;
  o.type = "Opportunity";
  o.has_external_key = true;
  o.external_key = mktows::NameValue("externalOpportunityId", key);
  o.attributes = std::move(attributes);
  return o;
}

mktows::MObject by_id(const std::string &type, int id) {
  mktows::MObject o;
  o.type = type;
  o.has_id = true;
  o.id = id;
  return o;
}

std::string value_of(const std::vector<mktows::NameValue> &list, const std::string &name) {
  for (const mktows::NameValue &nv : list)
    if (nv.name == name) return nv.value;
  return "(none)";
}

std::string value_of(const std::vector<mktows::Attribute> &list, const std::string &name) {
  for (const mktows::Attribute &a : list)
    if (a.name == name) return a.value;
  return "(none)";
}

mktows::CustomObject car(int lead, const std::string &vin, std::vector<mktows::Attribute> fields = {}) {
  mktows::CustomObject c;
  c.keys = {mktows::Attribute("MKTOID", std::to_string(lead)), mktows::Attribute("VIN", vin)};
  c.attributes = std::move(fields);
  return c;
}

std::vector<std::string> vins(const mktows::CustomObjectPage &page) {
  std::vector<std::string> out;
  for (const mktows::CustomObject &c : page.objects) out.push_back(value_of(c.keys, "VIN"));
  return out;
}

// Refused before sending: the rule, its text, and nothing on the wire.
template <class R>
void expect_refused_unsent(SandboxClient &s, const R &r, ValidationRule rule, const std::string &says,
                           unsigned long sent_before) {
  BOOST_REQUIRE(!r.ok());
  expect_refused(r.error(), rule, says);
  BOOST_TEST(s.client.requests_sent() == sent_before);
}

}  // namespace

BOOST_AUTO_TEST_CASE(list_mobjects_names_the_four_objects_and_checks_the_credentials) {
  SandboxClient s;
  auto names = s.client.list_mobjects();
  BOOST_REQUIRE_MESSAGE(names.ok(), names.error().describe());
  BOOST_TEST(*names == (std::vector<std::string>{"ActivityRecord", "LeadRecord", "Opportunity", "OpportunityPersonRole"}),
             boost::test_tools::per_element());
  mktows::ClientOptions wrong = sandbox_client_options(s.sandbox);
  wrong.encryption_key = "not-the-key-of-this-sandbox";
  mktows::Client other(wrong);
  auto refused = other.list_mobjects();
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().kind == mktows::ErrorKind::fault));
  BOOST_TEST(refused.error().code == mktows::fault_code::authentication_failed);
}

BOOST_AUTO_TEST_CASE(describe_mobject_answers_the_fields) {
  SandboxClient s;
  auto lead = s.client.describe_mobject("LeadRecord");
  BOOST_REQUIRE_MESSAGE(lead.ok(), lead.error().describe());
  BOOST_TEST(lead->name == "LeadRecord");
  BOOST_TEST(!lead->is_virtual);
  bool has_email = false;
  for (const mktows::ObjectField &f : lead->fields) has_email = has_email || f.name == "Email";
  BOOST_TEST(has_email);
  auto activity = s.client.describe_mobject("ActivityRecord");
  BOOST_REQUIRE_MESSAGE(activity.ok(), activity.error().describe());
  BOOST_TEST(activity->is_virtual);
  BOOST_TEST(activity->fields.size() == 11u);
  auto roles = s.client.describe_mobject("OpportunityPersonRole");
  BOOST_REQUIRE(roles.ok());
  bool has_opportunity_id = false;
  for (const mktows::ObjectField &f : roles->fields) has_opportunity_id = has_opportunity_id || f.name == "OpportunityId";
  BOOST_TEST(has_opportunity_id);
  // The service's refusal comes through as its fault.
  auto program = s.client.describe_mobject("Program");
  BOOST_REQUIRE(!program.ok());
  BOOST_TEST(program.error().code == mktows::fault_code::bad_parameter);
  unsigned long sent = s.client.requests_sent();
  expect_refused_unsent(s, s.client.describe_mobject(""), ValidationRule::value_required, "20109", sent);
}

BOOST_AUTO_TEST_CASE(sync_get_and_delete_opportunities_and_their_roles) {
  SandboxClient s;
  int lead = seed_leads(s.client, 1)[0];
  auto created = s.client.sync_mobjects({opportunity("OPP-C1", {{"Name", "First deal"}, {"Amount", "1200.50"}})},
                                        SyncOperation::insert);
  BOOST_REQUIRE_MESSAGE(created.ok(), created.error().describe());
  BOOST_REQUIRE_EQUAL(created->size(), 1u);
  BOOST_TEST(((*created)[0].status == ObjectStatus::created), to_string((*created)[0].status));
  const int opp = (*created)[0].id;
  BOOST_TEST(opp > 0);
  BOOST_TEST((*created)[0].has_external_key);
  BOOST_TEST((*created)[0].external_key.value == "OPP-C1");
  // INSERT of a key that exists leaves it; UPSERT changes it; the statuses
  // come back one per object, in order.
  auto again = s.client.sync_mobjects({opportunity("OPP-C1", {{"Name", "Other"}}), opportunity("OPP-C2")},
                                      SyncOperation::insert);
  BOOST_REQUIRE(again.ok());
  BOOST_REQUIRE_EQUAL(again->size(), 2u);
  BOOST_TEST(((*again)[0].status == ObjectStatus::skipped), to_string((*again)[0].status));
  BOOST_TEST(((*again)[1].status == ObjectStatus::created), to_string((*again)[1].status));
  auto updated = s.client.sync_mobjects({opportunity("OPP-C1", {{"Stage", "Closed Won"}})});
  BOOST_REQUIRE(updated.ok());
  BOOST_TEST(((*updated)[0].status == ObjectStatus::updated), to_string((*updated)[0].status));
  BOOST_TEST((*updated)[0].id == opp);

  mktows::MObjectQuery q;
  q.type = "Opportunity";
  q.has_external_key = true;
  q.external_key = mktows::NameValue("externalOpportunityId", "OPP-C1");
  auto found = s.client.get_mobjects(q);
  BOOST_REQUIRE_MESSAGE(found.ok(), found.error().describe());
  BOOST_REQUIRE_EQUAL(found->objects.size(), 1u);
  const mktows::MObject &o = found->objects[0];
  BOOST_TEST(o.type == "Opportunity");
  BOOST_TEST((o.has_id && o.id == opp));
  BOOST_TEST(value_of(o.attributes, "Name") == "First deal");
  BOOST_TEST(value_of(o.attributes, "Stage") == "Closed Won");
  BOOST_TEST(o.created_at > 0);
  BOOST_TEST(!found->has_more);

  // A role ties the lead to the opportunity; read back by association.
  mktows::MObject role;
  role.type = "OpportunityPersonRole";
  role.attributes = {{"OpportunityId", std::to_string(opp)}, {"PersonId", std::to_string(lead)}, {"Role", "Buyer"}};
  auto r = s.client.sync_mobjects({role});
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error().describe());
  BOOST_TEST(((*r)[0].status == ObjectStatus::created), std::string(to_string((*r)[0].status)) + " " + (*r)[0].error);
  mktows::MObjectQuery roles;
  roles.type = "OpportunityPersonRole";
  roles.associations = {mktows::ObjectAssociation::by_id("Opportunity", opp)};
  auto of_opp = s.client.get_mobjects(roles);
  BOOST_REQUIRE_MESSAGE(of_opp.ok(), of_opp.error().describe());
  BOOST_REQUIRE_EQUAL(of_opp->objects.size(), 1u);
  BOOST_TEST(value_of(of_opp->objects[0].attributes, "Role") == "Buyer");

  // Deleted, then already gone.
  auto gone = s.client.delete_mobjects({by_id("Opportunity", opp)});
  BOOST_REQUIRE_MESSAGE(gone.ok(), gone.error().describe());
  BOOST_TEST(((*gone)[0].status == ObjectStatus::deleted), to_string((*gone)[0].status));
  BOOST_TEST((*gone)[0].id == opp);
  auto twice = s.client.delete_mobjects({by_id("Opportunity", opp)});
  BOOST_REQUIRE(twice.ok());
  BOOST_TEST(((*twice)[0].status == ObjectStatus::unchanged), to_string((*twice)[0].status));
  BOOST_TEST(s.client.get_mobjects(q)->objects.empty());
}

BOOST_AUTO_TEST_CASE(programs_come_with_their_channel_tag) {
  SandboxClient s;
  mktows::MObjectQuery q;
  q.type = "Program";
  q.include_details = true;
  auto all = s.client.get_mobjects(q);
  BOOST_REQUIRE_MESSAGE(all.ok(), all.error().describe());
  BOOST_REQUIRE_EQUAL(all->objects.size(), 2u);
  const mktows::MObject &webinar = all->objects[1];
  BOOST_TEST(value_of(webinar.attributes, "Name") == "Webinar 2026");
  BOOST_REQUIRE(!webinar.type_attributes.empty());
  BOOST_TEST(webinar.type_attributes[0].type == "Tag");
  BOOST_TEST(value_of(webinar.type_attributes[0].attributes, "Type") == "Channel");
  BOOST_TEST(value_of(webinar.type_attributes[0].attributes, "Value") == "Webinar");
}

BOOST_AUTO_TEST_CASE(object_writes_are_checked_before_sending) {
  SandboxClient s;
  unsigned long sent = s.client.requests_sent();
  expect_refused_unsent(s, s.client.sync_mobjects({}), ValidationRule::value_required, "at least one object", sent);
  std::vector<mktows::MObject> many;
  for (int i = 0; i < 101; ++i) many.push_back(opportunity("MANY-" + std::to_string(i)));
  expect_refused_unsent(s, s.client.sync_mobjects(many), ValidationRule::too_many_keys, "101 objects: at most 100", sent);
  expect_refused_unsent(s, s.client.delete_mobjects(many), ValidationRule::too_many_keys, "at most 100", sent);
  mktows::MObject no_type = opportunity("X");
  no_type.type.clear();
  expect_refused_unsent(s, s.client.sync_mobjects({no_type}), ValidationRule::value_required, "object #1 type", sent);
  mktows::MObject no_id;
  no_id.type = "Opportunity";
  expect_refused_unsent(s, s.client.delete_mobjects({by_id("Opportunity", 5), no_id}), ValidationRule::value_required,
                        "object #2 has no id", sent);
  mktows::MObject bad_text = opportunity("X", {{"Name", std::string("bad \x01 byte")}});
  expect_refused_unsent(s, s.client.sync_mobjects({bad_text}), ValidationRule::invalid_text, "object #1 attribute #1",
                        sent);
  mktows::MObjectQuery no_query_type;
  expect_refused_unsent(s, s.client.get_mobjects(no_query_type), ValidationRule::value_required, "object type", sent);
  // A hundred is one call.
  many.pop_back();
  auto hundred = s.client.sync_mobjects(many, SyncOperation::insert);
  BOOST_REQUIRE_MESSAGE(hundred.ok(), hundred.error().describe());
  BOOST_TEST(hundred->size() == 100u);
  BOOST_TEST(s.client.requests_sent() == sent + 1);
}

BOOST_AUTO_TEST_CASE(custom_objects_synced_read_and_deleted) {
  SandboxClient s;
  int lead = seed_leads(s.client, 1)[0];
  auto w = s.client.sync_custom_objects("Car", {car(lead, "V1", {{"Make", "Volvo"}, {"Year", "2020"}}), car(lead, "V2")});
  BOOST_REQUIRE_MESSAGE(w.ok(), w.error().describe());
  BOOST_REQUIRE_EQUAL(w->size(), 2u);
  BOOST_TEST(((*w)[0].status == ObjectStatus::created), std::string(to_string((*w)[0].status)) + " " + (*w)[0].error);
  BOOST_TEST((*w)[0].type == "Car");
  BOOST_TEST(value_of((*w)[0].keys, "VIN") == "V1");
  // INSERT skips the existing one: FAILED with the reason, the other created.
  auto insert = s.client.sync_custom_objects("Car", {car(lead, "V1"), car(lead, "V3")}, SyncOperation::insert);
  BOOST_REQUIRE(insert.ok());
  BOOST_TEST(((*insert)[0].status == ObjectStatus::failed), to_string((*insert)[0].status));
  BOOST_TEST(!(*insert)[0].error.empty());
  BOOST_TEST(((*insert)[1].status == ObjectStatus::created), to_string((*insert)[1].status));

  mktows::CustomObjectQuery all;
  all.type = "Car";
  auto page = s.client.get_custom_objects(all);
  BOOST_REQUIRE_MESSAGE(page.ok(), page.error().describe());
  BOOST_TEST(page->type == "Car");
  BOOST_TEST(vins(*page) == (std::vector<std::string>{"V1", "V2", "V3"}), boost::test_tools::per_element());
  BOOST_TEST(page->remaining == 0);
  BOOST_TEST(value_of(page->objects[0].attributes, "Make") == "Volvo");
  mktows::CustomObjectQuery one;
  one.type = "Car";
  one.keys = {mktows::Attribute("VIN", "V1")};
  one.fields = {"Year"};
  auto v1 = s.client.get_custom_objects(one);
  BOOST_REQUIRE_MESSAGE(v1.ok(), v1.error().describe());
  BOOST_REQUIRE_EQUAL(v1->objects.size(), 1u);
  BOOST_TEST(value_of(v1->objects[0].attributes, "Year") == "2020");
  BOOST_TEST(value_of(v1->objects[0].attributes, "Make") == "(none)");  // not asked for
  // Pages of one: the position walks them.
  mktows::CustomObjectQuery paged;
  paged.type = "Car";
  paged.batch_size = 1;
  auto first = s.client.get_custom_objects(paged);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(vins(*first) == (std::vector<std::string>{"V1"}), boost::test_tools::per_element());
  BOOST_TEST(first->remaining == 2);
  paged.position = first->position;
  auto second = s.client.get_custom_objects(paged);
  BOOST_REQUIRE_MESSAGE(second.ok(), second.error().describe());
  BOOST_TEST(vins(*second) == (std::vector<std::string>{"V2"}), boost::test_tools::per_element());

  auto del = s.client.delete_custom_objects("Car", {{mktows::Attribute("VIN", "V1")}, {mktows::Attribute("VIN", "NONE")}});
  BOOST_REQUIRE_MESSAGE(del.ok(), del.error().describe());
  BOOST_REQUIRE_EQUAL(del->size(), 2u);
  BOOST_TEST(((*del)[0].status == ObjectStatus::deleted), to_string((*del)[0].status));
  BOOST_TEST(((*del)[1].status == ObjectStatus::failed), to_string((*del)[1].status));
  BOOST_TEST(vins(*s.client.get_custom_objects(all)) == (std::vector<std::string>{"V2", "V3"}),
             boost::test_tools::per_element());
  // The service's refusal of an unknown type.
  auto boat = s.client.sync_custom_objects("Boat", {car(lead, "B1")});
  BOOST_REQUIRE(!boat.ok());
  BOOST_TEST(boat.error().code == mktows::fault_code::bad_parameter);
}

BOOST_AUTO_TEST_CASE(custom_object_calls_are_checked_before_sending) {
  SandboxClient s;
  unsigned long sent = s.client.requests_sent();
  std::vector<mktows::CustomObject> many;
  for (int i = 0; i < 101; ++i) many.push_back(car(1, "M" + std::to_string(i)));
  expect_refused_unsent(s, s.client.sync_custom_objects("Car", many), ValidationRule::too_many_keys,
                        "101 custom objects: at most 100", sent);
  expect_refused_unsent(s, s.client.sync_custom_objects("", {car(1, "A")}), ValidationRule::value_required,
                        "custom object type", sent);
  expect_refused_unsent(s, s.client.sync_custom_objects("Car", {mktows::CustomObject()}), ValidationRule::value_required,
                        "custom object #1 has no key", sent);
  expect_refused_unsent(s, s.client.sync_custom_objects("Car", {}), ValidationRule::value_required,
                        "at least one custom object", sent);
  std::vector<std::vector<mktows::Attribute> > keys(101, {mktows::Attribute("VIN", "x")});
  expect_refused_unsent(s, s.client.delete_custom_objects("Car", keys), ValidationRule::too_many_keys, "at most 100", sent);
  expect_refused_unsent(s, s.client.delete_custom_objects("Car", {{}}), ValidationRule::value_required,
                        "key list #1 is empty", sent);
  mktows::CustomObjectQuery q;
  q.type = "Car";
  q.batch_size = 101;
  expect_refused_unsent(s, s.client.get_custom_objects(q), ValidationRule::too_many_keys, "batch_size 101", sent);
  q.batch_size = -1;
  expect_refused_unsent(s, s.client.get_custom_objects(q), ValidationRule::too_many_keys, "batch_size -1", sent);
  // A hundred records and a page of a hundred are one call each.
  many.pop_back();
  int lead = seed_leads(s.client, 1)[0];
  sent = s.client.requests_sent();
  for (mktows::CustomObject &c : many) c.keys[0].value = std::to_string(lead);
  auto hundred = s.client.sync_custom_objects("Car", many);
  BOOST_REQUIRE_MESSAGE(hundred.ok(), hundred.error().describe());
  BOOST_TEST(hundred->size() == 100u);
  q.batch_size = 100;
  auto page = s.client.get_custom_objects(q);
  BOOST_REQUIRE_MESSAGE(page.ok(), page.error().describe());
  BOOST_TEST(page->objects.size() == 100u);
  BOOST_TEST(s.client.requests_sent() == sent + 2);
}

BOOST_AUTO_TEST_CASE(channels_and_tags) {
  SandboxClient s;
  auto channels = s.client.get_channels();
  BOOST_REQUIRE_MESSAGE(channels.ok(), channels.error().describe());
  BOOST_REQUIRE_EQUAL(channels->size(), 2u);
  BOOST_TEST((*channels)[0].name == "Webinar");
  BOOST_TEST((*channels)[1].name == "Email Blast");
  BOOST_REQUIRE_EQUAL((*channels)[0].statuses.size(), 4u);
  // In name order, as the vendor's sample lists them.
  const mktows::ChannelStatus &attended = (*channels)[0].statuses[0];
  BOOST_TEST(attended.value("Status") == "Attended");
  BOOST_TEST(attended.value("Step") == "30");
  BOOST_TEST(attended.value("Success") == "true");
  auto some = s.client.get_channels({"email blast"});
  BOOST_REQUIRE_MESSAGE(some.ok(), some.error().describe());
  BOOST_REQUIRE_EQUAL(some->size(), 1u);
  BOOST_TEST((*some)[0].name == "Email Blast");

  auto tags = s.client.get_tags();
  BOOST_REQUIRE_MESSAGE(tags.ok(), tags.error().describe());
  BOOST_REQUIRE_EQUAL(tags->size(), 1u);  // Region; the channels are not tags here
  BOOST_TEST((*tags)[0].type == "Region");
  BOOST_TEST((*tags)[0].values == (std::vector<std::string>{"EMEA", "Americas", "APAC"}), boost::test_tools::per_element());
  mktows::TagType region;
  region.type = "region";
  auto filtered = s.client.get_tags({region});
  BOOST_REQUIRE_MESSAGE(filtered.ok(), filtered.error().describe());
  BOOST_REQUIRE_EQUAL(filtered->size(), 1u);
  BOOST_TEST((*filtered)[0].type == "Region");

  unsigned long sent = s.client.requests_sent();
  expect_refused_unsent(s, s.client.get_channels({""}), ValidationRule::value_required, "channel name #1", sent);
  expect_refused_unsent(s, s.client.get_tags({mktows::TagType()}), ValidationRule::value_required, "tag #1 type", sent);
}
