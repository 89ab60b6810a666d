// limiter_options.hpp: how a client's calls are held under the service's
// limits (the Limiter, limiter.hpp, applies them). Apart from the Limiter
// so that ClientOptions (options.hpp), which every unit that includes
// <mktows/mktows.hpp> parses, does not bring its mutex, condition variable
// and registry.
#ifndef MKTOWS_LIMITER_OPTIONS_HPP
#define MKTOWS_LIMITER_OPTIONS_HPP

#include "mktows/limits.hpp"

#include <chrono>

namespace mktows {

struct LimiterOptions {
  bool enabled = true;
  int calls_per_window = kCallsPerWindow;  // 0: no rate limit
  std::chrono::milliseconds window = std::chrono::seconds(kRateWindowSeconds);
  int max_concurrent = kMaxConcurrent;  // 0: no concurrency limit
};

}  // namespace mktows

#endif  // MKTOWS_LIMITER_OPTIONS_HPP
