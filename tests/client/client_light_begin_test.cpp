// client_light_begin_test: detail::light_begin (detail/exchange.hpp) against
// the soap_begin() of the gSOAP runtime this build links.
//
// Two contexts are made identical, byte for byte, with every field that
// soap_begin() resets (and those light_begin() resets besides) set to a
// value no reset leaves; one goes through soap_begin(), the other through
// light_begin(). Then, field by field: soap_begin() did reset each field of
// the list (so the list is right about the runtime), light_begin() left it
// with the same value; and, byte by byte over the whole struct soap, the two
// differ nowhere else than in light_begin()'s documented extra resets.
//
// The list of soap_begin()'s fields was read from the machine code of
// Debian's libgsoapssl++ 2.8.124 (its source is not installed); exchange.hpp
// refuses to build against another version.
#define BOOST_TEST_MODULE client_light_begin
#include <boost/test/unit_test.hpp>

#include "mktows/detail/exchange.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace {

struct Field {
  const char *name;
  std::size_t offset;
  std::size_t size;
};
#define MKTOWS_FIELD(f) \
  Field { #f, offsetof(struct soap, f), sizeof(static_cast<struct soap *>(nullptr)->f) }

// What gSOAP 2.8.124's soap_begin() writes itself (soap_free_temp(), which
// it calls last, is what light_begin() leaves out on purpose; on fresh
// contexts it changes nothing). buflen and bufidx only without keep-alive.
std::vector<Field> soap_begin_fields() {
  return {MKTOWS_FIELD(error),  MKTOWS_FIELD(buflen), MKTOWS_FIELD(bufidx),
          MKTOWS_FIELD(mode),   MKTOWS_FIELD(encoding), MKTOWS_FIELD(part),
          MKTOWS_FIELD(peeked), MKTOWS_FIELD(ahead),  MKTOWS_FIELD(level),
          MKTOWS_FIELD(encodingStyle)};
}

// What light_begin() resets besides (older versions' soap_begin() did).
std::vector<Field> extra_fields() {
  return {MKTOWS_FIELD(null),  MKTOWS_FIELD(position), MKTOWS_FIELD(mustUnderstand), MKTOWS_FIELD(ns),
          MKTOWS_FIELD(event), MKTOWS_FIELD(evlev),    MKTOWS_FIELD(alloced),        MKTOWS_FIELD(count),
          MKTOWS_FIELD(length), MKTOWS_FIELD(cdata),   MKTOWS_FIELD(idnum),          MKTOWS_FIELD(endpoint)};
}

// A context built in zeroed storage, so that padding compares equal too.
class Context {
 public:
  Context() : storage_(new unsigned char[sizeof(struct soap)]()) { soap_ = new (storage_.get()) struct soap(); }
  ~Context() { soap_->~soap(); }
  Context(const Context &) = delete;
  Context &operator=(const Context &) = delete;
  struct soap *get() { return soap_; }
  const unsigned char *bytes() const { return storage_.get(); }

 private:
  std::unique_ptr<unsigned char[]> storage_;
  struct soap *soap_;
};

const char kStyle[] = "http://schemas.xmlsoap.org/soap/encoding/";

// The state a finished exchange leaves, at least as awkward: every field
// either reset touches holds something else than its reset value.
void dirty(struct soap *soap, int keep_alive) {
  soap->keep_alive = keep_alive;
  soap->error = SOAP_EOF;
  soap->buflen = 311;
  soap->bufidx = 97;
  soap->mode = SOAP_IO_KEEPALIVE | SOAP_C_UTFSTRING | SOAP_IO_BUFFER;
  soap->encoding = 1;
  soap->part = SOAP_IN_BODY;
  soap->peeked = 1;
  soap->ahead = '<';
  soap->level = 4;
  soap->encodingStyle = kStyle;
  soap->null = 1;
  soap->position = 2;
  soap->mustUnderstand = 1;
  soap->ns = 2;
  soap->event = SOAP_SEC_BEGIN;
  soap->evlev = 3;
  soap->alloced = 1;
  soap->count = 1200;
  soap->length = 977;
  soap->cdata = 1;
  soap->idnum = 6;
  std::strcpy(soap->endpoint, "http://127.0.0.1:9/soap/mktows/2_2");
}

const void *at(struct soap *soap, const Field &f) { return reinterpret_cast<const unsigned char *>(soap) + f.offset; }

bool same(struct soap *a, struct soap *b, const Field &f) { return std::memcmp(at(a, f), at(b, f), f.size) == 0; }

bool within(std::size_t offset, const std::vector<Field> &fields) {
  for (const Field &f : fields)
    if (offset >= f.offset && offset < f.offset + f.size) return true;
  return false;
}

void compare(int keep_alive) {
  Context full, light;
  dirty(full.get(), keep_alive);
  dirty(light.get(), keep_alive);
  BOOST_REQUIRE(std::memcmp(full.bytes(), light.bytes(), sizeof(struct soap)) == 0);
  Context before;  // a third copy of the dirty state, to see what soap_begin() changed
  dirty(before.get(), keep_alive);

  soap_begin(full.get());
  mktows::detail::light_begin(light.get());

  const std::vector<Field> begin_fields = soap_begin_fields();
  for (const Field &f : begin_fields) {
    const bool buffer = std::strcmp(f.name, "buflen") == 0 || std::strcmp(f.name, "bufidx") == 0;
    const bool reset = !(buffer && keep_alive);
    // The list is right about this runtime: soap_begin() changed the field
    // (or, for the buffer with keep-alive, left it).
    BOOST_TEST(!same(full.get(), before.get(), f) == reset, f.name << ": soap_begin() "
                                                                    << (reset ? "resets" : "keeps") << " it");
    if (std::strcmp(f.name, "encodingStyle") == 0) {
      // Both the empty string, each its own ("" here, SOAP_STR_EOS there).
      BOOST_TEST_REQUIRE(full.get()->encodingStyle != nullptr);
      BOOST_TEST_REQUIRE(light.get()->encodingStyle != nullptr);
      BOOST_TEST(std::string(light.get()->encodingStyle) == std::string(full.get()->encodingStyle),
                 "encodingStyle: light_begin() leaves what soap_begin() leaves");
    } else {
      BOOST_TEST(same(full.get(), light.get(), f), f.name << ": light_begin() leaves what soap_begin() leaves");
    }
  }

  // Nowhere else do they differ but where light_begin() resets more.
  const std::vector<Field> extras = extra_fields();
  const unsigned char *a = full.bytes();
  const unsigned char *b = light.bytes();
  std::size_t reported = 0;
  for (std::size_t i = 0; i < sizeof(struct soap) && reported < 10; ++i) {
    if (a[i] == b[i] || within(i, extras)) continue;
    const Field *hit = nullptr;
    for (const Field &f : begin_fields)
      if (i >= f.offset && i < f.offset + f.size) hit = &f;
    if (hit && std::strcmp(hit->name, "encodingStyle") == 0) continue;  // compared as text above
    BOOST_ERROR("byte " << i << " of struct soap (" << (hit ? hit->name : "a field soap_begin() does not reset")
                        << ") differs after light_begin()");
    ++reported;
  }
  // And the extras are reset (so light_begin() did run on this context).
  BOOST_TEST(light.get()->endpoint[0] == '\0');
  BOOST_TEST(light.get()->length == 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(light_begin_leaves_what_soap_begin_leaves_without_keep_alive) { compare(0); }

BOOST_AUTO_TEST_CASE(light_begin_leaves_what_soap_begin_leaves_with_keep_alive) { compare(1); }
