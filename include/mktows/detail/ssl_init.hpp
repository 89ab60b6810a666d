// detail/ssl_init.hpp: the client's policy for gSOAP's OpenSSL set-up.
//
// gSOAP's soap_init() runs soap_ssl_init() the first time any context is
// made: OpenSSL's library set-up and RAND_load_file("/dev/urandom"), which
// instantiates the DRBG: 7.9M instructions, half of a client's cold start,
// and useless for a plain-HTTP endpoint. OpenSSL 3 initialises itself on
// first use (SSL_CTX_new, which soap_ssl_client_context calls, loads the
// TLS library and its error strings) and seeds the DRBG from the OS. So the
// client tells gSOAP to skip it, with soap_ssl_noinit, gSOAP's switch for
// this, before its first context. Other gSOAP contexts of the process lose
// nothing: OpenSSL still initialises itself when they first use it.
#ifndef MKTOWS_DETAIL_SSL_INIT_HPP
#define MKTOWS_DETAIL_SSL_INIT_HPP

#include "mktows/wire.hpp"

#include <openssl/opensslv.h>

#include <mutex>

// Older OpenSSL needs soap_ssl_init() before a TLS context; the build
// requires OpenSSL 3 (CMakeLists.txt), and so does this header.
#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "mktows needs OpenSSL 3 or later (it skips gSOAP's soap_ssl_init, which older OpenSSL needs)"
#endif

namespace mktows {
namespace detail {

// Constructed before a client's context (a member declared before it).
struct SkipRuntimeSslInit {
  SkipRuntimeSslInit() {
    static std::once_flag once;
    std::call_once(once, [] { soap_ssl_noinit(); });
  }
};

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_SSL_INIT_HPP
