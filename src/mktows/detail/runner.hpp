// detail/runner.hpp: what the calls beyond syncLead, syncMultipleLeads and
// getLead (detail/lead_calls.hpp, activity_calls.hpp, list_calls.hpp,
// campaign_calls.hpp) need from the client that makes them: one call
// through all its attempts (detail::Call, with the client's deadline, retry
// policy and the operation's idempotency), the freeing of answers, the
// context for the generated enum conversions and the wall clock.
// ClientState implements it; the calls are plain functions over it, so
// that they need no Client internals and could be compiled apart.
#ifndef MKTOWS_DETAIL_RUNNER_HPP
#define MKTOWS_DETAIL_RUNNER_HPP

#include "mktows/detail/call.hpp"
#include "mktows/error.hpp"
#include "mktows/lead.hpp"

#include <ctime>
#include <string>

namespace mktows {
namespace detail {

class Runner {
 public:
  // Sends `request` (its answer read into request.body.answer) as the
  // client's RetryPolicy and the operation's idempotency say; on failure
  // the answers are freed.
  virtual Error run(const Request &request, const CallOptions &call) = 0;
  // An answer that lacks `what`: a protocol error (the service may have
  // applied the call); the answers are freed.
  virtual Error answer_lacks(const std::string &what) = 0;
  // The answer has been copied out: free it in the client's rhythm
  // (ClientOptions::free_every), or now (a pager's page: constant memory).
  virtual void answer_used() = 0;
  virtual void free_now() = 0;
  virtual struct soap *context() = 0;
  virtual std::time_t now() const = 0;

 protected:
  ~Runner() {}
};

}  // namespace detail
}  // namespace mktows

#endif  // MKTOWS_DETAIL_RUNNER_HPP
