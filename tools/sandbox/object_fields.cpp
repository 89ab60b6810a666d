// object_fields.cpp: the field tables and the values each data type takes.
#include "object_fields.hpp"

#include "auth.hpp"
#include "config.hpp"

#include <cerrno>
#include <cstdlib>

namespace mktows_sandbox {

namespace {

using K = ValueKind;

// The standard opportunity fields of the REST describe call, under the
// PascalCase names the SOAP samples use (Amount, CloseDate, Stage, Type).
// The external key (REST externalOpportunityId) is the MObject's
// externalKey, not an attrib.
const std::vector<ObjectField> kOpportunity = {
    {"Id", "", "Id", K::integer, 0, true, false, "Opportunity"},
    {"Created At", "createdAt", "Created At", K::datetime, 0, true, false, "Opportunity"},
    {"Updated At", "updatedAt", "Updated At", K::datetime, 0, true, false, "Opportunity"},
    {"Name", "name", "Name", K::string, 255, false, false, "Opportunity"},
    {"Description", "description", "Description", K::text, 2000, false, false, "Opportunity"},
    {"Type", "type", "Type", K::string, 255, false, false, "Opportunity"},
    {"Stage", "stage", "Stage", K::string, 255, false, false, "Opportunity"},
    {"Amount", "amount", "Amount", K::currency, 0, false, false, "Opportunity"},
    {"ExpectedRevenue", "expectedRevenue", "Expected Revenue", K::currency, 0, false, false, "Opportunity"},
    {"Probability", "probability", "Probability", K::integer, 0, false, false, "Opportunity"},
    {"CloseDate", "closeDate", "Close Date", K::date, 0, false, false, "Opportunity"},
    {"IsClosed", "isClosed", "Closed", K::boolean, 0, false, false, "Opportunity"},
    {"IsWon", "isWon", "Won", K::boolean, 0, false, false, "Opportunity"},
    {"LeadSource", "leadSource", "Lead Source", K::string, 255, false, false, "Opportunity"},
    {"NextStep", "nextStep", "Next Step", K::string, 255, false, false, "Opportunity"},
    {"FiscalYear", "fiscalYear", "Fiscal Year", K::integer, 0, false, false, "Opportunity"},
    {"FiscalQuarter", "fiscalQuarter", "Fiscal Quarter", K::integer, 0, false, false, "Opportunity"},
    {"ExternalCompanyId", "externalCompanyId", "External Company Id", K::string, 255, false, false, "Company"},
};

// A role ties a lead (PersonId, REST leadId) to an opportunity
// (OpportunityId; REST names the opportunity by its externalOpportunityId).
const std::vector<ObjectField> kRole = {
    {"Id", "", "Id", K::integer, 0, true, false, "OpportunityPersonRole"},
    {"Created At", "createdAt", "Created At", K::datetime, 0, true, false, "OpportunityPersonRole"},
    {"Updated At", "updatedAt", "Updated At", K::datetime, 0, true, false, "OpportunityPersonRole"},
    {"OpportunityId", "", "Opportunity Id", K::integer, 0, false, true, "Opportunity"},
    {"PersonId", "leadId", "Person Id", K::integer, 0, false, true, "Lead"},
    {"Role", "role", "Role", K::string, 255, false, true, "OpportunityPersonRole"},
    {"IsPrimary", "isPrimary", "Primary", K::boolean, 0, false, false, "OpportunityPersonRole"},
};


const std::vector<ObjectField> kNone;

bool digits(const std::string &s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace

const std::vector<ObjectField> &object_fields(const std::string &type) {
  if (type == "Opportunity") return kOpportunity;
  if (type == "OpportunityPersonRole") return kRole;
  return kNone;
}

const ObjectField *object_field(const std::string &type, const std::string &name) {
  for (const ObjectField &f : object_fields(type))
    if (iequals(f.soap, name)) return &f;
  return nullptr;
}

const ObjectField *object_field_by_rest(const std::string &type, const std::string &name) {
  for (const ObjectField &f : object_fields(type))
    if (*f.rest && name == f.rest) return &f;
  return nullptr;
}

const char *kind_name(ValueKind kind) {
  switch (kind) {
    case K::string: return "string";
    case K::text: return "text";
    case K::integer: return "integer";
    case K::currency: return "currency";
    case K::date: return "date";
    case K::datetime: return "dateTime";
    case K::boolean: return "boolean";
    case K::array: return "Array";
  }
  return "string";
}

bool normalise_value(ValueKind kind, int size, const std::string &in, std::string &out, std::string &why) {
  switch (kind) {
    case K::string:
    case K::text:
    case K::array:
      if (size > 0 && in.size() > static_cast<std::size_t>(size)) {
        why = "longer than " + std::to_string(size) + " characters";
        return false;
      }
      out = in;
      return true;
    case K::integer: {
      errno = 0;
      char *end = nullptr;
      long long v = std::strtoll(in.c_str(), &end, 10);
      if (in.empty() || errno || !end || *end || v < -2147483648LL || v > 2147483647LL) {
        why = "not an integer";
        return false;
      }
      out = std::to_string(v);
      return true;
    }
    case K::currency: {
      errno = 0;
      char *end = nullptr;
      double v = std::strtod(in.c_str(), &end);
      // Decimal only: strtod would also take "nan", "inf" and hex.
      bool plain = !in.empty() && in.find_first_not_of("0123456789.-+eE") == std::string::npos;
      if (!plain || errno || !end || *end || v != v) {
        why = "not a number";
        return false;
      }
      out = in;
      return true;
    }
    case K::date:
      // YYYY-MM-DD, month 01-12, day 01-31.
      if (in.size() != 10 || !digits(in, 0, 4) || in[4] != '-' || !digits(in, 5, 2) || in[7] != '-' ||
          !digits(in, 8, 2) || in.compare(5, 2, "01") < 0 || in.compare(5, 2, "12") > 0 ||
          in.compare(8, 2, "01") < 0 || in.compare(8, 2, "31") > 0) {
        why = "not a date (YYYY-MM-DD)";
        return false;
      }
      out = in;
      return true;
    case K::datetime: {
      std::time_t t = 0;
      if (!mktows_front::parse_w3c_timestamp(in, t)) {
        why = "not an xs:dateTime";
        return false;
      }
      out = std::to_string(static_cast<long long>(t));
      return true;
    }
    case K::boolean:
      if (iequals(in, "true") || in == "1") {
        out = "true";
      } else if (iequals(in, "false") || in == "0") {
        out = "false";
      } else {
        why = "not a boolean (true or false)";
        return false;
      }
      return true;
  }
  return false;
}

}  // namespace mktows_sandbox
