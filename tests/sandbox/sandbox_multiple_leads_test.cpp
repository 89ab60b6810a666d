// getMultipleLeads and mergeLeads, the leads domain's reads and merges,
// through the real sandbox over HTTP (and LeadService in process for what
// only the log shows): each selector, includeAttributes, batchSize, paging
// that visits each lead once while leads are written between pages,
// positions the sandbox did not hand out, the 30-day window; merges by any
// key, their refusals, and a merge surviving a restart.
#define BOOST_TEST_MODULE sandbox_multiple_leads_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "list_requests.hpp"
#include "lead_service.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace sandbox_test;

namespace {

const char kXsi[] = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

std::string w3c(std::time_t t) {
  char b[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return b;
}

struct Page {
  int status = 0;
  int fault = 0;
  int return_count = -1;
  int remaining = -1;
  std::string position;
  std::vector<std::map<std::string, std::string>> leads;  // element or attribute name -> value
  std::vector<bool> attribute_list_nil;
};

Page read_page(const HttpResponse &r) {
  Page p;
  p.status = r.status;
  p.fault = fault_code(r.body);
  if (p.fault) return p;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  p.return_count = std::atoi(find(body, "returnCount")->text.c_str());
  p.remaining = std::atoi(find(body, "remainingCount")->text.c_str());
  p.position = find(body, "newStreamPosition")->text;
  std::vector<const mktows_test::XmlNode *> records;
  find_all(body, "leadRecord", records);
  for (const mktows_test::XmlNode *rec : records) {
    std::map<std::string, std::string> m;
    bool nil = false;
    for (const auto &c : rec->children) {
      if (c.name == "leadAttributeList") {
        nil = c.nil;
        for (const auto &a : c.children) {
          const mktows_test::XmlNode *n = find(a, "attrName");
          const mktows_test::XmlNode *v = find(a, "attrValue");
          if (n && v) m[n->text] = v->text;
        }
      } else if (!c.nil) {
        m[c.name] = c.text;
      }
    }
    p.leads.push_back(m);
    p.attribute_list_nil.push_back(nil);
  }
  return p;
}

struct Sandbox {
  explicit Sandbox(const std::vector<std::string> &args = {}) : process(args), path(path_of(process.endpoint())) {}

  HttpResponse call(const std::string &op, const std::string &body) {
    Connection c(process.port());
    return c.post(path, envelope(demo_auth(), body), action(op));
  }
  int sync(const std::string &email, const std::vector<std::pair<std::string, std::string>> &attributes = {}) {
    SyncLeadCall s;
    s.lead.email = email;
    s.lead.attributes = attributes;
    Connection c(process.port());
    SyncOutcome o = read_sync_outcome(c.post(path, sync_lead_request(s), action("syncLead")));
    BOOST_REQUIRE_MESSAGE(o.lead_id > 0, "syncLead " << email);
    return o.lead_id;
  }
  Page get(const std::string &params) { return read_page(call("getMultipleLeads", params)); }

  mktows_test::SandboxProcess process;
  std::string path;
};

std::string keys(const std::string &type, const std::vector<std::string> &values) {
  std::string x = "<leadSelector xsi:type=\"ns1:LeadKeySelector\" " + std::string(kXsi) + "><keyType>" + type +
                  "</keyType><keyValues>";
  for (const std::string &v : values) x += "<stringItem>" + xml_escape(v) + "</stringItem>";
  return x + "</keyValues></leadSelector>";
}

std::string last_update(const std::string &oldest, const std::string &latest = std::string()) {
  std::string x = "<leadSelector xsi:type=\"ns1:LastUpdateAtSelector\" " + std::string(kXsi) + ">";
  if (!latest.empty()) x += "<latestUpdatedAt>" + latest + "</latestUpdatedAt>";
  return x + "<oldestUpdatedAt>" + oldest + "</oldestUpdatedAt></leadSelector>";
}

std::string params(const std::string &inner) { return "<ns1:paramsGetMultipleLeads>" + inner + "</ns1:paramsGetMultipleLeads>"; }

std::string include(const std::vector<std::string> &names) {
  std::string x = "<includeAttributes>";
  for (const std::string &n : names) x += "<stringItem>" + n + "</stringItem>";
  return x + "</includeAttributes>";
}

std::string batch(int n) { return "<batchSize>" + std::to_string(n) + "</batchSize>"; }
std::string position(const std::string &p) { return "<streamPosition>" + xml_escape(p) + "</streamPosition>"; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_lead_key_selector_returns_the_leads_its_keys_name) {
  Sandbox s;
  int ada = s.sync("ada@example.com", {{"FirstName", "Ada"}, {"LastName", "Lovelace"}});
  int bob = s.sync("bob@example.com", {{"FirstName", "Bob"}});
  Page p = s.get(params(keys("EMAIL", {"ada@example.com", "nobody@example.com", "bob@example.com"})));
  BOOST_REQUIRE_EQUAL(p.fault, 0);
  BOOST_TEST(p.return_count == 2);
  BOOST_TEST(p.remaining == 0);
  BOOST_TEST(p.position.empty());  // one page: done
  BOOST_REQUIRE(p.leads.size() == 2u);
  BOOST_TEST(p.leads[0]["Id"] == std::to_string(ada));  // in the keys' order
  BOOST_TEST(p.leads[0]["Email"] == "ada@example.com");
  BOOST_TEST(p.leads[0]["LastName"] == "Lovelace");
  BOOST_TEST(p.leads[1]["Id"] == std::to_string(bob));
  // IDNUM, and a lead named twice comes once.
  p = s.get(params(keys("IDNUM", {std::to_string(bob), std::to_string(bob)})));
  BOOST_TEST(p.return_count == 1);
  // No key matched: an empty page, not a fault (docs/SANDBOX.md).
  p = s.get(params(keys("EMAIL", {"nobody@example.com"})));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 0);
  // No keys at all, a bad key type.
  BOOST_TEST(s.get(params(keys("EMAIL", {}))).fault == 20101);
  BOOST_TEST(s.get(params(keys("LEADOWNEREMAIL", {"x@example.com"}))).fault == 20102);
  BOOST_TEST(s.get(params(keys("IDNUM", {"seven"}))).fault == 20102);
}

BOOST_AUTO_TEST_CASE(keys_past_the_hundredth_are_ignored) {
  Sandbox s;
  s.sync("k100@example.com");
  s.sync("k101@example.com");
  std::vector<std::string> values;
  for (int i = 1; i < 100; ++i) values.push_back("none" + std::to_string(i) + "@example.com");
  values.push_back("k100@example.com");  // the 100th key: read
  values.push_back("k101@example.com");  // the 101st: ignored, as documented
  Page p = s.get(params(keys("EMAIL", values)));
  BOOST_REQUIRE_EQUAL(p.fault, 0);
  BOOST_REQUIRE(p.leads.size() == 1u);
  BOOST_TEST(p.leads[0]["Email"] == "k100@example.com");
}

BOOST_AUTO_TEST_CASE(include_attributes_names_the_fields_returned) {
  Sandbox s;
  s.sync("inc@example.com", {{"FirstName", "Inca"}, {"LastName", "Cusi"}, {"Company", "Sun"}});
  Page p = s.get(params(keys("EMAIL", {"inc@example.com"}) + include({"FirstName", "Company"})));
  BOOST_REQUIRE(p.leads.size() == 1u);
  BOOST_TEST(p.leads[0].count("Id") == 1u);  // the Id always
  BOOST_TEST(p.leads[0].count("Email") == 0u);
  BOOST_TEST(p.leads[0]["FirstName"] == "Inca");
  BOOST_TEST(p.leads[0]["Company"] == "Sun");
  BOOST_TEST(p.leads[0].count("LastName") == 0u);
  // Only Email asked: the attribute list is nil, as the vendor answered.
  p = s.get(params(keys("EMAIL", {"inc@example.com"}) + include({"Email"})));
  BOOST_REQUIRE(p.leads.size() == 1u);
  BOOST_TEST(p.leads[0]["Email"] == "inc@example.com");
  BOOST_TEST(p.attribute_list_nil[0]);
  BOOST_TEST(s.get(params(keys("EMAIL", {"inc@example.com"}) + include({"ShoeSize"}))).fault == 20105);
  // Not asked: everything.
  p = s.get(params(keys("EMAIL", {"inc@example.com"})));
  BOOST_TEST(p.leads[0]["LastName"] == "Cusi");
  BOOST_TEST(!p.attribute_list_nil[0]);
}

BOOST_AUTO_TEST_CASE(the_last_update_window_is_at_most_30_days) {
  Sandbox s;
  s.sync("window@example.com");
  std::time_t now = std::time(nullptr);
  const long day = 86400;
  // Exactly 30 days: served; one second more: 20022.
  Page p = s.get(params(last_update(w3c(now - 30 * day + 60), w3c(now + 60))));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 1);
  BOOST_TEST(s.get(params(last_update(w3c(now - 30 * day - 1 + 60), w3c(now + 60)))).fault == 20022);
  // Without latestUpdatedAt the window ends now.
  BOOST_TEST(s.get(params(last_update(w3c(now - 29 * day)))).fault == 0);
  BOOST_TEST(s.get(params(last_update(w3c(now - 31 * day)))).fault == 20022);
  // Latest before oldest.
  BOOST_TEST(s.get(params(last_update(w3c(now), w3c(now - day)))).fault == 20110);
  // The deprecated lastUpdatedAt is the same selector with no latest.
  p = s.get(params("<lastUpdatedAt>" + w3c(now - day) + "</lastUpdatedAt>"));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 1);
  // A window that holds no write.
  p = s.get(params(last_update(w3c(now - 10 * day), w3c(now - 9 * day))));
  BOOST_TEST(p.return_count == 0);
}

BOOST_AUTO_TEST_CASE(paging_visits_each_lead_once_while_leads_are_written_between_pages) {
  Sandbox s;
  std::time_t start = std::time(nullptr) - 5;
  std::vector<int> ids;
  for (int i = 0; i < 250; ++i) ids.push_back(s.sync("page" + std::to_string(i) + "@example.com", {{"FirstName", "P"}}));
  std::multiset<std::string> seen;
  std::string pos;
  std::vector<int> remaining;
  int pages = 0;
  do {
    Page p = s.get(params(last_update(w3c(start)) + batch(100) + (pos.empty() ? "" : position(pos))));
    BOOST_REQUIRE_EQUAL(p.fault, 0);
    BOOST_TEST(p.return_count == static_cast<int>(p.leads.size()));
    for (auto &l : p.leads) seen.insert(l["Id"]);
    remaining.push_back(p.remaining);
    pos = p.position;
    if (++pages == 1) {
      // Between pages: a lead not yet read is written (its updatedAt now
      // past the others'), a read one too, and new leads arrive.
      s.sync("page240@example.com", {{"FirstName", "Changed"}});
      s.sync("page3@example.com", {{"FirstName", "Changed"}});
      for (int i = 0; i < 20; ++i) s.sync("late" + std::to_string(i) + "@example.com");
    }
  } while (!pos.empty() && pages < 10);
  BOOST_TEST(pages == 3);
  BOOST_TEST(remaining == (std::vector<int>{150, 50, 0}), "remainingCount is exact");
  BOOST_TEST(seen.size() == 250u);
  for (int id : ids) BOOST_TEST(seen.count(std::to_string(id)) == 1u, id);  // each exactly once
}

BOOST_AUTO_TEST_CASE(batch_size_bounds) {
  Sandbox s;
  for (int i = 0; i < 3; ++i) s.sync("b" + std::to_string(i) + "@example.com");
  std::time_t now = std::time(nullptr);
  Page p = s.get(params(last_update(w3c(now - 3600)) + batch(1)));
  BOOST_TEST(p.return_count == 1);
  BOOST_TEST(p.remaining == 2);
  BOOST_TEST(!p.position.empty());
  BOOST_TEST(s.get(params(last_update(w3c(now - 3600)) + batch(0))).fault == 20110);
  // Past the largest page: capped, not refused.
  p = s.get(params(last_update(w3c(now - 3600)) + batch(100000)));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 3);
}

BOOST_AUTO_TEST_CASE(a_position_the_sandbox_did_not_hand_out_is_refused) {
  Sandbox s;
  for (int i = 0; i < 3; ++i) s.sync("pos" + std::to_string(i) + "@example.com");
  std::time_t now = std::time(nullptr);
  Page p = s.get(params(last_update(w3c(now - 3600)) + batch(1)));
  BOOST_REQUIRE(!p.position.empty());
  // The position as handed out resumes; sent again it gives the same page.
  Page a = s.get(params(last_update(w3c(now - 3600)) + batch(1) + position(p.position)));
  Page b = s.get(params(last_update(w3c(now - 3600)) + batch(1) + position(p.position)));
  BOOST_TEST(a.fault == 0);
  BOOST_TEST(a.leads[0]["Id"] == b.leads[0]["Id"]);
  BOOST_TEST(a.leads[0]["Id"] != p.leads[0]["Id"]);
  // Altered (its offset moved), forged, truncated, empty of meaning.
  std::string altered = p.position;
  std::size_t o = altered.find(":o");
  BOOST_REQUIRE(o != std::string::npos);
  altered[o + 2] = altered[o + 2] == '1' ? '2' : '1';
  for (const std::string &bad : {altered, std::string("w1:o0:0123456789abcdef01234567"), p.position.substr(0, p.position.size() - 2),
                                 std::string("id:1089965:to:1392234668:tl:1392321068:os:2:rc:24")}) {
    Page f = s.get(params(last_update(w3c(now - 3600)) + batch(1) + position(bad)));
    BOOST_TEST(f.fault == 20122, bad);
  }
  // Another sandbox's position is foreign here.
  Sandbox other;
  BOOST_TEST(other.get(params(last_update(w3c(now - 3600)) + batch(1) + position(p.position))).fault == 20122);
}

BOOST_AUTO_TEST_CASE(a_selector_without_its_type_and_no_selector_at_all) {
  Sandbox s;
  BOOST_TEST(s.get(params("<leadSelector><keyType>EMAIL</keyType></leadSelector>")).fault == 20012);
  BOOST_TEST(s.get(params("")).fault == 20109);
}

BOOST_AUTO_TEST_CASE(a_static_list_selector_reads_the_lists_members_in_order) {
  Sandbox s;
  std::vector<int> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(s.sync("member" + std::to_string(i) + "@example.com"));
  s.sync("outsider@example.com");
  std::vector<Key> members;
  for (int i : {3, 0, 4, 1, 2}) members.push_back({"IDNUM", std::to_string(ids[i])});
  {
    Connection c(s.process.port());
    ListOutcome o = read_list_outcome(
        c.post(s.path, list_operation_request("ADDTOLIST", {"MKTOLISTNAME", "Demo Program.Newsletter"}, members),
               action("listOperation")));
    BOOST_REQUIRE(o.success);
  }
  auto list_by = [](const std::string &inner) {
    return "<leadSelector xsi:type=\"ns1:StaticListSelector\" " + std::string(kXsi) + ">" + inner + "</leadSelector>";
  };
  // By name (Program.List, any case), in pages, in the order added.
  std::vector<std::string> got;
  std::string pos;
  int pages = 0;
  do {
    Page p = s.get(params(list_by("<staticListName>demo program.NEWSLETTER</staticListName>") + batch(2) +
                          (pos.empty() ? "" : position(pos))));
    BOOST_REQUIRE_EQUAL(p.fault, 0);
    for (auto &l : p.leads) got.push_back(l["Id"]);
    pos = p.position;
  } while (!pos.empty() && ++pages < 10);
  std::vector<std::string> want;
  for (int i : {3, 0, 4, 1, 2}) want.push_back(std::to_string(ids[i]));
  BOOST_TEST(got == want);
  // By id (3001 is Demo Program.Newsletter in the default world); an empty list.
  Page p = s.get(params(list_by("<staticListId>3001</staticListId>")));
  BOOST_TEST(p.return_count == 5);
  p = s.get(params(list_by("<staticListName>Webinar 2026.Attendees</staticListName>")));
  BOOST_TEST(p.fault == 0);
  BOOST_TEST(p.return_count == 0);
  BOOST_TEST(s.get(params(list_by("<staticListId>3999</staticListId>"))).fault == 20111);
}

BOOST_AUTO_TEST_CASE(a_static_list_selector_names_a_list_of_the_world) {
  Sandbox s;
  std::string unknown = "<leadSelector xsi:type=\"ns1:StaticListSelector\" " + std::string(kXsi) +
                        "><staticListName>Demo Program.Nothing</staticListName></leadSelector>";
  BOOST_TEST(s.get(params(unknown)).fault == 20111);
  std::string none = "<leadSelector xsi:type=\"ns1:StaticListSelector\" " + std::string(kXsi) + "/>";
  BOOST_TEST(s.get(params(none)).fault == 20109);
}

namespace {

std::string merge(const std::vector<std::pair<std::string, std::string>> &winner,
                  const std::vector<std::vector<std::pair<std::string, std::string>>> &losers) {
  auto list = [](const char *tag, const std::vector<std::pair<std::string, std::string>> &keys) {
    std::string x = std::string("<") + tag + ">";
    for (const auto &k : keys)
      x += "<attribute><attrName>" + k.first + "</attrName><attrValue>" + xml_escape(k.second) + "</attrValue></attribute>";
    return x + "</" + tag + ">";
  };
  std::string x = "<ns1:paramsMergeLeads>" + list("winningLeadKeyList", winner) + "<losingLeadKeyLists>";
  for (const auto &l : losers) x += list("keyList", l);
  return x + "</losingLeadKeyLists></ns1:paramsMergeLeads>";
}

int get_lead_fault(Sandbox &s, const std::string &type, const std::string &value) {
  Connection c(s.process.port());
  return fault_code(c.post(s.path, get_lead_request(type, value), action("getLead")).body);
}

}  // namespace

BOOST_AUTO_TEST_CASE(merge_leads_keeps_the_winner_and_removes_the_losers) {
  mktows_test::TempDir dir;
  int winner, loser1, loser2;
  {
    Sandbox s({"--data", dir.path() + "/data"});
    winner = s.sync("win@example.com", {{"FirstName", "Winnie"}});
    loser1 = s.sync("lose1@example.com", {{"FirstName", "Luke"}, {"LastName", "Loser"}});
    loser2 = s.sync("lose2@example.com", {{"Company", "Acme"}});
    HttpResponse r = s.call("mergeLeads", merge({{"IDNUM", std::to_string(winner)}},
                                                {{{"EMAIL", "lose1@example.com"}}, {{"IDNUM", std::to_string(loser2)}}}));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
    BOOST_TEST(find(body, "status")->text == "MERGED");
    BOOST_TEST(find(body, "winningLeadId")->text == std::to_string(winner));
    std::vector<const mktows_test::XmlNode *> items;
    find_all(body, "integerItem", items);
    BOOST_REQUIRE(items.size() == 2u);
    BOOST_TEST(items[0]->text == std::to_string(loser1));
    BOOST_TEST(items[1]->text == std::to_string(loser2));
    // The losers are gone; the winner kept its own values and took the
    // ones it had none of.
    BOOST_TEST(get_lead_fault(s, "IDNUM", std::to_string(loser1)) == 20103);
    BOOST_TEST(get_lead_fault(s, "EMAIL", "lose2@example.com") == 20103);
    Page p = s.get(params(keys("IDNUM", {std::to_string(winner)})));
    BOOST_REQUIRE(p.leads.size() == 1u);
    BOOST_TEST(p.leads[0]["FirstName"] == "Winnie");
    BOOST_TEST(p.leads[0]["LastName"] == "Loser");
    BOOST_TEST(p.leads[0]["Company"] == "Acme");
  }
  // After a restart, from the journal.
  Sandbox again({"--data", dir.path() + "/data"});
  BOOST_TEST(get_lead_fault(again, "IDNUM", std::to_string(loser1)) == 20103);
  BOOST_TEST(get_lead_fault(again, "IDNUM", std::to_string(loser2)) == 20103);
  Page p = again.get(params(keys("IDNUM", {std::to_string(winner)})));
  BOOST_REQUIRE(p.leads.size() == 1u);
  BOOST_TEST(p.leads[0]["Company"] == "Acme");
}

BOOST_AUTO_TEST_CASE(merge_leads_refusals) {
  Sandbox s;
  int a = s.sync("ma@example.com");
  int b = s.sync("mb@example.com");
  s.sync("twin@example.com");
  // The same address on a second lead (syncMultipleLeads without dedup).
  {
    Connection c(s.process.port());
    HttpResponse r = c.post(s.path, sync_multiple_request({LeadFields{std::nullopt, "twin@example.com", "", "", {}}}, false),
                            action("syncMultipleLeads"));
    BOOST_REQUIRE_EQUAL(r.status, 200);
  }
  auto code = [&](const std::string &body) { return fault_code(s.call("mergeLeads", body).body); };
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}}, {{{"IDNUM", "999999"}}})) == 20103);
  BOOST_TEST(code(merge({{"IDNUM", "999999"}}, {{{"IDNUM", std::to_string(b)}}})) == 20103);
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}}, {{{"IDNUM", std::to_string(a)}}})) == 20110);
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}}, {{{"IDNUM", std::to_string(b)}}, {{"EMAIL", "mb@example.com"}}})) == 20110);
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}}, {{{"EMAIL", "twin@example.com"}}})) == 20110);  // ambiguous
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}, {"EMAIL", "mb@example.com"}}, {{{"IDNUM", std::to_string(b)}}})) == 20110);
  BOOST_TEST(code(merge({{"IDNUM", std::to_string(a)}}, {})) == 20109);
  BOOST_TEST(code(merge({}, {{{"IDNUM", std::to_string(b)}}})) == 20101);
  BOOST_TEST(code(merge({{"LEADOWNEREMAIL", "x@example.com"}}, {{{"IDNUM", std::to_string(b)}}})) == 20102);
  // Nothing was merged by the refusals.
  BOOST_TEST(get_lead_fault(s, "IDNUM", std::to_string(b)) == 0);
}

BOOST_AUTO_TEST_CASE(a_merge_moves_the_losers_activity_to_the_winner) {
  mktows_sandbox::Config config;
  mktows_sandbox::complete_config(config, nullptr, nullptr);
  mktows_sandbox::LeadService leads(config);
  auto sync = [&](const std::string &email) {
    mktows_front::SyncRequest r;
    r.lead.email = email;
    r.lead.attributes = {{"FirstName", email}};
    return leads.sync_lead(r).lead_id;
  };
  int w = sync("w@example.com");
  int l = sync("l@example.com");
  leads.merge_leads({{"IDNUM", std::to_string(w)}}, {{{"IDNUM", std::to_string(l)}}});
  std::vector<std::string> types;
  leads.read([&](const mktows_sandbox::LeadStore &store, const mktows_sandbox::ActivityLog &log) {
    BOOST_TEST(store.by_id(l) == nullptr);
    BOOST_TEST(log.of_lead(l) == nullptr);
    for (std::size_t i : *log.of_lead(w)) types.push_back(log.all()[i].info().enum_name);
  });
  // The winner's New Lead, the loser's New Lead (moved), then the merge.
  BOOST_TEST(types == (std::vector<std::string>{"NewLead", "NewLead", "MergeLeads"}));
}

namespace {

// The ids of a list's members, in its order (getMultipleLeads' StaticListSelector).
std::vector<std::string> members_of(Sandbox &s, int list_id) {
  Page p = s.get(params("<leadSelector xsi:type=\"ns1:StaticListSelector\" " + std::string(kXsi) + "><staticListId>" +
                        std::to_string(list_id) + "</staticListId></leadSelector>"));
  BOOST_REQUIRE_EQUAL(p.fault, 0);
  std::vector<std::string> ids;
  for (auto &l : p.leads) ids.push_back(l["Id"]);
  return ids;
}

void add_to_list(Sandbox &s, const std::string &list, const std::vector<int> &ids) {
  std::vector<Key> members;
  for (int id : ids) members.push_back({"IDNUM", std::to_string(id)});
  Connection c(s.process.port());
  ListOutcome o = read_list_outcome(
      c.post(s.path, list_operation_request("ADDTOLIST", {"MKTOLISTNAME", list}, members), action("listOperation")));
  BOOST_REQUIRE(o.success);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_merge_moves_the_losers_list_memberships_to_the_winner) {
  mktows_test::TempDir dir;
  std::string w, l1, l2, other;
  std::vector<std::string> newsletter, attendees;
  {
    Sandbox s({"--data", dir.path() + "/data"});
    int wi = s.sync("list-win@example.com"), l1i = s.sync("list-lose1@example.com");
    int l2i = s.sync("list-lose2@example.com"), oi = s.sync("list-other@example.com");
    w = std::to_string(wi), l1 = std::to_string(l1i), l2 = std::to_string(l2i), other = std::to_string(oi);
    add_to_list(s, "Demo Program.Newsletter", {l1i, oi});
    add_to_list(s, "Webinar 2026.Attendees", {wi, l2i});
    HttpResponse r = s.call("mergeLeads", merge({{"IDNUM", w}}, {{{"IDNUM", l1}}, {{"IDNUM", l2}}}));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    // Newsletter: the loser leaves, the winner joins at the end; Attendees:
    // the winner is a member already and stays where it was (once).
    newsletter = members_of(s, 3001);
    attendees = members_of(s, 3002);
    BOOST_TEST(newsletter == (std::vector<std::string>{other, w}));
    BOOST_TEST(attendees == (std::vector<std::string>{w}));
    Connection c(s.process.port());
    ListOutcome is = read_list_outcome(c.post(
        s.path, list_operation_request("ISMEMBEROFLIST", {"MKTOLISTNAME", "Demo Program.Newsletter"}, {{"IDNUM", w}}),
        action("listOperation")));
    BOOST_TEST(is.statuses == std::vector<bool>{true});
  }
  // The journal replays the moves after the merge.
  Sandbox again({"--data", dir.path() + "/data"});
  BOOST_TEST(members_of(again, 3001) == newsletter);
  BOOST_TEST(members_of(again, 3002) == attendees);
}
