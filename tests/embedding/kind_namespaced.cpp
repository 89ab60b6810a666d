// Kind (c): an application whose own gSOAP bindings are generated into a C++
// namespace of their own (soapcpp2 -q inv_ns), with its own SOAP_ENV parts
// compiled from its env.h as gSOAP documents (its Ticket header lives in
// that global SOAP_ENV__Header), linked before mktows. In one process it
// calls its service (the server checks that the Ticket header arrived)
// before and after syncing the seed's lead through mktows.
#include "envH.h"
#include "inv_nsInventoryBindingProxy.h"
#include "inv_nsInventoryBindingService.h"

#include "loopback_service.hpp"
#include "mktows_checks.hpp"

#include <cstring>

int inv_ns::InventoryBindingService::checkStock(inv_ns::_inv__checkStock *request,
                                                inv_ns::_inv__checkStockResponse &response) {
  if (!soap->header || !soap->header->inv__Ticket || !soap->header->inv__Ticket->token ||
      std::strcmp(soap->header->inv__Ticket->token, "ticket-42") != 0)
    return soap_sender_fault(soap, "no ticket", nullptr);
  response.quantity = request && request->sku == "sku-7" ? 7 : 0;
  return SOAP_OK;
}

namespace {

bool call_inventory() {
  embedding::LoopbackService<inv_ns::InventoryBindingService> server;
  if (!server.started()) return embedding::fail("namespaced", "the inventory service did not start");
  std::string endpoint = server.endpoint();
  inv_ns::InventoryBindingProxy proxy(endpoint.c_str());
  proxy.soap->recv_timeout = proxy.soap->send_timeout = proxy.soap->connect_timeout = 10;
  proxy.soap->header = soap_new_SOAP_ENV__Header(proxy.soap);
  proxy.soap->header->inv__Ticket = soap_new__inv__Ticket(proxy.soap);
  proxy.soap->header->inv__Ticket->token = soap_strdup(proxy.soap, "ticket-42");
  inv_ns::_inv__checkStock request;
  request.sku = "sku-7";
  inv_ns::_inv__checkStockResponse response;
  if (proxy.checkStock(&request, response) != SOAP_OK) {
    proxy.soap_stream_fault(std::cerr);
    return embedding::fail("namespaced", "the inventory call failed");
  }
  return response.quantity == 7 || embedding::fail("namespaced", "wrong quantity");
}

}  // namespace

int main() {
  bool ok = call_inventory() && embedding::check_mktows("namespaced") && call_inventory();
  if (ok) std::printf("namespaced: inventory called before and after, with its Ticket header\n");
  return ok ? 0 : 1;
}
