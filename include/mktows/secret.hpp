// secret.hpp: mktows::Secret, the encryption key as a value that wipes
// itself, and secure_wipe, the one routine the project overwrites key
// material with.
//
//   mktows::ClientOptions options;
//   options.encryption_key = std::getenv("MKTOWS_ENCRYPTION_KEY");  // null: empty
//   options.encryption_key = key_string;                            // copies the bytes
//
// A Secret owns one heap buffer of exactly the key's size. Every buffer it
// lets go of is overwritten first: on destruction, on clear(), and on
// assignment (the old key's buffer). A move hands the buffer itself over,
// so no copy of the key stays behind in the source (std::string would leave
// short keys in the moved-from object's inline buffer). Copies the caller
// made before (the std::string or getenv's text it was built from) are the
// caller's to wipe.
//
// A null `const char *` makes an empty Secret, not a crash: a missing
// environment variable then reaches Client as "encryption_key is required"
// (Client::setup_error()), a clear error rather than a segmentation fault.
//
// Never printable: there is no operator<< and no conversion to a string
// (`std::cout << key` does not compile); reveal() is the explicit access,
// used in one place, where the Signer keys HMAC (signer.hpp).
//
// Header-only, with neither gSOAP nor OpenSSL (part of the core headers).
#ifndef MKTOWS_SECRET_HPP
#define MKTOWS_SECRET_HPP

#include <cstddef>
#include <cstring>
#include <string>

namespace mktows {

// Overwrites n bytes at p with zeros, in a way the compiler cannot drop as
// a dead store: memset is called through a volatile function pointer (the
// compiler must read it at run time, so it cannot know the call is memset)
// and, on GCC and Clang, the buffer is then passed to an empty asm that may
// read all memory. OpenSSL's OPENSSL_cleanse uses the same pointer trick.
inline void secure_wipe(void *p, std::size_t n) {
  if (!p || n == 0) return;
  static void *(*const volatile set)(void *, int, std::size_t) = &std::memset;
  set(p, 0, n);
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

class Secret {
 public:
  // The key's bytes, for keying HMAC; valid while the Secret lives and is
  // not assigned to.
  struct View {
    const char *data;
    std::size_t size;
  };

  Secret() noexcept : data_(nullptr), size_(0) {}
  // Implicit, so that `options.encryption_key = text;` keeps working for a
  // std::string and a C string (null: empty).
  Secret(const char *text) : data_(nullptr), size_(0) {  // NOLINT(runtime/explicit)
    if (text) assign(text, std::strlen(text));
  }
  Secret(const std::string &text) : data_(nullptr), size_(0) {  // NOLINT(runtime/explicit)
    assign(text.data(), text.size());
  }
  Secret(const char *data, std::size_t size) : data_(nullptr), size_(0) { assign(data, size); }

  Secret(const Secret &other) : data_(nullptr), size_(0) { assign(other.data_, other.size_); }
  Secret(Secret &&other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
  }
  Secret &operator=(const Secret &other) {
    if (this != &other) {
      Secret copy(other);  // may throw; *this is untouched then
      *this = static_cast<Secret &&>(copy);
    }
    return *this;
  }
  Secret &operator=(Secret &&other) noexcept {
    if (this != &other) {
      clear();
      data_ = other.data_;
      size_ = other.size_;
      other.data_ = nullptr;
      other.size_ = 0;
    }
    return *this;
  }
  // (Assignment from a std::string or a C string goes through the
  // converting constructors and the move assignment above.)
  ~Secret() { clear(); }

  // Wipes and frees the key; the Secret is empty afterwards.
  void clear() noexcept {
    secure_wipe(data_, size_);
    delete[] data_;
    data_ = nullptr;
    size_ = 0;
  }

  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  View reveal() const noexcept {
    View v;
    v.data = data_ ? data_ : "";
    v.size = size_;
    return v;
  }

 private:
  void assign(const char *data, std::size_t size) {
    if (size == 0) return;
    data_ = new char[size];
    std::memcpy(data_, data, size);
    size_ = size;
  }

  char *data_;
  std::size_t size_;
};

}  // namespace mktows

#endif  // MKTOWS_SECRET_HPP
