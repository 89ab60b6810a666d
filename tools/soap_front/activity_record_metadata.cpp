// activity_record_metadata.cpp: the ActivityRecord table.
#include "activity_record_metadata.hpp"

namespace mktows_front {

namespace {

struct Row {
  const char *name, *display, *type, *source;
  int size;  // 0: nil (integer, dateTime, Array)
};

const Row kRows[] = {
    {"Id", "Id", "integer", "Event", 0},
    {"ActivityDateTime", "Activity Date Time", "dateTime", "Event", 0},
    {"ActivityType", "Activity Type", "string", "Event", 255},
    {"MktgAssetName", "Marketing Asset Name", "string", "Event", 255},
    {"ActivityAttributes", "Activity Attributes", "Array", "Event", 0},
    {"Campaign", "Campaign", "string", "Campaign", 255},
    {"PersonName", "Person Name", "string", "Lead", 255},
    {"MktPersonId", "Person Id", "string", "Lead", 255},
    {"ForeignSysId", "Foreign System Id", "string", "Lead", 255},
    {"OrgName", "Company Name", "string", "Company", 255},
    {"ForeignSysOrgId", "Foreign System Company Id", "string", "Company", 255},
};

}  // namespace

MObjDescription activity_record_description() {
  MObjDescription d;
  d.name = "ActivityRecord";
  d.is_virtual = true;
  for (const Row &r : kRows) {
    MObjField f;
    f.name = r.name;
    f.display_name = r.display;
    f.source_object = r.source;
    f.data_type = r.type;
    f.has_size = r.size > 0;
    f.size = r.size;
    f.read_only = true;  // a record of what happened: nothing writes it
    f.update_blocked = true;
    f.primary_key = f.name == "Id";
    d.fields.push_back(f);
  }
  return d;
}

}  // namespace mktows_front
