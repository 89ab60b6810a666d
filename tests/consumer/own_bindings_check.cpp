// Bindings a user generated with mktows_generate_bindings, each into a
// namespace of their choice: two mktows WSDLs (ours, installed, and a 2_3-like
// one with 23 operations) link into one program and both work.
#include "own_mktowsMktowsApiSoapBindingProxy.h"
#include "vendor23MktowsApiSoapBindingProxy.h"

#include <iostream>

int main() {
  own_mktows::MktowsApiSoapBindingProxy proxy;
  own_mktows::mktows__ParamsSyncLead *p = own_mktows::soap_new_mktows__ParamsSyncLead(proxy.soap);
  p->returnLead = true;
  vendor23::MktowsApiSoapBindingProxy vendor;
  vendor23::mktows__ParamsGetLeadActivity *a = vendor23::soap_new_mktows__ParamsGetLeadActivity(vendor.soap);
  if (!p->returnLead || !a) return 1;
  std::cout << "own bindings: ok\n";
  return 0;
}
