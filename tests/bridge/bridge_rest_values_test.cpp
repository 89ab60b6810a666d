// REST values as SOAP text (tools/bridge/rest_values.hpp): the one rule the
// bridge's domains read REST records by.
#define BOOST_TEST_MODULE bridge_rest_values_test
#include <boost/test/unit_test.hpp>

#include "rest_values.hpp"

using nlohmann::json;
using mktows_bridge::soap_text;

BOOST_AUTO_TEST_CASE(numbers_read_as_the_soap_face_writes_them) {
  // REST answers an amount SOAP wrote as 1200 with 1200.0: the same text back.
  BOOST_TEST(soap_text(json::parse("1200.0")) == "1200");
  BOOST_TEST(soap_text(json::parse("-3.0")) == "-3");
  BOOST_TEST(soap_text(json::parse("0.0")) == "0");
  BOOST_TEST(soap_text(json::parse("12.5")) == "12.5");
  BOOST_TEST(soap_text(json::parse("0.1")) == "0.1");
  BOOST_TEST(soap_text(json::parse("42")) == "42");
  BOOST_TEST(soap_text(json::parse("-42")) == "-42");
  BOOST_TEST(soap_text(json::parse("18446744073709551615")) == "18446744073709551615");
  // At 2^53 a double no longer holds every integer: JSON's own form.
  BOOST_TEST(soap_text(json::parse("9007199254740991.0")) == "9007199254740991");
  BOOST_TEST(soap_text(json(9007199254740992.0)) == json(9007199254740992.0).dump());
  BOOST_TEST(soap_text(json(1e300)) == json(1e300).dump());
}

BOOST_AUTO_TEST_CASE(text_booleans_and_what_has_no_text) {
  BOOST_TEST(soap_text(json("Closed Won")) == "Closed Won");
  BOOST_TEST(soap_text(json(true)) == "true");
  BOOST_TEST(soap_text(json(false)) == "false");
  std::string out = "kept";
  BOOST_TEST(!soap_text(json(nullptr), out));
  BOOST_TEST(!soap_text(json::object(), out));
  BOOST_TEST(!soap_text(json::array(), out));
  BOOST_TEST(out == "kept");
  BOOST_TEST(soap_text(json(nullptr)).empty());
}
