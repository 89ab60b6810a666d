// env.h: kind (c)'s own SOAP_ENV parts. An application that generates its
// gSOAP bindings into a C++ namespace (soapcpp2 -q) declares, as gSOAP
// documents, the SOAP header members of all its services here and compiles
// the envC.cpp that soapcpp2 -penv makes of it. Part of the embedding
// fixture (tests/embedding/), not of mktows.
//gsoap inv schema namespace: urn:example:inventory
//gsoap inv schema form: unqualified
struct _inv__Ticket {
  char *token;
};
struct SOAP_ENV__Header {
  mustUnderstand struct _inv__Ticket *inv__Ticket;
};
