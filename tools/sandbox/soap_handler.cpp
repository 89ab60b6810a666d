// soap_handler.cpp: request loop, faults, ?WSDL and the three lead calls.
#include "soap_handler.hpp"

#include "fault_codes.hpp"
#include "xml_guard.hpp"

#include <mktows/limits.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <strings.h>
#include <ctime>

namespace mktows_sandbox {

namespace {

const char kNamespace[] = "http://www.marketo.com/mktows/";

// `text` as XML character data.
std::string xml_text(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

}  // namespace

SoapHandler::SoapHandler(struct soap *soap, const HandlerContext &context, const Authenticator &auth)
    : wire::MktowsApiSoapBindingService(soap), context_(context), auth_(auth) {
  soap->user = this;
  // Plain XML both ways: the serving loop has read the HTTP head and
  // writes the response's; gSOAP sees only the body. Output is buffered
  // (one write per 64 KiB) and, being plain, serialised once: gSOAP's
  // counting pass is for a Content-Length it no longer writes.
  soap_set_imode(soap, SOAP_XML_STRICT | SOAP_ENC_PLAIN);
  soap_set_omode(soap, SOAP_ENC_PLAIN | SOAP_IO_BUFFER);
  soap->socket = SOAP_INVALID_SOCKET;
  soap->keep_alive = 0;
  soap->fpoll = nullptr;  // nothing to poll: the peer is the serving loop
  soap->frecv = &SoapHandler::read_body;
  soap->fsend = &SoapHandler::write_out;
  soap->recv_maxlength = context.max_body;
  soap->maxlevel = kMaxXmlDepth;
  soap->maxoccurs = 100000;
  out_.reserve(4096);
}

size_t SoapHandler::read_body(struct soap *soap, char *buf, size_t len) {
  SoapHandler *self = static_cast<SoapHandler *>(soap->user);
  if (!self->body_) return 0;
  std::size_t n = self->body_->size() - self->body_read_;
  if (n > len) n = len;
  std::memcpy(buf, self->body_->data() + self->body_read_, n);
  self->body_read_ += n;
  return n;  // 0: the body ended where its framing said
}

int SoapHandler::write_out(struct soap *soap, const char *data, size_t len) {
  static_cast<SoapHandler *>(soap->user)->out_.append(data, len);
  return SOAP_OK;
}

int SoapHandler::fault(int code, const std::string &why, bool tell_caller) {
  if (context_.verbose) std::fprintf(stderr, "mktows-sandbox: fault %d (%s)\n", code, why.c_str());
  if (in_flight_) in_flight_->release();
  // xsi:nil is for the lead types only; a fault has no nil members.
  soap_clr_omode(soap, SOAP_XML_NIL);
  // The vendor's shape, whatever WSDL the bindings came from: the detail
  // is written as XML text through the runtime's accessors, because the
  // SOAP_ENV types are not ours to fill (cmake/MktowsBindings.cmake). The
  // messages come from mktows/fault_codes.hpp and hold no markup characters; a
  // reason told to the caller is escaped.
  soap_fault(soap);
  *soap_faultcode(soap) = "SOAP-ENV:Client";
  std::string told = tell_caller && !why.empty() ? ": " + why : std::string();
  *soap_faultstring(soap) = soap_strdup(soap, (mktows::fault_string(code) + told).c_str());
  std::string message = mktows::fault_message(code) + xml_text(told);
  std::string detail = std::string("<ns1:serviceException xmlns:ns1=\"") + kNamespace +
                       "\"><name>mktServiceException</name><message>" + message + " (" +
                       std::to_string(code) + ")</message><code>" + std::to_string(code) +
                       "</code></ns1:serviceException>";
  *soap_faultdetail(soap) = soap_strdup(soap, detail.c_str());
  return soap->error = SOAP_FAULT;
}

// Our headers are not members of SOAP_ENV__Header (that type is left to the
// program, see cmake/MktowsBindings.cmake), so they are read here with the
// generated serializers of their types, as gSOAP's own soap_getheader reads
// members. Other headers are skipped; one marked mustUnderstand is refused
// (soap_ignore_element), as SOAP 1.1 requires.
int SoapHandler::read_headers() {
  auth_header_ = nullptr;
  context_header_ = nullptr;
  if (soap_element_begin_in(soap, "SOAP-ENV:Header", 0, nullptr)) {
    if (soap->error == SOAP_TAG_MISMATCH || soap->error == SOAP_NO_TAG) return soap->error = SOAP_OK;  // none
    return soap->error;
  }
  if (!soap->body) return SOAP_OK;  // <SOAP-ENV:Header/>
  soap->part = SOAP_IN_HEADER;
  for (;;) {
    soap->error = SOAP_TAG_MISMATCH;
    if (!auth_header_ &&
        (auth_header_ = wire::soap_in_mktows__AuthenticationHeaderInfo(soap, "mktows:AuthenticationHeader", nullptr, "")))
      continue;
    if (!context_header_ && soap->error == SOAP_TAG_MISMATCH &&
        (context_header_ = wire::soap_in_mktows__MktowsContextHeaderInfo(soap, "mktows:MktowsContextHeader", nullptr, "")))
      continue;
    if (soap->error == SOAP_TAG_MISMATCH) soap->error = wire::soap_ignore_element(soap);
    if (soap->error == SOAP_NO_TAG) break;
    if (soap->error) return soap->error;
  }
  soap->part = SOAP_END_HEADER;
  return soap_element_end_in(soap, "SOAP-ENV:Header");
}

void SoapHandler::authenticate() {
  if (!auth_header_) throw ServiceError(fault_code::authentication_failed, "no AuthenticationHeader");
  const wire::mktows__AuthenticationHeaderInfo &a = *auth_header_;
  auth_.verify(a.mktowsUserId, a.requestTimestamp, a.requestSignature, std::time(nullptr));
  if (context_header_) {
    has_workspace_ = true;
    workspace_ = context_header_->targetWorkspace;
  }
}

HttpResponse SoapHandler::serve_post(const std::string &body, const std::string *soap_action,
                                     Limiter::InFlight *in_flight) {
  body_ = &body;
  body_read_ = 0;
  out_.clear();
  kept_bytes_ += body.size();
  bool clean;
  if (in_flight) {
    clean = serve_one(soap_action, in_flight);
  } else {
    Limiter::InFlight own(*context_.limiter);
    clean = serve_one(soap_action, &own);
  }
  body_ = nullptr;
  HttpResponse r;
  // A fault is HTTP 500 (SOAP 1.1 over HTTP); everything else is 200.
  r.status = clean ? 200 : 500;
  r.content_type = "text/xml; charset=utf-8";
  r.body.swap(out_);
  end_request(clean);
  return r;
}

void SoapHandler::end_request(bool clean) {
  if (clean && ++kept_calls_ < kBatchCalls && kept_bytes_ < kBatchBytes) return;
  release();
}

void SoapHandler::release() {
  soap_destroy(soap);
  soap_end(soap);
  kept_calls_ = 0;
  kept_bytes_ = 0;
}

bool SoapHandler::serve_one(const std::string *soap_action, Limiter::InFlight *in_flight) {
  soap_clr_omode(soap, SOAP_XML_NIL);
  has_workspace_ = false;
  workspace_.clear();
  // What soap_begin would reset that soap_begin_recv does not. soap_begin
  // itself is not called: its soap_free_temp (clearing a 4096-slot pointer
  // table and a 1999-slot id table, ~47k instructions) is repeated by
  // soap_begin_recv anyway.
  soap->encoding = 0;
  soap->encodingStyle = "";
  soap->keep_alive = 0;  // gSOAP starts each message from an empty buffer

  in_flight_ = in_flight;
  struct Forget {
    Limiter::InFlight *&p;
    ~Forget() { p = nullptr; }
  } forget{in_flight_};
  int code = 0;
  std::string why;
  // What gSOAP would let through but a strict XML parser refuses (and what
  // gSOAP would interpret before the XML: gzip, MIME, DIME).
  if (const char *refused = xml_refusal(*body_)) {
    code = fault_code::request_not_understood;
    why = refused;
  }
  if (!code && (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || read_headers() ||
                soap_body_begin_in(soap))) {
    code = fault_code::request_not_understood;
    why = "not a SOAP envelope (gSOAP error " + std::to_string(soap->error) + ")";
  }
  if (!code) {
    try {
      authenticate();
      auto now = std::chrono::system_clock::now();
      long long day = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
      context_.limiter->admit(std::chrono::steady_clock::now(), day);
    } catch (const ServiceError &e) {
      code = e.code();
      why = e.what();
    }
  }
  if (!code) {
    if (soap_peek_element(soap)) {
      code = fault_code::request_not_understood;
      why = "no operation element in the body";
    }
  }
  if (!code && soap_action) {
    // A SOAPAction, when sent, must name the body's operation. Quotes
    // around it are optional on the wire (RFC 2616 quoted-string).
    std::string sent = *soap_action;
    if (sent.size() >= 2 && sent.front() == '"' && sent.back() == '"') sent = sent.substr(1, sent.size() - 2);
    const char *colon = std::strchr(soap->tag, ':');
    std::string local = colon ? colon + 1 : soap->tag;
    if (!sent.empty() && local.size() > 6 && local.compare(0, 6, "params") == 0) {
      std::string op = local.substr(6);
      op[0] = static_cast<char>(op[0] >= 'A' && op[0] <= 'Z' ? op[0] - 'A' + 'a' : op[0]);
      if (sent != kNamespace + op) {
        code = fault_code::request_not_understood;
        why = "SOAPAction does not match the operation";
      }
    }
  }
  if (!code) {
    if (dispatch(soap) == SOAP_OK) return true;
    int e = soap->error;
    if (e == SOAP_FAULT) {
      // The operation refused the call (fault() has filled soap->fault);
      // anything it had begun to write is dropped.
      out_.clear();
      soap_send_fault(soap);
      return false;
    }
    // Strict parsing reports a missing required element (returnLead,
    // attrName, attrValue, ...) as SOAP_OCCURS: the table's 20017. The
    // input running out (SOAP_EOF) is a body that ended before its XML.
    code = e == SOAP_NO_METHOD ? fault_code::unsupported_operation : e == SOAP_OCCURS ? fault_code::invalid_request : fault_code::request_not_understood;
    why = "gSOAP error " + std::to_string(e);
  }
  out_.clear();
  fault(code, why);
  soap_send_fault(soap);
  return false;
}

LeadInput SoapHandler::to_input(const wire::mktows__LeadRecord &r) {
  LeadInput in;
  if (r.Id) {
    in.has_id = true;
    in.id = *r.Id;
  }
  if (r.Email) in.email = *r.Email;
  if (r.ForeignSysPersonId) in.foreign_id = *r.ForeignSysPersonId;
  if (r.ForeignSysType) in.foreign_type = wire::soap_mktows__ForeignSysType2s(soap, *r.ForeignSysType);
  if (r.leadAttributeList)
    for (const wire::mktows__Attribute *a : r.leadAttributeList->attribute)
      if (a) in.attributes.push_back(Attribute{a->attrName, a->attrValue});
  return in;
}

wire::mktows__LeadRecord *SoapHandler::to_record(const Lead &lead) {
  wire::mktows__LeadRecord *r = wire::soap_new_mktows__LeadRecord(soap);
  r->Id = wire::soap_new_int(soap);
  *r->Id = lead.id;
  if (!lead.email.empty()) {
    r->Email = wire::soap_new_std__string(soap);
    *r->Email = lead.email;
  }
  if (!lead.foreign_id.empty()) {
    r->ForeignSysPersonId = wire::soap_new_std__string(soap);
    *r->ForeignSysPersonId = lead.foreign_id;
    r->ForeignSysType = static_cast<wire::mktows__ForeignSysType *>(soap_malloc(soap, sizeof(wire::mktows__ForeignSysType)));
    if (wire::soap_s2mktows__ForeignSysType(soap, lead.foreign_type.c_str(), r->ForeignSysType)) r->ForeignSysType = nullptr;
    soap->error = SOAP_OK;
  }
  r->leadAttributeList = wire::soap_new_mktows__ArrayOfAttribute(soap);
  for (const Attribute &a : lead.attributes) {
    wire::mktows__Attribute *out = wire::soap_new_mktows__Attribute(soap);
    out->attrName = a.name;
    out->attrValue = a.value;
    std::string type = context_.leads->attribute_type(a.name);
    if (!type.empty()) {
      out->attrType = wire::soap_new_std__string(soap);
      *out->attrType = type;
    }
    r->leadAttributeList->attribute.push_back(out);
  }
  return r;
}

int SoapHandler::respond() {
  if (in_flight_) in_flight_->release();
  // NULL error / leadRecord / optional fields go out as xsi:nil, as in the
  // seed's response.
  soap_set_omode(soap, SOAP_XML_NIL);
  return SOAP_OK;
}

int SoapHandler::syncLead(wire::mktows__ParamsSyncLead *params, wire::mktows__SuccessSyncLead &response) {
  try {
    if (!params) throw ServiceError(fault_code::invalid_request, "no paramsSyncLead");
    if (!params->leadRecord) throw ServiceError(fault_code::lead_detail_required, "no leadRecord");
    SyncRequest request;
    request.lead = to_input(*params->leadRecord);
    if (params->marketoCookie) request.cookie = *params->marketoCookie;
    request.has_workspace = has_workspace_;
    request.workspace = workspace_;
    request.return_lead = params->returnLead;
    SyncResult r = context_.leads->sync_lead(request);
    wire::mktows__ResultSyncLead *result = wire::soap_new_mktows__ResultSyncLead(soap);
    result->leadId = r.lead_id;
    result->syncStatus = wire::soap_new_mktows__SyncStatus(soap);
    result->syncStatus->leadId = r.lead_id;
    result->syncStatus->status = r.created ? wire::mktows__LeadSyncStatus__CREATED : wire::mktows__LeadSyncStatus__UPDATED;
    result->syncStatus->error = nullptr;
    if (!r.error.empty()) {
      result->syncStatus->status = wire::mktows__LeadSyncStatus__FAILED;
      result->syncStatus->error = wire::soap_new_std__string(soap);
      *result->syncStatus->error = r.error;
    }
    result->leadRecord = params->returnLead && r.error.empty() ? to_record(r.record) : nullptr;
    response.result = result;
  } catch (const ServiceError &e) {
    return fault(e.code(), e.what(), e.tell_caller());
  } catch (const std::exception &e) {
    return fault(fault_code::internal_error, e.what());
  }
  return respond();
}

int SoapHandler::syncMultipleLeads(wire::mktows__ParamsSyncMultipleLeads *params,
                                   wire::mktows__SuccessSyncMultipleLeads &response) {
  try {
    if (!params || !params->leadRecordList) throw ServiceError(fault_code::parameter_required, "no leadRecordList");
    const std::vector<wire::mktows__LeadRecord *> &records = params->leadRecordList->leadRecord;
    // The hosted service refused batches above its limit (mktows/limits.hpp).
    if (records.size() > mktows::kMaxBatch)
      throw ServiceError(fault_code::bad_parameter, "more than " + std::to_string(mktows::kMaxBatch) + " records");
    std::vector<LeadInput> inputs;
    inputs.reserve(records.size());
    std::vector<bool> missing(records.size(), false);
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (records[i]) {
        inputs.push_back(to_input(*records[i]));
      } else {
        missing[i] = true;
        inputs.emplace_back();  // no key at all: fails with 20101
      }
    }
    bool dedup = params->dedupEnabled ? *params->dedupEnabled : true;
    std::vector<BatchResult> out = context_.leads->sync_multiple(inputs, has_workspace_, workspace_, dedup);
    wire::mktows__ResultSyncMultipleLeads *result = wire::soap_new_mktows__ResultSyncMultipleLeads(soap);
    result->syncStatusList = wire::soap_new_mktows__ArrayOfSyncStatus(soap);
    for (std::size_t i = 0; i < out.size(); ++i) {
      wire::mktows__SyncStatus *s = wire::soap_new_mktows__SyncStatus(soap);
      s->leadId = out[i].lead_id;
      if (out[i].error_code) {
        s->status = wire::mktows__LeadSyncStatus__FAILED;
        s->error = wire::soap_new_std__string(soap);
        *s->error = missing[i]                ? mktows::fault_string(fault_code::lead_detail_required)
                    : out[i].error.empty() ? mktows::fault_string(out[i].error_code)
                                           : out[i].error;
      } else {
        s->status = out[i].created ? wire::mktows__LeadSyncStatus__CREATED : wire::mktows__LeadSyncStatus__UPDATED;
        s->error = nullptr;
      }
      result->syncStatusList->syncStatus.push_back(s);
    }
    response.result = result;
  } catch (const ServiceError &e) {
    return fault(e.code(), e.what(), e.tell_caller());
  } catch (const std::exception &e) {
    return fault(fault_code::internal_error, e.what());
  }
  return respond();
}

int SoapHandler::getLead(wire::mktows__ParamsGetLead *params, wire::mktows__SuccessGetLead &response) {
  try {
    if (!params || !params->leadKey) throw ServiceError(fault_code::lead_key_required, "no leadKey");
    const char *type = wire::soap_mktows__LeadKeyRef2s(soap, params->leadKey->keyType);
    std::vector<Lead> leads = context_.leads->get_leads(type ? type : "", params->leadKey->keyValue);
    wire::mktows__ResultGetLead *result = wire::soap_new_mktows__ResultGetLead(soap);
    result->count = static_cast<int>(leads.size());
    result->leadRecordList = wire::soap_new_mktows__ArrayOfLeadRecord(soap);
    for (const Lead &l : leads) result->leadRecordList->leadRecord.push_back(to_record(l));
    response.result = result;
  } catch (const ServiceError &e) {
    return fault(e.code(), e.what(), e.tell_caller());
  } catch (const std::exception &e) {
    return fault(fault_code::internal_error, e.what());
  }
  return respond();
}

}  // namespace mktows_sandbox
