// The tags domain: getChannels and getTags through the real sandbox over
// HTTP, and the asset API's channels.json, channel/byName.json,
// tagTypes.json and tagType/byName.json on the same port, from the same
// world (the default one and a configured one). docs/SANDBOX.md,
// "getChannels and getTags", gives every rule and choice.
#define BOOST_TEST_MODULE sandbox_tags_test
#include <boost/test/unit_test.hpp>

#include "custom_object_requests.hpp"
#include "support/temp_dir.hpp"

#include <mktows/limits.hpp>

using nlohmann::json;
using namespace sandbox_test;

namespace {

struct Status {
  std::string name, step, success;
  bool operator==(const Status &o) const { return name == o.name && step == o.step && success == o.success; }
};
std::ostream &operator<<(std::ostream &out, const Status &s) { return out << s.name << "/" << s.step << "/" << s.success; }

struct ChannelAnswer {
  std::string name;
  std::vector<Status> statuses;
};

struct Channels {
  int fault = 0;
  std::vector<ChannelAnswer> channels;
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const ChannelAnswer &c : channels) out.push_back(c.name);
    return out;
  }
};

std::string tag_xml(const char *element, std::optional<std::string> type, std::optional<std::vector<std::string>> values) {
  std::string x = std::string("<") + element + ">";
  if (type) x += "<type>" + xml_escape(*type) + "</type>";
  if (values) {
    x += "<values>";
    for (const std::string &v : *values) x += "<stringItem>" + xml_escape(v) + "</stringItem>";
    x += "</values>";
  }
  return x + "</" + element + ">";
}

Channels get_channels(Sandbox &s, const std::string &inner) {
  HttpResponse r = s.soap("getChannels", envelope(demo_auth(), "<ns1:paramsGetChannels>" + inner + "</ns1:paramsGetChannels>"));
  Channels out;
  out.fault = fault_code(r.body);
  if (out.fault) return out;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> tags;
  find_all(body, "tagStatus", tags);
  for (const auto *t : tags) {
    ChannelAnswer c;
    c.name = find(*t, "tagValue")->text;
    std::vector<const mktows_test::XmlNode *> items;
    find_all(*t, "progressionStatusItem", items);
    for (const auto *i : items) {
      Status st;
      std::vector<const mktows_test::XmlNode *> attribs;
      find_all(*i, "attrib", attribs);
      for (const auto *a : attribs) {
        std::string n = find(*a, "name")->text, v = find(*a, "value")->text;
        if (n == "Status") st.name = v;
        else if (n == "Step") st.step = v;
        else if (n == "Success") st.success = v;
      }
      c.statuses.push_back(st);
    }
    out.channels.push_back(c);
  }
  return out;
}

struct Tags {
  int fault = 0;
  std::vector<std::pair<std::string, std::vector<std::string>>> tags;
};

Tags get_tags(Sandbox &s, const std::string &inner) {
  HttpResponse r = s.soap("getTags", envelope(demo_auth(), "<ns1:paramsGetTags>" + inner + "</ns1:paramsGetTags>"));
  Tags out;
  out.fault = fault_code(r.body);
  if (out.fault) return out;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *list = find(body, "tagList");
  BOOST_REQUIRE(list);
  for (const mktows_test::XmlNode &t : list->children) {
    std::vector<std::string> values;
    std::vector<const mktows_test::XmlNode *> items;
    find_all(t, "stringItem", items);
    for (const auto *i : items) values.push_back(i->text);
    out.tags.emplace_back(find(t, "type")->text, values);
  }
  return out;
}

const char kWorld[] = R"({"channels": [
  {"name": "Trade Show", "programType": "Event",
   "statuses": [{"name": "Visited", "step": 20, "success": true}, {"name": "Attended", "step": 10}]}],
  "tagTypes": [{"name": "Product", "values": ["Cars", "Boats"]}]})";

}  // namespace

BOOST_AUTO_TEST_CASE(get_channels_all_or_by_name_with_their_statuses) {
  Sandbox s;
  Channels all = get_channels(s, "");
  BOOST_REQUIRE(all.fault == 0);
  BOOST_TEST(all.names() == (std::vector<std::string>{"Webinar", "Email Blast"}));
  // The statuses in name order, as the vendor's sample lists them.
  BOOST_TEST(all.channels[0].statuses == (std::vector<Status>{{"Attended", "30", "true"},
                                                              {"Invited", "10", "false"},
                                                              {"No Show", "30", "false"},
                                                              {"Registered", "20", "false"}}),
             boost::test_tools::per_element());
  // By name (case-blind), in the order asked, each once; an unknown name left out.
  Channels some = get_channels(s, tag_xml("tag", std::nullopt,
                                          std::vector<std::string>{"email blast", "Nope", "Webinar", "EMAIL BLAST"}));
  BOOST_TEST(some.names() == (std::vector<std::string>{"Email Blast", "Webinar"}));
  BOOST_TEST(get_channels(s, tag_xml("tag", std::string("Channel"), std::vector<std::string>{"Webinar"})).names() ==
             (std::vector<std::string>{"Webinar"}));
  // An empty tag, or one with no values: every channel.
  BOOST_TEST(get_channels(s, "<tag/>").channels.size() == 2u);
  BOOST_TEST(get_channels(s, tag_xml("tag", std::nullopt, std::vector<std::string>{})).channels.size() == 2u);
  BOOST_TEST(get_channels(s, tag_xml("tag", std::string("Nope"), std::vector<std::string>{"Nope"})).channels.empty());
  // A tag type that is not the channels: 20110.
  BOOST_TEST(get_channels(s, tag_xml("tag", std::string("Region"), std::nullopt)).fault == 20110);
}

BOOST_AUTO_TEST_CASE(get_tags_lists_tag_types_and_values_without_the_channels) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("w.json", kWorld)});
  Tags all = get_tags(s, "");
  BOOST_REQUIRE(all.fault == 0);
  BOOST_REQUIRE(all.tags.size() == 2u);
  BOOST_TEST(all.tags[0].first == "Region");
  BOOST_TEST(all.tags[0].second == (std::vector<std::string>{"EMEA", "Americas", "APAC"}));
  BOOST_TEST(all.tags[1].first == "Product");
  BOOST_TEST(get_tags(s, "<tagList/>").tags.size() == 2u);
  // Asked by type (case-blind), and for some values of it.
  Tags some = get_tags(s, "<tagList>" + tag_xml("tag", std::string("product"), std::nullopt) +
                              tag_xml("tag", std::string("Channel"), std::nullopt) +
                              tag_xml("tag", std::string("Region"), std::vector<std::string>{"apac", "Mars"}) +
                              "</tagList>");
  BOOST_REQUIRE(some.tags.size() == 2u);  // the channels are not a tag type here
  BOOST_TEST(some.tags[0].first == "Product");
  BOOST_TEST(some.tags[0].second == (std::vector<std::string>{"Cars", "Boats"}));
  BOOST_TEST(some.tags[1].first == "Region");
  BOOST_TEST(some.tags[1].second == (std::vector<std::string>{"APAC"}));
  // The configured channel is served too.
  Channels c = get_channels(s, tag_xml("tag", std::nullopt, std::vector<std::string>{"Trade Show"}));
  BOOST_REQUIRE(c.channels.size() == 1u);
  BOOST_TEST(c.channels[0].statuses == (std::vector<Status>{{"Attended", "10", "false"}, {"Visited", "20", "true"}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rest_channels_and_channel_by_name) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("w.json", kWorld)});
  json r = s.rest("GET", "/rest/asset/v1/channels.json");
  BOOST_REQUIRE(r["success"] == true);
  BOOST_TEST(r["errors"].empty());
  BOOST_REQUIRE(r["result"].size() == 3u);
  BOOST_TEST(r["result"][0]["name"] == "Webinar");
  BOOST_TEST(r["result"][0]["id"] == 1);
  BOOST_TEST(r["result"][0]["applicableProgramType"] == "Event");
  BOOST_TEST(r["result"][0]["progressionStatuses"][2] ==
             json::parse(R"({"name":"Attended","step":30,"success":true,"hidden":false,"description":""})"));
  BOOST_TEST(r["result"][2]["name"] == "Trade Show");
  // maxReturn and offset page; 200 at most.
  r = s.rest("GET", "/rest/asset/v1/channels.json?maxReturn=1&offset=1");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["name"] == "Email Blast");
  r = s.rest("GET", "/rest/asset/v1/channels.json?offset=3");
  BOOST_TEST(!r.contains("result"));
  BOOST_TEST(r["warnings"][0] == "No assets found for the given search criteria.");
  BOOST_TEST(s.rest("GET", "/rest/asset/v1/channels.json?maxReturn=" + std::to_string(mktows::rest_limits::kMaxAssetPage))["success"] ==
             true);
  BOOST_TEST(rest_error(s.rest("GET", "/rest/asset/v1/channels.json?maxReturn=" +
                                          std::to_string(mktows::rest_limits::kMaxAssetPage + 1))) == "1003");
  BOOST_TEST(rest_error(s.rest("GET", "/rest/asset/v1/channels.json?maxReturn=0")) == "1003");
  // By name: `name` or the swagger's `Name`.
  r = s.rest("GET", "/rest/asset/v1/channel/byName.json?name=trade%20show");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["id"] == 3);
  BOOST_TEST(s.rest("GET", "/rest/asset/v1/channel/byName.json?Name=Webinar")["result"][0]["name"] == "Webinar");
  BOOST_TEST(!s.rest("GET", "/rest/asset/v1/channel/byName.json?name=Nope").contains("result"));
  BOOST_TEST(rest_error(s.rest("GET", "/rest/asset/v1/channel/byName.json")) == "1003");
  BOOST_TEST(rest_error(s.rest("POST", "/rest/asset/v1/channels.json", "{}")) == "605");
}

BOOST_AUTO_TEST_CASE(rest_tag_types_and_tag_by_name) {
  mktows_test::TempDir dir;
  Sandbox s({"--config", dir.write("w.json", kWorld)});
  json r = s.rest("GET", "/rest/asset/v1/tagTypes.json");
  BOOST_REQUIRE(r["result"].size() == 2u);  // no channel tag type
  BOOST_TEST(r["result"][0] == json::parse(R"({"tagType":"Region","applicableProgramTypes":"[Event, Default]","required":false})"));
  BOOST_TEST(r["result"][1]["tagType"] == "Product");
  r = s.rest("GET", "/rest/asset/v1/tagTypes.json?maxReturn=1&offset=1");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["tagType"] == "Product");
  r = s.rest("GET", "/rest/asset/v1/tagType/byName.json?name=region");
  BOOST_REQUIRE(r["result"].size() == 1u);
  BOOST_TEST(r["result"][0]["allowableValues"] == "[EMEA, Americas, APAC]");
  BOOST_TEST(!s.rest("GET", "/rest/asset/v1/tagType/byName.json?name=Channel").contains("result"));
  BOOST_TEST(rest_error(s.rest("GET", "/rest/asset/v1/tagTypes.json?maxReturn=201")) == "1003");
}
