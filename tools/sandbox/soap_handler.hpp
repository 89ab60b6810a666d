// soap_handler.hpp: the sandbox's gSOAP service. One handler per worker
// thread, bound to that worker's own struct soap.
#pragma once

#include "auth.hpp"
#include "lead_service.hpp"
#include "limits.hpp"

#include "mktowsMktowsApiSoapBindingService.h"

#include <string>

namespace mktows_sandbox {

// What every worker shares. LeadService and Limiter synchronise themselves.
struct HandlerContext {
  LeadService *leads = nullptr;
  Limiter *limiter = nullptr;
  std::string base_url;  // http://127.0.0.1:PORT, the address ?WSDL points at
  bool verbose = false;
};

class SoapHandler : public MktowsApiSoapBindingService {
 public:
  SoapHandler(struct soap *soap, const HandlerContext &context, const Authenticator &auth);

  // Serves the requests of one accepted connection (keep-alive), answering
  // every refused request with a fault of the vendor's shape.
  int serve() override;

  int syncLead(mktows__ParamsSyncLead *params, mktows__SuccessSyncLead &response) override;
  int syncMultipleLeads(mktows__ParamsSyncMultipleLeads *params,
                        mktows__SuccessSyncMultipleLeads &response) override;
  int getLead(mktows__ParamsGetLead *params, mktows__SuccessGetLead &response) override;

  // Sets soap->fault to the vendor's fault for `code`; returns SOAP_FAULT.
  int fault(int code, const std::string &why);

 private:
  void serve_one();
  void authenticate();
  void send_http_status(int status);
  void close_connection();
  int respond();  // the call succeeded: release its slot, write nil members
  static int http_get(struct soap *soap);

  mktows__LeadRecord *to_record(const Lead &lead);
  LeadInput to_input(const mktows__LeadRecord &record);

  const HandlerContext &context_;
  Authenticator auth_;
  Limiter::InFlight *in_flight_ = nullptr;  // the call being served
  bool has_workspace_ = false;
  std::string workspace_;
};

}  // namespace mktows_sandbox
