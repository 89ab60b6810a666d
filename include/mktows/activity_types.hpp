// activity_types.hpp: the 57 values of 2_2's ActivityType enumeration (what
// getLeadActivity and getLeadChanges filters name) with the display text an
// activity record carries in its activityType (how the answers name them).
//
// 40 display texts are the vendor's, from its SOAP page of activity type
// filters (shared/mktows-operations.md §1.3): those rows say `true`. The
// other 17 have no display text in any source; theirs is the enum value
// split into words (an inference, documented in docs/SANDBOX.md), and their
// rows say `false`. Short joining words are lower-case, as the vendor's are.
#ifndef MKTOWS_ACTIVITY_TYPES_HPP
#define MKTOWS_ACTIVITY_TYPES_HPP

#include <cstddef>
#include <cstring>

namespace mktows {

struct ActivityTypeInfo {
  const char *enum_name;  // the 2_2 enumeration value: VisitWebpage
  const char *display;    // the activityType text of a record: Visit Webpage
  bool display_verified;  // the vendor's text (true) or the word split (false)
};

constexpr ActivityTypeInfo kActivityTypes[] = {
    {"VisitWebpage", "Visit Webpage", true},
    {"FillOutForm", "Fill Out Form", true},
    {"ClickLink", "Click Link", true},
    {"SendEmail", "Send Email", true},
    {"EmailDelivered", "Email Delivered", true},
    {"EmailBounced", "Email Bounced", true},
    {"UnsubscribeEmail", "Unsubscribe Email", true},
    {"OpenEmail", "Open Email", true},
    {"ClickEmail", "Click Email", true},
    {"NewLead", "New Lead", true},
    {"ChangeDataValue", "Change Data Value", true},
    {"LeadAssigned", "Lead Assigned", true},
    {"NewSFDCOpprtnty", "New SFDC Opprtnty", false},
    {"Wait", "Wait", false},
    {"RunSubflow", "Run Subflow", false},
    {"RemoveFromFlow", "Remove from Flow", true},
    {"PushLeadToSales", "Push Lead to Sales", false},
    {"CreateTask", "Create Task", true},
    {"ConvertLead", "Convert Lead", true},
    {"ChangeScore", "Change Score", true},
    {"ChangeOwner", "Change Owner", true},
    {"AddToList", "Add to List", true},
    {"RemoveFromList", "Remove from List", true},
    {"SFDCActivity", "SFDC Activity", true},
    {"EmailBouncedSoft", "Email Bounced Soft", true},
    {"PushLeadUpdatesToSales", "Push Lead Updates to Sales", false},
    {"DeleteLeadFromSales", "Delete Lead from Sales", false},
    {"SFDCActivityUpdated", "SFDC Activity Updated", true},
    {"SFDCMergeLeads", "SFDC Merge Leads", true},
    {"MergeLeads", "Merge Leads", true},
    {"ResolveConflicts", "Resolve Conflicts", false},
    {"AssocWithOpprtntyInSales", "Assoc with Opprtnty in Sales", false},
    {"DissocFromOpprtntyInSales", "Dissoc from Opprtnty in Sales", false},
    {"UpdateOpprtntyInSales", "Update Opprtnty in Sales", false},
    {"DeleteLead", "Delete Lead", false},
    {"SendAlert", "Send Alert", true},
    {"SendSalesEmail", "Send Sales Email", true},
    {"OpenSalesEmail", "Open Sales Email", true},
    {"ClickSalesEmail", "Click Sales Email", true},
    {"AddtoSFDCCampaign", "Add to SFDC Campaign", true},
    {"RemoveFromSFDCCampaign", "Remove from SFDC Campaign", true},
    {"ChangeStatusInSFDCCampaign", "Change Status in SFDC Campaign", true},
    {"ReceiveSalesEmail", "Receive Sales Email", true},
    {"InterestingMoment", "Interesting Moment", true},
    {"RequestCampaign", "Request Campaign", true},
    {"SalesEmailBounced", "Sales Email Bounced", true},
    {"ChangeLeadPartition", "Change Lead Partition", false},
    {"ChangeRevenueStage", "Change Revenue Stage", true},
    {"ChangeRevenueStageManually", "Change Revenue Stage Manually", true},
    {"ComputeDataValue", "Compute Data Value", false},
    {"ChangeStatusInProgression", "Change Status in Progression", true},
    {"ChangeFieldInProgram", "Change Field in Program", false},
    {"EnrichWithDatacom", "Enrich with Data.com", true},
    {"ChangeSegment", "Change Segment", true},
    {"ResolveRuleset", "Resolve Ruleset", false},
    {"SmartCampaignTest", "Smart Campaign Test", false},
    {"SmartCampaignTestTrigger", "Smart Campaign Test Trigger", false},
};

constexpr std::size_t kActivityTypeCount = sizeof(kActivityTypes) / sizeof(kActivityTypes[0]);

// The row of an enumeration value; null when 2_2 has no such value.
inline const ActivityTypeInfo *find_activity_type(const char *enum_name) {
  for (const ActivityTypeInfo &t : kActivityTypes)
    if (std::strcmp(t.enum_name, enum_name) == 0) return &t;
  return nullptr;
}

// The row whose display text is `display` (exactly); null when none.
inline const ActivityTypeInfo *find_activity_display(const char *display) {
  for (const ActivityTypeInfo &t : kActivityTypes)
    if (std::strcmp(t.display, display) == 0) return &t;
  return nullptr;
}

}  // namespace mktows

#endif  // MKTOWS_ACTIVITY_TYPES_HPP
