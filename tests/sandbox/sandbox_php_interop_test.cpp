// Interop: PHP's SoapClient (php-cli + php-soap, a stock client from Debian)
// loads the sandbox's ?WSDL and calls syncLead: CREATED, then UPDATED for the
// same Email, then a wrong key gets the vendor's 20014 fault.
#define BOOST_TEST_MODULE sandbox_php_interop_test
#include <boost/test/unit_test.hpp>

#include "support/sandbox_process.hpp"

#include <cstdio>
#include <sys/wait.h>

using mktows_test::SandboxProcess;

namespace {

// Runs a command, returning its exit status and stdout.
int run(const std::string &command, std::string &output) {
  FILE *p = ::popen(command.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quote(const std::string &s) { return "'" + s + "'"; }  // arguments here contain no quote

}  // namespace

BOOST_AUTO_TEST_CASE(php_soapclient_syncs_a_lead_through_the_served_wsdl) {
  for (int threads : {1, 4}) {
    SandboxProcess sandbox({"--threads", std::to_string(threads)});
    std::string out;
    int rc = run(std::string(PHP_EXECUTABLE) + " " + quote(PHP_SCRIPT) + " " + quote(sandbox.endpoint()) + " " +
                     quote(mktows_test::kDemoUserId) + " " + quote(mktows_test::kDemoEncryptionKey),
                 out);
    BOOST_TEST_MESSAGE(out);
    BOOST_TEST(rc == 0);
    std::size_t created = out.find("syncLead CREATED");
    std::size_t updated = out.find("syncLead UPDATED");
    BOOST_TEST(created != std::string::npos);
    BOOST_TEST((updated != std::string::npos && updated > created));
    BOOST_TEST(out.find("fault SOAP-ENV:Client 20014 - Authentication failed 20014") != std::string::npos);
    BOOST_TEST(out.find("OK\n") != std::string::npos);
  }
}
