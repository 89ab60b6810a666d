// service_error.hpp: the exception that carries one of the service's fault
// codes from a backend to the SOAP front end, which writes it as the
// vendor's fault.
#pragma once

#include <mktows/fault_codes.hpp>

#include <stdexcept>
#include <string>

namespace mktows_front {

// The codes, names and messages are the client's (mktows/fault_codes.hpp),
// so the servers and the client cannot disagree on what a code means.
namespace fault_code = mktows::fault_code;

// A refused call. `why` goes to the verbose log only, unless the thrower
// marks it as meant for the caller (ServiceError::told): then it is also in
// the faultstring and the detail's message ("20102 - Lead Key Bad: keyType
// LEADOWNEREMAIL has no REST filterType equivalent"), for
// reasons a client can act on that the code alone does not give.
class ServiceError : public std::runtime_error {
 public:
  ServiceError(int code, const std::string &why) : std::runtime_error(why), code_(code), told_(false) {}
  static ServiceError told(int code, const std::string &why) {
    ServiceError e(code, why);
    e.told_ = true;
    return e;
  }
  int code() const { return code_; }
  bool tell_caller() const { return told_; }

 private:
  int code_;
  bool told_;
};

}  // namespace mktows_front
