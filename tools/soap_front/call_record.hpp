// call_record.hpp: what one SOAP call was, as the server's observers see
// it (the bridge's metrics, the access log): its request id, operation,
// verified user, fault code, REST calls and duration. The record of the call
// a worker thread is serving is reachable from that thread (current_call),
// so that every log line written while it is served carries its request id
// and a backend can count what it did for it, without passing it through
// every interface.
#pragma once

#include <chrono>
#include <string>

namespace mktows_front {

struct CallRecord {
  std::string request_id;
  const char *operation = nullptr;  // the table's name; null: no operation was named
  std::string user_id;              // set once the signature was verified (never what failed the check)
  int fault_code = 0;               // 0: answered normally
  int rest_calls = 0;               // HTTP calls a backend made for it (the bridge's)
  std::chrono::steady_clock::time_point started;
  double seconds = 0;               // set when the call ends
};

// Told of every SOAP call when it ends, on the worker that served it.
// Implementations synchronise themselves.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void call_ended(const CallRecord &call) = 0;
};

// The call this thread is serving; null between calls.
CallRecord *current_call();

// Makes `record` this thread's current call for its lifetime, with a fresh
// request id and its start time.
class CallScope {
 public:
  explicit CallScope(CallRecord &record);
  ~CallScope();
  CallScope(const CallScope &) = delete;
  CallScope &operator=(const CallScope &) = delete;

 private:
  CallRecord *previous_;
};

// A process-unique request id: 8 hex digits chosen at random when the
// process starts (so that ids from several bridges do not collide in one
// log store), a dash, and a sequence number.
std::string next_request_id();

}  // namespace mktows_front
