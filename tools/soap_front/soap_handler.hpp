// soap_handler.hpp: the front end's gSOAP service: one POST to the endpoint
// in, the answer or the vendor's fault out. One handler per worker thread,
// bound to that worker's own struct soap; the server attaches one
// connection at a time to it.
//
// Before the operation's parameters are parsed, its row of the operation
// table (mktows/operations.hpp) is found from the body's element: the
// SOAPAction is checked against it, and an operation whose domain the
// server's backends do not serve answers 20019 there. The operations a
// backend serves are then parsed and answered by gSOAP's generated dispatch
// into the overrides below, one file per domain (leads_operations.cpp), each
// converting the wire types to the domain's and back.
//
// Adding an operation: its row in mktows/operations.hpp, its method in its
// domain's backend interface, and its override here and in its domain's
// file.
#pragma once

#include "auth.hpp"
#include "call_record.hpp"
#include "http_message.hpp"
#include "backends.hpp"
#include "http_routes.hpp"
#include "limiter.hpp"
#include "service_error.hpp"
#include "wsdl_document.hpp"

#include "mktows/wire.hpp"
#include MKTOWS_GSOAP_SERVICE_HEADER

#include <string>

namespace mktows_front {

namespace wire = mktows::wire;

// What every worker shares. The backends and Limiter synchronise themselves.
struct HandlerContext {
  const char *program = "mktows-server";  // begins every log line
  Backends backends;
  Limiter *limiter = nullptr;
  const WsdlDocument *wsdl = nullptr;  // served on ?WSDL
  std::string base_url;  // http://127.0.0.1:PORT, the address ?WSDL points at
  unsigned long long max_body = ServingLimits().max_body_bytes;  // the server sets its own
  bool verbose = false;
  HttpRoutes *routes = nullptr;  // served before the SOAP endpoint when set
  CallObserver *observer = nullptr;  // told of every SOAP call when it ends (the bridge's metrics)
};

// Serves SOAP requests that the serving loop has collected whole: gSOAP
// reads the body from memory and writes the envelope to memory (plain XML,
// no HTTP: the loop frames both), so parsing never waits for a client and
// the message ends exactly where the HTTP framing says.
class SoapHandler : public wire::MktowsApiSoapBindingService {
 public:
  // Configures `soap` for in-memory use (modes, XML bounds, I/O hooks).
  SoapHandler(struct soap *soap, const HandlerContext &context, const Authenticator &auth);

  // One POST to the service endpoint: its SOAP answer (200, or 500 with a
  // fault of the vendor's shape). `soap_action` is the SOAPAction header
  // as sent (null when absent). `in_flight` counts the call for the
  // concurrency limit from the moment its head was read (null: from now).
  HttpResponse serve_post(const std::string &body, const std::string *soap_action,
                          Limiter::InFlight *in_flight = nullptr);

  // Ends a request. gSOAP's soap_end clears two hash tables (about 40k
  // instructions) whatever the message, so the memory of clean calls is
  // freed in batches: every kBatchCalls calls or kBatchBytes received,
  // and at once after a fault or an error.
  void end_request(bool clean);
  // Frees whatever end_request kept (an idle or exiting worker).
  void release();
  static const int kBatchCalls = 64;
  static const unsigned long kBatchBytes = 1UL << 20;

  // The operations the overrides below answer, one entry per override: the
  // front end refuses every other operation of the table with 20019 before
  // parsing it, whether or not the WSDL the build used declares it.
  static constexpr mktows::Operation kAnswered[] = {
      mktows::Operation::sync_lead, mktows::Operation::sync_multiple_leads, mktows::Operation::get_lead,
      mktows::Operation::get_multiple_leads, mktows::Operation::merge_leads,
      mktows::Operation::get_campaigns_for_source, mktows::Operation::request_campaign,
      mktows::Operation::schedule_campaign, mktows::Operation::get_lead_activity, mktows::Operation::get_lead_changes,
      mktows::Operation::list_operation, mktows::Operation::import_to_list,
      mktows::Operation::get_import_to_list_status, mktows::Operation::list_mobjects,
      mktows::Operation::describe_mobject, mktows::Operation::get_mobjects, mktows::Operation::sync_mobjects,
      mktows::Operation::delete_mobjects, mktows::Operation::sync_custom_objects,
      mktows::Operation::get_custom_objects, mktows::Operation::delete_custom_objects,
      mktows::Operation::get_channels, mktows::Operation::get_tags};
  static bool answers(mktows::Operation op);

  // The leads domain (leads_operations.cpp).
  int syncLead(wire::mktows__ParamsSyncLead *params, wire::mktows__SuccessSyncLead &response) override;
  int syncMultipleLeads(wire::mktows__ParamsSyncMultipleLeads *params,
                        wire::mktows__SuccessSyncMultipleLeads &response) override;
  int getLead(wire::mktows__ParamsGetLead *params, wire::mktows__SuccessGetLead &response) override;
  int getMultipleLeads(wire::mktows__ParamsGetMultipleLeads *params,
                       wire::mktows__SuccessGetMultipleLeads &response) override;
  int mergeLeads(wire::mktows__ParamsMergeLeads *params, wire::mktows__SuccessMergeLeads &response) override;

  // The campaigns domain (campaigns_operations.cpp).
  int getCampaignsForSource(wire::mktows__ParamsGetCampaignsForSource *params,
                            wire::mktows__SuccessGetCampaignsForSource &response) override;
  int requestCampaign(wire::mktows__ParamsRequestCampaign *params,
                      wire::mktows__SuccessRequestCampaign &response) override;
  int scheduleCampaign(wire::mktows__ParamsScheduleCampaign *params,
                       wire::mktows__SuccessScheduleCampaign &response) override;

  // The activity domain (activity_operations.cpp).
  int getLeadActivity(wire::mktows__ParamsGetLeadActivity *params,
                      wire::mktows__SuccessGetLeadActivity &response) override;
  int getLeadChanges(wire::mktows__ParamsGetLeadChanges *params,
                     wire::mktows__SuccessGetLeadChanges &response) override;

  // The lists domain (lists_operations.cpp).
  int listOperation(wire::mktows__ParamsListOperation *params, wire::mktows__SuccessListOperation &response) override;
  int importToList(wire::mktows__ParamsImportToList *params, wire::mktows__SuccessImportToList &response) override;
  int getImportToListStatus(wire::mktows__ParamsGetImportToListStatus *params,
                            wire::mktows__SuccessGetImportToListStatus &response) override;

  // The custom objects domain (custom_objects_operations.cpp).
  int syncCustomObjects(wire::mktows__ParamsSyncCustomObjects *params,
                        wire::mktows__SuccessSyncCustomObjects &response) override;
  int getCustomObjects(wire::mktows__ParamsGetCustomObjects *params,
                       wire::mktows__SuccessGetCustomObjects &response) override;
  int deleteCustomObjects(wire::mktows__ParamsDeleteCustomObjects *params,
                          wire::mktows__SuccessDeleteCustomObjects &response) override;

  // The tags domain (tags_operations.cpp).
  int getChannels(wire::mktows__ParamsGetChannels *params, wire::mktows__SuccessGetChannels &response) override;
  int getTags(wire::mktows__ParamsGetTags *params, wire::mktows__SuccessGetTags &response) override;

  // The objects domain (objects_operations.cpp).
  int listMObjects(wire::mktows__ParamsListMObjects *params, wire::mktows__SuccessListMObjects &response) override;
  int describeMObject(wire::mktows__ParamsDescribeMObject *params,
                      wire::mktows__SuccessDescribeMObject &response) override;
  int getMObjects(wire::mktows__ParamsGetMObjects *params, wire::mktows__SuccessGetMObjects &response) override;
  int syncMObjects(wire::mktows__ParamsSyncMObjects *params, wire::mktows__SuccessSyncMObjects &response) override;
  int deleteMObjects(wire::mktows__ParamsDeleteMObjects *params,
                     wire::mktows__SuccessDeleteMObjects &response) override;

  // Sets soap->fault to the vendor's fault for `code` and logs it (with
  // --verbose); returns SOAP_FAULT. `tell_caller`: `why` goes into the
  // detail's message too (ServiceError::told).
  int fault(int code, const std::string &why, bool tell_caller = false);

 private:
  // True when the call was answered normally; the envelope is in out_.
  bool serve_one(const std::string *soap_action, Limiter::InFlight *in_flight);
  // Reads the request's <SOAP-ENV:Header>, when it has one, into
  // auth_header_ and context_header_.
  int read_headers();
  void authenticate();
  int respond();  // the call succeeded: release its slot, write nil members
  // Runs one operation's body: a ServiceError becomes its fault, any other
  // exception 20011's; otherwise respond().
  template <class Body>
  int answer(Body &&body) {
    try {
      body();
    } catch (const ServiceError &e) {
      return fault(e.code(), e.what(), e.tell_caller());
    } catch (const std::exception &e) {
      return fault(fault_code::internal_error, e.what());
    }
    return respond();
  }
  static size_t read_body(struct soap *soap, char *buf, size_t len);
  static int write_out(struct soap *soap, const char *data, size_t len);

  wire::mktows__LeadRecord *to_record(const Lead &lead);
  LeadInput to_input(const wire::mktows__LeadRecord &record);
  ActivityTypeFilterData to_filter(const wire::mktows__ActivityTypeFilter *filter);
  wire::mktows__StreamPosition *to_position(const StreamPositionData &position);

  const HandlerContext &context_;
  Authenticator auth_;
  Limiter::InFlight *in_flight_ = nullptr;  // the call being served
  // For the log: the operation being served (null: not known yet) and the
  // lead key type it names, if any (never a key's value).
  const mktows::OperationInfo *operation_ = nullptr;
  std::string key_type_;
  // The request's headers, in the context's memory (null: not sent).
  wire::mktows__AuthenticationHeaderInfo *auth_header_ = nullptr;
  wire::mktows__MktowsContextHeaderInfo *context_header_ = nullptr;
  bool has_workspace_ = false;
  std::string workspace_;
  CallRecord *call_ = nullptr;         // the call being served (its log lines, metrics)
  const std::string *body_ = nullptr;  // the request being parsed
  std::size_t body_read_ = 0;
  std::string out_;                    // the envelope being written
  int kept_calls_ = 0;               // clean calls whose memory is still held
  unsigned long kept_bytes_ = 0;     // bytes received since the last release
};

}  // namespace mktows_front
