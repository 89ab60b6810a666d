// wire.hpp: the one place hand-written code reaches the generated bindings.
//
// The bindings are generated into a C++ namespace of their own (soapcpp2 -q,
// see cmake/MktowsBindings.cmake), so that they link beside an application's
// own gSOAP code. Everything of ours names the generated types, serializers,
// the proxy and the service class through mktows::wire, whatever namespace
// the build chose:
//
//   mktows::wire::MktowsApiSoapBindingProxy proxy(endpoint);
//   mktows::wire::mktows__ParamsSyncLead params;
//   mktows::wire::soap_new_mktows__LeadRecord(proxy.soap);
//
// The `mktows__` in those names is the prefix our typemap pins for the
// mktows namespace URI, the same for every mktows WSDL.
#ifndef MKTOWS_WIRE_HPP
#define MKTOWS_WIRE_HPP

#include "mktows_bindings.h"

namespace mktows {
namespace wire = ::MKTOWS_GSOAP_NAMESPACE;
}  // namespace mktows

#endif  // MKTOWS_WIRE_HPP
