// client_answer_fuzz: bytes -> the answer of one mktows::Client call.
//
// Input: one selector byte, then what the "server" sends: an HTTP head and
// a (SOAP) body, or anything else. The client's gSOAP context opens its
// connection through a hook that hands it one end of a socketpair whose
// other end already holds the input and is shut for writing: the client's
// own send and receive code (detail::Exchange on plain HTTP) runs
// unchanged, in memory, with no network and no waiting, and the answer
// ends where the input does. The call must return (a result or an Error)
// without a sanitizer report; the result's fields are read back so
// anything the parser left half-made is touched.
//
// Selector bits: 0-1 the operation (syncLead, syncMultipleLeads, getLead),
// 2 returnLead, 3 tracing on (redaction runs over the answer), 4 free after
// every call (free_every 1).
#include <mktows/mktows.hpp>

#include "mktows/detail/client_state.hpp"  // src/: the state the fuzzer drives directly

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

const std::size_t kMaxAnswer = 256 * 1024;  // fits the socketpair's buffers, so writing never blocks

int g_next_socket = -1;  // the client end of the connection the next open returns

SOAP_SOCKET open_in_memory(struct soap *soap, const char *, const char *, int) {
  int s = g_next_socket;
  g_next_socket = -1;
  if (s < 0) {
    soap->errnum = ECONNREFUSED;
    soap_set_sender_error(soap, "fuzz", "no answer queued", SOAP_TCP_ERROR);
    return SOAP_INVALID_SOCKET;
  }
  return s;
}

struct Harness {
  std::unique_ptr<mktows::detail::ClientState> state[4];  // by (trace, free_every 1)
  std::size_t traced = 0;

  mktows::detail::ClientState &get(bool trace, bool free_each) {
    std::unique_ptr<mktows::detail::ClientState> &slot = state[(trace ? 1 : 0) + (free_each ? 2 : 0)];
    if (!slot) {
      mktows::ClientOptions o;
      o.endpoint = "http://127.0.0.1:9/soap/mktows/2_2";
      o.user_id = "fuzz1_0123456789ABCDEF012345";
      o.encryption_key = "fuzz-encryption-key";
      o.workspace = "Default";
      o.keep_alive = false;  // one connection per call: each input is a whole conversation
      o.limiter.enabled = false;
      o.retry = mktows::RetryPolicy::none();
      o.max_response_bytes = 128 * 1024;  // below kMaxAnswer: the limit itself gets fuzzed
      o.free_every = free_each ? 1 : 64;
      if (trace) o.trace = [this](mktows::TraceDirection, const std::string &m) { traced += m.size(); };
      slot.reset(new mktows::detail::ClientState(o));
      if (!slot->setup_error().ok()) std::abort();
      // After the client's own hooks are in place: only opening changes.
      slot->soap()->fopen = open_in_memory;
    }
    return *slot;
  }
};

std::size_t touch(const mktows::Lead &l) {
  std::size_t n = l.email().size() + l.foreign_id().size() + static_cast<std::size_t>(l.has_id() ? l.id() & 1 : 0);
  for (const mktows::Attribute &a : l.attributes()) n += a.name.size() + a.value.size() + a.type.size();
  return n;
}

std::size_t touch(const mktows::SyncResult &r) {
  return static_cast<std::size_t>(r.lead_id & 1) + r.error.size() + (r.has_lead ? touch(r.lead) : 0) +
         std::string(mktows::to_string(r.status)).size();
}

std::size_t touch(const mktows::Error &e) {
  return e.describe().size() + e.soap_detail.size() + e.fault_code.size() + e.body_excerpt.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static Harness *harness = new Harness;  // one set of clients for the whole run, as a user keeps one
  if (size < 1) return 0;
  const unsigned selector = data[0];
  ++data;
  --size;
  if (size > kMaxAnswer) size = kMaxAnswer;

  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) std::abort();
  int big = 1 << 20;
  ::setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  ::setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  ::setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);  // the request lands here, unread
  ::fcntl(sv[1], F_SETFL, O_NONBLOCK);
  std::size_t written = 0;
  while (written < size) {
    ssize_t n = ::send(sv[1], data + written, size - written, MSG_NOSIGNAL);
    if (n <= 0) break;  // the buffer is full: the answer is what fitted
    written += static_cast<std::size_t>(n);
  }
  ::shutdown(sv[1], SHUT_WR);
  g_next_socket = sv[0];

  mktows::detail::ClientState &client = harness->get((selector & 8) != 0, (selector & 16) != 0);
  mktows::CallOptions call;
  call.return_lead((selector & 4) != 0);
  std::size_t sink = 0;
  switch (selector & 3) {
    case 0:
    case 3: {
      mktows::Result<mktows::SyncResult> r =
          client.sync_lead(mktows::Lead().email("george@jungle.com").attribute("FirstName", "George"), call);
      sink += r ? touch(*r) : touch(r.error());
      break;
    }
    case 1: {
      std::vector<mktows::Lead> leads;
      leads.push_back(mktows::Lead().email("a@jungle.com"));
      leads.push_back(mktows::Lead().id(7).attribute("LastName", "Ape"));
      mktows::Result<std::vector<mktows::SyncResult> > r = client.sync_multiple_leads(leads, true, call);
      if (r) {
        if (r->size() != leads.size()) std::abort();  // one result per lead, or an error
        for (const mktows::SyncResult &s : *r) sink += touch(s);
      } else {
        sink += touch(r.error());
      }
      break;
    }
    case 2: {
      mktows::Result<std::vector<mktows::Lead> > r = client.get_lead(mktows::LeadKey::by_email("a@jungle.com"), call);
      if (r)
        for (const mktows::Lead &l : *r) sink += touch(l);
      else
        sink += touch(r.error());
      break;
    }
  }
  // Whatever the answer said about the connection, the next input starts a new one.
  if (soap_valid_socket(client.soap()->socket)) soap_force_closesock(client.soap());
  if (g_next_socket >= 0) {  // the call never opened it (refused before sending)
    ::close(g_next_socket);
    g_next_socket = -1;
  }
  ::close(sv[1]);
  volatile std::size_t keep = sink;  // the reads above are not optimised away
  (void)keep;
  return 0;
}
