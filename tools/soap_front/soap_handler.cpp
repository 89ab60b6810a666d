// soap_handler.cpp: one SOAP request: the guard, the envelope and headers,
// the signature and limits, the operation's row, dispatch, faults.
#include "soap_handler.hpp"

#include "server_log.hpp"
#include "service_error.hpp"
#include "xml_guard.hpp"

#include <mktows/limits.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <strings.h>
#include <ctime>

namespace mktows_front {

namespace {

// The operation a body element's tag names: "paramsSyncLead" (with any
// prefix) is syncLead; empty when the tag is no "params" element.
std::string operation_name(const char *tag) {
  const char *colon = std::strchr(tag, ':');
  std::string local = colon ? colon + 1 : tag;
  if (local.size() <= 6 || local.compare(0, 6, "params") != 0) return std::string();
  std::string op = local.substr(6);
  op[0] = static_cast<char>(op[0] >= 'A' && op[0] <= 'Z' ? op[0] - 'A' + 'a' : op[0]);
  return op;
}

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

constexpr mktows::Operation SoapHandler::kAnswered[];

bool SoapHandler::answers(mktows::Operation op) {
  for (mktows::Operation a : kAnswered)
    if (a == op) return true;
  return false;
}

int SoapHandler::fault(int code, const std::string &why, bool tell_caller) {
  // The program, the call and the code; the key type where the call names
  // one. `why` is the front end's or a backend's own text, which never holds
  // a secret, a token or an attribute value.
  if (call_) call_->fault_code = code;
  if (context_.verbose)
    log_line(context_.program, std::string(operation_ ? operation_->name : "(no operation)") + " fault " +
                                   std::to_string(code) + (key_type_.empty() ? "" : ", key type ") + key_type_ +
                                   " (" + why + ")");
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
  std::string detail = std::string("<ns1:serviceException xmlns:ns1=\"") + mktows::kMktowsNamespace +
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
  if (call_) call_->user_id = a.mktowsUserId;  // verified: one of the configured ids
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
  CallRecord record;
  CallScope scope(record);
  call_ = &record;
  bool clean;
  if (in_flight) {
    clean = serve_one(soap_action, in_flight);
  } else {
    Limiter::InFlight own(*context_.limiter);
    clean = serve_one(soap_action, &own);
  }
  body_ = nullptr;
  record.operation = operation_ ? operation_->name : nullptr;
  record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - record.started).count();
  if (context_.observer) context_.observer->call_ended(record);
  log_call(context_.program, record, context_.verbose);
  call_ = nullptr;
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
  operation_ = nullptr;
  key_type_.clear();
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
  // The operation's row, before the signature is checked (so that a
  // refused call's log line names it); reading the tag consumes nothing.
  bool has_element = !code && soap_peek_element(soap) == SOAP_OK;
  std::string op_name;
  if (has_element) op_name = operation_name(soap->tag);
  operation_ = op_name.empty() ? nullptr : mktows::find_operation(op_name.data(), op_name.size());
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
  if (!code && !has_element) {
    code = fault_code::request_not_understood;
    why = "no operation element in the body";
  }
  if (!code && soap_action && !op_name.empty()) {
    // A SOAPAction, when sent, must name the body's operation. Quotes
    // around it are optional on the wire (RFC 2616 quoted-string).
    std::string sent = *soap_action;
    if (sent.size() >= 2 && sent.front() == '"' && sent.back() == '"') sent = sent.substr(1, sent.size() - 2);
    if (!sent.empty() && sent != mktows::kMktowsNamespace + op_name) {
      code = fault_code::request_not_understood;
      why = "SOAPAction does not match the operation";
    }
  }
  // The table, not a fall-through, says what is not served: an element that
  // names no operation of 2_2, or one whose domain this server's backends
  // do not serve. (An operation of the table that the WSDL the build used
  // lacks is refused by the generated dispatch, with the same code.)
  if (!code && !operation_) {
    code = fault_code::unsupported_operation;
    why = op_name.empty() ? "the body's element is not an operation's parameters"
                          : op_name + " is not an operation of mktows 2_2";
  }
  if (!code && !answers(operation_->op)) {
    code = fault_code::unsupported_operation;
    why = std::string(operation_->name) + " is not served (no handler in the front end)";
  }
  if (!code && !context_.backends.serves(operation_->domain)) {
    code = fault_code::unsupported_operation;
    why = std::string(context_.program) + " does not serve the " + mktows::to_string(operation_->domain) + " domain";
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
    // A value the ActivityType enumeration lacks, in an activity filter:
    // the sheet's Activity Key Bad, not a message the parser did not understand.
    if (e == SOAP_TYPE && std::strcmp(soap->tag, "activityType") == 0) code = fault_code::activity_key_bad;
  }
  out_.clear();
  fault(code, why);
  soap_send_fault(soap);
  return false;
}

int SoapHandler::respond() {
  if (in_flight_) in_flight_->release();
  // NULL error / leadRecord / optional fields go out as xsi:nil, as in the
  // seed's response.
  soap_set_omode(soap, SOAP_XML_NIL);
  return SOAP_OK;
}

}  // namespace mktows_front
