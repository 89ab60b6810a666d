// signer_no_deprecated_test: signer.hpp in a program built with
// OPENSSL_NO_DEPRECATED, where OpenSSL's SHA1_Init and friends do not
// exist: it must compile, pick EVP_MAC by itself and still sign right.
#define BOOST_TEST_MODULE signer_no_deprecated_test
#include <boost/test/unit_test.hpp>

#include <mktows/signer.hpp>

#include <string>

BOOST_AUTO_TEST_CASE(evp_mac_is_chosen_and_signs_rfc2202_vector_2) {
  BOOST_TEST(std::string(mktows::Signer::backend()) == "EVP_MAC");
  mktows::Signer signer("Jefe");
  BOOST_TEST(signer.sign("what do ya want ", "for nothing?") == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}
