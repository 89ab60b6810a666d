// idempotency.hpp: which calls may be sent again after the service may
// already have applied them; the client's retry loop asks it after every
// failed attempt. What each operation is comes from operations.hpp.
//
// A failure before the request was sent whole (no connection, the
// connection lost while sending) cannot have been applied: every operation
// is retried as the RetryPolicy says. After the whole request left, the
// service may have applied it and only its answer been lost;
// a resend is then made only when it cannot create a second record: the
// table's idempotency column (operations.hpp says why for each operation).
#ifndef MKTOWS_IDEMPOTENCY_HPP
#define MKTOWS_IDEMPOTENCY_HPP

#include "mktows/error.hpp"
#include "mktows/operations.hpp"

namespace mktows {

// Whether sending the same request twice leaves the same records as
// sending it once. `keyed`: the request writes by key (syncMultipleLeads'
// dedupEnabled; syncMObjects' operation is not INSERT); it matters only for
// the table's when_keyed rows.
inline bool is_idempotent(Operation op, bool keyed) {
  switch (info(op).idempotency) {
    case Idempotency::read:
    case Idempotency::always: return true;
    case Idempotency::when_keyed: return keyed;
    case Idempotency::never: return false;
  }
  return false;
}

// Whether an attempt that failed with `e` may have been applied by the
// service. `sent_whole`: the request left completely (the failure came
// while waiting for or reading the answer). A SOAP fault is the service
// refusing the request; 429 and 503 say it was not processed; anything
// else after a whole request (a dropped connection, a timeout, a 502 or
// 504 from a gateway that may have passed it on, an unreadable answer)
// may follow its being applied.
inline bool attempt_may_have_been_applied(const Error &e, bool sent_whole) {
  if (!sent_whole || e.ok()) return false;
  switch (e.kind) {
    case ErrorKind::validation:
    case ErrorKind::fault: return false;
    case ErrorKind::http: return e.code != 429 && e.code != 503;
    default: return true;
  }
}

// Whether the failed attempt may be sent again as far as duplicates go
// (the RetryPolicy still decides whether it is worth it).
inline bool may_resend(Operation op, bool keyed, bool attempt_may_have_been_applied) {
  return !attempt_may_have_been_applied || is_idempotent(op, keyed);
}

}  // namespace mktows

#endif  // MKTOWS_IDEMPOTENCY_HPP
