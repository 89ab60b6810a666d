// sandbox_request_fuzz.cpp: libFuzzer target (b), bytes -> one served
// request of the sandbox, through the code the server runs: the
// RequestCollector frames the bytes, the RequestRouter and SoapHandler
// serve each complete request on an in-memory gSOAP context, the response
// is serialised. The first byte chooses the shape:
//   bit 0 clear: the rest is the raw bytes of a connection (HTTP head and
//                body, perhaps several pipelined requests), fed to the
//                collector in pieces of 1 + (byte >> 1) bytes;
//   bit 0 set:   the rest is the body of a well-formed POST to the SOAP
//                endpoint (SOAPAction: bits 1-2 pick none, syncLead,
//                getLead or syncMultipleLeads).
// The demo user's key signs the corpus requests; the timestamp window is
// wide open, so a signed seed stays valid and mutations reach the calls.
#include "config.hpp"
#include "http_collector.hpp"
#include "lead_service.hpp"
#include "limiter.hpp"
#include "request_router.hpp"
#include "soap_handler.hpp"
#include "wsdl_document.hpp"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

using namespace mktows_sandbox;
using namespace mktows_front;

struct Harness {
  Harness() : config(make_config()), limiter(config.limits), auth(config.users, INT_MAX) {
    limits.max_body_bytes = 1u << 20;
    limits.max_header_bytes = 16u << 10;
    reset_leads();
    context.limiter = &limiter;
    context.wsdl = &wsdl;
    context.base_url = "http://127.0.0.1:8080";
    context.max_body = limits.max_body_bytes;
    soap = soap_new();
    handler.reset(new SoapHandler(soap, context, auth));
    router.reset(new RequestRouter(*handler, context));
  }

  static Config make_config() {
    Config c;
    complete_config(c, nullptr, nullptr);
    return c;
  }

  // A fresh store now and then, so the leads the inputs create do not pile
  // up over millions of runs.
  void reset_leads() {
    leads.reset(new LeadService(config));
    context.backends.leads = leads.get();
  }

  void check(const HttpResponse &r) {
    if (r.status < 100 || r.status > 599) std::abort();
    // A SOAP answer always carries an envelope.
    if (r.content_type.compare(0, 8, "text/xml") == 0 && r.body.empty()) std::abort();
    std::string wire;
    serialize_response(r, true, 30, 10, wire);
    if (wire.size() < r.body.size()) std::abort();
  }

  Config config;
  Limiter limiter;
  Authenticator auth;
  ServingLimits limits;
  const WsdlDocument wsdl{embedded_wsdl(), "the built-in WSDL"};  // served on ?WSDL, as the server does
  HandlerContext context;
  std::unique_ptr<LeadService> leads;
  struct soap *soap = nullptr;
  std::unique_ptr<SoapHandler> handler;
  std::unique_ptr<RequestRouter> router;
  unsigned runs = 0;
};

Harness &harness() {
  static Harness *h = new Harness;  // lives for the process, as a server's state does
  return *h;
}

const char *const kActions[] = {nullptr, "http://www.marketo.com/mktows/syncLead",
                                "http://www.marketo.com/mktows/getLead",
                                "http://www.marketo.com/mktows/syncMultipleLeads"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  Harness &h = harness();
  if (++h.runs % 256 == 0) h.reset_leads();
  const char *rest = reinterpret_cast<const char *>(data + 1);
  std::size_t n = size - 1;
  if (data[0] & 1) {
    HttpRequest request;
    request.method = "POST";
    request.target = "/soap/mktows/2_2";
    request.headers.emplace_back("Content-Type", "text/xml; charset=utf-8");
    if (const char *a = kActions[(data[0] >> 1) & 3]) request.headers.emplace_back("SOAPAction", a);
    request.body.assign(rest, n);
    h.check(h.router->route(request));
    return 0;
  }
  RequestCollector collector(h.limits);
  std::size_t piece = 1 + (data[0] >> 1);
  for (std::size_t at = 0; at < n; at += piece) {
    collector.append(rest + at, piece < n - at ? piece : n - at);
    while (true) {
      RequestCollector::Progress p = collector.advance();
      if (p == RequestCollector::Progress::kRefused) {
        int status = collector.refusal();
        if (status < 400 || status > 599) std::abort();
        return 0;
      }
      if (p == RequestCollector::Progress::kNeedMore) break;
      HttpRequest request = collector.take();
      h.check(h.router->route(request));
    }
  }
  return 0;
}
