// fault_codes.hpp: Marketo's mktows fault codes, each with its name and the
// vendor's fixed message (the fault table of the service's documentation).
// The one list of them: the client's retry rule (error.hpp), the sandbox's
// faults and the bridge's REST mapping all take codes, names and messages
// from here. gSOAP-free, C++11, part of mktows::core.
#ifndef MKTOWS_FAULT_CODES_HPP
#define MKTOWS_FAULT_CODES_HPP

#include <cstddef>
#include <string>

// X(name, code, message), one row per code in the vendor's order; the
// constants and the table below are both made from it, so a code cannot be
// added to one and not the other.
#define MKTOWS_FAULT_CODES(X)                                                          \
  X(internal_error, 10001, "Internal Error")                  /* severe system failure */ \
  X(api_failure, 20011, "Internal Error")                     /* API service failure */   \
  X(request_not_understood, 20012, "Request Not Understood")  /* unexpected SOAP message */ \
  X(access_denied, 20013, "Access Denied")                    /* client blocked from the API */ \
  X(authentication_failed, 20014, "Authentication failed")    /* invalid credentials */   \
  X(request_limit_exceeded, 20015, "Request Limit Exceeded")  /* daily quota used up */   \
  X(request_expired, 20016, "Request Expired")                /* re-sign and retry */     \
  X(invalid_request, 20017, "Invalid Request")                /* expected parameter missing */ \
  X(unsupported_operation, 20019, "Unsupported Operation")    /* not in the WSDL */       \
  X(rate_limit_exceeded, 20023, "Rate Limit Exceeded")        /* limits.hpp: kCallsPerWindow */ \
  X(concurrency_limit_exceeded, 20024, "Concurrency Limit Exceeded") /* kMaxConcurrent */ \
  X(lead_key_required, 20101, "Lead Key Required")            /* no lead key given */     \
  X(lead_key_bad, 20102, "Lead Key Bad")                      /* key type not valid */    \
  X(lead_not_found, 20103, "Lead Not Found")                  /* key matched no lead */   \
  X(lead_detail_required, 20104, "Lead Detail Required")      /* LeadRecord missing */    \
  X(lead_attribute_bad, 20105, "Lead Attribute Bad")          /* attribute with a bad name */ \
  X(lead_sync_failed, 20106, "Lead Sync Failed")              /* not created or updated */ \
  X(parameter_required, 20109, "Parameter Required")          /* parameter null or missing */ \
  X(bad_parameter, 20110, "Bad Parameter")                    /* e.g. more than kMaxBatch records */ \
  X(list_not_found, 20111, "List Not Found")                  /* no static list has the key */

namespace mktows {

// mktows::fault_code::authentication_failed == 20014, and so on.
namespace fault_code {
#define MKTOWS_FAULT_CODE_CONSTANT(name, code, message) static const int name = code;
MKTOWS_FAULT_CODES(MKTOWS_FAULT_CODE_CONSTANT)
#undef MKTOWS_FAULT_CODE_CONSTANT
}  // namespace fault_code

struct FaultCodeInfo {
  int code;
  const char *name;     // "authentication_failed": the constant's name
  const char *message;  // "Authentication failed": the vendor's fixed text
};

// The whole table, in the vendor's order, for range-for.
struct FaultCodeTable {
  const FaultCodeInfo *first;
  std::size_t size;
  const FaultCodeInfo *begin() const { return first; }
  const FaultCodeInfo *end() const { return first + size; }
};

inline FaultCodeTable fault_codes() {
#define MKTOWS_FAULT_CODE_ROW(name, code, message) {code, #name, message},
  static const FaultCodeInfo table[] = {MKTOWS_FAULT_CODES(MKTOWS_FAULT_CODE_ROW)};
#undef MKTOWS_FAULT_CODE_ROW
  FaultCodeTable t = {table, sizeof table / sizeof table[0]};
  return t;
}

// The row of `code`, or null for a code the table does not have.
inline const FaultCodeInfo *find_fault_code(int code) {
  FaultCodeTable t = fault_codes();
  for (const FaultCodeInfo *i = t.begin(); i != t.end(); ++i)
    if (i->code == code) return i;
  return nullptr;
}

// The vendor's message ("Authentication failed"); "" for an unknown code.
inline const char *fault_message(int code) {
  const FaultCodeInfo *i = find_fault_code(code);
  return i ? i->message : "";
}

// The constant's name ("authentication_failed"); "" for an unknown code.
inline const char *fault_name(int code) {
  const FaultCodeInfo *i = find_fault_code(code);
  return i ? i->name : "";
}

// "20014 - Authentication failed": the service's faultstring, also the text
// of a failed record in syncMultipleLeads' syncStatus/error.
inline std::string fault_string(int code) { return std::to_string(code) + " - " + fault_message(code); }

}  // namespace mktows

#endif  // MKTOWS_FAULT_CODES_HPP
