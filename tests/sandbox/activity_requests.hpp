// activity_requests.hpp: getLeadActivity / getLeadChanges request bodies
// written by hand for the activity tests, and a reader for their pages.
#pragma once

#include "lead_requests.hpp"

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sandbox_test {

// A StreamPosition's members as text (xs:dateTime, offset); absent: not sent.
struct Position {
  std::optional<std::string> latest, oldest, activity, offset;
};

inline std::string position_xml(const Position &p) {
  std::string x = "<startPosition>";
  if (p.latest) x += "<latestCreatedAt>" + *p.latest + "</latestCreatedAt>";
  if (p.oldest) x += "<oldestCreatedAt>" + *p.oldest + "</oldestCreatedAt>";
  if (p.activity) x += "<activityCreatedAt>" + *p.activity + "</activityCreatedAt>";
  if (p.offset) x += "<offset>" + xml_escape(*p.offset) + "</offset>";
  return x + "</startPosition>";
}

inline std::string types_xml(const char *element, const std::vector<std::string> &types) {
  std::string x = std::string("<") + element + ">";
  for (const std::string &t : types) x += "<activityType>" + t + "</activityType>";
  return x + "</" + element + ">";
}

struct Filter {
  std::vector<std::string> include, exclude;
};

inline std::string filter_xml(const std::optional<Filter> &f) {
  if (!f) return std::string();
  std::string x = "<activityFilter>";
  if (!f->include.empty()) x += types_xml("includeTypes", f->include);
  if (!f->exclude.empty()) x += types_xml("excludeTypes", f->exclude);
  return x + "</activityFilter>";
}

struct ActivityCall {
  std::string key_type = "IDNUM";
  std::string key_value;
  bool omit_key = false;
  std::optional<Filter> filter;
  std::optional<Position> position;
  std::optional<int> batch;
};

inline std::string activity_request(const ActivityCall &c) {
  std::string x = "<ns1:paramsGetLeadActivity>";
  if (!c.omit_key)
    x += "<leadKey><keyType>" + c.key_type + "</keyType><keyValue>" + xml_escape(c.key_value) + "</keyValue></leadKey>";
  x += filter_xml(c.filter);
  if (c.position) x += position_xml(*c.position);
  if (c.batch) x += "<batchSize>" + std::to_string(*c.batch) + "</batchSize>";
  return envelope(demo_auth(), x + "</ns1:paramsGetLeadActivity>");
}

struct ChangesCall {
  std::optional<Position> position = Position{std::nullopt, std::string("2000-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  std::optional<Filter> filter;
  std::optional<int> batch;
  std::string selector;  // a whole <leadSelector> element, or empty
};

inline std::string changes_request(const ChangesCall &c) {
  std::string x = "<ns1:paramsGetLeadChanges>";
  if (c.position) x += position_xml(*c.position);
  x += filter_xml(c.filter);
  if (c.batch) x += "<batchSize>" + std::to_string(*c.batch) + "</batchSize>";
  return envelope(demo_auth(), x + c.selector + "</ns1:paramsGetLeadChanges>");
}

inline std::string key_selector(const std::string &type, const std::vector<std::string> &keys) {
  std::string x = "<leadSelector xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                  "xsi:type=\"ns1:LeadKeySelector\"><keyType>" + type + "</keyType><keyValues>";
  for (const std::string &k : keys) x += "<stringItem>" + xml_escape(k) + "</stringItem>";
  return x + "</keyValues></leadSelector>";
}

struct Record {
  long long id = 0;
  std::string at, type, asset, person, campaign;
  bool asset_nil = true;
  std::map<std::string, std::string> attributes;
};

struct Page {
  int http_status = 0;
  int fault = 0;
  int return_count = -1, remaining = -1;
  Position next;
  std::vector<Record> records;
};

inline Page read_page(const HttpResponse &r) {
  Page p;
  p.http_status = r.status;
  p.fault = fault_code(r.body);
  if (p.fault) return p;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  if (const auto *n = find(body, "returnCount")) p.return_count = std::atoi(n->text.c_str());
  if (const auto *n = find(body, "remainingCount")) p.remaining = std::atoi(n->text.c_str());
  if (const auto *pos = find(body, "newStartPosition")) {
    for (const auto &m : pos->children) {
      if (m.nil) continue;
      if (m.name == "latestCreatedAt") p.next.latest = m.text;
      if (m.name == "oldestCreatedAt") p.next.oldest = m.text;
      if (m.name == "activityCreatedAt") p.next.activity = m.text;
      if (m.name == "offset") p.next.offset = m.text;
    }
  }
  std::vector<const mktows_test::XmlNode *> records;
  find_all(body, "activityRecord", records);
  find_all(body, "leadChangeRecord", records);
  for (const auto *n : records) {
    Record rec;
    for (const auto &m : n->children) {
      if (m.name == "id") rec.id = std::atoll(m.text.c_str());
      if (m.name == "activityDateTime") rec.at = m.text;
      if (m.name == "activityType") rec.type = m.text;
      if (m.name == "mktgAssetName" && !m.nil) {
        rec.asset = m.text;
        rec.asset_nil = false;
      }
      if (m.name == "mktPersonId") rec.person = m.text;
      if (m.name == "campaign" && !m.nil) rec.campaign = m.text;
    }
    std::vector<const mktows_test::XmlNode *> attrs;
    find_all(*n, "attribute", attrs);
    for (const auto *a : attrs) rec.attributes[find(*a, "attrName")->text] = find(*a, "attrValue")->text;
    p.records.push_back(rec);
  }
  return p;
}

}  // namespace sandbox_test
