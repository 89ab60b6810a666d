// seed_roundtrip: the seed's syncLead exchange through the generated bindings.
// Writes the seed's request (George of the Jungle) as the generated proxy
// sends it, then reads the seed's response and prints its typed fields.
//   seed_roundtrip <seed-synclead-response.xml>
#include "mktows/wire.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: seed_roundtrip <seed-synclead-response.xml>\n";
    return 2;
  }
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  struct soap *soap = proxy.soap;
  soap_set_omode(soap, SOAP_XML_INDENT);

  mktows::wire::mktows__ParamsSyncLead *params = mktows::wire::soap_new_mktows__ParamsSyncLead(soap);
  params->leadRecord = mktows::wire::soap_new_mktows__LeadRecord(soap);
  params->leadRecord->Email = mktows::wire::soap_new_std__string(soap);
  *params->leadRecord->Email = "t@t.com";
  params->leadRecord->leadAttributeList = mktows::wire::soap_new_mktows__ArrayOfAttribute(soap);
  const char *attrs[][2] = {{"FirstName", "George"}, {"LastName", "of the Jungle"}};
  for (auto &a : attrs) {
    mktows::wire::mktows__Attribute *attr = mktows::wire::soap_new_mktows__Attribute(soap);
    attr->attrName = a[0];
    attr->attrValue = a[1];
    params->leadRecord->leadAttributeList->attribute.push_back(attr);
  }
  params->returnLead = false;
  std::cout << "request body as the generated proxy writes it:\n";
  soap->os = &std::cout;  // an empty endpoint and soap->os: write, don't connect
  if (proxy.send_syncLead("", nullptr, params) != SOAP_OK) {
    proxy.soap_stream_fault(std::cerr);
    return 1;
  }
  soap->os = nullptr;

  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "seed_roundtrip: cannot open " << argv[1] << "\n";
    return 1;
  }
  soap->is = &in;
  mktows::wire::mktows__SuccessSyncLead response;
  if (proxy.recv_syncLead(response) != SOAP_OK) {
    proxy.soap_stream_fault(std::cerr);
    return 1;
  }
  const mktows::wire::mktows__ResultSyncLead &r = *response.result;
  static const char *status[] = {"CREATED", "UPDATED", "FAILED"};
  std::cout << "\n\nresponse read through the generated types:\n"
            << "  leadId            " << r.leadId << "\n"
            << "  syncStatus.status " << status[r.syncStatus->status] << "\n"
            << "  syncStatus.error  " << (r.syncStatus->error ? *r.syncStatus->error : "(nil)") << "\n"
            << "  leadRecord        " << (r.leadRecord ? "present" : "(nil)") << "\n";
  return 0;
}
