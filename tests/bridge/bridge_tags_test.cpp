// The tags domain through mktows-bridge: getChannels and getTags in front
// of the sandbox's REST face (the answers the sandbox's own SOAP face
// gives, from the same world), and in front of a scripted asset API
// (scripted_assets_rest.hpp: channels and tag types of its own, a Channel
// tag type to leave out, 702 for an unknown channel) for the translations,
// the cached look-ups, the paging and every refusal.
#define BOOST_TEST_MODULE bridge_tags_test
#include <boost/test/unit_test.hpp>

#include "bridge/bridge_soap.hpp"
#include "bridge/scripted_assets_rest.hpp"

#include <optional>
#include <string>
#include <vector>

using namespace bridge_test;
using sandbox_test::HttpResponse;
using sandbox_test::fault_code;

namespace {

using Strings = std::vector<std::string>;

std::string tag_xml(std::optional<std::string> type, std::optional<Strings> values) {
  std::string x = "<tag>";
  if (type) x += "<type>" + *type + "</type>";
  if (values) {
    x += "<values>";
    for (const std::string &v : *values) x += "<stringItem>" + v + "</stringItem>";
    x += "</values>";
  }
  return x + "</tag>";
}

struct Channel {
  std::string name;
  Strings statuses;  // "name/step/success"
  bool operator==(const Channel &o) const { return name == o.name && statuses == o.statuses; }
};
std::ostream &operator<<(std::ostream &out, const Channel &c) {
  out << c.name << "[";
  for (const std::string &s : c.statuses) out << s << " ";
  return out << "]";
}

struct Channels {
  int fault = 0;
  std::string message;
  std::vector<Channel> channels;
  Strings names() const {
    Strings out;
    for (const Channel &c : channels) out.push_back(c.name);
    return out;
  }
};

Channels channels(int port, const std::string &inner) {
  HttpResponse r = soap(port, "getChannels", "<ns1:paramsGetChannels>" + inner + "</ns1:paramsGetChannels>");
  Channels out;
  out.fault = fault_code(r.body);
  out.message = detail_message(r.body);
  if (out.fault) return out;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  std::vector<const mktows_test::XmlNode *> tags;
  sandbox_test::find_all(body, "tagStatus", tags);
  for (const auto *t : tags) {
    Channel c;
    c.name = sandbox_test::find(*t, "tagValue")->text;
    std::vector<const mktows_test::XmlNode *> items;
    sandbox_test::find_all(*t, "progressionStatusItem", items);
    for (const auto *i : items) {
      std::string st[3];
      std::vector<const mktows_test::XmlNode *> attribs;
      sandbox_test::find_all(*i, "attrib", attribs);
      for (const auto *a : attribs) {
        std::string n = sandbox_test::find(*a, "name")->text, v = sandbox_test::find(*a, "value")->text;
        if (n == "Status") st[0] = v;
        else if (n == "Step") st[1] = v;
        else if (n == "Success") st[2] = v;
      }
      c.statuses.push_back(st[0] + "/" + st[1] + "/" + st[2]);
    }
    out.channels.push_back(c);
  }
  return out;
}

struct Tags {
  int fault = 0;
  std::string message;
  std::vector<std::pair<std::string, Strings>> tags;
};

Tags tags(int port, const std::string &inner) {
  HttpResponse r = soap(port, "getTags", "<ns1:paramsGetTags>" + inner + "</ns1:paramsGetTags>");
  Tags out;
  out.fault = fault_code(r.body);
  out.message = detail_message(r.body);
  if (out.fault) return out;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  const mktows_test::XmlNode *list = sandbox_test::find(body, "tagList");
  BOOST_REQUIRE(list);
  for (const mktows_test::XmlNode &t : list->children) {
    Strings values;
    std::vector<const mktows_test::XmlNode *> items;
    sandbox_test::find_all(t, "stringItem", items);
    for (const auto *i : items) values.push_back(i->text);
    out.tags.emplace_back(sandbox_test::find(t, "type")->text, values);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_sandboxs_answers_through_the_bridge) {
  Pair p;
  int port = p.bridge->port(), direct = p.sandbox->port();
  const std::string asks[] = {"", "<tag/>", tag_xml(std::nullopt, Strings{"email blast", "Nope", "Webinar", "EMAIL BLAST"}),
                              tag_xml(std::string("Channel"), Strings{"Webinar"})};
  for (const std::string &ask : asks) {
    Channels via = channels(port, ask), own = channels(direct, ask);
    BOOST_REQUIRE_MESSAGE(via.fault == 0, via.message);
    BOOST_TEST(via.channels == own.channels, boost::test_tools::per_element());
    BOOST_TEST(!via.channels.empty());
  }
  BOOST_TEST(channels(port, "").names() == (Strings{"Webinar", "Email Blast"}));
  BOOST_TEST(channels(port, "")
                 .channels[0]
                 .statuses == (Strings{"Attended/30/true", "Invited/10/false", "No Show/30/false", "Registered/20/false"}),
             boost::test_tools::per_element());
  const std::string tag_asks[] = {"", "<tagList/>",
                                  "<tagList>" + tag_xml(std::string("region"), Strings{"apac", "Mars"}) +
                                      tag_xml(std::string("Channel"), std::nullopt) + "</tagList>"};
  for (const std::string &ask : tag_asks) {
    Tags via = tags(port, ask), own = tags(direct, ask);
    BOOST_REQUIRE_MESSAGE(via.fault == 0, via.message);
    BOOST_TEST(via.tags == own.tags);
    BOOST_TEST(via.tags.size() == 1u);
  }
  BOOST_TEST(tags(port, "").tags[0].second == (Strings{"EMEA", "Americas", "APAC"}));
  Channels refused = channels(port, tag_xml(std::string("Region"), std::nullopt));
  BOOST_TEST(refused.fault == 20110);
  BOOST_TEST(refused.message == channels(direct, tag_xml(std::string("Region"), std::nullopt)).message);
  p.bridge->stop();
  std::string log = mktows_test::read_file(p.bridge_log());
  BOOST_TEST(log.find("getTags: 2 REST calls") != std::string::npos, log);  // the list, Region by name
  BOOST_TEST(log.find("getTags: 0 REST calls") != std::string::npos);  // cached
  BOOST_TEST(log.find("getChannels: 1 REST call") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(channels_from_the_asset_api) {
  AssetsBridge b;
  Channels all = channels(b.port(), "");
  BOOST_REQUIRE_MESSAGE(all.fault == 0, all.message);
  // The peer's names; the statuses by name with their step and success.
  BOOST_TEST(all.channels == (std::vector<Channel>{{"Trade Show", {"Attended/40/true", "Invited/10/false", "Registered/20/false"}},
                                                   {"Online Advertising", {"Clicked/20/true", "Not in Program/0/false"}}}),
             boost::test_tools::per_element());
  BOOST_TEST(b.rest.calls() == (Strings{"GET /rest/asset/v1/channels.json?maxReturn=200&offset=0"}));
  BOOST_TEST(channels(b.port(), "<tag/>").channels.size() == 2u);
  BOOST_TEST(b.rest.calls().size() == 1u);  // kept
  // By name: one byName call per name not yet known, in the order asked,
  // each once; a name the peer does not know (702) is left out.
  b.rest.clear_calls();
  Channels some = channels(b.port(), tag_xml(std::string("channel"), Strings{"trade show", "Nope", "Online Advertising", "TRADE SHOW"}));
  BOOST_REQUIRE_MESSAGE(some.fault == 0, some.message);
  BOOST_TEST(some.names() == (Strings{"Trade Show", "Online Advertising"}));
  BOOST_TEST(b.rest.calls() == (Strings{"GET /rest/asset/v1/channel/byName.json?name=trade%20show",
                                        "GET /rest/asset/v1/channel/byName.json?name=Nope",
                                        "GET /rest/asset/v1/channel/byName.json?name=Online%20Advertising"}),
             boost::test_tools::per_element());
  b.rest.clear_calls();
  BOOST_TEST(channels(b.port(), tag_xml(std::nullopt, Strings{"Trade Show", "Nope"})).names() == Strings{"Trade Show"});
  BOOST_TEST(b.rest.calls() == Strings{"GET /rest/asset/v1/channel/byName.json?name=Nope"});  // a not-found is not kept
  // A tag type that is not the channels: refused before any REST call.
  b.rest.clear_calls();
  Channels refused = channels(b.port(), tag_xml(std::string("Product Line"), Strings{"Trade Show"}));
  BOOST_TEST(refused.fault == 20110);
  BOOST_TEST(refused.message.find("getChannels reads the Channel tag only") != std::string::npos, refused.message);
  BOOST_TEST(b.rest.calls().empty());
}

BOOST_AUTO_TEST_CASE(channels_page_through_the_asset_api) {
  AssetsBridge b;
  b.rest.add_channels(205);
  Channels all = channels(b.port(), "");
  BOOST_REQUIRE_MESSAGE(all.fault == 0, all.message);
  BOOST_TEST(all.channels.size() == 207u);
  BOOST_TEST(all.channels.back().name == "Extra 204");
  BOOST_TEST(b.rest.calls() == (Strings{"GET /rest/asset/v1/channels.json?maxReturn=200&offset=0",
                                        "GET /rest/asset/v1/channels.json?maxReturn=200&offset=200"}));
}

BOOST_AUTO_TEST_CASE(tags_from_the_asset_api) {
  AssetsBridge b;
  Tags all = tags(b.port(), "");
  BOOST_REQUIRE_MESSAGE(all.fault == 0, all.message);
  // The Channel tag type the peer lists is left out; the bracketed values split.
  BOOST_TEST((all.tags == std::vector<std::pair<std::string, Strings>>{{"Product Line", {"Widgets", "Gadgets", "Gizmos"}},
                                                                        {"Audience", {"B2B", "B2C"}}}));
  BOOST_TEST(b.rest.calls() == (Strings{"GET /rest/asset/v1/tagTypes.json?maxReturn=200&offset=0",
                                        "GET /rest/asset/v1/tagType/byName.json?name=Product%20Line",
                                        "GET /rest/asset/v1/tagType/byName.json?name=Audience"}),
             boost::test_tools::per_element());
  b.rest.clear_calls();
  // Asked by type (case-blind) and for some values; an unknown type left
  // out; the known ones kept from the first call.
  Tags some = tags(b.port(), "<tagList>" + tag_xml(std::string("audience"), Strings{"b2c", "B2G"}) +
                                 tag_xml(std::string("Nope"), std::nullopt) + tag_xml(std::string("CHANNEL"), std::nullopt) +
                                 tag_xml(std::string("product line"), std::nullopt) + "</tagList>");
  BOOST_REQUIRE_MESSAGE(some.fault == 0, some.message);
  BOOST_TEST((some.tags == std::vector<std::pair<std::string, Strings>>{{"Audience", {"B2C"}},
                                                                         {"Product Line", {"Widgets", "Gadgets", "Gizmos"}}}));
  BOOST_TEST(b.rest.calls() == Strings{"GET /rest/asset/v1/tagType/byName.json?name=Nope"});
  b.bridge->stop();
  BOOST_TEST(b.log().find("getTags: 3 REST calls") != std::string::npos, b.log());
}

BOOST_AUTO_TEST_CASE(what_one_window_cannot_hold_is_refused_with_20023) {
  AssetsBridge b(R"({"rest": {"limits": {"callsPerWindow": 2}}})");
  Channels c = channels(b.port(), tag_xml(std::nullopt, Strings{"Trade Show", "Online Advertising", "Nurture"}));
  BOOST_TEST(c.fault == 20023);
  BOOST_TEST(c.message.find("getChannels needs 3 REST calls") != std::string::npos, c.message);
  BOOST_TEST(b.rest.calls().empty());
  // Every tag type: the list first (the count is not known before it),
  // then 20023 before the first byName.
  b.rest.add_tag_types(2);
  Tags t = tags(b.port(), "");
  BOOST_TEST(t.fault == 20023);
  BOOST_TEST(t.message.find("getTags needs 5 REST calls") != std::string::npos, t.message);
  BOOST_TEST(b.rest.calls() == Strings{"GET /rest/asset/v1/tagTypes.json?maxReturn=200&offset=0"});
}
