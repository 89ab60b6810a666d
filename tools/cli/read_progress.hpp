// read_progress.hpp: progress of a long read (get-leads, activity) on
// stderr: "progress: 12 pages, 1200 leads, 850 leads/s" at most every
// `interval_s` seconds (0: after every page), redrawn in place on a
// terminal. A read's length is not known before its end (the service's
// remainingCount counts from the page in hand only), so there is no
// percentage.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace mktows_cli {

class ReadProgress {
 public:
  // `noun`: what is counted ("leads", "records"); `start_*`: what earlier
  // runs of the same journal read (the rate counts this run's only).
  ReadProgress(std::FILE *out, bool terminal, const std::string &noun, std::uint64_t start_pages,
               std::uint64_t start_records, double interval_s);

  void page(std::uint64_t pages, std::uint64_t records);
  void finish(std::uint64_t pages, std::uint64_t records);

  static std::string format(std::uint64_t pages, std::uint64_t records, const std::string &noun, double per_s);

 private:
  void emit(std::uint64_t pages, std::uint64_t records, bool final_report);

  std::FILE *out_;
  bool terminal_;
  std::string noun_;
  std::uint64_t start_records_;
  double interval_s_;
  std::chrono::steady_clock::time_point start_, last_;
  std::uint64_t last_pages_;
};

}  // namespace mktows_cli
