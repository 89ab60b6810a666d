// A user's program: reads a syncLead response through the installed bindings.
#include "mktows/wire.hpp"

#include <iostream>
#include <sstream>

int main() {
  std::istringstream in(
      "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
      " xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body><ns1:successSyncLead><result>"
      "<leadId>7</leadId><syncStatus><leadId>7</leadId><status>CREATED</status></syncStatus>"
      "</result></ns1:successSyncLead></SOAP-ENV:Body></SOAP-ENV:Envelope>");
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  proxy.soap->is = &in;
  mktows::wire::mktows__SuccessSyncLead response;
  if (proxy.recv_syncLead(response) != SOAP_OK || !response.result ||
      response.result->leadId != 7 ||
      response.result->syncStatus->status != mktows::wire::mktows__LeadSyncStatus__CREATED) {
    std::cerr << "consumer: unexpected result\n";
    return 1;
  }
  std::cout << "consumer: leadId " << response.result->leadId << " CREATED\n";
  return 0;
}
