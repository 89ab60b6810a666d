// self_signed_cert.hpp: a self-signed certificate for 127.0.0.1 (and
// localhost), made with the openssl command for one test and removed after it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace mktows_test {

struct SelfSignedCert {
  explicit SelfSignedCert(const std::string &name) : cert(name + "_cert.pem"), key(name + "_key.pem") {
    std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                          "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
                          key + " -out " + cert + " >/dev/null 2>&1";
    made = std::system(command.c_str()) == 0;
  }
  ~SelfSignedCert() {
    std::remove(cert.c_str());
    std::remove(key.c_str());
  }
  SelfSignedCert(const SelfSignedCert &) = delete;
  SelfSignedCert &operator=(const SelfSignedCert &) = delete;
  std::string cert, key;
  bool made;
};

}  // namespace mktows_test
