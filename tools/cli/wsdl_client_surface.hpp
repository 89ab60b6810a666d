// wsdl_client_surface.hpp: the part of a mktows WSDL that mktows::Client's
// calls depend on, for `mktows wsdl-diff`.
//
// This mirrors include/mktows/client.hpp (its detail::k*Action constants,
// the generated message wrappers __mktows__syncLead & co. and the request
// and response elements they carry, and the two SOAP headers it writes).
// wsdl-diff reads WSDL files and must not depend on the bindings generated
// from one of them, so it cannot take these from the generated code; the
// test wsdl_client_surface_test compiles against client.hpp and fails when
// the two lists part.
#pragma once

namespace mktows_cli {
namespace wsdl {

struct ClientOperation {
  const char *name;
  const char *soap_action;
  const char *input_element;   // in the target namespace
  const char *output_element;
};

constexpr ClientOperation kClientOperations[] = {
    {"syncLead", "http://www.marketo.com/mktows/syncLead", "paramsSyncLead", "successSyncLead"},
    {"syncMultipleLeads", "http://www.marketo.com/mktows/syncMultipleLeads", "paramsSyncMultipleLeads",
     "successSyncMultipleLeads"},
    {"getLead", "http://www.marketo.com/mktows/getLead", "paramsGetLead", "successGetLead"},
};

// Sent on every call; a client operation whose input does not declare it
// cannot authenticate.
constexpr const char kClientAuthenticationHeader[] = "AuthenticationHeader";
// Sent where the binding declares it (the generated code says where).
constexpr const char kClientContextHeader[] = "MktowsContextHeader";

}  // namespace wsdl
}  // namespace mktows_cli
