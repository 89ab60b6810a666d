// core_test.cpp: mktows::core on its own: the fault-code table, the rules
// made from it, the limits and the foreign-system text, with no gSOAP.
#define BOOST_TEST_MODULE core
#include <boost/test/unit_test.hpp>

#include <mktows/error.hpp>
#include <mktows/fault_codes.hpp>
#include <mktows/idempotency.hpp>
#include <mktows/lead.hpp>
#include <mktows/limiter.hpp>
#include <mktows/limits.hpp>
#include <mktows/retry.hpp>
#include <mktows/timing.hpp>
#include <mktows/trace.hpp>
#include <mktows/utf8.hpp>
#include <mktows/validation.hpp>

// stdsoap2.h defines GSOAP_VERSION: the core must compile without it.
#ifdef GSOAP_VERSION
#error "a mktows::core header pulled in gSOAP"
#endif

#include <set>
#include <string>

BOOST_AUTO_TEST_CASE(the_table_has_every_code_once_with_its_name_and_message) {
  std::set<int> codes;
  std::set<std::string> names;
  std::size_t rows = 0;
  for (const mktows::FaultCodeInfo &f : mktows::fault_codes()) {
    ++rows;
    BOOST_TEST(codes.insert(f.code).second, "code " << f.code << " twice");
    BOOST_TEST(names.insert(f.name).second, "name " << f.name << " twice");
    BOOST_TEST(std::string(f.message).size() > 0);
    BOOST_TEST(mktows::find_fault_code(f.code) == &f);
  }
  BOOST_TEST(rows == 20u);  // the vendor's table (20111 List Not Found: the lists domain)
  BOOST_TEST(mktows::fault_name(mktows::fault_code::api_failure) == std::string("api_failure"));
  BOOST_TEST(mktows::fault_message(mktows::fault_code::api_failure) == std::string("Internal Error"));
  BOOST_TEST(mktows::fault_string(20014) == "20014 - Authentication failed");
  BOOST_TEST(mktows::fault_string(mktows::fault_code::bad_parameter) == "20110 - Bad Parameter");
  BOOST_TEST(mktows::find_fault_code(20018) == nullptr);
  BOOST_TEST(mktows::fault_message(20018) == std::string(""));
}

BOOST_AUTO_TEST_CASE(the_retry_rule_names_codes_of_the_table) {
  std::set<int> retried;
  for (const mktows::FaultCodeInfo &f : mktows::fault_codes()) {
    mktows::Error e;
    e.kind = mktows::ErrorKind::fault;
    e.code = f.code;
    if (e.retryable()) retried.insert(f.code);
  }
  // retry.hpp's list: 20016 at once; 20023, 20024, 10001, 20011 after a backoff.
  BOOST_TEST((retried == std::set<int>{10001, 20011, 20016, 20023, 20024}));
}

BOOST_AUTO_TEST_CASE(the_limiter_defaults_are_the_service_limits) {
  mktows::LimiterOptions o;
  BOOST_TEST(o.calls_per_window == 100);
  BOOST_TEST(o.window.count() == 20000);
  BOOST_TEST(o.max_concurrent == 10);
  BOOST_TEST(mktows::kMaxBatch == 300u);
  BOOST_TEST(mktows::rest_limits::kMaxRecords == 300u);
}

BOOST_AUTO_TEST_CASE(foreign_system_text_round_trips_and_refuses_other_text) {
  const mktows::ForeignSystem all[] = {mktows::ForeignSystem::custom, mktows::ForeignSystem::sfdc,
                                       mktows::ForeignSystem::netsuite};
  for (mktows::ForeignSystem s : all) {
    mktows::ForeignSystem back = mktows::ForeignSystem::none;
    BOOST_TEST(mktows::parse_foreign_system(mktows::to_string(s), back));
    BOOST_TEST((back == s));
  }
  BOOST_TEST(mktows::to_string(mktows::ForeignSystem::sfdc) == std::string("SFDC"));
  BOOST_TEST(mktows::to_string(mktows::ForeignSystem::none) == std::string(""));
  mktows::ForeignSystem kept = mktows::ForeignSystem::custom;
  BOOST_TEST(!mktows::parse_foreign_system("sfdc", kept));  // case matters, as in the WSDL
  BOOST_TEST(!mktows::parse_foreign_system("", kept));
  BOOST_TEST((kept == mktows::ForeignSystem::custom));
}
