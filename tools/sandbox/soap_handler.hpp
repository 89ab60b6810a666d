// soap_handler.hpp: the sandbox's gSOAP service. One handler per worker
// thread, bound to that worker's own struct soap; the server attaches one
// connection at a time to it.
#pragma once

#include "auth.hpp"
#include "lead_backend.hpp"
#include "limits.hpp"
#include "wsdl_document.hpp"

#include "mktows/wire.hpp"
#include MKTOWS_GSOAP_SERVICE_HEADER

#include <string>

namespace mktows_sandbox {

namespace wire = mktows::wire;

class RestFace;

// What every worker shares. The backend and Limiter synchronise themselves.
struct HandlerContext {
  LeadBackend *leads = nullptr;
  Limiter *limiter = nullptr;
  const WsdlDocument *wsdl = nullptr;  // served on ?WSDL
  std::string base_url;  // http://127.0.0.1:PORT, the address ?WSDL points at
  bool verbose = false;
  RestFace *rest = nullptr;  // answers /rest/ and /identity/ when set
};

class SoapHandler : public wire::MktowsApiSoapBindingService {
 public:
  SoapHandler(struct soap *soap, const HandlerContext &context, const Authenticator &auth);

  // Serves the requests of one accepted connection (keep-alive), answering
  // every refused request with a fault of the vendor's shape.
  int serve() override;

  // Serves one request on the connection attached to the context (its
  // socket, TLS session and keep-alive countdown); closes the connection
  // when the request ends it. True when the call was answered normally.
  bool serve_request();
  // Ends a request. gSOAP's soap_end clears two hash tables (about 40k
  // instructions) whatever the message, so the memory of clean calls is
  // freed in batches: every kBatchCalls calls or kBatchBytes received,
  // and at once after a fault or an error.
  void end_request(bool clean);
  // Frees whatever end_request kept (an idle or exiting worker).
  void release();
  static const int kBatchCalls = 64;
  static const unsigned long kBatchBytes = 1UL << 20;

  int syncLead(wire::mktows__ParamsSyncLead *params, wire::mktows__SuccessSyncLead &response) override;
  int syncMultipleLeads(wire::mktows__ParamsSyncMultipleLeads *params,
                        wire::mktows__SuccessSyncMultipleLeads &response) override;
  int getLead(wire::mktows__ParamsGetLead *params, wire::mktows__SuccessGetLead &response) override;

  // Sets soap->fault to the vendor's fault for `code`; returns SOAP_FAULT.
  // `tell_caller`: `why` goes into the detail's message too (ServiceError::told).
  int fault(int code, const std::string &why, bool tell_caller = false);

 private:
  bool serve_one();
  // Reads the request's <SOAP-ENV:Header>, when it has one, into
  // auth_header_ and context_header_.
  int read_headers();
  void authenticate();
  // Both end the connection and return false (the request failed).
  bool send_http_status(int status);
  bool close_connection();
  int respond();  // the call succeeded: release its slot, write nil members
  static int http_get(struct soap *soap);
  static int count_received(struct soap *soap, const char *buf, size_t len);
  static int keep_pipelined(struct soap *soap);
  void restore_pipelined();

  wire::mktows__LeadRecord *to_record(const Lead &lead);
  LeadInput to_input(const wire::mktows__LeadRecord &record);

  const HandlerContext &context_;
  Authenticator auth_;
  Limiter::InFlight *in_flight_ = nullptr;  // the call being served
  // The request's headers, in the context's memory (null: not sent).
  wire::mktows__AuthenticationHeaderInfo *auth_header_ = nullptr;
  wire::mktows__MktowsContextHeaderInfo *context_header_ = nullptr;
  bool has_workspace_ = false;
  std::string workspace_;
  // Bytes of the next pipelined request, saved before the response is
  // written: gSOAP sends through the same buffer it reads into.
  std::string pipelined_;
  int kept_calls_ = 0;               // clean calls whose memory is still held
  unsigned long kept_bytes_ = 0;     // bytes received since the last release
};

}  // namespace mktows_sandbox
