// Bindings a user generated with mktows_generate_bindings: they link and run.
#include "mktowsMktowsApiSoapBindingProxy.h"

#include <iostream>

int main() {
  MktowsApiSoapBindingProxy proxy;
  mktows__ParamsSyncLead *p = soap_new_mktows__ParamsSyncLead(proxy.soap);
  p->returnLead = true;
  std::cout << "own bindings: ok\n";
  return p->returnLead ? 0 : 1;
}
