// client_pool.hpp: Clients for multi-threaded callers. A Client is used by
// one thread at a time; a pool lends each thread its own and takes it back.
//
//   mktows::ClientPool pool(options, 4);
//   // on any thread:
//   auto r = pool.acquire()->sync_lead(lead);
//   // or one syncLead per lead, up to 4 in flight from this thread:
//   auto rs = pool.sync_each(leads);
//
// All clients of a pool (and of the process) share the per-user limiter, so
// a bigger pool does not break the service's limits.
#ifndef MKTOWS_CLIENT_POOL_HPP
#define MKTOWS_CLIENT_POOL_HPP

#include "mktows/client.hpp"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace mktows {

class ClientPool {
 public:
  // A borrowed client, returned to the pool when the lease dies.
  class Lease {
   public:
    Lease(Lease &&other) noexcept : pool_(other.pool_), client_(std::move(other.client_)) { other.pool_ = nullptr; }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Lease &operator=(Lease &&) = delete;
    ~Lease() {
      if (pool_ && client_) pool_->give_back(std::move(client_));
    }
    Client &operator*() { return *client_; }
    Client *operator->() { return client_.get(); }

   private:
    friend class ClientPool;
    Lease(ClientPool *pool, std::unique_ptr<Client> client) : pool_(pool), client_(std::move(client)) {}
    ClientPool *pool_;
    std::unique_ptr<Client> client_;
  };

  // Creates `size` clients at once (at least one), so the key is handed to
  // their plugins now and not kept by the pool.
  ClientPool(const ClientOptions &options, std::size_t size)
      : size_(size ? size : 1),
        // One thread holding more limiter permits than the limiter grants
        // would wait for itself.
        max_in_flight_(options.limiter.enabled && options.limiter.max_concurrent > 0
                           ? static_cast<std::size_t>(options.limiter.max_concurrent)
                           : size_) {
    for (std::size_t i = 0; i < size_; ++i) idle_.push_back(std::unique_ptr<Client>(new Client(options)));
  }
  ClientPool(const ClientPool &) = delete;
  ClientPool &operator=(const ClientPool &) = delete;
  // Leases must not outlive the pool.
  ~ClientPool() {}

  // Waits for an idle client.
  Lease acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (idle_.empty()) available_.wait(lock);
    std::unique_ptr<Client> c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }

  // One syncLead per lead, in input order, each validated, signed, limited
  // and retried exactly as Client::sync_lead does it, but with up to size()
  // of them in flight at once on the pool's connections, from this one
  // thread: while the service works on one request the others travel.
  // (For many leads with no per-lead options, sync_multiple_leads is
  // cheaper still: 300 leads per request.) Uses the clients idle now, at
  // least one (waiting for it if none is).
  std::vector<Result<SyncResult> > sync_each(const std::vector<Lead> &leads,
                                             const CallOptions &options = CallOptions()) {
    std::vector<Result<SyncResult> > out;
    out.reserve(leads.size());
    if (leads.empty()) return out;
    std::size_t want = leads.size() < max_in_flight_ ? leads.size() : max_in_flight_;
    std::vector<Lease> leases;
    leases.reserve(want);
    leases.push_back(acquire());
    while (leases.size() < want) {
      std::unique_ptr<Client> c = try_take();
      if (!c) break;
      leases.push_back(Lease(this, std::move(c)));
    }
    // A ring: client k sends leads k, k+n, k+2n, ...; answers are read in
    // the order the requests went out, which is the input order.
    const std::size_t n = leases.size();
    std::size_t next = 0;
    for (; next < n; ++next) detail::entry::start_sync_lead(*leases[next]->state_, leads[next], options);
    for (std::size_t done = 0; done < leads.size(); ++done) {
      detail::ClientState &c = *leases[done % n]->state_;
      out.push_back(detail::entry::finish_sync_lead(c));
      if (next < leads.size()) detail::entry::start_sync_lead(c, leads[next++], options);
    }
    return out;
  }

  std::size_t size() const { return size_; }
  std::size_t idle() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_.size();
  }
  Error setup_error() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return idle_.empty() ? Error() : idle_.front()->setup_error();
  }

 private:
  std::unique_ptr<Client> try_take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.empty()) return std::unique_ptr<Client>();
    std::unique_ptr<Client> c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }

  void give_back(std::unique_ptr<Client> c) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      idle_.push_back(std::move(c));
    }
    available_.notify_one();
  }

  std::size_t size_;
  std::size_t max_in_flight_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Client> > idle_;
};

}  // namespace mktows

#endif  // MKTOWS_CLIENT_POOL_HPP
