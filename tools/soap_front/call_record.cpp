// call_record.cpp: the thread's current call and the request ids.
#include "call_record.hpp"

#include <atomic>
#include <cstdio>
#include <random>

namespace mktows_front {

namespace {

thread_local CallRecord *t_current = nullptr;

unsigned process_prefix() {
  static const unsigned prefix = [] {
    std::random_device rd;
    return static_cast<unsigned>(rd());
  }();
  return prefix;
}

std::atomic<unsigned long long> g_sequence{0};

}  // namespace

CallRecord *current_call() { return t_current; }

CallScope::CallScope(CallRecord &record) : previous_(t_current) {
  record.request_id = next_request_id();
  record.started = std::chrono::steady_clock::now();
  t_current = &record;
}

CallScope::~CallScope() { t_current = previous_; }

std::string next_request_id() {
  char id[32];
  std::snprintf(id, sizeof id, "%08x-%llu", process_prefix(), ++g_sequence);
  return id;
}

}  // namespace mktows_front
