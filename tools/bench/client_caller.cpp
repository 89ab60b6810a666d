// client_caller.cpp: the "ours" line — syncLead through mktows::Client when
// the project has it. Built either way so the driver's options never change;
// without the client the line reports a clear error and run skips it.
#include "sync_lead_call.hpp"

#include <stdexcept>

#if __has_include(<mktows/client.hpp>)
#include <mktows/client.hpp>
#define MKTOWS_BENCH_HAVE_CLIENT 1
#endif

namespace bench {

#ifdef MKTOWS_BENCH_HAVE_CLIENT
#error "client line not wired yet"
#else
std::unique_ptr<Caller> make_client_caller(const Options &) {
  throw std::runtime_error("this tree has no mktows::Client (include/mktows/client.hpp); use --impl generated|direct");
}
#endif

}  // namespace bench
