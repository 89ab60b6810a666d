// bindings_wire_test: the generated types against the seed's wire messages.
//
// (a) the seed's syncLead response, byte for byte, deserialises through the
//     generated proxy into leadId 1089965, UPDATED, error nil, no record;
// (b) a ParamsSyncLead built in C++ is written by the generated proxy as a
//     body that libxml2 (not gSOAP) finds equal to the seed's request body;
// (c) a service class overriding one operation links (the bindings define
//     every operation) and the others answer SOAP_NO_METHOD;
// (d) where the binding declares MktowsContextHeader, as generated and as
//     the WSDL says.
#define BOOST_TEST_MODULE bindings_wire
#include <boost/test/unit_test.hpp>

#include "mktows/wire.hpp"
#include MKTOWS_GSOAP_SERVICE_HEADER

#include "support/files.hpp"
#include "support/test_paths.hpp"
#include "support/xml_tree.hpp"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <sstream>
#include <string>

using mktows_test::envelope_part;
using mktows_test::fixture;

BOOST_AUTO_TEST_CASE(seed_response_deserialises_to_typed_result) {
  std::istringstream in(fixture("seed-synclead-response.xml"));
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  proxy.soap->is = &in;  // read the response from the stream, not a socket
  mktows::wire::mktows__SuccessSyncLead response;
  BOOST_REQUIRE_EQUAL(proxy.recv_syncLead(response), SOAP_OK);
  BOOST_REQUIRE(response.result != nullptr);
  BOOST_TEST(response.result->leadId == 1089965);
  BOOST_REQUIRE(response.result->syncStatus != nullptr);
  BOOST_TEST(response.result->syncStatus->leadId == 1089965);
  BOOST_TEST(response.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__UPDATED);
  BOOST_TEST(response.result->syncStatus->error == nullptr);  // xsi:nil
  BOOST_TEST(response.result->leadRecord == nullptr);         // xsi:nil
  proxy.destroy();
}

BOOST_AUTO_TEST_CASE(seed_response_with_a_changed_status_is_read_as_such) {
  // Guards the test above against passing on a default-initialised result.
  std::string xml = fixture("seed-synclead-response.xml");
  xml.replace(xml.find("UPDATED"), 7, "CREATED");
  xml.replace(xml.find("1089965"), 7, "4242");
  std::istringstream in(xml);
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  proxy.soap->is = &in;
  mktows::wire::mktows__SuccessSyncLead response;
  BOOST_REQUIRE_EQUAL(proxy.recv_syncLead(response), SOAP_OK);
  BOOST_TEST(response.result->leadId == 4242);
  BOOST_TEST(response.result->syncStatus->status == mktows::wire::mktows__LeadSyncStatus__CREATED);
}

// The seed's request, in C++: Email t@t.com, FirstName George, LastName
// "of the Jungle", returnLead false.
static std::string write_seed_request(mktows::wire::MktowsApiSoapBindingProxy &proxy) {
  struct soap *soap = proxy.soap;
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

  std::ostringstream out;
  // With soap->os set and an empty endpoint, gSOAP writes the message to the
  // stream instead of connecting anywhere.
  soap->os = &out;
  BOOST_REQUIRE_EQUAL(proxy.send_syncLead("", nullptr, params), SOAP_OK);
  soap->os = nullptr;
  return mktows_test::http_body(out.str());
}

BOOST_AUTO_TEST_CASE(params_sync_lead_serialises_like_the_seed_request_body) {
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  std::string ours = write_seed_request(proxy);
  std::string seed = fixture("seed-synclead-request.xml");

  mktows_test::XmlNode our_body = envelope_part(ours, "Body");
  mktows_test::XmlNode seed_body = envelope_part(seed, "Body");
  BOOST_TEST(our_body.canonical() == seed_body.canonical());

  // Spot checks that do not depend on canonical(): the body element is
  // qualified, its children are not.
  BOOST_REQUIRE_EQUAL(our_body.children.size(), 1u);
  const mktows_test::XmlNode &p = our_body.children[0];
  BOOST_TEST(p.ns == "http://www.marketo.com/mktows/");
  BOOST_TEST(p.name == "paramsSyncLead");
  BOOST_REQUIRE_EQUAL(p.children.size(), 2u);
  BOOST_TEST(p.children[0].name == "leadRecord");
  BOOST_TEST(p.children[0].ns == "");
  BOOST_TEST(p.children[1].name == "returnLead");
  BOOST_TEST(p.children[1].text == "false");
}

BOOST_AUTO_TEST_CASE(a_different_request_is_not_equivalent_to_the_seed) {
  // The comparison must be able to fail: change one attribute value.
  mktows::wire::MktowsApiSoapBindingProxy proxy;
  std::string ours = write_seed_request(proxy);
  ours.replace(ours.find("George"), 6, "Ursula");
  BOOST_TEST(envelope_part(ours, "Body").canonical() !=
             envelope_part(fixture("seed-synclead-request.xml"), "Body").canonical());
}

namespace {

// What an application writes: a service implementing only syncLead.
class SyncLeadOnly : public mktows::wire::MktowsApiSoapBindingService {
 public:
  int syncLead(mktows::wire::mktows__ParamsSyncLead *params, mktows::wire::mktows__SuccessSyncLead &response) override {
    ++calls;
    response.result = mktows::wire::soap_new_mktows__ResultSyncLead(soap);
    response.result->leadId = params && params->leadRecord ? 77 : 0;
    response.result->syncStatus = mktows::wire::soap_new_mktows__SyncStatus(soap);
    response.result->syncStatus->leadId = 77;
    response.result->syncStatus->status = mktows::wire::mktows__LeadSyncStatus__CREATED;
    return SOAP_OK;
  }
  int calls = 0;
};

// Serves one request read from `xml`; returns what the service wrote.
std::string serve_from(SyncLeadOnly &service, const std::string &xml) {
  std::istringstream in(xml);
  std::ostringstream out;
  service.soap->is = &in;
  service.soap->os = &out;
  service.serve();
  service.soap->is = nullptr;
  service.soap->os = nullptr;
  service.destroy();
  return out.str();
}

std::string request(const std::string &body) {
  return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:m=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_service_overriding_one_operation_links_and_the_others_answer_no_method) {
  SyncLeadOnly service;
  mktows::wire::mktows__ParamsGetLead get;
  mktows::wire::mktows__SuccessGetLead got;
  BOOST_TEST(service.getLead(&get, got) == SOAP_NO_METHOD);
  mktows::wire::mktows__ParamsSyncMultipleLeads many;
  mktows::wire::mktows__SuccessSyncMultipleLeads synced;
  BOOST_TEST(service.syncMultipleLeads(&many, synced) == SOAP_NO_METHOD);

  // Through the generated dispatcher: getLead is answered with gSOAP's
  // "not implemented" fault, syncLead reaches the override.
  std::string fault = serve_from(service, request("<m:paramsGetLead><leadKey><keyType>EMAIL</keyType>"
                                                  "<keyValue>a@x.com</keyValue></leadKey></m:paramsGetLead>"));
  BOOST_TEST(fault.find("Fault>") != std::string::npos, fault);
  BOOST_TEST(fault.find("not implemented") != std::string::npos, fault);
  BOOST_TEST(service.calls == 0);
  std::string answer = serve_from(service, request("<m:paramsSyncLead><leadRecord><Email>a@x.com</Email></leadRecord>"
                                                   "<returnLead>false</returnLead></m:paramsSyncLead>"));
  BOOST_TEST(service.calls == 1);
  BOOST_TEST(answer.find("Fault>") == std::string::npos, answer);
  BOOST_TEST(answer.find("CREATED") != std::string::npos, answer);
}

// (d) The generated context_header_declared flags, which decide where
// mktows::Client sends MktowsContextHeader, say what the WSDL's binding
// says, read here independently with libxml2 and XPath.
namespace {

bool wsdl_declares_context_header(const std::string &operation) {
  std::string text = mktows_test::read_file(mktows_test::paths::built_wsdl);
  std::unique_ptr<xmlDoc, void (*)(xmlDoc *)> doc(
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "bindings.wsdl", nullptr, XML_PARSE_NONET), xmlFreeDoc);
  BOOST_REQUIRE(doc);
  std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContext *)> ctx(xmlXPathNewContext(doc.get()),
                                                                    xmlXPathFreeContext);
  xmlXPathRegisterNs(ctx.get(), BAD_CAST "w", BAD_CAST "http://schemas.xmlsoap.org/wsdl/");
  xmlXPathRegisterNs(ctx.get(), BAD_CAST "s", BAD_CAST "http://schemas.xmlsoap.org/wsdl/soap/");
  // The header messages of the operation's input, then whether one of them
  // carries the element MktowsContextHeader.
  std::string headers = "//w:binding/w:operation[@name='" + operation + "']/w:input/s:header/@message";
  std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject *)> found(
      xmlXPathEvalExpression(BAD_CAST headers.c_str(), ctx.get()), xmlXPathFreeObject);
  BOOST_REQUIRE(found);
  bool declared = false;
  for (int i = 0; found->nodesetval && i < found->nodesetval->nodeNr; ++i) {
    xmlChar *qname = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
    std::string message(reinterpret_cast<char *>(qname));
    xmlFree(qname);
    message = message.substr(message.find(':') + 1);
    std::string part = "//w:message[@name='" + message + "']/w:part/@element";
    std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject *)> element(
        xmlXPathEvalExpression(BAD_CAST part.c_str(), ctx.get()), xmlXPathFreeObject);
    for (int j = 0; element && element->nodesetval && j < element->nodesetval->nodeNr; ++j) {
      xmlChar *e = xmlNodeGetContent(element->nodesetval->nodeTab[j]);
      std::string name(reinterpret_cast<char *>(e));
      xmlFree(e);
      if (name.substr(name.find(':') + 1) == "MktowsContextHeader") declared = true;
    }
  }
  return declared;
}

}  // namespace

BOOST_AUTO_TEST_CASE(context_header_flags_follow_the_wsdl_binding) {
  BOOST_TEST(mktows::wire::context_header_declared::syncLead == wsdl_declares_context_header("syncLead"));
  BOOST_TEST(mktows::wire::context_header_declared::syncMultipleLeads ==
             wsdl_declares_context_header("syncMultipleLeads"));
  BOOST_TEST(mktows::wire::context_header_declared::getLead == wsdl_declares_context_header("getLead"));
  // The reader itself can tell the two apart: every mktows WSDL declares
  // the context header on syncLead.
  BOOST_TEST(wsdl_declares_context_header("syncLead"));
  BOOST_TEST(!wsdl_declares_context_header("noSuchOperation"));
}
