// read_progress.cpp: formatting and throttling of a read's progress.
#include "read_progress.hpp"

namespace mktows_cli {

ReadProgress::ReadProgress(std::FILE *out, bool terminal, const std::string &noun, std::uint64_t start_pages,
                           std::uint64_t start_records, double interval_s)
    : out_(out),
      terminal_(terminal),
      noun_(noun),
      start_records_(start_records),
      interval_s_(interval_s),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      last_pages_(start_pages) {}

std::string ReadProgress::format(std::uint64_t pages, std::uint64_t records, const std::string &noun, double per_s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%llu page%s, %llu %s, %.0f %s/s", static_cast<unsigned long long>(pages),
                pages == 1 ? "" : "s", static_cast<unsigned long long>(records), noun.c_str(), per_s, noun.c_str());
  return buf;
}

void ReadProgress::emit(std::uint64_t pages, std::uint64_t records, bool final_report) {
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(records - start_records_) / elapsed : 0;
  std::string text = format(pages, records, noun_, rate);
  if (terminal_)
    std::fprintf(out_, "\r%s\x1b[K%s", text.c_str(), final_report ? "\n" : "");
  else
    std::fprintf(out_, "progress: %s\n", text.c_str());
  std::fflush(out_);
  last_ = now;
  last_pages_ = pages;
}

void ReadProgress::page(std::uint64_t pages, std::uint64_t records) {
  double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_).count();
  if (since >= (terminal_ ? 0.1 : interval_s_)) emit(pages, records, false);
}

void ReadProgress::finish(std::uint64_t pages, std::uint64_t records) {
  // A plain log already ending with this very report needs no repeat.
  if (terminal_ || pages != last_pages_) emit(pages, records, true);
}

}  // namespace mktows_cli
