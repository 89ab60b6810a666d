// detail/convert.hpp: between the client's types and the generated ones.
// Request objects are reused from call to call (their strings and vectors
// keep their capacity), so building a request allocates only when a lead is
// bigger than any before it.
#ifndef MKTOWS_DETAIL_CONVERT_HPP
#define MKTOWS_DETAIL_CONVERT_HPP

#include "mktows/wire.hpp"

#include "mktows/lead.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mktows {
namespace detail {

inline enum wire::mktows__ForeignSysType to_wire(ForeignSystem s) {
  switch (s) {
    case ForeignSystem::sfdc: return wire::mktows__ForeignSysType__SFDC;
    case ForeignSystem::netsuite: return wire::mktows__ForeignSysType__NETSUITE;
    default: return wire::mktows__ForeignSysType__CUSTOM;
  }
}

inline ForeignSystem from_wire(enum wire::mktows__ForeignSysType s) {
  switch (s) {
    case wire::mktows__ForeignSysType__SFDC: return ForeignSystem::sfdc;
    case wire::mktows__ForeignSysType__NETSUITE: return ForeignSystem::netsuite;
    case wire::mktows__ForeignSysType__CUSTOM: return ForeignSystem::custom;
  }
  return ForeignSystem::custom;
}

inline SyncStatus from_wire(enum wire::mktows__LeadSyncStatus s) {
  switch (s) {
    case wire::mktows__LeadSyncStatus__CREATED: return SyncStatus::created;
    case wire::mktows__LeadSyncStatus__UPDATED: return SyncStatus::updated;
    case wire::mktows__LeadSyncStatus__FAILED: return SyncStatus::failed;
  }
  return SyncStatus::failed;
}

inline enum wire::mktows__LeadKeyRef to_wire(LeadKeyType t) {
  switch (t) {
    case LeadKeyType::idnum: return wire::mktows__LeadKeyRef__IDNUM;
    case LeadKeyType::cookie: return wire::mktows__LeadKeyRef__COOKIE;
    case LeadKeyType::email: return wire::mktows__LeadKeyRef__EMAIL;
    case LeadKeyType::lead_owner_email: return wire::mktows__LeadKeyRef__LEADOWNEREMAIL;
    case LeadKeyType::sfdc_account_id: return wire::mktows__LeadKeyRef__SFDCACCOUNTID;
    case LeadKeyType::sfdc_contact_id: return wire::mktows__LeadKeyRef__SFDCCONTACTID;
    case LeadKeyType::sfdc_lead_id: return wire::mktows__LeadKeyRef__SFDCLEADID;
    case LeadKeyType::sfdc_lead_owner_id: return wire::mktows__LeadKeyRef__SFDCLEADOWNERID;
    case LeadKeyType::sfdc_oppty_id: return wire::mktows__LeadKeyRef__SFDCOPPTYID;
  }
  return wire::mktows__LeadKeyRef__IDNUM;
}

// One reusable LeadRecord with the storage its pointers point into.
class RecordSlot {
 public:
  RecordSlot() : id_(0), type_(wire::mktows__ForeignSysType__CUSTOM) {}
  RecordSlot(const RecordSlot &) = delete;
  RecordSlot &operator=(const RecordSlot &) = delete;

  wire::mktows__LeadRecord *fill(const Lead &lead) {
    record_.Id = nullptr;
    record_.Email = nullptr;
    record_.ForeignSysPersonId = nullptr;
    record_.ForeignSysType = nullptr;
    record_.leadAttributeList = nullptr;
    if (lead.has_id()) {
      id_ = lead.id();
      record_.Id = &id_;
    }
    if (lead.has_email()) {
      email_ = lead.email();
      record_.Email = &email_;
    }
    if (lead.has_foreign_id()) {
      foreign_id_ = lead.foreign_id();
      record_.ForeignSysPersonId = &foreign_id_;
    }
    if (lead.foreign_system() != ForeignSystem::none) {
      type_ = to_wire(lead.foreign_system());
      record_.ForeignSysType = &type_;
    }
    const std::vector<Attribute> &attrs = lead.attributes();
    if (!attrs.empty()) {
      while (pool_.size() < attrs.size()) pool_.push_back(std::unique_ptr<AttrSlot>(new AttrSlot));
      list_.attribute.clear();  // keeps capacity
      for (std::size_t i = 0; i < attrs.size(); ++i) {
        AttrSlot &slot = *pool_[i];
        slot.attr.attrName = attrs[i].name;
        slot.attr.attrValue = attrs[i].value;
        if (attrs[i].type.empty()) {
          slot.attr.attrType = nullptr;
        } else {
          slot.type = attrs[i].type;
          slot.attr.attrType = &slot.type;
        }
        list_.attribute.push_back(&slot.attr);
      }
      record_.leadAttributeList = &list_;
    }
    return &record_;
  }

 private:
  struct AttrSlot {
    wire::mktows__Attribute attr;
    std::string type;
  };
  wire::mktows__LeadRecord record_;
  int id_;
  std::string email_;
  std::string foreign_id_;
  enum wire::mktows__ForeignSysType type_;
  wire::mktows__ArrayOfAttribute list_;
  std::vector<std::unique_ptr<AttrSlot> > pool_;
};

inline Lead read_lead(const wire::mktows__LeadRecord &r) {
  Lead lead;
  if (r.Id) lead.id(*r.Id);
  if (r.Email) lead.email(*r.Email);
  if (r.ForeignSysPersonId) lead.foreign_id(*r.ForeignSysPersonId);
  if (r.ForeignSysType) lead.foreign_system(from_wire(*r.ForeignSysType));
  if (r.leadAttributeList) {
    const std::vector<wire::mktows__Attribute *> &attrs = r.leadAttributeList->attribute;
    for (std::size_t i = 0; i < attrs.size(); ++i)
      if (attrs[i]) lead.attribute(attrs[i]->attrName, attrs[i]->attrValue, attrs[i]->attrType ? *attrs[i]->attrType : "");
  }
  return lead;
}

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_CONVERT_HPP
