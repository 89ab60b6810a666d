// Kind (a): an application with no gSOAP code of its own, today's users.
// mktows brings the SOAP_ENV parts (mktows::gsoap_env) itself.
#include "mktows_checks.hpp"

int main() { return embedding::check_mktows("plain") ? 0 : 1; }
