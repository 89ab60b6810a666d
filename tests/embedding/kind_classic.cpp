// Kind (b): an application with classic gSOAP bindings of its own for its
// inventory service (soapcpp2 -j, global names: soapC.cpp, its own global
// `namespaces` table and a SOAP_ENV__Header holding its Ticket header), in
// a static library linked after mktows. In one process it calls its
// service (the server checks that the Ticket header arrived) before and
// after syncing the seed's lead through mktows.
#include "soapInventoryBindingProxy.h"
#include "soapInventoryBindingService.h"
#include "InventoryBinding.nsmap"  // the application's global namespaces[]

#include "loopback_service.hpp"
#include "mktows_checks.hpp"

#include <cstring>

// The application's operation: refuses a call without its ticket.
int InventoryBindingService::checkStock(_inv__checkStock *request, _inv__checkStockResponse &response) {
  if (!soap->header || !soap->header->inv__Ticket || soap->header->inv__Ticket->token != "ticket-42")
    return soap_sender_fault(soap, "no ticket", nullptr);
  response.quantity = request && request->sku == "sku-7" ? 7 : 0;
  return SOAP_OK;
}

namespace {

bool call_inventory() {
  embedding::LoopbackService<InventoryBindingService> server;
  if (!server.started()) return embedding::fail("classic", "the inventory service did not start");
  std::string endpoint = server.endpoint();
  InventoryBindingProxy proxy(endpoint.c_str());
  proxy.soap->recv_timeout = proxy.soap->send_timeout = proxy.soap->connect_timeout = 10;
  proxy.soap->header = soap_new_SOAP_ENV__Header(proxy.soap);
  proxy.soap->header->inv__Ticket = soap_new__inv__Ticket(proxy.soap);
  proxy.soap->header->inv__Ticket->token = "ticket-42";
  _inv__checkStock request;
  request.sku = "sku-7";
  _inv__checkStockResponse response;
  if (proxy.checkStock(&request, response) != SOAP_OK) {
    proxy.soap_stream_fault(std::cerr);
    return embedding::fail("classic", "the inventory call failed");
  }
  return response.quantity == 7 || embedding::fail("classic", "wrong quantity");
}

// The global table is still the application's (mktows sets its own on its
// contexts), and a context created the default way gets it.
bool namespaces_are_the_applications() {
  bool has_inv = false;
  for (const Namespace *n = namespaces; n->id; ++n) has_inv = has_inv || std::strcmp(n->id, "inv") == 0;
  struct soap *fresh = soap_new();
  bool fresh_uses_it = fresh->namespaces == namespaces;
  soap_free(fresh);
  return (has_inv && fresh_uses_it) || embedding::fail("classic", "the global namespaces table is not the application's");
}

}  // namespace

int main() {
  bool ok = call_inventory() && embedding::check_mktows("classic") && call_inventory() && namespaces_are_the_applications();
  if (ok) std::printf("classic: inventory called before and after, with its Ticket header\n");
  return ok ? 0 : 1;
}
