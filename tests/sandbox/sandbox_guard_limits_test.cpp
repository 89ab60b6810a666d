// Every bound the SOAP front end enforces, tested at its edge: exactly at
// the bound a signed, valid syncLead is served (HTTP 200, CREATED or
// UPDATED), so an edge case cannot pass by being refused for another
// reason; one past it the request gets the exact refusal (fault 20012, or
// the HTTP status). Each XML rule is tried in the SOAP header, where gSOAP
// skips unknown elements unread (the guard is all there is), and in the
// body, inside attrValue, whose markup gSOAP takes as text without
// counting it. The server cases use the documented numbers (docs/SANDBOX.md,
// "Bounds"), not the constants, so a loosened constant fails them; the
// cases on the pure functions use the constants, so a loosened comparison
// fails them whatever the number.
#define BOOST_TEST_MODULE sandbox_guard_limits_test
#include <boost/test/unit_test.hpp>

#include "serving_config.hpp"
#include "http_collector.hpp"
#include "lead_requests.hpp"
#include "lead_service.hpp"
#include "limiter.hpp"
#include "soap_handler.hpp"
#include "support/sandbox_process.hpp"
#include "xml_guard.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

using namespace sandbox_test;
using mktows_test::SandboxProcess;

namespace {

// The documented bounds (docs/SANDBOX.md, "Bounds").
const int kDepth = 64;
const int kAttributes = 256;
const std::size_t kHeadBytes = 16384;
const std::size_t kBodyBytes = 8u << 20;
const int kHeaders = 100;
const std::size_t kChunkLine = 1024;

// A fresh address per call, so each accepted case is its own lead.
std::string next_email() {
  static int n = 0;
  return "edge" + std::to_string(++n) + "@x.com";
}

SyncLeadCall simple(const std::string &email) {
  return SyncLeadCall{LeadFields{std::nullopt, email, "", "", {}}, "", false, false, std::nullopt};
}

// A signed syncLead whose SOAP header carries `extra` after the
// AuthenticationHeader (raw XML).
std::string with_header(const std::string &extra) {
  return envelope(demo_auth() + extra, sync_lead_body(simple(next_email())));
}

// A signed syncLead whose FirstName value is `raw`, unescaped. The
// attrValue element is 7 levels deep (Envelope, Body, paramsSyncLead,
// leadRecord, leadAttributeList, attribute, attrValue).
const int kAttrValueDepth = 7;
std::string with_first_name(const std::string &raw) {
  SyncLeadCall c = simple(next_email());
  c.lead.attributes.emplace_back("FirstName", "PLACEHOLDER");
  std::string e = sync_lead_request(c);
  e.replace(e.find("PLACEHOLDER"), 11, raw);
  return e;
}

// `levels` elements, each inside the one before, around `leaf`.
std::string nested(int levels, const std::string &leaf = std::string()) {
  std::string x;
  for (int i = 0; i < levels; ++i) x += "<n>";
  x += leaf;
  for (int i = 0; i < levels; ++i) x += "</n>";
  return x;
}

std::string attributes(int n) {
  std::string x;
  for (int i = 0; i < n; ++i) x += " a" + std::to_string(i) + "=\"v\"";
  return x;
}

HttpResponse post(const SandboxProcess &s, const std::string &body) {
  Connection c(s.port(), 20);
  return c.post(path_of(s.endpoint()), body, action("syncLead"));
}

// Served: HTTP 200 and a lead CREATED or UPDATED.
void served(const HttpResponse &r, const std::string &what) {
  SyncOutcome o = read_sync_outcome(r);
  BOOST_TEST(o.http_status == 200, what << ": HTTP " << o.http_status << ", fault " << o.fault);
  BOOST_TEST((o.status == "CREATED" || o.status == "UPDATED"), what << ": status '" << o.status << "'");
}
void served(const SandboxProcess &s, const std::string &body, const std::string &what) { served(post(s, body), what); }

// Refused by the guard: HTTP 500 and fault 20012.
void refused(const SandboxProcess &s, const std::string &body, const std::string &what) {
  HttpResponse r = post(s, body);
  BOOST_TEST(r.status == 500, what << ": HTTP " << r.status);
  BOOST_TEST(fault_code(r.body) == 20012, what);
}

// Raw bytes on a new connection: the response, and whether the server then
// closed the connection (each read bounded by the connection's timeout).
struct RawOutcome {
  HttpResponse response;
  bool closed = false;
};
RawOutcome send_raw(const SandboxProcess &s, const std::string &bytes, bool expect_close) {
  Connection c(s.port(), 20);
  RawOutcome o;
  c.send_raw(bytes);
  o.response = c.read_response();
  if (expect_close) o.closed = c.closed_by_peer();
  return o;
}

// A POST head of the SOAP endpoint; `extra` are header lines ("Name: v\r\n").
std::string post_head(const SandboxProcess &s, const std::string &extra) {
  return "POST " + path_of(s.endpoint()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
         "SOAPAction: \"" + action("syncLead") + "\"\r\n" + extra + "\r\n";
}

// A head of exactly `size` bytes (request line to the empty line that ends
// it) for a body of `body_size` bytes, padded with an X-Pad header.
std::string head_of_size(const SandboxProcess &s, std::size_t size, std::size_t body_size) {
  std::string length = "Content-Length: " + std::to_string(body_size) + "\r\n";
  std::size_t bare = post_head(s, length + "X-Pad: \r\n").size();
  BOOST_REQUIRE(size >= bare);
  std::string h = post_head(s, length + "X-Pad: " + std::string(size - bare, 'p') + "\r\n");
  BOOST_REQUIRE(h.size() == size);
  return h;
}

// A syncLead request of exactly `size` bytes: its FirstName fills it.
std::string request_of_size(std::size_t size) {
  std::string bare = with_first_name("");
  BOOST_REQUIRE(size >= bare.size());
  std::string r = with_first_name(std::string(size - bare.size(), 'f'));
  BOOST_REQUIRE(r.size() == size);
  return r;
}

// What the guard says of `body` ("" when it may go to gSOAP).
std::string refusal(const std::string &body) {
  const char *why = mktows_front::xml_refusal(body);
  return why ? why : "";
}

std::string hex(std::size_t n) {
  char b[32];
  std::snprintf(b, sizeof b, "%zx", n);
  return b;
}

}  // namespace

// ---- XML depth: 64 levels, the Envelope being level 1 ----------------------

BOOST_AUTO_TEST_CASE(depth_edge_in_the_header) {
  SandboxProcess s;
  // Envelope and Header are levels 1 and 2: the chain's innermost element
  // is at level 2 + its length.
  served(s, with_header(nested(kDepth - 2)), "header, 64 levels");
  refused(s, with_header(nested(kDepth - 1)), "header, 65 levels");
  // An empty element is a level too, written <e/> or <e></e>.
  served(s, with_header(nested(kDepth - 3, "<e/>")), "header, 64 levels, the last one empty");
  refused(s, with_header(nested(kDepth - 2, "<e/>")), "header, 65 levels, the last one <e/>");
  refused(s, with_header(nested(kDepth - 2, "<e></e>")), "header, 65 levels, the last one <e></e>");
  // Depth is nesting, not a count: many elements side by side at 64 are fine.
  served(s, with_header(nested(kDepth - 3, nested(1) + nested(1) + nested(1))), "header, 64 levels three times");
}

BOOST_AUTO_TEST_CASE(depth_edge_in_the_body) {
  SandboxProcess s;
  served(s, with_first_name(nested(kDepth - kAttrValueDepth, "x")), "attrValue, 64 levels");
  refused(s, with_first_name(nested(kDepth - kAttrValueDepth + 1, "x")), "attrValue, 65 levels");
  served(s, with_first_name(nested(kDepth - kAttrValueDepth - 1, "<e/>")), "attrValue, 64 levels, the last one empty");
  refused(s, with_first_name(nested(kDepth - kAttrValueDepth, "<e/>")), "attrValue, 65 levels, the last one <e/>");
}

BOOST_AUTO_TEST_CASE(depth_edge_of_the_guard_function) {
  using mktows_front::kMaxXmlDepth;
  using mktows_front::xml_refusal;
  auto doc = [](int levels, const std::string &leaf) { return nested(levels, leaf); };
  BOOST_TEST(xml_refusal(doc(kMaxXmlDepth, "")) == nullptr);
  BOOST_TEST(xml_refusal(doc(kMaxXmlDepth - 1, "<e/>")) == nullptr);
  BOOST_TEST(xml_refusal(doc(kMaxXmlDepth - 1, "<e a='/'/>")) == nullptr);
  const std::string deep = "elements nested too deep";
  BOOST_TEST(refusal(doc(kMaxXmlDepth + 1, "")) == deep);
  BOOST_TEST(refusal(doc(kMaxXmlDepth, "<e/>")) == deep);
  BOOST_TEST(refusal(doc(kMaxXmlDepth, "<e a='/'/>")) == deep);
  // Closing tags give the levels back.
  std::string side_by_side;
  for (int i = 0; i < 3; ++i) side_by_side += doc(kMaxXmlDepth - 1, "");
  BOOST_TEST(xml_refusal("<r>" + side_by_side + "</r>") == nullptr);
}

// ---- attributes: 256 on one start tag ---------------------------------------

BOOST_AUTO_TEST_CASE(attribute_edge_in_the_header_and_the_body) {
  SandboxProcess s;
  served(s, with_header("<x" + attributes(kAttributes) + "/>"), "header element, 256 attributes");
  refused(s, with_header("<x" + attributes(kAttributes + 1) + "/>"), "header element, 257 attributes");
  // gSOAP ignores attributes it does not know, strict or not.
  auto on_lead_record = [](int n) {
    std::string e = sync_lead_request(simple(next_email()));
    e.replace(e.find("<leadRecord>"), 12, "<leadRecord" + attributes(n) + ">");
    return e;
  };
  served(s, on_lead_record(kAttributes), "leadRecord, 256 attributes");
  refused(s, on_lead_record(kAttributes + 1), "leadRecord, 257 attributes");
  served(s, with_first_name("<v" + attributes(kAttributes) + "/>"), "markup in attrValue, 256 attributes");
  refused(s, with_first_name("<v" + attributes(kAttributes + 1) + "/>"), "markup in attrValue, 257 attributes");
}

BOOST_AUTO_TEST_CASE(attribute_edge_of_the_guard_function) {
  using mktows_front::kMaxAttributesPerElement;
  using mktows_front::xml_refusal;
  auto tag = [](int n, const std::string &value) {
    std::string x = "<r";
    for (int i = 0; i < n; ++i) x += " a" + std::to_string(i) + "=\"" + value + "\"";
    return x + "/>";
  };
  BOOST_TEST(xml_refusal(tag(kMaxAttributesPerElement, "v")) == nullptr);
  BOOST_TEST(refusal(tag(kMaxAttributesPerElement + 1, "v")) == "too many attributes on one element");
  // An '=' inside a value is no attribute; quotes of the other kind neither.
  BOOST_TEST(xml_refusal(tag(kMaxAttributesPerElement, "x='=y'")) == nullptr);
  // The count is per tag: two tags at the bound are fine.
  BOOST_TEST(xml_refusal("<r>" + tag(kMaxAttributesPerElement, "v") + tag(kMaxAttributesPerElement, "v") + "</r>") ==
             nullptr);
}

// ---- the HTTP head: 16,384 bytes, at most 100 header lines: 431 -------------

BOOST_AUTO_TEST_CASE(head_bytes_edge) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple(next_email()));
  RawOutcome at = send_raw(s, head_of_size(s, kHeadBytes, body.size()) + body, false);
  served(at.response, "a head of 16,384 bytes");
  RawOutcome past = send_raw(s, head_of_size(s, kHeadBytes + 1, body.size()) + body, true);
  BOOST_TEST(past.response.status == 431, "a head of 16,385 bytes: HTTP " << past.response.status);
  BOOST_TEST(past.closed);
}

BOOST_AUTO_TEST_CASE(header_count_edge) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple(next_email()));
  // post_head has Host, Content-Type and SOAPAction; Content-Length is the fourth.
  auto with_headers = [&](int total) {
    std::string extra = "Content-Length: " + std::to_string(body.size()) + "\r\n";
    for (int i = 4; i < total; ++i) extra += "X-H" + std::to_string(i) + ": v\r\n";
    return post_head(s, extra) + body;
  };
  served(send_raw(s, with_headers(kHeaders), false).response, "100 header lines");
  RawOutcome past = send_raw(s, with_headers(kHeaders + 1), true);
  BOOST_TEST(past.response.status == 431, "101 header lines: HTTP " << past.response.status);
  BOOST_TEST(past.closed);
}

BOOST_AUTO_TEST_CASE(trailer_bytes_edge) {
  SandboxProcess s;
  // Chunk trailers share the head's bound: their lines, up to the empty
  // one that ends them, may take 16,384 bytes.
  auto with_trailers = [&](std::size_t trailer_bytes) {
    std::string body = sync_lead_request(simple(next_email()));
    std::string bare = "X-T: \r\n";
    std::string trailers = "X-T: " + std::string(trailer_bytes - bare.size(), 't') + "\r\n";
    return post_head(s, "Transfer-Encoding: chunked\r\n") + hex(body.size()) + "\r\n" + body + "\r\n0\r\n" + trailers +
           "\r\n";
  };
  served(send_raw(s, with_trailers(kHeadBytes), false).response, "16,384 bytes of trailers");
  RawOutcome past = send_raw(s, with_trailers(kHeadBytes + 1), true);
  BOOST_TEST(past.response.status == 431, "16,385 bytes of trailers: HTTP " << past.response.status);
  BOOST_TEST(past.closed);
}

// The collector alone, fed in pieces: a head or trailers still arriving are
// refused once they are past the bound, and not a byte before.
BOOST_AUTO_TEST_CASE(head_bytes_edge_of_the_collector_while_the_head_arrives) {
  using mktows_front::RequestCollector;
  mktows_front::ServingLimits limits;
  const std::size_t max = limits.max_header_bytes;
  std::string start = "POST /soap/mktows/2_2 HTTP/1.1\r\nX-Pad: ";
  {
    RequestCollector c(limits);
    std::string part = start + std::string(max - start.size(), 'p');  // no end yet, at the bound
    c.append(part.data(), part.size());
    BOOST_TEST((c.advance() == RequestCollector::Progress::kNeedMore));
    c.append("p", 1);
    BOOST_TEST((c.advance() == RequestCollector::Progress::kRefused));
    BOOST_TEST(c.refusal() == 431);
  }
  {
    // A head of exactly the bound, its last byte late.
    std::string head = start + std::string(max - start.size() - 4, 'p') + "\r\n\r\n";
    BOOST_REQUIRE(head.size() == max);
    RequestCollector c(limits);
    c.append(head.data(), head.size() - 1);
    BOOST_TEST((c.advance() == RequestCollector::Progress::kNeedMore));
    c.append(head.data() + head.size() - 1, 1);
    BOOST_TEST((c.advance() == RequestCollector::Progress::kComplete));
  }
  auto trailers_in_two = [&](std::size_t trailer_bytes, std::size_t first_piece_cut) {
    std::string bytes = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n";
    std::size_t trailers_at = bytes.size();
    bytes += "X-T: " + std::string(trailer_bytes - 7, 't') + "\r\n\r\n";
    RequestCollector c(limits);
    std::size_t cut = trailers_at + first_piece_cut;
    c.append(bytes.data(), cut);
    RequestCollector::Progress p = c.advance();
    if (p == RequestCollector::Progress::kNeedMore) {
      c.append(bytes.data() + cut, bytes.size() - cut);
      p = c.advance();
    }
    return p;
  };
  // Trailers of exactly the bound, cut anywhere in their last line or in the
  // empty line that ends them, are served; one byte more is refused.
  for (std::size_t cut : {max - 1, max, max + 1})
    BOOST_TEST((trailers_in_two(max, cut) == RequestCollector::Progress::kComplete), "cut at " << cut);
  for (std::size_t cut : {max, max + 1, max + 2})
    BOOST_TEST((trailers_in_two(max + 1, cut) == RequestCollector::Progress::kRefused), "cut at " << cut);
  {
    // A trailer line still arriving is refused once it holds one byte
    // more than the bound, before its end comes (or never does).
    std::string bytes = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n";
    std::size_t trailers_at = bytes.size();
    bytes += "X-T: " + std::string(max - 5, 't');  // the bound's bytes, no line end
    BOOST_REQUIRE(bytes.size() - trailers_at == max);
    RequestCollector c(limits);
    c.append(bytes.data(), bytes.size());
    BOOST_TEST((c.advance() == RequestCollector::Progress::kNeedMore));
    c.append("t", 1);
    BOOST_TEST((c.advance() == RequestCollector::Progress::kRefused));
    BOOST_TEST(c.refusal() == 431);
  }
}

// ---- the body: 8 MiB, by Content-Length or the chunks' sum: 413 -------------

BOOST_AUTO_TEST_CASE(body_bytes_edge) {
  SandboxProcess s;
  std::string at = request_of_size(kBodyBytes);
  std::string past = request_of_size(kBodyBytes + 1);
  served(post(s, at), "a body of 8 MiB");
  // Refused on its head: the body need not be sent.
  RawOutcome o = send_raw(s, post_head(s, "Content-Length: " + std::to_string(past.size()) + "\r\n"), true);
  BOOST_TEST(o.response.status == 413, "Content-Length 8 MiB + 1: HTTP " << o.response.status);
  BOOST_TEST(o.closed);
  // Chunked: no length announces the size; the chunks' sum decides.
  auto chunked = [&](const std::string &body) {
    std::size_t half = body.size() / 2;
    return post_head(s, "Transfer-Encoding: chunked\r\n") + hex(half) + "\r\n" + body.substr(0, half) + "\r\n" +
           hex(body.size() - half) + "\r\n" + body.substr(half) + "\r\n0\r\n\r\n";
  };
  served(send_raw(s, chunked(request_of_size(kBodyBytes)), false).response, "8 MiB in two chunks");
  RawOutcome c = send_raw(s, chunked(past), true);
  BOOST_TEST(c.response.status == 413, "8 MiB + 1 in two chunks: HTTP " << c.response.status);
  BOOST_TEST(c.closed);
  RawOutcome one = send_raw(s, post_head(s, "Transfer-Encoding: chunked\r\n") + hex(past.size()) + "\r\n", true);
  BOOST_TEST(one.response.status == 413, "one chunk of 8 MiB + 1: HTTP " << one.response.status);
}

BOOST_AUTO_TEST_CASE(chunk_size_line_edges) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple(next_email()));
  // A chunk-size line (size, extensions, CRLF) may take 1,024 bytes.
  auto size_line_of = [&](std::size_t bytes) {
    std::string bare = hex(body.size()) + ";e=\r\n";
    return hex(body.size()) + ";e=" + std::string(bytes - bare.size(), 'x') + "\r\n";
  };
  auto request = [&](const std::string &size_line) {
    return post_head(s, "Transfer-Encoding: chunked\r\n") + size_line + body + "\r\n0\r\n\r\n";
  };
  served(send_raw(s, request(size_line_of(kChunkLine)), false).response, "a chunk-size line of 1,024 bytes");
  RawOutcome past = send_raw(s, request(size_line_of(kChunkLine + 1)), true);
  BOOST_TEST(past.response.status == 400, "a chunk-size line of 1,025 bytes: HTTP " << past.response.status);
  BOOST_TEST(past.closed);
  // At most 15 hex digits, leading zeros included.
  std::string digits = hex(body.size());
  served(send_raw(s, request(std::string(15 - digits.size(), '0') + digits + "\r\n"), false).response,
         "a chunk size of 15 digits");
  RawOutcome sixteen = send_raw(s, request(std::string(16 - digits.size(), '0') + digits + "\r\n"), true);
  BOOST_TEST(sixteen.response.status == 413, "a chunk size of 16 digits: HTTP " << sixteen.response.status);
}

// ---- DTDs and entities --------------------------------------------------------

BOOST_AUTO_TEST_CASE(dtd_and_entities_in_the_prolog_the_header_and_the_body) {
  SandboxProcess s;
  auto in_prolog = [](const std::string &markup) {
    std::string e = sync_lead_request(simple(next_email()));
    std::size_t decl_end = e.find("?>") + 2;
    return e.substr(0, decl_end) + markup + e.substr(decl_end);
  };
  // The "<!" markup the guard lets through: comments and CDATA sections.
  served(s, in_prolog("<!-- a comment -->"), "a comment in the prolog");
  served(s, with_header("<x><!-- a comment --><![CDATA[<&>]]></x>"), "a comment and CDATA in the header");
  served(s, with_first_name("a<!-- a comment --><![CDATA[<&>]]>b"), "a comment and CDATA in attrValue");
  refused(s, in_prolog("<!DOCTYPE SOAP-ENV:Envelope>"), "a DOCTYPE in the prolog");
  refused(s, with_header("<x><!DOCTYPE x></x>"), "a DOCTYPE in the header");
  refused(s, with_header("<x><!ENTITY e 'v'></x>"), "an ENTITY declaration in the header");
  refused(s, with_first_name("<!DOCTYPE x>"), "a DOCTYPE in attrValue");
  // The five predefined entities, and no other.
  served(s, with_header("<x a='&lt;&gt;&amp;&quot;&apos;'>&lt;&gt;&amp;&quot;&apos;</x>"), "predefined entities in the header");
  served(s, with_first_name("&lt;&gt;&amp;&quot;&apos;"), "predefined entities in attrValue");
  refused(s, with_header("<x>&nbsp;</x>"), "an undeclared entity in the header");
  refused(s, with_header("<x a='&nbsp;'/>"), "an undeclared entity in a header attribute");
  refused(s, with_first_name("&nbsp;"), "an undeclared entity in attrValue");
  refused(s, with_first_name("&lt"), "a predefined entity without its ';'");
}

BOOST_AUTO_TEST_CASE(dtd_rule_of_the_guard_function) {
  using mktows_front::xml_refusal;
  BOOST_TEST(xml_refusal("<!-- c --><r><![CDATA[<!DOCTYPE]]><!-- <!DOCTYPE --></r>") == nullptr);
  for (const char *markup : {"<!DOCTYPE r>", "<!ENTITY e 'v'>", "<!ELEMENT r ANY>", "<!x", "<![CDATA", "<!-"})
    BOOST_TEST(xml_refusal(std::string("<r>") + markup + "</r>") != nullptr, markup);
}

// ---- characters ------------------------------------------------------------------

namespace {

// Each neighbour pair of the character rule: the last accepted and the
// first refused, as UTF-8 bytes and as character references.
struct CharEdge {
  const char *what;
  std::string bytes;
  bool ok;
  // The guard's reason for a refused one: two checks can refuse some
  // characters (a surrogate is both bad UTF-8 and no XML Char), and the
  // reason says the first one did.
  const char *reason = "";
};
const std::vector<CharEdge> &char_edges() {
  static const std::vector<CharEdge> edges = {
      {"TAB", "\t", true},
      {"LF", "\n", true},
      {"CR", "\r", true},
      {"U+0020", " ", true},
      {"U+007F", "\x7F", true},
      {"NUL", std::string(1, '\0'), false, "a character XML 1.0 cannot carry"},
      {"U+0008", "\x08", false, "a character XML 1.0 cannot carry"},
      {"U+000B", "\x0B", false, "a character XML 1.0 cannot carry"},
      {"U+000C", "\x0C", false, "a character XML 1.0 cannot carry"},
      {"U+001F", "\x1F", false, "a character XML 1.0 cannot carry"},
      {"U+0080", "\xC2\x80", true},
      {"overlong U+007F (C1 BF)", "\xC1\xBF", false, "bytes that are not UTF-8"},
      {"overlong '/' (C0 AF)", "\xC0\xAF", false, "bytes that are not UTF-8"},
      {"U+0800", "\xE0\xA0\x80", true},
      {"overlong U+07FF (E0 9F BF)", "\xE0\x9F\xBF", false, "bytes that are not UTF-8"},
      {"U+D7FF", "\xED\x9F\xBF", true},
      {"surrogate U+D800", "\xED\xA0\x80", false, "bytes that are not UTF-8"},
      {"surrogate U+DFFF", "\xED\xBF\xBF", false, "bytes that are not UTF-8"},
      {"U+E000", "\xEE\x80\x80", true},
      {"U+FFFD", "\xEF\xBF\xBD", true},
      {"U+FFFE", "\xEF\xBF\xBE", false, "a character XML 1.0 cannot carry"},
      {"U+FFFF", "\xEF\xBF\xBF", false, "a character XML 1.0 cannot carry"},
      {"U+10000", "\xF0\x90\x80\x80", true},
      {"overlong U+FFFF (F0 8F BF BF)", "\xF0\x8F\xBF\xBF", false, "bytes that are not UTF-8"},
      {"U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"U+110000 (F4 90 80 80)", "\xF4\x90\x80\x80", false, "bytes that are not UTF-8"},
      {"lead byte F5", "\xF5\x80\x80\x80", false, "bytes that are not UTF-8"},
      {"FE", "\xFE", false, "bytes that are not UTF-8"},
      {"FF", "\xFF", false, "bytes that are not UTF-8"},
      {"a lone continuation byte", "\x80", false, "bytes that are not UTF-8"},
      {"a bad continuation byte", "\xE2\x28\xA1", false, "bytes that are not UTF-8"},
      {"Latin-1 e-acute", "caf\xE9", false, "bytes that are not UTF-8"},
  };
  return edges;
}

struct RefEdge {
  const char *ref;
  bool ok;
};
const std::vector<RefEdge> &ref_edges() {
  static const std::vector<RefEdge> edges = {
      {"&#x9;", true},      {"&#xA;", true},       {"&#xD;", true},        {"&#x20;", true},      {"&#x8;", false},
      {"&#0;", false},      {"&#x1F;", false},     {"&#xD7FF;", true},     {"&#xD800;", false},   {"&#xDFFF;", false},
      {"&#xE000;", true},   {"&#xFFFD;", true},    {"&#xFFFE;", false},    {"&#x10FFFF;", true},  {"&#x110000;", false},
      {"&#x00000041;", true}, {"&#x000000041;", false}, {"&#00000065;", true}, {"&#000000065;", false},
      {"&#x;", false},      {"&#;", false},        {"&#xG;", false},       {"&#65", false},
  };
  return edges;
}

}  // namespace

BOOST_AUTO_TEST_CASE(character_edges_in_the_header_and_the_body) {
  SandboxProcess s;
  for (const CharEdge &c : char_edges()) {
    const std::string v = "a" + c.bytes + "b";
    std::string cases[] = {with_header("<x>" + v + "</x>"), with_header("<x a='" + v + "'/>"), with_first_name(v)};
    const char *where[] = {"header text", "header attribute", "attrValue"};
    for (int i = 0; i < 3; ++i) {
      std::string what = std::string(c.what) + " in " + where[i];
      if (c.ok) served(s, cases[i], what);
      else refused(s, cases[i], what);
    }
  }
  for (const RefEdge &r : ref_edges()) {
    std::string cases[] = {with_header(std::string("<x>") + r.ref + "</x>"),
                           with_header(std::string("<x a='") + r.ref + "'/>"), with_first_name(r.ref)};
    const char *where[] = {"header text", "header attribute", "attrValue"};
    for (int i = 0; i < 3; ++i) {
      std::string what = std::string(r.ref) + " in " + where[i];
      if (r.ok) served(s, cases[i], what);
      else refused(s, cases[i], what);
    }
  }
}

BOOST_AUTO_TEST_CASE(character_edges_of_the_guard_function) {
  using mktows_front::xml_refusal;
  for (const CharEdge &c : char_edges()) {
    // In text and in an attribute value.
    BOOST_TEST(refusal("<r>" + c.bytes + "</r>") == c.reason, c.what << " in text");
    BOOST_TEST(refusal("<r a='" + c.bytes + "'/>") == c.reason, c.what << " in an attribute");
  }
  for (const RefEdge &r : ref_edges()) {
    BOOST_TEST((xml_refusal(std::string("<r>") + r.ref + "</r>") == nullptr) == r.ok, r.ref << " in text");
    BOOST_TEST((xml_refusal(std::string("<r a='") + r.ref + "'/>") == nullptr) == r.ok, r.ref << " in an attribute");
  }
  // A multi-byte sequence cut by the end of the body.
  BOOST_TEST(refusal("<r/>\xE2\x82") == "bytes that are not UTF-8");
  BOOST_TEST(xml_refusal("<r/>\xE2\x82\xAC") == nullptr);
}

// ---- the bounds gSOAP keeps as well --------------------------------------------
//
// The handler also sets gSOAP's own maxlevel (from kMaxXmlDepth) and
// recv_maxlength (from the body bound). In the server the guard and the
// collector come first with the same numbers, so neither is reachable
// through a socket: these cases drive a handler directly.

namespace {

struct Handler {
  explicit Handler(unsigned long long max_body) : config(make_config()), limiter(config.limits), auth(config.users, INT_MAX),
                                         leads(config) {
    context.backends.leads = &leads;
    context.limiter = &limiter;
    context.max_body = max_body;
    soap = soap_new();
    handler.reset(new mktows_front::SoapHandler(soap, context, auth));
  }
  ~Handler() {
    handler->release();
    handler.reset();
    soap_free(soap);
  }
  static mktows_sandbox::Config make_config() {
    mktows_sandbox::Config c;
    mktows_sandbox::complete_config(c, nullptr, nullptr);
    return c;
  }
  mktows_sandbox::Config config;
  mktows_front::Limiter limiter;
  mktows_front::Authenticator auth;
  mktows_sandbox::LeadService leads;
  mktows_front::HandlerContext context;
  struct soap *soap = nullptr;
  std::unique_ptr<mktows_front::SoapHandler> handler;
};

// The bytes gSOAP reads in the maxlevel case.
std::string g_input;
std::size_t g_read = 0;
size_t read_input(struct soap *, char *buf, size_t len) {
  std::size_t n = std::min(len, g_input.size() - g_read);
  std::memcpy(buf, g_input.data() + g_read, n);
  g_read += n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gsoap_maxlevel_is_the_guards_depth) {
  using mktows_front::kMaxXmlDepth;
  Handler h(1u << 20);
  // Elements gSOAP reads, one inside the other, on the handler's context
  // (its modes and bounds); only the input hook is the test's.
  h.soap->frecv = &read_input;
  g_input = nested(kMaxXmlDepth + 1);
  g_read = 0;
  BOOST_REQUIRE(soap_begin_recv(h.soap) == SOAP_OK);
  int opened = 0;
  while (opened <= kMaxXmlDepth && soap_element_begin_in(h.soap, nullptr, 0, nullptr) == SOAP_OK) ++opened;
  BOOST_TEST(opened == kMaxXmlDepth, "gSOAP opened " << opened << " levels");
  BOOST_TEST(h.soap->error == SOAP_LEVEL);
  soap_end(h.soap);
}

BOOST_AUTO_TEST_CASE(gsoap_recv_maxlength_is_the_body_bound) {
  const unsigned long long max = 4096;
  Handler h(max);
  HttpResponse at;
  mktows_front::HttpResponse r = h.handler->serve_post(request_of_size(max), nullptr);
  at.status = r.status;
  at.body = r.body;
  served(at, "a body of max_body bytes");
  mktows_front::HttpResponse past = h.handler->serve_post(request_of_size(max + 1), nullptr);
  BOOST_TEST(past.status == 500);
  BOOST_TEST(fault_code(past.body) == 20012);
}
