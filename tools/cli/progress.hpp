// progress.hpp: sync-leads progress on stderr: a redrawn bar on a terminal,
// plain periodic lines otherwise (logs and pipes keep every line readable).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace mktows_cli {

class Progress {
 public:
  // `total_bytes` is the CSV's size (0 if unknown, e.g. a pipe); the time
  // left is estimated from bytes, since the row count is not known until the
  // end of a streamed file. Rates count only this run's rows and bytes.
  Progress(std::FILE *out, bool terminal, std::uint64_t total_bytes, std::uint64_t start_rows,
           std::uint64_t start_bytes, double plain_interval_s);

  void update(std::uint64_t rows, std::uint64_t bytes);
  void finish(std::uint64_t rows, std::uint64_t bytes);

  // The text of one report, without line control; public for tests.
  static std::string format(std::uint64_t rows, std::uint64_t bytes, std::uint64_t total_bytes,
                            double rows_per_s, double seconds_left, int bar_width);

 private:
  void emit(std::uint64_t rows, std::uint64_t bytes, bool final_report);

  std::FILE *out_;
  bool terminal_;
  std::uint64_t total_bytes_, start_rows_, start_bytes_;
  double interval_s_;
  std::chrono::steady_clock::time_point start_, last_;
  std::uint64_t last_rows_ = UINT64_MAX;  // rows in the last report
};

}  // namespace mktows_cli
