// client_caller.cpp: the "ours" line — syncLead through mktows::Client, as
// its documentation shows, with the service's client-side rate limiter
// turned off (it would hold the benchmark to 100 calls per 20 s). With
// --connections K the threads share one mktows::ClientPool of K clients;
// with --per-thread P as well, each thread sends P leads at a time through
// ClientPool::sync_each.
#include "sync_lead_call.hpp"

#include <mktows/client.hpp>
#include <mktows/client_pool.hpp>

#include <mutex>
#include <stdexcept>

namespace bench {

namespace {

mktows::ClientOptions client_options(const Options &o) {
  mktows::ClientOptions c;
  c.endpoint = o.url;
  c.user_id = o.user;
  c.encryption_key = o.key;
  c.limiter.enabled = false;
  return c;
}

mktows::Lead seed_lead() {
  return mktows::Lead().email("t@t.com").attribute("FirstName", "George").attribute("LastName", "of the Jungle");
}

bool synced(const mktows::Result<mktows::SyncResult> &r, std::string &error) {
  if (!r) {
    error = r.error().describe();
    return false;
  }
  if (r->status == mktows::SyncStatus::failed || r->lead_id <= 0) {
    error = "the answer was not a successful sync";
    return false;
  }
  return true;
}

class ClientCaller : public Caller {
 public:
  explicit ClientCaller(const Options &o) : client_(client_options(o)), lead_(seed_lead()) {
    if (!client_.ready()) throw std::runtime_error("mktows::Client: " + client_.setup_error().describe());
  }
  bool call() override { return synced(client_.sync_lead(lead_), error_); }
  std::string last_error() const override { return error_; }

 private:
  mktows::Client client_;
  mktows::Lead lead_;
  std::string error_;
};

// One pool for the process, sized by the first caller's --connections.
class PoolCaller : public Caller {
 public:
  explicit PoolCaller(const Options &o) : pool_(shared_pool(o)), lead_(seed_lead()) {}
  bool call() override {
    mktows::ClientPool::Lease lease = pool_.acquire();
    return synced(lease->sync_lead(lead_), error_);
  }
  std::string last_error() const override { return error_; }

 public:
  static mktows::ClientPool &shared_pool(const Options &o) {
    static std::once_flag once;
    static std::unique_ptr<mktows::ClientPool> pool;
    std::call_once(once, [&] {
      pool.reset(new mktows::ClientPool(client_options(o), static_cast<std::size_t>(o.connections)));
    });
    mktows::Error e = pool->setup_error();
    if (!e.ok()) throw std::runtime_error("mktows::ClientPool: " + e.describe());
    return *pool;
  }


 private:
  mktows::ClientPool &pool_;
  mktows::Lead lead_;
  std::string error_;
};

// --connections K --per-thread P: K/P threads share one pool of K clients,
// each thread sending P leads at a time with ClientPool::sync_each.
class EachCaller : public Caller {
 public:
  explicit EachCaller(const Options &o)
      : pool_(PoolCaller::shared_pool(o)), leads_(static_cast<std::size_t>(o.per_thread), seed_lead()) {}
  bool call() override { return call_batch(1) == 0; }
  long batch_capacity() const override { return static_cast<long>(leads_.size()); }
  long call_batch(long n) override {
    std::vector<mktows::Lead> leads(leads_.begin(), leads_.begin() + n);
    std::vector<mktows::Result<mktows::SyncResult> > results = pool_.sync_each(leads);
    long failed = 0;
    for (const auto &r : results)
      if (!synced(r, error_)) ++failed;
    return failed + (n - static_cast<long>(results.size()));
  }
  std::string last_error() const override { return error_; }

 private:
  mktows::ClientPool &pool_;
  std::vector<mktows::Lead> leads_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Caller> make_client_caller(const Options &o) {
  if (o.connections > 1 && o.per_thread > 1) return std::unique_ptr<Caller>(new EachCaller(o));
  if (o.connections > 1) return std::unique_ptr<Caller>(new PoolCaller(o));
  return std::unique_ptr<Caller>(new ClientCaller(o));
}

}  // namespace bench
