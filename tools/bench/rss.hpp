// rss.hpp: the resident set size of this process, from /proc.
//
// /proc/self/smaps_rollup walks the page tables and is exact; VmRSS in
// /proc/self/status comes from counters the kernel updates in batches and
// can be tens of kB behind, which is the size of the growth the memory line
// looks for. VmRSS is the fallback for kernels without smaps_rollup.
#ifndef MKTOWS_BENCH_RSS_HPP
#define MKTOWS_BENCH_RSS_HPP

#include <cstdio>
#include <cstring>

namespace bench {

// The first "<field> <n> kB" line of a /proc file, or -1.
inline long proc_kb(const char *path, const char *field) {
  std::FILE *f = std::fopen(path, "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  const std::size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, field, n) == 0) {
      if (std::sscanf(line + n, "%ld", &kb) != 1) kb = -1;
      break;
    }
  std::fclose(f);
  return kb;
}

// Resident set size in kB, or -1 when /proc is not readable.
inline long rss_kb() {
  long kb = proc_kb("/proc/self/smaps_rollup", "Rss:");
  return kb >= 0 ? kb : proc_kb("/proc/self/status", "VmRSS:");
}

}  // namespace bench

#endif
