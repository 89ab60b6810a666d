// xml_guard.cpp: one pass over the body for encoding and characters, one
// over its markup.
#include "xml_guard.hpp"

#include <cstring>

namespace mktows_front {

namespace {

bool is_xml_char(unsigned long c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// Byte classes for the scans (one table look-up per byte: the guard runs
// on every request, ahead of gSOAP's own parse).
enum : unsigned char { kPlain = 0, kLt = 1, kAmp = 2, kTagSpecial = 3 };

struct Tables {
  unsigned char ascii_ok[256];  // 1: an ASCII byte that is an XML Char
  unsigned char text[256];      // kLt, kAmp or kPlain
  unsigned char tag[256];       // '"' '\'' '=' '>' '<' '&': kTagSpecial
  Tables() {
    for (int c = 0; c < 256; ++c) {
      ascii_ok[c] = c < 0x80 && is_xml_char(static_cast<unsigned long>(c));
      text[c] = c == '<' ? kLt : c == '&' ? kAmp : kPlain;
      tag[c] = (c == '"' || c == '\'' || c == '=' || c == '>' || c == '<' || c == '&') ? kTagSpecial : kPlain;
    }
  }
};

const Tables &tables() {
  static const Tables t;
  return t;
}

// Every byte sequence is UTF-8 and every character is an XML Char.
const char *check_characters(const unsigned char *p, std::size_t n) {
  const unsigned char *ok = tables().ascii_ok;
  std::size_t i = 0;
  while (i < n) {
    while (i < n && ok[p[i]]) ++i;
    if (i >= n) break;
    unsigned char b = p[i];
    if (b < 0x80) return "a character XML 1.0 cannot carry";
    int len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (!len || i + len > n) return "bytes that are not UTF-8";
    unsigned long c = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return "bytes that are not UTF-8";
      c = (c << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms and surrogates are not UTF-8 (RFC 3629).
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
      return "bytes that are not UTF-8";
    if (!is_xml_char(c)) return "a character XML 1.0 cannot carry";
    i += len;
  }
  return nullptr;
}

bool starts(const std::string &s, std::size_t at, const char *prefix) {
  std::size_t n = std::strlen(prefix);
  return at + n <= s.size() && std::memcmp(s.data() + at, prefix, n) == 0;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The encoding named by an XML declaration at `at` ("<?xml ...?>"), or "".
std::string declared_encoding(const std::string &s, std::size_t at, std::size_t end) {
  std::size_t e = s.find("encoding", at);
  if (e == std::string::npos || e >= end) return std::string();
  e += 8;
  while (e < end && is_blank(s[e])) ++e;
  if (e >= end || s[e] != '=') return std::string();
  ++e;
  while (e < end && is_blank(s[e])) ++e;
  if (e >= end || (s[e] != '"' && s[e] != '\'')) return std::string();
  std::size_t close = s.find(s[e], e + 1);
  if (close == std::string::npos || close > end) return std::string();
  std::string name = s.substr(e + 1, close - e - 1);
  for (char &c : name)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return name;
}

// A character reference "&#...;" at `at`: its code point is a Char.
bool good_char_ref(const std::string &s, std::size_t at, std::size_t &end) {
  std::size_t i = at + 2;
  bool hex = i < s.size() && s[i] == 'x';
  if (hex) ++i;
  unsigned long c = 0;
  std::size_t digits = 0;
  for (; i < s.size() && s[i] != ';'; ++i) {
    char d = s[i];
    int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
    if (v < 0 || ++digits > 8) return false;
    c = c * (hex ? 16 : 10) + static_cast<unsigned long>(v);
  }
  if (i >= s.size() || !digits) return false;
  end = i + 1;
  return is_xml_char(c);
}

// A reference at `at` (body[at] == '&'): null when well-formed, and `next`
// is past it.
const char *check_reference(const std::string &body, std::size_t at, std::size_t &next) {
  if (at + 1 < body.size() && body[at + 1] == '#') {
    if (!good_char_ref(body, at, next)) return "a character reference XML 1.0 cannot carry";
    return nullptr;
  }
  for (const char *name : {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"})
    if (starts(body, at, name)) {
      next = at + std::strlen(name);
      return nullptr;
    }
  return "a reference to an undeclared entity";
}

}  // namespace

const char *xml_refusal(const std::string &body) {
  const unsigned char *p = reinterpret_cast<const unsigned char *>(body.data());
  std::size_t start = body.size() >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
  if (const char *why = check_characters(p + start, body.size() - start)) return why;
  std::size_t i = start;
  int depth = 0;
  while (i < body.size() && is_blank(body[i])) ++i;
  if (i >= body.size() || body[i] != '<') return "the body is not XML";
  const unsigned char *text = tables().text;
  const unsigned char *tag = tables().tag;
  while (i < body.size()) {
    while (i < body.size() && text[p[i]] == kPlain) ++i;
    if (i >= body.size()) break;
    char c = body[i];
    if (c == '&') {
      if (const char *why = check_reference(body, i, i)) return why;
      continue;
    }
    if (starts(body, i, "<!--")) {
      std::size_t end = body.find("-->", i + 4);
      if (end == std::string::npos) return "an unterminated comment";
      i = end + 3;
    } else if (starts(body, i, "<![CDATA[")) {
      std::size_t end = body.find("]]>", i + 9);
      if (end == std::string::npos) return "an unterminated CDATA section";
      i = end + 3;
    } else if (starts(body, i, "<!")) {
      return "a document type declaration";
    } else if (starts(body, i, "<?")) {
      std::size_t end = body.find("?>", i + 2);
      if (end == std::string::npos) return "an unterminated processing instruction";
      if (starts(body, i, "<?xml") && i + 5 < body.size() && is_blank(body[i + 5])) {
        std::string enc = declared_encoding(body, i, end);
        if (!enc.empty() && enc != "UTF-8" && enc != "UTF8" && enc != "US-ASCII")
          return "an encoding other than UTF-8";
      }
      i = end + 2;
    } else {
      // A tag: count the attributes of a start tag, quotes respected, and
      // the depth.
      int attributes = 0;
      char quote = 0;
      bool end_tag = i + 1 < body.size() && body[i + 1] == '/';
      ++i;
      for (; i < body.size(); ++i) {
        if (tag[p[i]] == kPlain) continue;
        char t = body[i];
        if (quote) {
          if (t == quote) {
            quote = 0;
          } else if (t == '<') {
            return "'<' in an attribute value";
          } else if (t == '&') {
            if (const char *why = check_reference(body, i, i)) return why;
            --i;  // the loop steps past the reference's last character
          }
        } else if (t == '"' || t == '\'') {
          quote = t;
        } else if (t == '=') {
          if (++attributes > kMaxAttributesPerElement) return "too many attributes on one element";
        } else if (t == '>') {
          break;
        } else if (t == '<') {
          return "'<' inside a tag";
        }
      }
      if (i >= body.size()) return "an unterminated tag";
      // A start tag's element is at level depth + 1, an empty one (<e/>)
      // too, though it holds no other.
      if (end_tag) --depth;
      else if (depth + 1 > kMaxXmlDepth) return "elements nested too deep";
      else if (body[i - 1] != '/') ++depth;
      ++i;
    }
  }
  return nullptr;
}

}  // namespace mktows_front
