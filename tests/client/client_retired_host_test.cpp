// client_retired_host_test: a call to an address of the vendor's retired
// hosted service (*.marketo.com/soap/mktows/, *.mktoapi.com/soap/mktows/)
// that fails at the transport or HTTP level says the service was retired
// and names `mktows bridge`. No traffic leaves the machine: the client is
// given a loopback HTTP proxy (a closed port, or a raw server answering
// 404), so the vendor's host name is never resolved, let alone contacted.
#include <boost/test/unit_test.hpp>

#include "client/client_test_support.hpp"

using namespace mktows_test;
using mktows::ErrorKind;

namespace {

// A loopback port nothing listens on.
int closed_port() {
  std::string endpoint;
  {
    RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
    endpoint = gone.endpoint();
  }
  std::size_t colon = endpoint.rfind(':');
  return std::stoi(endpoint.substr(colon + 1, endpoint.find('/', colon) - colon - 1));
}

mktows::Error call_through_proxy(const std::string &endpoint, int proxy_port) {
  mktows::ClientOptions o = test_options(endpoint);
  o.proxy_host = "127.0.0.1";
  o.proxy_port = proxy_port;
  o.retry = mktows::RetryPolicy::none();
  mktows::Client client(o);
  auto r = client.sync_lead(george());
  BOOST_REQUIRE(!r.ok());
  return r.error();
}

bool says_retired(const mktows::Error &e) {
  return e.retired_endpoint && e.message.find("retired on 2026-07-31") != std::string::npos &&
         e.message.find("mktows bridge") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retired_hosted_service)

BOOST_AUTO_TEST_CASE(the_address_forms_of_the_retired_service) {
  for (const char *yes : {"https://123-ABC-456.mktoapi.com/soap/mktows/2_2", "https://na-aba.marketo.com/soap/mktows/2_2",
                          "http://NA-ABA.Marketo.COM:443/soap/mktows/1_8", "https://u@x.mktoapi.com./soap/mktows/2_3"})
    BOOST_TEST(mktows::is_retired_hosted_endpoint(yes), yes);
  for (const char *no : {"http://127.0.0.1:8080/soap/mktows/2_2", "https://123-ABC-456.mktorest.com/rest/v1/leads.json",
                         "https://marketo.com/soap/mktows/2_2", "https://x.mktoapi.com/rest/soap/mktows/2_2",
                         "https://x.mktoapi.com.example.org/soap/mktows/2_2", "https://evilmarketo.com/soap/mktows/2_2",
                         "https://bridge.example.com/soap/mktows/2_2", "not a url"})
    BOOST_TEST(!mktows::is_retired_hosted_endpoint(no), no);
}

// The vendor 2_2 WSDL's own soap:address, and an instance's, at the
// transport level: the proxy refuses the connection.
BOOST_AUTO_TEST_CASE(a_transport_failure_says_the_service_was_retired) {
  int port = closed_port();
  for (const char *endpoint : {"http://123-ABC-456.mktoapi.com/soap/mktows/2_2",
                               "https://na-aba.marketo.com/soap/mktows/2_2"}) {
    mktows::Error e = call_through_proxy(endpoint, port);
    BOOST_TEST((e.kind == ErrorKind::transport), e.describe());
    BOOST_TEST(says_retired(e), e.describe());
  }
}

// At the HTTP level: what answers there now is no SOAP service.
BOOST_AUTO_TEST_CASE(an_http_failure_says_the_service_was_retired) {
  RawHttpServer proxy([](const RawRequest &, std::size_t) {
    return RawReply::respond("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n"
                             "Connection: close\r\n\r\nNot Found");
  });
  std::size_t colon = proxy.endpoint().rfind(':');
  int port = std::stoi(proxy.endpoint().substr(colon + 1));
  mktows::Error e = call_through_proxy("http://123-ABC-456.mktoapi.com/soap/mktows/2_2", port);
  BOOST_TEST((e.kind == ErrorKind::http), e.describe());
  BOOST_TEST(e.code == 404);
  BOOST_TEST(says_retired(e), e.describe());
  BOOST_REQUIRE_EQUAL(proxy.requests().size(), 1u);
  // The request went to the loopback proxy, naming the vendor's host.
  BOOST_TEST(proxy.requests()[0].head.find("POST http://123-ABC-456.mktoapi.com/soap/mktows/2_2 ") == 0u,
             proxy.requests()[0].head);
}

// Any other address keeps the bare error: the note is about the vendor's
// hosts only.
BOOST_AUTO_TEST_CASE(another_address_gets_no_such_note) {
  mktows::Error e = call_through_proxy("http://bridge.example.com/soap/mktows/2_2", closed_port());
  BOOST_TEST((e.kind == ErrorKind::transport));
  BOOST_TEST(!e.retired_endpoint);
  BOOST_TEST(e.message.find("retired") == std::string::npos, e.message);
}

BOOST_AUTO_TEST_SUITE_END()
