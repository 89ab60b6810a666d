// The sandbox's core without HTTP: timestamps, the journal format, the
// served WSDL (checks, address rewriting), the store's indexes, configuration errors.
#define BOOST_TEST_MODULE sandbox_core_test
#include <boost/test/unit_test.hpp>

#include "auth.hpp"
#include "config.hpp"
#include "service_error.hpp"
#include "journal.hpp"
#include "lead_store.hpp"
#include "support/temp_dir.hpp"
#include "wsdl_document.hpp"

using namespace mktows_sandbox;
using namespace mktows_front;

BOOST_AUTO_TEST_CASE(w3c_timestamps_with_offsets) {
  std::time_t t = 0;
  BOOST_REQUIRE(parse_w3c_timestamp("2013-07-31T12:38:47-07:00", t));  // the seed's
  BOOST_TEST(t == 1375299527);
  for (const char *same : {"2013-07-31T19:38:47Z", "2013-07-31T19:38:47+00:00", "2013-08-01T01:08:47+05:30",
                           "2013-08-01T01:08:47+0530", "2013-07-31T19:38:47.250Z"}) {
    std::time_t u = 0;
    BOOST_TEST(parse_w3c_timestamp(same, u), same);
    BOOST_TEST(u == 1375299527, same);
  }
  BOOST_TEST(parse_w3c_timestamp("2024-02-29T00:00:00Z", t));
  for (const char *bad : {"2013-07-31T12:38:47", "2013-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                          "2013-07-31 12:38:47Z", "2013-07-31T12:38:47-07:00x", "2013-07-31T12:38:47+7:00", "",
                          "2013-07-31T24:00:00Z", "2013-07-31T12:38:47.Z"})
    BOOST_TEST(!parse_w3c_timestamp(bad, t), bad);
}

BOOST_AUTO_TEST_CASE(authenticator_codes) {
  Authenticator a({UserConfig{"u", "k"}}, 900);
  mktows::Signer signer("k");
  std::string ts = "2013-07-31T12:38:47-07:00";
  std::time_t when = 1375299527;
  BOOST_CHECK_NO_THROW(a.verify("u", ts, signer.sign(ts, "u"), when + 899));
  auto code = [&](const std::string &user, const std::string &stamp, const std::string &sig, std::time_t now) {
    try {
      a.verify(user, stamp, sig, now);
    } catch (const ServiceError &e) {
      return e.code();
    }
    return 0;
  };
  BOOST_TEST(code("u", ts, signer.sign(ts, "u"), when + 901) == 20016);
  BOOST_TEST(code("u", ts, signer.sign(ts, "u"), when - 901) == 20016);
  BOOST_TEST(code("v", ts, signer.sign(ts, "v"), when) == 20014);
  BOOST_TEST(code("u", ts, signer.sign(ts, "u").substr(1), when) == 20014);
  BOOST_TEST(code("u", ts, "", when) == 20014);
}

BOOST_AUTO_TEST_CASE(journal_records_round_trip) {
  Lead l;
  l.id = 42;
  l.email = "a\tb\\c@x.com";
  l.foreign_id = "F\n1";
  l.foreign_type = "SFDC";
  l.cookie = "id:1&token:\r";
  l.partition = "Europe";
  l.attributes = {{"FirstName", "Ge\\tor\tge"}, {"LastName", ""}};
  std::string line = Journal::encode(l);
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(line.find('\n') == line.size() - 1);  // one line whatever the data
  Lead back;
  BOOST_REQUIRE(Journal::decode(line.substr(0, line.size() - 1), back));
  BOOST_TEST(back.id == 42);
  BOOST_TEST(back.email == l.email);
  BOOST_TEST(back.foreign_id == l.foreign_id);
  BOOST_TEST(back.cookie == l.cookie);
  BOOST_TEST(back.partition == l.partition);
  BOOST_REQUIRE(back.attributes.size() == 2u);
  BOOST_TEST(back.attributes[0].value == "Ge\\tor\tge");
  for (const char *bad : {"", "L", "L\t0\tD\t\t\t\t\t0", "L\t1\tD\t\t\t\t\t1", "L\t1\tD\t\t\t\t\t0\tx", "X\t1\tD\t\t\t\t\t0",
                          "L\t1\tD\t\\q\t\t\t\t0"})
    BOOST_TEST(!Journal::decode(bad, back), bad);
}

BOOST_AUTO_TEST_CASE(journal_records_keep_the_lead_times_and_read_the_untimed_form) {
  Lead l;
  l.id = 43;
  l.email = "t@x.com";
  l.partition = "Default";
  l.created_at = 1764000000;
  l.updated_at = 1764003600;
  l.attributes = {{"FirstName", "Ada"}};
  std::string line = Journal::encode(l);
  BOOST_TEST(line.compare(0, 3, "L2\t") == 0);
  Lead back;
  BOOST_REQUIRE(Journal::decode(line.substr(0, line.size() - 1), back));
  BOOST_TEST(back.created_at == 1764000000);
  BOOST_TEST(back.updated_at == 1764003600);
  BOOST_REQUIRE(back.attributes.size() == 1u);
  BOOST_TEST(back.attributes[0].value == "Ada");
  // What an earlier sandbox wrote: no times (0: replay gives it the time).
  BOOST_REQUIRE(Journal::decode("L\t44\tDefault\told@x.com\t\t\t\t1\tFirstName\tBob", back));
  BOOST_TEST(back.id == 44);
  BOOST_TEST(back.created_at == 0);
  BOOST_TEST(back.updated_at == 0);
  BOOST_TEST(back.attributes[0].value == "Bob");
  for (const char *bad : {"L2\t1\tD\t\t\t\t\t0", "L2\t1\tD\t\t\t\t\tx\t5\t0", "L2\t1\tD\t\t\t\t\t5\t-1\t0",
                          "L2\t1\tD\t\t\t\t\t5\t6\t1", "L2\t1\tD\t\t\t\t\t5\t6\t0\tx"})
    BOOST_TEST(!Journal::decode(bad, back), bad);
}

BOOST_AUTO_TEST_CASE(journal_replays_in_order) {
  mktows_test::TempDir dir;
  {
    Journal j;
    j.open(dir.path(), [](Lead &&) {});
    Lead l;
    l.id = 1;
    l.email = "first@x.com";
    j.append(l);
    l.email = "second@x.com";
    j.append(l);
    j.commit();
    l.email = "uncommitted@x.com";
    j.append(l);
    j.discard();
  }
  std::vector<Lead> seen;
  Journal j;
  j.open(dir.path(), [&](Lead &&l) { seen.push_back(l); });
  BOOST_REQUIRE(seen.size() == 2u);
  BOOST_TEST(seen[1].email == "second@x.com");
}

namespace {

std::string wsdl_with_ports(const std::string &ports, const std::string &tns = "http://www.marketo.com/mktows/") {
  return "<?xml version=\"1.0\"?>\n<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" "
         "xmlns:tns=\"http://www.marketo.com/mktows/\" targetNamespace=\"" + tns + "\">"
         "<wsdl:service name=\"MktMktowsApiService\">" + ports + "</wsdl:service></wsdl:definitions>";
}

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The WsdlError message for `text`, or "" when it is accepted.
std::string refusal(const std::string &text) {
  try {
    WsdlDocument d(text, "doc");
    return "";
  } catch (const WsdlError &e) {
    return e.what();
  }
}

std::string file_refusal(const std::string &path) {
  try {
    WsdlDocument::from_file(path);
    return "";
  } catch (const WsdlError &e) {
    return e.what();
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(wsdl_addresses_are_found_by_namespace_whatever_the_prefix) {
  const std::string here = "http://127.0.0.1:1/soap/mktows/2_3";
  // The vendor's 2_2 address; the Axis-style wsdlsoap: prefix with single
  // quotes and spaces around '='; a SOAP 1.2 port under a default
  // namespace. Left alone: an address element of another namespace, one in
  // a comment, one in documentation text.
  std::string w = wsdl_with_ports(
      "<wsdl:documentation>call &lt;soap:address location=\"keep-doc\"/&gt;</wsdl:documentation>"
      "<wsdl:port name=\"a\" binding=\"tns:b\"><!-- <soap:address location=\"keep-comment\"/> -->"
      "<soap:address xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" "
      "location=\"https://na-aba.marketo.com/soap/mktows/2_2\"/></wsdl:port>"
      "<wsdl:port name=\"b\" binding=\"tns:b\"><wsdlsoap:address "
      "xmlns:wsdlsoap=\"http://schemas.xmlsoap.org/wsdl/soap/\" location = 'https://x.mktoapi.com/soap/mktows/2_1'/>"
      "<tns:address location=\"keep-other-namespace\"/></wsdl:port>"
      "<wsdl:port name=\"c\" binding=\"tns:b\"><address xmlns=\"http://schemas.xmlsoap.org/wsdl/soap12/\" "
      "location=\"https://instance.mktoapi.com/soap/mktows/2_2\"/></wsdl:port>");
  WsdlDocument doc(w, "doc");
  BOOST_TEST(doc.address_count() == 3u);
  std::string out = doc.with_address(here);
  BOOST_TEST(count(out, "location=\"" + here + "\"") == 3u);
  for (const char *gone : {"na-aba", "x.mktoapi.com", "instance.mktoapi.com"}) BOOST_TEST(out.find(gone) == std::string::npos, gone);
  for (const char *kept : {"keep-doc", "keep-comment", "location=\"keep-other-namespace\""})
    BOOST_TEST(out.find(kept) != std::string::npos, kept);
  // Each call starts from the document, and a location is escaped.
  std::string other = doc.with_address("http://h/?a=1&b=\"2\"");
  BOOST_TEST(count(other, "location=\"http://h/?a=1&amp;b=&quot;2&quot;\"") == 3u);
  BOOST_TEST(doc.with_address(here) == out);

  WsdlDocument built_in(embedded_wsdl(), "built-in");
  BOOST_TEST(built_in.address_count() == 1u);
  BOOST_TEST(built_in.with_address(here).find("MktowsApiSoapBinding") != std::string::npos);
  WsdlDocument vendor = WsdlDocument::from_file(mktows_test::fixture_path("vendor-2_2-shaped.wsdl"));
  std::string served = vendor.with_address(here);
  BOOST_TEST(vendor.address_count() == 1u);
  BOOST_TEST(served.find("na-aba") == std::string::npos);
  BOOST_TEST(served.find("location=\"" + here + "\"") != std::string::npos);
  BOOST_TEST(served.find("deleteMObjects") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wsdl_that_cannot_be_served_is_refused_with_the_reason) {
  const std::string port = "<wsdl:port name=\"p\" binding=\"tns:b\"><soap:address "
                           "xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" location=\"x\"/></wsdl:port>";
  BOOST_TEST(refusal(wsdl_with_ports(port)) == "");
  BOOST_TEST(refusal("this is not XML").find("doc: not XML (line 1: ") == 0u);
  BOOST_TEST(refusal("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">").find("doc: not XML") == 0u);
  BOOST_TEST(refusal("<config><users/></config>") ==
             "doc: not a WSDL 1.1 document (root element {}config, expected {http://schemas.xmlsoap.org/wsdl/}definitions)");
  BOOST_TEST(refusal(wsdl_with_ports(port, "urn:other")) ==
             "doc: not a mktows WSDL (targetNamespace \"urn:other\", expected \"http://www.marketo.com/mktows/\")");
  // An HTTP-binding address is not one a SOAP client calls.
  BOOST_TEST(refusal(wsdl_with_ports("<wsdl:port name=\"p\" binding=\"tns:b\"><http:address "
                                     "xmlns:http=\"http://schemas.xmlsoap.org/wsdl/http/\" location=\"x\"/></wsdl:port>"))
                 .find("doc: no soap:address") == 0u);
  BOOST_TEST(refusal(std::string(17u << 20, ' ')).find("doc: larger than 16 MiB") == 0u);

  mktows_test::TempDir dir;
  BOOST_TEST(file_refusal(dir.path() + "/missing.wsdl") ==
             "WSDL file " + dir.path() + "/missing.wsdl: cannot open: No such file or directory");
  BOOST_TEST(file_refusal(dir.path()) == "WSDL file " + dir.path() + ": cannot read: Is a directory");
  BOOST_TEST(file_refusal(dir.write("empty.wsdl", "")) == "WSDL file " + dir.path() + "/empty.wsdl: empty");
  BOOST_TEST(file_refusal("/dev/zero").find("WSDL file /dev/zero: larger than 16 MiB") == 0u);
  std::string good = dir.write("good.wsdl", wsdl_with_ports(port));
  BOOST_TEST(file_refusal(good) == "");
}

BOOST_AUTO_TEST_CASE(store_indexes_follow_key_changes_at_scale) {
  LeadStore s;
  const int n = 200000;
  s.reserve(n);
  for (int i = 1; i <= n; ++i) {
    Lead l;
    l.id = i;
    l.email = "u" + std::to_string(i % (n / 2)) + "@x.com";  // every address twice
    l.foreign_id = "F" + std::to_string(i);
    l.cookie = "c" + std::to_string(i);
    s.put(std::move(l));
  }
  BOOST_TEST(s.size() == static_cast<std::size_t>(n));
  BOOST_TEST(s.by_id(777)->foreign_id == "F777");
  BOOST_TEST(s.by_foreign_id("F12345")->id == 12345);
  BOOST_TEST(s.by_cookie("c99")->id == 99);
  // u5@x.com: leads 5 and 100005; the later write wins, then the rewritten one.
  BOOST_TEST(s.by_email("U5@x.com")->id == n / 2 + 5);
  Lead again = *s.by_id(5);
  s.put(again);
  BOOST_TEST(s.by_email("u5@x.com")->id == 5);
  BOOST_TEST(s.all_by_email("u5@x.com").size() == 2u);
  // Changing keys moves the indexes.
  Lead moved = *s.by_id(5);
  moved.email = "new@x.com";
  moved.foreign_id = "G5";
  moved.cookie.clear();
  s.put(moved);
  BOOST_TEST(!s.by_foreign_id("F5"));
  BOOST_TEST(s.by_foreign_id("G5")->id == 5);
  BOOST_TEST(!s.by_cookie("c5"));
  BOOST_TEST(s.all_by_email("u5@x.com").size() == 1u);
  BOOST_TEST(s.by_email("new@x.com")->id == 5);
  BOOST_TEST(s.allocate_id(1) == n + 1);
  BOOST_TEST(s.allocate_id(5000000) == 5000000);
}

BOOST_AUTO_TEST_CASE(configuration_is_validated_and_completed) {
  Config c = parse_config(R"({"workspaces": {"enabled": true, "list": [{"name": "EMEA", "primaryPartition": "Europe"}]},
                             "leads": [{"email": "a@x.com", "partition": "Europe"}]})");
  complete_config(c, nullptr, nullptr);
  BOOST_TEST(c.demo_user);
  BOOST_TEST(c.users.at(0).user_id == kDemoUserId);
  BOOST_TEST(c.workspace("default")->primary_partition == "Default");
  BOOST_TEST(c.workspace("emea")->primary_partition == "Europe");
  BOOST_TEST(c.field("FirstName") != nullptr);
  Config e = parse_config("{}");
  complete_config(e, "env_user", "env_key");
  BOOST_TEST(!e.demo_user);
  BOOST_TEST(e.users.at(0).user_id == "env_user");
  for (const char *bad : {"[]", R"({"users": [{"userId": "u"}]})", R"({"fields": []})",
                          R"({"leads": [{"foreignSysPersonId": "F"}]})", R"({"leads": [{"email": "a", "foreignSysType": "X"}]})",
                          R"({"limits": {"dailyQuota": -1}})", R"({"workspaces": {"enabled": "yes"}})"})
    BOOST_CHECK_THROW(parse_config(bad), ConfigError);
  Config p = parse_config(R"({"leads": [{"email": "a", "partition": "Europe"}]})");
  BOOST_CHECK_THROW(complete_config(p, nullptr, nullptr), ConfigError);  // partitions need workspaces
  Config f = parse_config(R"({"leads": [{"email": "a", "attributes": {"Shoe": "9"}}]})");
  BOOST_CHECK_THROW(complete_config(f, nullptr, nullptr), ConfigError);
}
