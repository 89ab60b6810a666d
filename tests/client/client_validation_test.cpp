// client_validation_test: the rules checked before sending, the Result
// type, redaction of traces and of printed options.
#define BOOST_TEST_MODULE client
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

#include <sstream>

using namespace mktows_test;
using mktows::ErrorKind;
using mktows::ValidationRule;

BOOST_AUTO_TEST_SUITE(validation)

namespace {

// A server that must never be reached: every test here is refused before
// sending.
struct Untouched {
  RawHttpServer server{[](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(1)); }};
  mktows::Client client{test_options(server.endpoint())};
  ~Untouched() {
    BOOST_TEST(server.requests().empty());
    BOOST_TEST(client.requests_sent() == 0u);
  }
};

void expect_rule(const mktows::Error &e, ValidationRule rule, const char *name) {
  BOOST_TEST((e.kind == ErrorKind::validation));
  BOOST_TEST((e.rule == rule));
  BOOST_TEST(e.message.find(name) != std::string::npos, e.message);
  BOOST_TEST(!e.retryable());
  BOOST_TEST(e.attempts == 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_lead_needs_id_email_or_foreign_id) {
  Untouched u;
  auto r = u.client.sync_lead(mktows::Lead().attribute("FirstName", "George"));
  BOOST_REQUIRE(!r.ok());
  expect_rule(r.error(), ValidationRule::lead_key_required, "lead_key_required");
  // An empty email is no key either.
  expect_rule(u.client.sync_lead(mktows::Lead().email("")).error(), ValidationRule::lead_key_required,
              "lead_key_required");
}

BOOST_AUTO_TEST_CASE(each_key_alone_is_enough) {
  BOOST_TEST(mktows::validate(mktows::Lead().id(7)).ok());
  BOOST_TEST(mktows::validate(mktows::Lead().email("a@b.c")).ok());
  BOOST_TEST(mktows::validate(mktows::Lead().foreign_id("X1", mktows::ForeignSystem::sfdc)).ok());
}

BOOST_AUTO_TEST_CASE(a_foreign_id_needs_its_type) {
  Untouched u;
  auto r = u.client.sync_lead(mktows::Lead().foreign_id("SF-001"));
  BOOST_REQUIRE(!r.ok());
  expect_rule(r.error(), ValidationRule::foreign_type_required, "foreign_type_required");
}

BOOST_AUTO_TEST_CASE(attribute_names_must_not_be_empty) {
  Untouched u;
  auto r = u.client.sync_lead(mktows::Lead().email("a@b.c").attribute("FirstName", "G").attribute("", "x"));
  BOOST_REQUIRE(!r.ok());
  expect_rule(r.error(), ValidationRule::attribute_name_required, "attribute_name_required");
  BOOST_TEST(r.error().message.find("#2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_batch_names_the_broken_lead_and_sends_nothing) {
  Untouched u;
  std::vector<mktows::Lead> leads = {mktows::Lead().email("a@b.c"), mktows::Lead().email("d@e.f"),
                                     mktows::Lead().foreign_id("F")};
  auto r = u.client.sync_multiple_leads(leads);
  BOOST_REQUIRE(!r.ok());
  expect_rule(r.error(), ValidationRule::foreign_type_required, "foreign_type_required");
  BOOST_TEST(r.error().message.find("lead #2") != std::string::npos, r.error().message);
  expect_rule(u.client.sync_multiple_leads({}).error(), ValidationRule::batch_empty, "batch_empty");
}

BOOST_AUTO_TEST_CASE(get_lead_needs_a_key_value) {
  Untouched u;
  expect_rule(u.client.get_lead(mktows::LeadKey::by_email("")).error(), ValidationRule::lead_key_value_required,
              "lead_key_value_required");
}

BOOST_AUTO_TEST_CASE(client_options_are_required) {
  mktows::ClientOptions o;
  o.endpoint = "http://127.0.0.1:1/x";
  o.user_id = "u";  // no key
  mktows::Client client(o);
  BOOST_TEST(!client.ready());
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  expect_rule(r.error(), ValidationRule::client_options, "client_options");
  BOOST_TEST(client.requests_sent() == 0u);
}

BOOST_AUTO_TEST_CASE(text_xml_cannot_carry_is_refused_naming_the_field) {
  // Each: bytes, then why XML 1.0 in UTF-8 cannot carry them.
  struct Bad {
    std::string bytes;
    std::size_t at;  // where the first offending sequence starts
    const char *why;
  };
  const Bad bad[] = {
      {"\xff\xfe", 0, "not UTF-8 at all (a UTF-16 byte order mark)"},
      {"Ge\x80orge", 2, "a stray continuation byte"},
      {"caf\xc3", 3, "a sequence cut short"},
      {"\xc3(", 0, "a two-byte sequence whose second byte is not a continuation byte"},
      {"\xe2\x82\x28", 0, "a three-byte sequence whose third byte is not a continuation byte"},
      {"\xf0\x9f\x28\x80", 0, "a four-byte sequence whose third byte is not a continuation byte"},
      {"\xf0\x9f\x98\x28", 0, "a four-byte sequence whose fourth byte is not a continuation byte"},
      {std::string("nul\0byte", 8), 3, "NUL"},
      {"bell\x07", 4, "a C0 control"},
      {"\x1b[31m", 0, "ESC"},
      {"\xc0\xaf", 0, "an overlong '/' (2 bytes)"},
      {"\xe0\x80\xaf", 0, "an overlong '/' (3 bytes)"},
      {"\xf0\x80\x80\xaf", 0, "an overlong '/' (4 bytes)"},
      {"\xed\xa0\x80", 0, "a UTF-16 surrogate, U+D800"},
      {"\xed\xbf\xbf", 0, "a UTF-16 surrogate, U+DFFF"},
      {"ok\xef\xbf\xbe", 2, "U+FFFE"},
      {"\xef\xbf\xbf", 0, "U+FFFF"},
      {"\xf4\x90\x80\x80", 0, "above U+10FFFF"},
      {"\xf8\x88\x80\x80\x80", 0, "a 5-byte form"},
  };
  for (const Bad &b : bad) {
    BOOST_TEST_CONTEXT(b.why) {
      Untouched u;
      auto r = u.client.sync_lead(mktows::Lead().email("a@b.c").attribute("FirstName", "x" + b.bytes));
      BOOST_REQUIRE(!r.ok());
      expect_rule(r.error(), ValidationRule::invalid_text, "attribute 'FirstName' value");
      std::string where = "at offset " + std::to_string(b.at + 1) + ")";
      BOOST_TEST(r.error().message.find(where) != std::string::npos, r.error().message);
      BOOST_TEST(mktows::first_invalid_xml_char(b.bytes) == b.at);
    }
  }
  // What XML 1.0 does carry: tab, CR, LF, every plane, U+FFFD, the edges
  // around the surrogates, U+10FFFF, C1 controls (allowed, if discouraged).
  const char *good[] = {"tab\tcr\rlf\n", "J\xc3\xbcrgen", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbf\xbd",
                        "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf", "\xc2\x85", "\x7f", ""};
  for (const char *g : good) BOOST_TEST(mktows::is_xml_text(g), g);
}

BOOST_AUTO_TEST_CASE(every_string_that_goes_on_the_wire_is_checked) {
  const std::string ff = "\xff\xfe";
  Untouched u;
  expect_rule(u.client.sync_lead(mktows::Lead().email(ff)).error(), ValidationRule::invalid_text, "Email");
  expect_rule(u.client.sync_lead(mktows::Lead().foreign_id(ff, mktows::ForeignSystem::sfdc)).error(),
              ValidationRule::invalid_text, "ForeignSysPersonId");
  expect_rule(u.client.sync_lead(mktows::Lead().id(1).attribute(ff, "v")).error(), ValidationRule::invalid_text,
              "attribute #1 name");
  expect_rule(u.client.sync_lead(mktows::Lead().id(1).attribute("Rating", "A", ff)).error(),
              ValidationRule::invalid_text, "attribute 'Rating' type");
  expect_rule(u.client.sync_lead(george(), mktows::CallOptions().marketo_cookie(ff)).error(),
              ValidationRule::invalid_text, "marketo_cookie");
  expect_rule(u.client.sync_lead(george(), mktows::CallOptions().workspace(ff)).error(),
              ValidationRule::invalid_text, "workspace");
  expect_rule(u.client.sync_multiple_leads({george()}, true, mktows::CallOptions().workspace(ff)).error(),
              ValidationRule::invalid_text, "workspace");
  auto batch = u.client.sync_multiple_leads({george(), mktows::Lead().email("x@y.z").attribute("City", ff)});
  expect_rule(batch.error(), ValidationRule::invalid_text, "attribute 'City' value");
  BOOST_TEST(batch.error().message.find("lead #1") != std::string::npos, batch.error().message);
  expect_rule(u.client.get_lead(mktows::LeadKey::by_email("a" + ff)).error(), ValidationRule::invalid_text,
              "key value");
  // The message names the byte, never the text around it.
  BOOST_TEST(u.client.sync_lead(mktows::Lead().email("secret\x01")).error().message.find("secret") ==
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(client_options_text_is_checked_at_set_up) {
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(5)); });
  for (int field = 0; field < 2; ++field) {
    mktows::ClientOptions o = test_options(server.endpoint());
    (field == 0 ? o.user_id : o.workspace) = "bad\xc3(";
    mktows::Client client(o);
    BOOST_TEST(!client.ready());
    auto r = client.sync_lead(george());
    BOOST_REQUIRE(!r.ok());
    expect_rule(r.error(), ValidationRule::invalid_text, field == 0 ? "user_id" : "workspace");
  }
  BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_CASE(a_moved_from_client_reports_it) {
  RawHttpServer server([](const RawRequest &, std::size_t) { return RawReply::respond(sync_lead_ok(5)); });
  mktows::Client a(test_options(server.endpoint()));
  mktows::Client b(std::move(a));
  BOOST_TEST(b.sync_lead(george()).ok());
  auto r = a.sync_lead(george());  // NOLINT: testing the moved-from state on purpose
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("moved from") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(result)

BOOST_AUTO_TEST_CASE(value_of_a_failed_result_throws_a_logic_error) {
  mktows::Result<int> ok(42);
  BOOST_TEST(ok.ok());
  BOOST_TEST(*ok == 42);
  mktows::Error e;
  e.kind = ErrorKind::fault;
  e.code = 20014;
  mktows::Result<int> failed(e);
  BOOST_TEST(!failed);
  BOOST_TEST(failed.error().code == 20014);
  BOOST_CHECK_THROW(failed.value(), mktows::BadResultAccess);
  // An Error without a kind still makes a failed result.
  mktows::Result<int> odd{mktows::Error()};
  BOOST_TEST(!odd.ok());
}

BOOST_AUTO_TEST_CASE(retryable_follows_the_policy_table) {
  auto fault = [](int code) {
    mktows::Error e;
    e.kind = ErrorKind::fault;
    e.code = code;
    return e;
  };
  for (int code : {20016, 20023, 20024, 10001, 20011}) BOOST_TEST(fault(code).retryable(), code);
  for (int code : {20013, 20014, 20015, 20012, 20103, 0}) BOOST_TEST(!fault(code).retryable(), code);
  mktows::Error t;
  t.kind = ErrorKind::transport;
  t.transport = mktows::TransportFailure::timeout;
  BOOST_TEST(t.retryable());
  t.transport = mktows::TransportFailure::tls;
  BOOST_TEST(!t.retryable());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(redaction)

BOOST_AUTO_TEST_CASE(redact_blanks_signatures_and_credentials) {
  std::string msg =
      "POST /soap HTTP/1.1\r\nHost: x\r\nAuthorization: Basic dXNlcjpwYXNz\r\nproxy-authorization: Basic "
      "c2VjcmV0\r\n\r\n<a><requestSignature>92f05a7be4838ae1c0e5aafe814891ee72968a08</requestSignature>"
      "<x:requestSignature attr=\"1\">abc</x:requestSignature><requestSignature/></a>";
  std::string out = mktows::redact(msg);
  BOOST_TEST(out.find("92f05a7be") == std::string::npos);
  BOOST_TEST(out.find(">abc<") == std::string::npos);
  BOOST_TEST(out.find("dXNlcjpwYXNz") == std::string::npos);
  BOOST_TEST(out.find("c2VjcmV0") == std::string::npos);
  BOOST_TEST(count_of(out, "[redacted]") == 4u);
  BOOST_TEST(out.find("Host: x") != std::string::npos);
  BOOST_TEST(out.find("<requestSignature>[redacted]</requestSignature>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(printed_options_show_no_key) {
  mktows::ClientOptions o = test_options("https://example.invalid/soap/mktows/2_2");
  std::ostringstream out;
  out << o;
  BOOST_TEST(out.str().find(kClientKey) == std::string::npos);
  BOOST_TEST(out.str().find("encryption_key=[redacted]") != std::string::npos);
  BOOST_TEST(out.str().find(kClientUser) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
