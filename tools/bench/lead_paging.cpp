// mktows-bench-paging: the read paths an export makes, against a sandbox,
// through the generated proxy (one keep-alive connection, every call signed
// by mktows::auth_plugin), timed and checked:
//
//   walk-leads --batch B --expect N
//       getMultipleLeads with a LastUpdateAtSelector (the last day), every
//       page with streamPosition until remainingCount is 0; fails unless
//       it saw N leads, each once. Prints leads=, pages=, seconds=, leads_per_s=.
//   seed-activity --email E --records N
//       N activity records on a new lead with that address (its New Lead,
//       then a Change Data Value for each further record: each changes
//       FirstName), 300 records a syncMultipleLeads call. Prints lead_id=.
//   walk-activity --lead-id ID --expect N
//       getLeadActivity over that lead, 100 a page (the limit), until
//       remainingCount is 0; fails unless it saw N records, each once.
//       Prints records=, pages=, seconds=, records_per_s=.
//
//   mktows-bench-paging <mode> --url URL [--user ID] [--key-env VAR] ...
// The key comes from the environment (--key-env), never argv.
#include "bench_options.hpp"
#include "header_signer.hpp"

#include <mktows/limits.hpp>
#include <mktows/wire.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

namespace wire = mktows::wire;

const int kIoTimeoutSeconds = 60;  // a page of 1000 leads is large, but a stuck server still fails the run
const long kMaxPages = 1000000;    // a walk that never ends is a failure, not a hang

struct Args {
  std::string mode, email;
  long batch = 100, expect = -1, records = 0, lead_id = 0;
  bench::Options auth;  // url, user, key
};

Args parse(int argc, char **argv) {
  if (argc < 2) throw std::invalid_argument("a mode is required: walk-leads, seed-activity or walk-activity");
  Args a;
  a.mode = argv[1];
  a.auth.auth = "plugin";
  for (int i = 2; i < argc; ++i) {
    std::string o = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(o + " needs a value");
      return argv[++i];
    };
    if (o == "--url") a.auth.url = value();
    else if (o == "--user") a.auth.user = value();
    else if (o == "--key-env") {
      std::string var = value();
      const char *k = std::getenv(var.c_str());
      if (!k) throw std::invalid_argument("--key-env: " + var + " is not set");
      a.auth.key = k;
    } else if (o == "--batch") a.batch = bench::parse_count(o, value(), 1);
    else if (o == "--expect") a.expect = bench::parse_count(o, value(), 0);
    else if (o == "--records") a.records = bench::parse_count(o, value(), 1);
    else if (o == "--lead-id") a.lead_id = bench::parse_count(o, value(), 1);
    else if (o == "--email") a.email = value();
    else throw std::invalid_argument("unknown option " + o);
  }
  if (a.auth.url.empty()) throw std::invalid_argument("--url is required");
  return a;
}

class Session {
 public:
  explicit Session(const bench::Options &o) : proxy_(SOAP_IO_KEEPALIVE, SOAP_IO_KEEPALIVE), url_(o.url), signer_(o) {
    proxy_.soap_endpoint = url_.c_str();
    proxy_.soap->connect_timeout = 10;
    proxy_.soap->send_timeout = kIoTimeoutSeconds;
    proxy_.soap->recv_timeout = kIoTimeoutSeconds;
    if (!signer_.attach_plugin(proxy_.soap)) throw std::runtime_error("the auth plugin did not attach");
  }
  wire::MktowsApiSoapBindingProxy &proxy() { return proxy_; }
  void check(int rc, const char *what) {
    if (rc == SOAP_OK) return;
    char text[512];
    proxy_.soap_sprint_fault(text, sizeof text);
    throw std::runtime_error(std::string(what) + ": " + text);
  }

 private:
  wire::MktowsApiSoapBindingProxy proxy_;
  std::string url_;
  bench::HeaderSigner signer_;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void check_count(const char *what, std::size_t seen, std::size_t unique, long expect) {
  if (unique != seen) throw std::runtime_error(std::string(what) + ": " + std::to_string(seen - unique) + " seen twice");
  if (expect >= 0 && static_cast<long>(seen) != expect)
    throw std::runtime_error(std::string(what) + ": " + std::to_string(seen) + " seen, " + std::to_string(expect) +
                             " expected");
}

int walk_leads(const Args &a) {
  Session s(a.auth);
  wire::mktows__LastUpdateAtSelector selector;
  selector.oldestUpdatedAt = std::time(nullptr) - 86400;
  int batch = static_cast<int>(a.batch);
  std::string position;
  std::unordered_set<int> ids;
  std::size_t seen = 0;
  long pages = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    wire::mktows__ParamsGetMultipleLeads params;
    params.leadSelector = &selector;
    params.batchSize = &batch;
    if (!position.empty()) params.streamPosition = &position;
    wire::mktows__SuccessGetMultipleLeads answer;
    s.check(s.proxy().getMultipleLeads(&params, answer), "getMultipleLeads");
    if (!answer.result) throw std::runtime_error("getMultipleLeads: no result");
    ++pages;
    const wire::mktows__ResultGetMultipleLeads &r = *answer.result;
    std::size_t n = r.leadRecordList ? r.leadRecordList->leadRecord.size() : 0;
    if (static_cast<std::size_t>(r.returnCount) != n)
      throw std::runtime_error("returnCount " + std::to_string(r.returnCount) + " but " + std::to_string(n) + " records");
    for (std::size_t i = 0; i < n; ++i) {
      const wire::mktows__LeadRecord *l = r.leadRecordList->leadRecord[i];
      if (!l || !l->Id) throw std::runtime_error("a lead record without its Id");
      ids.insert(*l->Id);
      ++seen;
    }
    bool done = r.remainingCount == 0;
    position = r.newStreamPosition;
    s.proxy().destroy();  // the page's answer: freed before the next
    if (done) break;
    if (position.empty()) throw std::runtime_error("remainingCount above 0 without a newStreamPosition");
    if (pages >= kMaxPages) throw std::runtime_error("the walk does not end");
  }
  double secs = seconds_since(t0);
  check_count("walk-leads", seen, ids.size(), a.expect);
  std::printf("leads=%zu pages=%ld seconds=%.3f leads_per_s=%.0f\n", seen, pages, secs, seen / secs);
  return 0;
}

int seed_activity(const Args &a) {
  if (a.email.empty() || a.records < 1) throw std::invalid_argument("seed-activity needs --email and --records");
  Session s(a.auth);
  int lead_id = 0;
  for (long done = 0; done < a.records;) {
    long n = std::min<long>(a.records - done, static_cast<long>(mktows::kMaxBatch));
    std::vector<wire::mktows__LeadRecord> records(static_cast<std::size_t>(n));
    std::vector<wire::mktows__ArrayOfAttribute> lists(records.size());
    std::vector<wire::mktows__Attribute> attributes(records.size());
    std::vector<std::string> emails(records.size(), a.email);
    wire::mktows__ArrayOfLeadRecord batch;
    for (std::size_t i = 0; i < records.size(); ++i) {
      attributes[i].attrName = "FirstName";
      attributes[i].attrValue = "v" + std::to_string(done + static_cast<long>(i));
      lists[i].attribute.push_back(&attributes[i]);
      records[i].Email = &emails[i];
      records[i].leadAttributeList = &lists[i];
      batch.leadRecord.push_back(&records[i]);
    }
    wire::mktows__ParamsSyncMultipleLeads params;
    params.leadRecordList = &batch;
    wire::mktows__SuccessSyncMultipleLeads answer;
    s.check(s.proxy().syncMultipleLeads(&params, answer), "syncMultipleLeads");
    if (!answer.result || !answer.result->syncStatusList || answer.result->syncStatusList->syncStatus.size() != records.size())
      throw std::runtime_error("syncMultipleLeads: not one status per record");
    for (const wire::mktows__SyncStatus *st : answer.result->syncStatusList->syncStatus) {
      if (!st || st->status == wire::mktows__LeadSyncStatus__FAILED) throw std::runtime_error("syncMultipleLeads: a record failed");
      lead_id = st->leadId;
    }
    s.proxy().destroy();
    done += n;
  }
  std::printf("lead_id=%d\n", lead_id);
  return 0;
}

int walk_activity(const Args &a) {
  if (a.lead_id < 1) throw std::invalid_argument("walk-activity needs --lead-id");
  Session s(a.auth);
  wire::mktows__LeadKey key;
  key.keyType = wire::mktows__LeadKeyRef__IDNUM;
  key.keyValue = std::to_string(a.lead_id);
  int batch = static_cast<int>(mktows::kMaxLeadActivityBatch);
  std::string offset;
  std::unordered_set<int> ids;
  std::size_t seen = 0;
  long pages = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    wire::mktows__ParamsGetLeadActivity params;
    wire::mktows__StreamPosition from;
    params.leadKey = &key;
    params.batchSize = &batch;
    if (!offset.empty()) {
      from.offset = &offset;
      params.startPosition = &from;
    }
    wire::mktows__SuccessGetLeadActivity answer;
    s.check(s.proxy().getLeadActivity(&params, answer), "getLeadActivity");
    if (!answer.leadActivityList) throw std::runtime_error("getLeadActivity: no leadActivityList");
    ++pages;
    const wire::mktows__LeadActivityList &r = *answer.leadActivityList;
    std::size_t n = r.activityRecordList ? r.activityRecordList->activityRecord.size() : 0;
    if (static_cast<std::size_t>(r.returnCount) != n)
      throw std::runtime_error("returnCount " + std::to_string(r.returnCount) + " but " + std::to_string(n) + " records");
    for (std::size_t i = 0; i < n; ++i) {
      ids.insert(r.activityRecordList->activityRecord[i]->id);
      ++seen;
    }
    bool done = r.remainingCount == 0;
    offset = r.newStartPosition && r.newStartPosition->offset ? *r.newStartPosition->offset : std::string();
    s.proxy().destroy();
    if (done) break;
    if (offset.empty()) throw std::runtime_error("remainingCount above 0 without a newStartPosition offset");
    if (pages >= kMaxPages) throw std::runtime_error("the walk does not end");
  }
  double secs = seconds_since(t0);
  check_count("walk-activity", seen, ids.size(), a.expect);
  std::printf("records=%zu pages=%ld seconds=%.3f records_per_s=%.0f\n", seen, pages, secs, seen / secs);
  return 0;
}

}  // namespace

int main(int argc, char **argv) {
  try {
    Args a = parse(argc, argv);
    if (a.mode == "walk-leads") return walk_leads(a);
    if (a.mode == "seed-activity") return seed_activity(a);
    if (a.mode == "walk-activity") return walk_activity(a);
    throw std::invalid_argument("unknown mode " + a.mode);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "mktows-bench-paging: %s\n", e.what());
    return 1;
  }
}
