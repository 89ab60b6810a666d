// lead.hpp: a lead record (built by the caller or returned by the service),
// the key of get_lead, per-call options and the answer of a sync.
#ifndef MKTOWS_LEAD_HPP
#define MKTOWS_LEAD_HPP

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace mktows {

enum class ForeignSystem { none, custom, sfdc, netsuite };

// The service's text of a foreign system (the WSDL's ForeignSysType):
// "CUSTOM", "SFDC", "NETSUITE"; "" for none. The one table of it; tools
// that read or print the text go through these two.
inline const char *to_string(ForeignSystem s) {
  switch (s) {
    case ForeignSystem::custom: return "CUSTOM";
    case ForeignSystem::sfdc: return "SFDC";
    case ForeignSystem::netsuite: return "NETSUITE";
    case ForeignSystem::none: break;
  }
  return "";
}

// The system whose text is exactly `text` (case matters, as in the WSDL);
// false, `out` untouched, when `text` is none of the three.
inline bool parse_foreign_system(const std::string &text, ForeignSystem &out) {
  const ForeignSystem all[] = {ForeignSystem::custom, ForeignSystem::sfdc, ForeignSystem::netsuite};
  for (std::size_t i = 0; i < sizeof all / sizeof all[0]; ++i)
    if (text == to_string(all[i])) {
      out = all[i];
      return true;
    }
  return false;
}

struct Attribute {
  std::string name;
  std::string value;
  std::string type;  // attrType: sent when non-empty; filled in answers when the service reports it

  Attribute() {}
  Attribute(std::string n, std::string v, std::string t = std::string())
      : name(std::move(n)), value(std::move(v)), type(std::move(t)) {}
};

// A lead: keys (Id, Email, foreign system id and type) and attributes, in
// the order given. Setters return *this, so a lead reads as one expression:
//
//   mktows::Lead().email("george@jungle.com")
//                 .attribute("FirstName", "George")
//                 .attribute("LastName", "of the Jungle");
class Lead {
 public:
  Lead() : has_id_(false), id_(0), has_email_(false), has_foreign_id_(false), foreign_system_(ForeignSystem::none) {}

  Lead &id(int value) {
    has_id_ = true;
    id_ = value;
    return *this;
  }
  Lead &email(std::string value) {
    has_email_ = true;
    email_ = std::move(value);
    return *this;
  }
  Lead &foreign_id(std::string value, ForeignSystem system) {
    has_foreign_id_ = true;
    foreign_id_ = std::move(value);
    foreign_system_ = system;
    return *this;
  }
  Lead &foreign_id(std::string value) {
    has_foreign_id_ = true;
    foreign_id_ = std::move(value);
    return *this;
  }
  Lead &foreign_system(ForeignSystem system) {
    foreign_system_ = system;
    return *this;
  }
  Lead &attribute(std::string name, std::string value, std::string type = std::string()) {
    attributes_.push_back(Attribute(std::move(name), std::move(value), std::move(type)));
    return *this;
  }

  bool has_id() const { return has_id_; }
  int id() const { return id_; }
  bool has_email() const { return has_email_; }
  const std::string &email() const { return email_; }
  bool has_foreign_id() const { return has_foreign_id_; }
  const std::string &foreign_id() const { return foreign_id_; }
  ForeignSystem foreign_system() const { return foreign_system_; }
  const std::vector<Attribute> &attributes() const { return attributes_; }

  // The value of the first attribute named `name`, or null.
  const std::string *find(const std::string &name) const {
    for (std::size_t i = 0; i < attributes_.size(); ++i)
      if (attributes_[i].name == name) return &attributes_[i].value;
    return nullptr;
  }

 private:
  bool has_id_;
  int id_;
  bool has_email_;
  std::string email_;
  bool has_foreign_id_;
  std::string foreign_id_;
  ForeignSystem foreign_system_;
  std::vector<Attribute> attributes_;
};

enum class SyncStatus { created, updated, failed };

inline const char *to_string(SyncStatus s) {
  switch (s) {
    case SyncStatus::created: return "CREATED";
    case SyncStatus::updated: return "UPDATED";
    case SyncStatus::failed: return "FAILED";
  }
  return "UNKNOWN";
}

// The answer for one lead.
struct SyncResult {
  int lead_id = 0;
  SyncStatus status = SyncStatus::failed;
  std::string error;      // the service's text when status is failed (may be empty)
  bool has_lead = false;  // true when return_lead was asked for and the record came back
  Lead lead;
};

enum class LeadKeyType {
  idnum,
  cookie,
  email,
  lead_owner_email,
  sfdc_account_id,
  sfdc_contact_id,
  sfdc_lead_id,
  sfdc_lead_owner_id,
  sfdc_oppty_id
};

struct LeadKey {
  LeadKeyType type;
  std::string value;

  LeadKey(LeadKeyType t, std::string v) : type(t), value(std::move(v)) {}
  static LeadKey by_id(int id) { return LeadKey(LeadKeyType::idnum, std::to_string(id)); }
  static LeadKey by_email(std::string email) { return LeadKey(LeadKeyType::email, std::move(email)); }
  static LeadKey by_cookie(std::string cookie) { return LeadKey(LeadKeyType::cookie, std::move(cookie)); }
};

// Options of one call. The workspace overrides the client's default for
// this call only; an empty name sends no context header.
class CallOptions {
 public:
  CallOptions()
      : return_lead_(false), has_workspace_(false), has_cookie_(false), has_call_timeout_(false), call_timeout_(0) {}

  CallOptions &return_lead(bool value) {
    return_lead_ = value;
    return *this;
  }
  CallOptions &workspace(std::string name) {
    has_workspace_ = true;
    workspace_ = std::move(name);
    return *this;
  }
  CallOptions &marketo_cookie(std::string value) {
    has_cookie_ = true;
    cookie_ = std::move(value);
    return *this;
  }

  // This call's bound on each attempt (ClientOptions::call_timeout); 0: none.
  CallOptions &call_timeout(std::chrono::milliseconds value) {
    has_call_timeout_ = true;
    call_timeout_ = value;
    return *this;
  }

  bool return_lead() const { return return_lead_; }
  bool has_workspace() const { return has_workspace_; }
  const std::string &workspace() const { return workspace_; }
  bool has_marketo_cookie() const { return has_cookie_; }
  const std::string &marketo_cookie() const { return cookie_; }
  bool has_call_timeout() const { return has_call_timeout_; }
  std::chrono::milliseconds call_timeout() const { return call_timeout_; }

 private:
  bool return_lead_;
  bool has_workspace_;
  std::string workspace_;
  bool has_cookie_;
  std::string cookie_;
  bool has_call_timeout_;
  std::chrono::milliseconds call_timeout_;
};

}  // namespace mktows

#endif  // MKTOWS_LEAD_HPP
