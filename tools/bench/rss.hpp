// rss.hpp: the resident set size of this process, from /proc.
#ifndef MKTOWS_BENCH_RSS_HPP
#define MKTOWS_BENCH_RSS_HPP

#include <cstdio>
#include <cstring>

namespace bench {

// VmRSS in kB, or -1 when /proc is not readable.
inline long rss_kb() {
  std::FILE *f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, "VmRSS:", 6) == 0) {
      std::sscanf(line + 6, "%ld", &kb);
      break;
    }
  std::fclose(f);
  return kb;
}

}  // namespace bench

#endif
