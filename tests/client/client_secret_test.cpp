// client_secret_test: mktows::Secret (include/mktows/secret.hpp) and the
// options that hold it (ClientOptions, with defaulted special members).
//
// Whether a buffer was wiped before it was freed is read where that is
// well-defined: this program replaces the array forms of operator new and
// delete (which Secret allocates its buffer with), and the replacement
// delete[] looks at the one buffer a test watches just before it frees it.
#define BOOST_TEST_MODULE client_secret
#include <boost/test/unit_test.hpp>

#include "mktows/options.hpp"
#include "mktows/secret.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace {

// The buffer being watched, and what delete[] found in it.
const void *g_watched = nullptr;
std::size_t g_watched_size = 0;
bool g_watched_freed = false;
bool g_watched_was_zero = false;

void look_at(void *p) {
  if (!p || p != g_watched) return;
  const unsigned char *b = static_cast<const unsigned char *>(p);
  bool zero = true;
  for (std::size_t i = 0; i < g_watched_size; ++i) zero = zero && b[i] == 0;
  g_watched_was_zero = zero;
  g_watched_freed = true;
  g_watched = nullptr;
}

// Watches the buffer a Secret holds now.
void watch(const mktows::Secret &s) {
  g_watched = s.reveal().data;
  g_watched_size = s.size();
  g_watched_freed = false;
  g_watched_was_zero = false;
}

std::string text_of(const mktows::Secret &s) { return std::string(s.reveal().data, s.reveal().size); }

const char kKey[] = "s3cr3t-Key-0f-the-Jungle";

// Detects operator<< for T.
template <class T, class = void>
struct streamable : std::false_type {};
template <class T>
struct streamable<T, decltype(void(std::declval<std::ostream &>() << std::declval<const T &>()))>
    : std::true_type {};

}  // namespace

// The replacements: plain ::operator new/delete underneath, so a sanitizer
// still sees matching pairs.
void *operator new[](std::size_t n) { return ::operator new(n); }
void *operator new[](std::size_t n, const std::nothrow_t &t) noexcept { return ::operator new(n, t); }
void operator delete[](void *p) noexcept {
  look_at(p);
  ::operator delete(p);
}
void operator delete[](void *p, std::size_t) noexcept {
  look_at(p);
  ::operator delete(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept {
  look_at(p);
  ::operator delete(p);
}

BOOST_AUTO_TEST_SUITE(wipe)

BOOST_AUTO_TEST_CASE(secure_wipe_zeroes_a_buffer_it_is_given) {
  char buffer[64];
  std::memset(buffer, 'k', sizeof buffer);
  mktows::secure_wipe(buffer + 8, 40);
  for (std::size_t i = 0; i < sizeof buffer; ++i) {
    char expected = (i >= 8 && i < 48) ? '\0' : 'k';
    BOOST_TEST(buffer[i] == expected, "byte " << i);
  }
  mktows::secure_wipe(nullptr, 10);  // nothing to do, no crash
  mktows::secure_wipe(buffer, 0);
  BOOST_TEST(buffer[0] == 'k');
}

BOOST_AUTO_TEST_CASE(the_watch_sees_an_unwiped_buffer) {
  // The check below can fail: a buffer freed with its bytes in place is
  // reported as such.
  char *p = new char[8];
  std::memcpy(p, "unwiped!", 8);
  g_watched = p;
  g_watched_size = 8;
  g_watched_freed = false;
  delete[] p;
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(!g_watched_was_zero);
}

BOOST_AUTO_TEST_CASE(destruction_wipes_the_buffer) {
  {
    mktows::Secret s(kKey);
    watch(s);
  }
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
}

BOOST_AUTO_TEST_CASE(clear_wipes_the_buffer) {
  mktows::Secret s(kKey);
  watch(s);
  s.clear();
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
  BOOST_TEST(s.empty());
}

BOOST_AUTO_TEST_CASE(assignment_wipes_the_old_key) {
  mktows::Secret s(kKey);
  watch(s);
  s = std::string("the next key");
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
  BOOST_TEST(text_of(s) == "the next key");

  watch(s);
  const mktows::Secret other("a third key");
  s = other;  // copy assignment
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
  BOOST_TEST(text_of(s) == "a third key");

  watch(s);
  s = mktows::Secret("a fourth key");  // move assignment
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
  BOOST_TEST(text_of(s) == "a fourth key");

  watch(s);
  s = "a fifth key";  // from a C string
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
  BOOST_TEST(text_of(s) == "a fifth key");
}

BOOST_AUTO_TEST_CASE(a_move_hands_the_buffer_over_and_leaves_nothing) {
  mktows::Secret s(kKey);
  // (Addresses compared as void pointers: Boost.Test compares char pointers
  // as C strings, and a Secret's buffer has no terminating NUL.)
  const void *buffer = s.reveal().data;
  watch(s);
  mktows::Secret t(std::move(s));
  BOOST_TEST(!g_watched_freed);  // not copied and freed: handed over
  BOOST_TEST(static_cast<const void *>(t.reveal().data) == buffer);
  BOOST_TEST(s.empty());  // NOLINT(bugprone-use-after-move)
  BOOST_TEST(s.size() == 0u);
  mktows::Secret u;
  u = std::move(t);
  BOOST_TEST(static_cast<const void *>(u.reveal().data) == buffer);
  BOOST_TEST(t.empty());  // NOLINT(bugprone-use-after-move)
  u.clear();
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
}

BOOST_AUTO_TEST_CASE(self_assignment_keeps_the_key) {
  mktows::Secret s(kKey);
  mktows::Secret &alias = s;
  s = alias;
  BOOST_TEST(text_of(s) == kKey);
  s = std::move(alias);
  BOOST_TEST(text_of(s) == kKey);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(value)

BOOST_AUTO_TEST_CASE(a_copy_is_its_own_buffer_with_the_same_bytes) {
  mktows::Secret s(kKey);
  mktows::Secret c(s);
  BOOST_TEST(text_of(c) == kKey);
  BOOST_TEST(static_cast<const void *>(c.reveal().data) != static_cast<const void *>(s.reveal().data));
  s.clear();
  BOOST_TEST(text_of(c) == kKey);
}

BOOST_AUTO_TEST_CASE(built_from_strings_and_a_null) {
  std::string from_string("key with a \0 inside", 19);
  mktows::Secret a(from_string);
  BOOST_TEST(a.size() == 19u);
  BOOST_TEST(text_of(a) == from_string);
  const char *missing = nullptr;  // what std::getenv returns for an unset variable
  mktows::Secret b(missing);
  BOOST_TEST(b.empty());
  mktows::Secret c(kKey);
  c = missing;
  BOOST_TEST(c.empty());
  BOOST_TEST(std::string(c.reveal().data) == "");  // never a null pointer
  mktows::Secret d("");
  BOOST_TEST(d.empty());
}

BOOST_AUTO_TEST_CASE(a_secret_cannot_be_printed) {
  static_assert(!streamable<mktows::Secret>::value, "a Secret must not be printable");
  static_assert(streamable<std::string>::value, "the detector works");
  static_assert(!std::is_convertible<mktows::Secret, std::string>::value, "no way back to a std::string");
  static_assert(std::is_nothrow_move_constructible<mktows::Secret>::value, "moves do not allocate");
  BOOST_TEST(true);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(options)

mktows::ClientOptions unusual_options() {
  mktows::ClientOptions o;
  o.endpoint = "http://127.0.0.1:9/soap/mktows/2_2";
  o.user_id = "bigcorp1_461839624B16E06BA2D663";
  o.encryption_key = kKey;
  o.workspace = "Default";
  o.call_timeout = std::chrono::milliseconds(1234);
  o.verify_tls = false;
  o.proxy_host = "proxy.invalid";
  o.proxy_port = 3128;
  o.keep_alive = false;
  o.max_response_bytes = 777;
  o.retry.max_attempts = 9;
  o.limiter.enabled = false;
  o.free_every = 5;
  o.trace = [](mktows::TraceDirection, const std::string &) {};
  o.wall_clock = [] { return static_cast<std::time_t>(42); };
  o.random = [] { return 0.25; };
  return o;
}

void check_unusual(const mktows::ClientOptions &o) {
  BOOST_TEST(o.endpoint == "http://127.0.0.1:9/soap/mktows/2_2");
  BOOST_TEST(text_of(o.encryption_key) == kKey);
  BOOST_TEST(o.workspace == "Default");
  BOOST_TEST(o.call_timeout.count() == 1234);
  BOOST_TEST(!o.verify_tls);
  BOOST_TEST(o.proxy_host == "proxy.invalid");
  BOOST_TEST(o.proxy_port == 3128);
  BOOST_TEST(!o.keep_alive);
  BOOST_TEST(o.max_response_bytes == 777u);
  BOOST_TEST(o.retry.max_attempts == 9);
  BOOST_TEST(!o.limiter.enabled);
  BOOST_TEST(o.free_every == 5u);
  BOOST_TEST(static_cast<bool>(o.trace));
  BOOST_TEST(static_cast<bool>(o.wall_clock));
  BOOST_TEST(o.wall_clock() == 42);
  BOOST_TEST(static_cast<bool>(o.random));
  BOOST_TEST(o.random() == 0.25);
}

BOOST_AUTO_TEST_CASE(every_member_survives_copy_and_move_assignment) {
  const mktows::ClientOptions source = unusual_options();
  mktows::ClientOptions copied;
  copied.encryption_key = "an older key";
  watch(copied.encryption_key);
  copied = source;
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);  // the replaced key was wiped
  check_unusual(copied);

  mktows::ClientOptions moved;
  moved = mktows::ClientOptions(source);
  check_unusual(moved);
  mktows::ClientOptions constructed(std::move(moved));
  check_unusual(constructed);
  BOOST_TEST(moved.encryption_key.empty());  // NOLINT(bugprone-use-after-move)
}

BOOST_AUTO_TEST_CASE(options_wipe_their_key_when_they_die) {
  {
    mktows::ClientOptions o = unusual_options();
    watch(o.encryption_key);
  }
  BOOST_TEST(g_watched_freed);
  BOOST_TEST(g_watched_was_zero);
}

BOOST_AUTO_TEST_CASE(user_code_assigns_the_key_as_before) {
  mktows::ClientOptions o;
  std::string key = kKey;
  o.encryption_key = key;
  BOOST_TEST(text_of(o.encryption_key) == kKey);
  o.encryption_key = std::getenv("MKTOWS_TEST_VARIABLE_THAT_IS_NEVER_SET");
  BOOST_TEST(o.encryption_key.empty());
  o.encryption_key = kKey;
  std::ostringstream out;
  out << o;
  BOOST_TEST(out.str().find(kKey) == std::string::npos);
  BOOST_TEST(out.str().find("encryption_key=[redacted]") != std::string::npos);
  o.encryption_key.clear();
  std::ostringstream empty;
  empty << o;
  BOOST_TEST(empty.str().find("encryption_key=(empty)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
