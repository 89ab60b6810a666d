// load_floor.cpp: the cold-start floor of a program built like ours. It
// loads the same shared libraries as mktows-bench-client (the gSOAP
// runtime, OpenSSL, libstdc++) and exits without doing any work, so the
// cold-start table can show what loading them costs on the machine at hand.
#include "mktows/wire.hpp"

#include <openssl/evp.h>

int main(int argc, char **) {
  // Never true when run by tools/bench/run; the calls keep the libraries
  // linked in.
  if (argc > 99) {
    soap_free(soap_new());
    EVP_MAC_free(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  }
  return 0;
}
