// Bindings a user generated with mktows_generate_bindings, into a namespace
// of their choice: they link and run.
#include "mktows_bindings.h"

#include <iostream>

int main() {
  own_mktows::MktowsApiSoapBindingProxy proxy;
  own_mktows::mktows__ParamsSyncLead *p = own_mktows::soap_new_mktows__ParamsSyncLead(proxy.soap);
  p->returnLead = true;
  std::cout << "own bindings: ok\n";
  return p->returnLead ? 0 : 1;
}
