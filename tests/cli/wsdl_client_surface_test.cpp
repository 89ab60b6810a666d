// wsdl_client_surface_test: wsdl-diff judges mktows::Client's calls from a
// list of its own (tools/cli/wsdl_client_surface.hpp), since it must not
// depend on bindings generated from one WSDL. This holds that list against
// the client: the same operations with the same soapActions.
#define BOOST_TEST_MODULE wsdl_client_surface
#include <boost/test/unit_test.hpp>

#include "mktows/detail/client_state.hpp"  // the action constants

#include "wsdl_client_surface.hpp"

#include <iterator>
#include <string>

using mktows_cli::wsdl::kClientOperations;

BOOST_AUTO_TEST_CASE(the_list_names_the_clients_calls_and_their_actions) {
  BOOST_REQUIRE_EQUAL(std::size(kClientOperations), 3u);
  BOOST_TEST(std::string(kClientOperations[0].soap_action) == mktows::detail::kSyncLeadAction);
  BOOST_TEST(std::string(kClientOperations[1].soap_action) == mktows::detail::kSyncMultipleLeadsAction);
  BOOST_TEST(std::string(kClientOperations[2].soap_action) == mktows::detail::kGetLeadAction);
  // The request and response elements follow the fact sheet's pattern,
  // params<Op> and success<Op>, and each action ends in its operation.
  for (const auto &op : kClientOperations) {
    std::string name = op.name;
    std::string cap = std::string(1, static_cast<char>(name[0] - 'a' + 'A')) + name.substr(1);
    BOOST_TEST(std::string(op.input_element) == "params" + cap);
    BOOST_TEST(std::string(op.output_element) == "success" + cap);
    BOOST_TEST(std::string(op.soap_action) == "http://www.marketo.com/mktows/" + name);
  }
}
