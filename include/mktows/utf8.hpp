// utf8.hpp: whether a string can travel as XML 1.0 text.
//
// Every request is UTF-8 XML, and the client writes strings as they are
// (SOAP_C_UTFSTRING): a string that is not well-formed UTF-8, or holds a
// character outside XML 1.0's Char production, would make the whole
// message malformed, which a strict service refuses and a lax one may
// store garbled. Such a string is refused before anything is sent
// (validation.hpp names the field).
//
// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF]. So refused: C0 controls other than tab, CR and LF
// (NUL included), U+FFFE and U+FFFF, and every malformed sequence: a stray
// continuation byte, a truncated sequence, an overlong form (C0, C1, E0 80..9F,
// F0 80..8F), a UTF-16 surrogate (ED A0..BF) and anything above U+10FFFF.
// Self-contained (no other mktows header) so tools can share the rule.
#ifndef MKTOWS_UTF8_HPP
#define MKTOWS_UTF8_HPP

#include <cstddef>
#include <cstdio>
#include <string>

namespace mktows {

// The offset of the first byte that does not begin a well-formed UTF-8
// sequence of an XML 1.0 character, or std::string::npos when there is none.
inline std::size_t first_invalid_xml_char(const char *data, std::size_t n) {
  const unsigned char *p = reinterpret_cast<const unsigned char *>(data);
  std::size_t i = 0;
  while (i < n) {
    unsigned char b = p[i];
    if (b < 0x80) {  // the common case: printable ASCII, one byte at a time
      if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) return i;
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;       // overlong below U+0800
      else if (b == 0xED) hi = 0x9F;  // U+D800..U+DFFF: surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;       // overlong below U+10000
      else if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;  // a continuation byte, C0/C1 (overlong) or F5..FF
    }
    if (n - i < len) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
    if (b == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE) return i;
    i += len;
  }
  return std::string::npos;
}

inline std::size_t first_invalid_xml_char(const std::string &s) { return first_invalid_xml_char(s.data(), s.size()); }

inline bool is_xml_text(const std::string &s) { return first_invalid_xml_char(s) == std::string::npos; }

// For a message: "byte 0xFF at offset 3" (the byte, never the text around
// it, which may be anything).
inline std::string describe_invalid_byte(const std::string &s, std::size_t at) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "byte 0x%02X at offset %lu", static_cast<unsigned>(static_cast<unsigned char>(s[at])),
                static_cast<unsigned long>(at));
  return buf;
}

}  // namespace mktows

#endif  // MKTOWS_UTF8_HPP
