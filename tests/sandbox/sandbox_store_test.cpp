// Durability (--data), syncMultipleLeads and getLead over real HTTP.
#define BOOST_TEST_MODULE sandbox_store_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "support/files.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

using namespace sandbox_test;
using mktows_test::TempDir;
using mktows_test::SandboxProcess;

namespace {

HttpResponse post(const SandboxProcess &s, const std::string &body, const std::string &op) {
  Connection c(s.port());
  return c.post(path_of(s.endpoint()), body, action(op));
}

std::vector<int> get_ids(const SandboxProcess &s, const std::string &type, const std::string &value) {
  return read_get_lead_ids(post(s, get_lead_request(type, value), "getLead"));
}

struct Status {
  int lead_id;
  std::string status;
  std::string error;
};

std::vector<Status> batch_statuses(const HttpResponse &r) {
  std::vector<Status> out;
  std::vector<const mktows_test::XmlNode *> nodes;
  mktows_test::XmlNode body = mktows_test::envelope_part(r.body, "Body");
  find_all(body, "syncStatus", nodes);
  for (const auto *n : nodes)
    out.push_back({std::atoi(find(*n, "leadId")->text.c_str()), find(*n, "status")->text,
                   find(*n, "error")->nil ? std::string() : find(*n, "error")->text});
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_acknowledged_lead_survives_sigkill_under_load) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  std::map<std::string, int> acked;  // email -> lead id the client was told
  std::mutex acked_mutex;
  {
    SandboxProcess first({"--data", data, "--threads", "4"});
    std::atomic<bool> done{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t) {
      clients.emplace_back([&, t] {
        Connection c(first.port(), 10);
        for (int i = 0; !done.load(); ++i) {
          SyncLeadCall call{LeadFields{std::nullopt, "load" + std::to_string(t) + "-" + std::to_string(i) + "@x.com", "", "",
                                       {{"FirstName", "L" + std::to_string(i)}}},
                            "", false, false, std::nullopt};
          SyncOutcome o = read_sync_outcome(c.post(path_of(first.endpoint()), sync_lead_request(call), action("syncLead")));
          if (o.http_status != 200) break;  // killed
          std::lock_guard<std::mutex> lock(acked_mutex);
          acked[call.lead.email] = o.lead_id;
        }
      });
    }
    // Kill while the clients are still sending, once enough was acknowledged.
    for (int waited = 0; waited < 3000; ++waited) {
      {
        std::lock_guard<std::mutex> lock(acked_mutex);
        if (acked.size() >= 150) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    int status = first.kill_hard();
    done = true;
    for (auto &t : clients) t.join();
    BOOST_TEST(WIFSIGNALED(status));
  }
  BOOST_TEST_MESSAGE(acked.size() << " leads acknowledged before SIGKILL");
  BOOST_REQUIRE(acked.size() >= 150);
  SandboxProcess second({"--data", data});
  int max_id = 0;
  Connection c(second.port());
  for (const auto &kv : acked) {
    HttpResponse r = c.post(path_of(second.endpoint()), get_lead_request("EMAIL", kv.first), action("getLead"));
    BOOST_TEST(read_get_lead_ids(r) == std::vector<int>{kv.second}, kv.first);
    max_id = std::max(max_id, kv.second);
  }
  // Ids are not reused after a restart.
  SyncLeadCall fresh{LeadFields{std::nullopt, "after@x.com", "", "", {}}, "", false, false, std::nullopt};
  SyncOutcome o = read_sync_outcome(post(second, sync_lead_request(fresh), "syncLead"));
  BOOST_TEST(o.status == "CREATED");
  BOOST_TEST(o.lead_id > max_id);
}

BOOST_AUTO_TEST_CASE(updates_and_keys_are_replayed) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  std::string config = dir.write("c.json", R"({"leads": [{"id": 7, "cookie": "id:anon"}]})");
  {
    SandboxProcess s({"--data", data, "--config", config});
    SyncLeadCall c{LeadFields{std::nullopt, "known@x.com", "", "", {{"City", "Tab\there\nnewline\\"}}}, "id:anon", false, false,
                   std::nullopt};
    BOOST_TEST(read_sync_outcome(post(s, sync_lead_request(c), "syncLead")).lead_id == 7);
    SyncLeadCall f{LeadFields{7, "", "SF-7", "SFDC", {}}, "", false, false, std::nullopt};
    BOOST_TEST(read_sync_outcome(post(s, sync_lead_request(f), "syncLead")).status == "UPDATED");
    s.stop();
  }
  SandboxProcess s({"--data", data, "--config", config});
  BOOST_TEST(get_ids(s, "EMAIL", "known@x.com") == std::vector<int>{7});
  BOOST_TEST(get_ids(s, "COOKIE", "id:anon") == std::vector<int>{7});
  BOOST_TEST(get_ids(s, "SFDCLEADID", "SF-7") == std::vector<int>{7});
  SyncLeadCall r{LeadFields{7, "", "", "", {}}, "", true, false, std::nullopt};
  SyncOutcome o = read_sync_outcome(post(s, sync_lead_request(r), "syncLead"));
  std::vector<std::pair<std::string, std::string>> expect = {{"City", "Tab\there\nnewline\\"}};
  BOOST_TEST((o.record_attributes == expect));
}

BOOST_AUTO_TEST_CASE(a_torn_last_record_is_dropped_and_a_corrupt_one_refused) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  {
    SandboxProcess s({"--data", data});
    SyncLeadCall c{LeadFields{std::nullopt, "kept@x.com", "", "", {}}, "", false, false, std::nullopt};
    BOOST_TEST(read_sync_outcome(post(s, sync_lead_request(c), "syncLead")).status == "CREATED");
  }
  std::string journal = mktows_test::read_file(data + "/leads.journal");
  dir.write("data/leads.journal", journal + "L\t1000002\tDefault\ttorn@x");  // no newline: cut short
  {
    SandboxProcess s({"--data", data});
    BOOST_TEST(get_ids(s, "EMAIL", "kept@x.com").size() == 1u);
    BOOST_TEST(get_ids(s, "EMAIL", "torn@x").front() == -20103);
  }
  dir.write("data/leads.journal", "garbage\n" + journal);
  BOOST_CHECK_THROW(SandboxProcess({"--data", data}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(sync_multiple_leads_gives_one_status_per_record) {
  TempDir dir;
  SandboxProcess s({"--config", dir.write("c.json", R"({"leads": [{"id": 50, "email": "old@x.com"}]})")});
  std::vector<LeadFields> records = {
      LeadFields{std::nullopt, "new@x.com", "", "", {{"FirstName", "N"}}},
      LeadFields{std::nullopt, "old@x.com", "", "", {}},
      LeadFields{std::nullopt, "bad@x.com", "", "", {{"Nope", "x"}}},
      LeadFields{999, "", "", "", {}},
      LeadFields{std::nullopt, "", "F", "", {}}};
  HttpResponse r = post(s, sync_multiple_request(records, std::nullopt), "syncMultipleLeads");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  std::vector<Status> st = batch_statuses(r);
  BOOST_REQUIRE_EQUAL(st.size(), 5u);
  BOOST_TEST(st[0].status == "CREATED");
  BOOST_TEST(st[0].error.empty());
  BOOST_TEST((st[1].status == "UPDATED" && st[1].lead_id == 50));
  BOOST_TEST((st[2].status == "FAILED" && st[2].error == "20105 - Lead Attribute Bad"));
  BOOST_TEST((st[3].status == "FAILED" && st[3].error == "20103 - Lead Not Found" && st[3].lead_id == 999));
  BOOST_TEST((st[4].status == "FAILED" && st[4].error == "20109 - Parameter Required"));
  // The failed records wrote nothing; the others did.
  BOOST_TEST(get_ids(s, "EMAIL", "bad@x.com").front() == -20103);
  BOOST_TEST(get_ids(s, "EMAIL", "new@x.com") == std::vector<int>{st[0].lead_id});
}

BOOST_AUTO_TEST_CASE(dedup_disabled_creates_duplicates_but_keeps_unique_keys) {
  TempDir dir;
  SandboxProcess s({"--config", dir.write("c.json", R"({"leads": [
      {"id": 50, "email": "old@x.com", "foreignSysPersonId": "F50", "foreignSysType": "CUSTOM"}]})")});
  std::vector<LeadFields> records = {LeadFields{std::nullopt, "old@x.com", "", "", {}},
                                     LeadFields{std::nullopt, "", "F50", "CUSTOM", {}},
                                     LeadFields{50, "", "", "", {{"City", "Paris"}}}};
  std::vector<Status> st = batch_statuses(post(s, sync_multiple_request(records, false), "syncMultipleLeads"));
  BOOST_REQUIRE_EQUAL(st.size(), 3u);
  BOOST_TEST(st[0].status == "CREATED");
  BOOST_TEST((st[1].status == "FAILED" && st[1].error == "20106 - Lead Sync Failed"));
  BOOST_TEST((st[2].status == "UPDATED" && st[2].lead_id == 50));
  BOOST_TEST(get_ids(s, "EMAIL", "old@x.com") == (std::vector<int>{50, st[0].lead_id}));
  // With dedup (the default) the same Email updates the most recent lead.
  std::vector<Status> again = batch_statuses(post(s, sync_multiple_request({records[0]}, true), "syncMultipleLeads"));
  BOOST_TEST((again.at(0).status == "UPDATED" && again.at(0).lead_id == 50));
}

BOOST_AUTO_TEST_CASE(batches_above_300_records_are_refused) {
  SandboxProcess s;
  std::vector<LeadFields> records;
  for (int i = 0; i < 300; ++i) records.push_back(LeadFields{std::nullopt, "b" + std::to_string(i) + "@x.com", "", "", {}});
  std::vector<Status> st = batch_statuses(post(s, sync_multiple_request(records, std::nullopt), "syncMultipleLeads"));
  BOOST_TEST(st.size() == 300u);
  records.push_back(LeadFields{std::nullopt, "last@x.com", "", "", {}});
  BOOST_TEST(fault_code(post(s, sync_multiple_request(records, std::nullopt), "syncMultipleLeads").body) == 20110);
  BOOST_TEST(get_ids(s, "EMAIL", "last@x.com").front() == -20103);
}

BOOST_AUTO_TEST_CASE(get_lead_by_each_key_type) {
  TempDir dir;
  SandboxProcess s({"--config", dir.write("c.json", R"({"leads": [
      {"id": 60, "email": "g@x.com", "foreignSysPersonId": "00Q1", "foreignSysType": "SFDC", "cookie": "id:c60"},
      {"id": 61, "email": "G@x.com", "foreignSysPersonId": "C-1", "foreignSysType": "CUSTOM"}]})")});
  BOOST_TEST(get_ids(s, "IDNUM", "60") == std::vector<int>{60});
  BOOST_TEST(get_ids(s, "EMAIL", "g@X.com") == (std::vector<int>{60, 61}));
  BOOST_TEST(get_ids(s, "COOKIE", "id:c60") == std::vector<int>{60});
  BOOST_TEST(get_ids(s, "SFDCLEADID", "00Q1") == std::vector<int>{60});
  BOOST_TEST(get_ids(s, "SFDCLEADID", "C-1") == std::vector<int>{-20103});  // not an SFDC id
  BOOST_TEST(get_ids(s, "IDNUM", "62") == std::vector<int>{-20103});
  BOOST_TEST(get_ids(s, "IDNUM", "6x") == std::vector<int>{-20102});
  BOOST_TEST(get_ids(s, "LEADOWNEREMAIL", "g@x.com") == std::vector<int>{-20102});
  BOOST_TEST(get_ids(s, "EMAIL", "") == std::vector<int>{-20101});
  // count matches the list.
  HttpResponse r = post(s, get_lead_request("EMAIL", "g@x.com"), "getLead");
  BOOST_TEST(find(mktows_test::envelope_part(r.body, "Body"), "count")->text == "2");
}
