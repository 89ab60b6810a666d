// rest_fields.cpp: the vendor's standard REST/SOAP field-name pairs.
#include "rest_fields.hpp"

#include <cstring>

namespace mktows_sandbox {

namespace {

struct NamePair {
  const char *soap;
  const char *rest;
};

const NamePair kStandard[] = {
    {"Address", "address"}, {"AnnualRevenue", "annualRevenue"}, {"AnonymousIP", "anonymousIP"},
    {"BillingCity", "billingCity"}, {"BillingCountry", "billingCountry"},
    {"BillingPostalCode", "billingPostalCode"}, {"BillingState", "billingState"},
    {"BillingStreet", "billingStreet"}, {"City", "city"}, {"Company", "company"}, {"Country", "country"},
    {"DateofBirth", "dateOfBirth"}, {"Department", "department"}, {"DoNotCall", "doNotCall"},
    {"DoNotCallReason", "doNotCallReason"}, {"Email", "email"}, {"Fax", "fax"}, {"FirstName", "firstName"},
    {"Industry", "industry"}, {"InferredCompany", "inferredCompany"}, {"InferredCountry", "inferredCountry"},
    {"LastName", "lastName"}, {"LeadRole", "leadRole"}, {"LeadScore", "leadScore"},
    {"LeadSource", "leadSource"}, {"LeadStatus", "leadStatus"}, {"MainPhone", "mainPhone"},
    {"Marketo Jigsaw Contact Id", "jigsawContactId"}, {"Marketo Jigsaw Contact Status", "jigsawContactStatus"},
    {"MiddleName", "middleName"}, {"MobilePhone", "mobilePhone"}, {"NumberOfEmployees", "numberOfEmployees"},
    {"Phone", "phone"}, {"PostalCode", "postalCode"}, {"Rating", "rating"}, {"Salutation", "salutation"},
    {"SICCode", "sicCode"}, {"Site", "site"}, {"State", "state"}, {"Title", "title"}, {"Website", "website"},
    {"Unsubscribed", "unsubscribed"}, {"UnsubscribedReason", "unsubscribedReason"},
};

const char *const kFilterTypes[] = {"cookies", "email", "facebookId", "id", "leadPartitionId", "linkedInId",
                                    "sfdcAccountId", "sfdcContactId", "sfdcLeadId", "sfdcLeadOwnerId",
                                    "sfdcOpptyId", "twitterId"};

}  // namespace

const char *standard_rest_name(const std::string &soap_name) {
  for (const NamePair &p : kStandard)
    if (soap_name == p.soap) return p.rest;
  return nullptr;
}

bool standard_filter_type(const std::string &rest_name) {
  for (const char *f : kFilterTypes)
    if (rest_name == f) return true;
  return false;
}

}  // namespace mktows_sandbox
