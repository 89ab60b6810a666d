// Hostile peers over real sockets: XML bombs, characters XML cannot carry,
// bad HTTP framing, slow, silent and non-reading clients, load bounds. Each
// case checks what the request gets and that the server still answers a
// normal call afterwards (docs/RELIABILITY.md, "Sandbox side").
#define BOOST_TEST_MODULE sandbox_hostile_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/sandbox_process.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <memory>
#include <thread>

using namespace sandbox_test;
using mktows_test::SandboxProcess;
using Clock = std::chrono::steady_clock;

namespace {

SyncLeadCall simple(const std::string &email) {
  return SyncLeadCall{LeadFields{std::nullopt, email, "", "", {}}, "", false, false, std::nullopt};
}

SyncLeadCall with_first_name(const std::string &email, const std::string &raw_value) {
  SyncLeadCall c = simple(email);
  c.lead.attributes.emplace_back("FirstName", raw_value);
  return c;
}

std::string http_post(const std::string &path, const std::string &body) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"" +
         action("syncLead") + "\"\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One request on a new connection: the response (status 0: none).
HttpResponse post(const SandboxProcess &s, const std::string &body, const std::string &op = "syncLead") {
  Connection c(s.port(), 10);
  return c.post(path_of(s.endpoint()), body, action(op));
}

int fault_of(const SandboxProcess &s, const std::string &body) {
  HttpResponse r = post(s, body);
  BOOST_REQUIRE_MESSAGE(r.status != 0, "no response");
  return fault_code(r.body);
}

// The server answers a normal syncLead on a new connection, within `bound`
// seconds (a functional bound, generous for a loaded machine).
void answers_normally(const SandboxProcess &s, double bound = 2.0) {
  Clock::time_point t0 = Clock::now();
  HttpResponse r = post(s, sync_lead_request(simple("normal@x.com")));
  double took = seconds_since(t0);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(fault_code(r.body) == 0);
  BOOST_TEST(took < bound, "a normal call took " << took << " s");
}

// Raw bytes on a new connection: the response, and whether the server then
// closed the connection.
struct RawOutcome {
  HttpResponse response;
  bool closed = false;
};
RawOutcome send_raw(const SandboxProcess &s, const std::string &bytes) {
  Connection c(s.port(), 10);
  RawOutcome o;
  c.send_raw(bytes);
  o.response = c.read_response();
  o.closed = c.closed_by_peer();
  return o;
}

std::string head(const SandboxProcess &s, const std::string &extra) {
  return "POST " + path_of(s.endpoint()) + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n" + extra + "\r\n";
}

// A syncLead request whose FirstName carries `raw` unescaped: a DTD goes
// before the envelope.
std::string with_prolog(const std::string &prolog, const std::string &raw_first_name) {
  std::string e = sync_lead_request(with_first_name("utf@x.com", "PLACEHOLDER"));
  e.replace(e.find("PLACEHOLDER"), 11, raw_first_name);
  std::size_t decl_end = e.find("?>") + 2;
  return e.substr(0, decl_end) + prolog + e.substr(decl_end);
}

}  // namespace

BOOST_AUTO_TEST_CASE(entity_expansion_is_refused_unexpanded) {
  SandboxProcess s;
  std::string dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  std::string prev = "lol";
  for (int i = 1; i <= 9; ++i) {
    std::string name = "lol" + std::to_string(i);
    dtd += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&" + prev + ";";
    dtd += "\">";
    prev = name;
  }
  dtd += "]>";
  Clock::time_point t0 = Clock::now();
  HttpResponse r = post(s, with_prolog(dtd, "&lol9;"));
  BOOST_TEST(r.status == 500);
  BOOST_TEST(fault_code(r.body) == 20012);
  BOOST_TEST(r.body.find("lollol") == std::string::npos);
  BOOST_TEST(seconds_since(t0) < 2.0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(an_external_entity_is_neither_fetched_nor_expanded) {
  SandboxProcess s;
  HttpResponse r = post(s, with_prolog("<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;"));
  BOOST_TEST(fault_code(r.body) == 20012);
  BOOST_TEST(r.body.find("root:") == std::string::npos);
  // Without a DTD the reference names no entity at all.
  BOOST_TEST(fault_code(post(s, with_prolog("", "&xxe;")).body) == 20012);
  // The five predefined entities and character references still work.
  BOOST_TEST(fault_code(post(s, with_prolog("", "&lt;&amp;&gt;&quot;&apos;&#233;&#x10000;")).body) == 0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused) {
  SandboxProcess s;
  std::string deep, close;
  for (int i = 0; i < 100000; ++i) deep += "<n>";
  for (int i = 0; i < 100000; ++i) close += "</n>";
  Clock::time_point t0 = Clock::now();
  // In the body (strict: an unknown element) and in the header (where
  // unknown elements are skipped: the nesting limit stops it).
  BOOST_TEST(fault_of(s, envelope(demo_auth(), "<ns1:paramsSyncLead><leadRecord>" + deep + close +
                                                   "</leadRecord></ns1:paramsSyncLead>")) == 20012);
  BOOST_TEST(fault_of(s, envelope(demo_auth() + "<x>" + deep + close + "</x>", sync_lead_body(simple("d@x.com")))) ==
             20012);
  BOOST_TEST(seconds_since(t0) < 4.0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(an_element_with_100000_attributes_is_refused_at_once) {
  SandboxProcess s;
  std::string attrs;
  for (int i = 0; i < 100000; ++i) attrs += " a" + std::to_string(i) + "=\"v\"";
  std::string body = sync_lead_request(simple("attrs@x.com"));
  body.replace(body.find("<leadRecord>"), 12, "<leadRecord" + attrs + ">");
  Clock::time_point t0 = Clock::now();
  BOOST_TEST(fault_of(s, body) == 20012);
  BOOST_TEST(seconds_since(t0) < 2.0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(a_10_mb_value_is_refused_over_the_body_limit_and_served_under_it) {
  std::string big(10u << 20, 'x');
  {
    SandboxProcess s;  // --max-body 8 MiB
    // Refused on its head: the client need not send the 10 MB.
    std::string body = sync_lead_request(with_first_name("big@x.com", big));
    Connection c(s.port(), 20);
    c.send_raw(head(s, "Content-Length: " + std::to_string(body.size()) + "\r\n"));
    HttpResponse r = c.read_response();
    BOOST_TEST(r.status == 413);
    BOOST_TEST(c.closed_by_peer());
    answers_normally(s);
  }
  {
    SandboxProcess s({"--max-body", std::to_string(16u << 20), "--max-buffered", std::to_string(64u << 20)});
    SyncLeadCall call = with_first_name("big@x.com", big);
    call.return_lead = true;
    Connection c(s.port(), 30);
    HttpResponse r = c.post(path_of(s.endpoint()), sync_lead_request(call), action("syncLead"));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(fault_code(r.body) == 0);
    BOOST_TEST(r.body.find(big) != std::string::npos);  // the value went in and came back whole
    answers_normally(s);
  }
}

BOOST_AUTO_TEST_CASE(characters_xml_cannot_carry_get_20012) {
  SandboxProcess s;
  for (const std::string &bad : {std::string("\xFF\xFE", 2), std::string("Geo\0rge", 7), std::string("\xC0\xAF", 2),
                                 std::string("\xED\xA0\x80", 3), std::string("\xEF\xBF\xBE", 3),
                                 std::string("caf\xE9", 4), std::string("\x01", 1), std::string("&#0;"),
                                 std::string("&#xFFFE;"), std::string("&#xD800;")}) {
    HttpResponse r = post(s, with_prolog("", bad));
    BOOST_TEST(r.status == 500);
    BOOST_TEST(fault_code(r.body) == 20012, "value bytes of length " << bad.size());
  }
  // Nothing was created by them; well-formed UTF-8 is accepted.
  HttpResponse get = post(s, get_lead_request("EMAIL", "utf@x.com"), "getLead");
  BOOST_TEST(fault_code(get.body) == 20103);
  BOOST_TEST(fault_of(s, sync_lead_request(with_first_name("utf@x.com", "Zo\xC3\xAB \xF0\x9F\x98\x80"))) == 0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(bad_framing_gets_a_status_and_a_close) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple("frame@x.com"));
  struct Case {
    const char *what;
    std::string bytes;
    int status;
  };
  std::vector<Case> cases = {
      {"huge Content-Length", head(s, "Content-Length: 99999999999999999999999999\r\n") + body, 413},
      {"Content-Length over the body limit", head(s, "Content-Length: 8388609\r\n") + body, 413},
      {"negative Content-Length", head(s, "Content-Length: -1\r\n") + body, 400},
      {"two different Content-Lengths", head(s, "Content-Length: 5\r\nContent-Length: 6\r\n") + body, 400},
      {"Content-Length and chunked", head(s, "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n", 400},
      {"bad chunk size", head(s, "Transfer-Encoding: chunked\r\n") + "zz\r\n" + body, 400},
      {"chunk size overflow", head(s, "Transfer-Encoding: chunked\r\n") + "fffffffffffffffffff\r\n" + body, 413},
      {"chunk longer than its size", head(s, "Transfer-Encoding: chunked\r\n") + "2\r\nabc\r\n0\r\n\r\n", 400},
      {"unknown transfer coding", head(s, "Transfer-Encoding: gzip\r\n") + body, 501},
      {"head too large", head(s, "X-Big: " + std::string(20000, 'a') + "\r\n"), 431},
      {"no end of head within the limit", head(s, "X-Big: " + std::string(20000, 'a')), 431},
      {"bad request line", "POST\r\n\r\n", 400},
      {"NUL in a header", head(s, std::string("X-A: a\0b\r\n", 10)), 400},
      {"HTTP/2.0", "POST " + path_of(s.endpoint()) + " HTTP/2.0\r\nHost: x\r\n\r\n", 505},
  };
  for (const Case &c : cases) {
    RawOutcome o = send_raw(s, c.bytes);
    BOOST_TEST(o.response.status == c.status, c.what << ": got " << o.response.status);
    BOOST_TEST(o.closed, c.what << ": connection left open");
  }
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(compressed_bodies_and_other_methods_are_refused) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple("enc@x.com"));
  // gSOAP would inflate a gzip body itself, past any body limit.
  Connection c(s.port(), 10);
  c.send_raw(head(s, "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(body.size()) + "\r\n") + body);
  BOOST_TEST(c.read_response().status == 415);
  c.send_raw("PUT " + path_of(s.endpoint()) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  HttpResponse put = c.read_response();
  BOOST_TEST(put.status == 405);
  BOOST_TEST(put.head.find("Allow: GET, POST") != std::string::npos);
  // A body that starts with the gzip magic is not XML either.
  BOOST_TEST(fault_of(s, std::string("\x1f\x8b\x08\x00", 4) + body) == 20012);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(chunked_requests_are_served) {
  SandboxProcess s;
  std::string body = sync_lead_request(simple("chunk@x.com"));
  std::string chunked;
  for (std::size_t at = 0; at < body.size(); at += 100) {
    std::string part = body.substr(at, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zX", part.size());
    chunked += std::string(size) + (at == 0 ? ";ext=1" : "") + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\nX-Trailer: t\r\n\r\n";
  Connection c(s.port(), 10);
  c.send_raw(head(s, "Transfer-Encoding: chunked\r\n") + chunked);
  HttpResponse r = c.read_response();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(fault_code(r.body) == 0);
  // The connection stays usable, and Expect: 100-continue is honoured.
  c.send_raw(head(s, "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"));
  HttpResponse cont = c.read_response();
  BOOST_TEST(cont.status == 100);
  c.send_raw(body);
  HttpResponse r2 = c.read_response();
  BOOST_TEST(r2.status == 200);
}

BOOST_AUTO_TEST_CASE(a_truncated_body_gets_20012_at_once) {
  SandboxProcess s;  // --timeout 30, --transfer-timeout 120
  std::string full = sync_lead_request(simple("cut@x.com"));
  for (std::size_t cut : {full.size() / 2, full.size() - 20, std::size_t(1)}) {
    Clock::time_point t0 = Clock::now();
    HttpResponse r = post(s, full.substr(0, cut));
    BOOST_TEST(r.status == 500);
    BOOST_TEST(fault_code(r.body) == 20012);
    BOOST_TEST(seconds_since(t0) < 2.0, "cut at " << cut);
  }
  // Chunked: the last chunk came before the XML ended.
  std::string part = full.substr(0, full.size() / 2);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", part.size());
  Clock::time_point t0 = Clock::now();
  RawOutcome o = send_raw(s, head(s, "Transfer-Encoding: chunked\r\nConnection: close\r\n") + size + "\r\n" + part +
                                 "\r\n0\r\n\r\n");
  BOOST_TEST(fault_code(o.response.body) == 20012);
  BOOST_TEST(seconds_since(t0) < 2.0);
  // The connection of a refused call stays usable: the framing was sound.
  Connection c(s.port(), 10);
  BOOST_TEST(fault_code(c.post(path_of(s.endpoint()), full.substr(0, 100), action("syncLead")).body) == 20012);
  BOOST_TEST(fault_code(c.post(path_of(s.endpoint()), full, action("syncLead")).body) == 0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(slow_drip_clients_do_not_delay_normal_calls) {
  SandboxProcess s({"--threads", "2"});
  std::atomic<bool> stop{false};
  std::atomic<int> dripping{0};
  std::vector<std::thread> drips;
  std::string request = http_post(path_of(s.endpoint()), sync_lead_request(simple("drip@x.com")));
  for (int i = 0; i < 8; ++i) {
    drips.emplace_back([&] {
      Connection c(s.port(), 10);
      ++dripping;
      for (std::size_t at = 0; at < request.size() && !stop.load(); ++at) {
        if (!c.send_raw(request.substr(at, 1))) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  while (dripping.load() < 8) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every drip has begun its request
  for (int i = 0; i < 10; ++i) answers_normally(s);
  stop.store(true);
  for (std::thread &t : drips) t.join();
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(slow_drip_is_cut_at_the_transfer_timeout) {
  SandboxProcess s({"--transfer-timeout", "2", "--timeout", "30"});
  std::string request = http_post(path_of(s.endpoint()), sync_lead_request(simple("drip@x.com")));
  Connection c(s.port(), 10);
  Clock::time_point t0 = Clock::now();
  bool cut = false;
  for (std::size_t at = 0; at < request.size() && seconds_since(t0) < 8; ++at) {
    if (!c.send_raw(request.substr(at, 1))) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_TEST((cut || c.closed_by_peer()));
  BOOST_TEST(seconds_since(t0) < 5.0);
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(silent_connections_cost_no_worker_and_expire) {
  SandboxProcess s({"--threads", "2", "--timeout", "2"});
  std::vector<std::unique_ptr<Connection>> silent;
  for (int i = 0; i < 200; ++i) silent.emplace_back(new Connection(s.port(), 10));
  // One that began a request and went quiet, too.
  silent.emplace_back(new Connection(s.port(), 10));
  silent.back()->send_raw(head(s, "Content-Length: 100\r\n") + "<x");
  answers_normally(s);
  Clock::time_point t0 = Clock::now();
  BOOST_TEST(silent.front()->closed_by_peer());
  BOOST_TEST(silent.back()->closed_by_peer());
  BOOST_TEST(seconds_since(t0) < 5.0);
  answers_normally(s);
}

// `n` pipelined GET ?WSDL requests in one string: many large answers for a
// client that then does not read them.
std::string pipelined_wsdl_gets(const SandboxProcess &s, int n) {
  std::string get = "GET " + path_of(s.endpoint()) + "?WSDL HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string burst;
  for (int i = 0; i < n; ++i) burst += get;
  return burst;
}

BOOST_AUTO_TEST_CASE(a_client_that_does_not_read_its_responses_holds_no_worker) {
  SandboxProcess s({"--threads", "1"});
  Connection greedy(s.port(), 10);
  greedy.send_raw(pipelined_wsdl_gets(s, 500));  // and never reads
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  answers_normally(s);
}

// CPU time (user + system, in clock ticks) the process has used so far.
long cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::atol(f.c_str());
    if (i == 15) stime = std::atol(f.c_str());
  }
  return utime + stime;
}

BOOST_AUTO_TEST_CASE(a_half_closed_client_that_does_not_read_costs_no_cpu) {
  SandboxProcess s({"--threads", "1"});
  Connection greedy(s.port(), 10);
  greedy.send_raw(pipelined_wsdl_gets(s, 500));
  greedy.shutdown_write();  // and never reads: its answers wait for room
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  long before = cpu_ticks(s.pid());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  long used = cpu_ticks(s.pid()) - before;
  // A worker spinning on the connection would use about a second of CPU.
  BOOST_TEST(used < sysconf(_SC_CLK_TCK) / 4, used << " ticks in one second");
  answers_normally(s);
}

BOOST_AUTO_TEST_CASE(past_the_connection_limit_503_and_the_server_recovers) {
  SandboxProcess s({"--max-connections", "4"});
  std::vector<std::unique_ptr<Connection>> open;
  for (int i = 0; i < 4; ++i) open.emplace_back(new Connection(s.port(), 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all four accepted
  Connection extra(s.port(), 10);
  HttpResponse r = extra.read_response();
  BOOST_TEST(r.status == 503);
  open.clear();
  // Once they have gone, calls are served again.
  int status = 0;
  for (int i = 0; i < 40 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = post(s, sync_lead_request(simple("after@x.com"))).status;
  }
  BOOST_TEST(status == 200);
}

BOOST_AUTO_TEST_CASE(past_the_buffered_bytes_limit_503) {
  SandboxProcess s({"--max-buffered", "65536", "--max-body", "1048576"});
  std::string big = sync_lead_request(with_first_name("buffered@x.com", std::string(200000, 'b')));
  Connection c(s.port(), 10);
  HttpResponse r = c.post(path_of(s.endpoint()), big, action("syncLead"));
  BOOST_TEST(r.status == 503);
  BOOST_TEST(c.closed_by_peer());
  answers_normally(s);
}
