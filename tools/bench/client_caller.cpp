// client_caller.cpp: the "ours" line — syncLead through mktows::Client, as
// its documentation shows, with the service's client-side rate limiter
// turned off (it would hold the benchmark to 100 calls per 20 s). With
// --connections K the threads share one mktows::ClientPool of K clients.
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

 private:
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

  mktows::ClientPool &pool_;
  mktows::Lead lead_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Caller> make_client_caller(const Options &o) {
  if (o.connections > 1) return std::unique_ptr<Caller>(new PoolCaller(o));
  return std::unique_ptr<Caller>(new ClientCaller(o));
}

}  // namespace bench
