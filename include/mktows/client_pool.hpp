// client_pool.hpp: Clients for multi-threaded callers. A Client is used by
// one thread at a time; a pool lends each thread its own and takes it back.
//
//   mktows::ClientPool pool(options, 4);
//   // on any thread:
//   auto r = pool.acquire()->sync_lead(lead);
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
  ClientPool(const ClientOptions &options, std::size_t size) : size_(size ? size : 1) {
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
  void give_back(std::unique_ptr<Client> c) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      idle_.push_back(std::move(c));
    }
    available_.notify_one();
  }

  std::size_t size_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Client> > idle_;
};

}  // namespace mktows

#endif  // MKTOWS_CLIENT_POOL_HPP
