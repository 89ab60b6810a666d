// progress.cpp: formatting and throttling of progress reports.
#include "progress.hpp"

#include <cmath>

namespace mktows_cli {

namespace {

std::string duration(double s) {
  if (!(s >= 0) || s > 359999) return "--:--";
  long t = std::lround(s);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace

Progress::Progress(std::FILE *out, bool terminal, std::uint64_t total_bytes, std::uint64_t start_rows,
                   std::uint64_t start_bytes, double plain_interval_s)
    : out_(out),
      terminal_(terminal),
      total_bytes_(total_bytes),
      start_rows_(start_rows),
      start_bytes_(start_bytes),
      interval_s_(plain_interval_s),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string Progress::format(std::uint64_t rows, std::uint64_t bytes, std::uint64_t total_bytes,
                             double rows_per_s, double seconds_left, int bar_width) {
  std::string s;
  char buf[128];
  if (total_bytes > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes));
    if (bar_width > 0) {
      int filled = static_cast<int>(frac * bar_width);
      s += '[';
      s.append(static_cast<std::size_t>(filled), '#');
      s.append(static_cast<std::size_t>(bar_width - filled), '.');
      s += "] ";
    }
    std::snprintf(buf, sizeof buf, "%3d%% ", static_cast<int>(frac * 100));
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "%llu rows, %.0f rows/s", static_cast<unsigned long long>(rows), rows_per_s);
  s += buf;
  if (total_bytes > 0) s += ", " + duration(seconds_left) + " left";
  return s;
}

void Progress::emit(std::uint64_t rows, std::uint64_t bytes, bool final_report) {
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(rows - start_rows_) / elapsed : 0;
  double byte_rate = elapsed > 0 ? static_cast<double>(bytes - start_bytes_) / elapsed : 0;
  double left = byte_rate > 0 && total_bytes_ >= bytes ? static_cast<double>(total_bytes_ - bytes) / byte_rate : -1;
  if (final_report) left = 0;
  std::string text = format(rows, bytes, total_bytes_, rate, left, terminal_ ? 30 : 0);
  if (terminal_) {
    // \r and "erase to end of line" redraw in place.
    std::fprintf(out_, "\r%s\x1b[K%s", text.c_str(), final_report ? "\n" : "");
  } else {
    std::fprintf(out_, "progress: %s\n", text.c_str());
  }
  std::fflush(out_);
  last_ = now;
  last_rows_ = rows;
}

void Progress::update(std::uint64_t rows, std::uint64_t bytes) {
  auto now = std::chrono::steady_clock::now();
  double since = std::chrono::duration<double>(now - last_).count();
  double interval = terminal_ ? 0.1 : interval_s_;
  if (since >= interval) emit(rows, bytes, false);
}

void Progress::finish(std::uint64_t rows, std::uint64_t bytes) {
  // A plain log already ending with this very report needs no repeat; a bar
  // still needs its final newline.
  if (terminal_ || rows != last_rows_) emit(rows, bytes, true);
}

}  // namespace mktows_cli
