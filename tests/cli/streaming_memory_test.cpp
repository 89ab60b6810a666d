// streaming_memory_test: sync-leads memory does not grow with the file. The
// engine runs over a small and a 20-times larger CSV; the peak of live heap
// bytes (counted by this program's operator new/delete) is the same within
// a small margin, whatever the file's size.
#define BOOST_TEST_MODULE streaming_memory
#include <boost/test/unit_test.hpp>

#include "batch_sync.hpp"
#include "support/temp_dir.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>

namespace {

std::atomic<long long> g_live{0};
std::atomic<long long> g_peak{0};

void *counted_alloc(std::size_t n) {
  // A header in front of each block remembers its size for the delete.
  void *p = std::malloc(n + 16);
  if (!p) throw std::bad_alloc();
  *static_cast<std::size_t *>(p) = n;
  long long live = g_live.fetch_add(static_cast<long long>(n)) + static_cast<long long>(n);
  long long peak = g_peak.load();
  while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
  }
  return static_cast<char *>(p) + 16;
}

void counted_free(void *p) noexcept {
  if (!p) return;
  char *base = static_cast<char *>(p) - 16;
  g_live.fetch_sub(static_cast<long long>(*reinterpret_cast<std::size_t *>(base)));
  std::free(base);
}

}  // namespace

void *operator new(std::size_t n) { return counted_alloc(n); }
void *operator new[](std::size_t n) { return counted_alloc(n); }
void operator delete(void *p) noexcept { counted_free(p); }
void operator delete[](void *p) noexcept { counted_free(p); }
void operator delete(void *p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void *p, std::size_t) noexcept { counted_free(p); }

namespace {

void write_csv(const std::string &path, int rows) {
  std::ofstream out(path, std::ios::binary);
  out << "Email,FirstName,LastName,Company\r\n";
  for (int i = 0; i < rows; ++i)
    out << "person" << i << "@example.com,First" << i << ",\"Last, " << i << "\",Company " << (i % 97) << "\r\n";
}

long long peak_for(const std::string &csv, const std::string &dir) {
  mktows_cli::BatchSyncOptions o;
  o.csv_path = csv;
  o.journal_path = dir + "/journal-" + std::to_string(csv.size());
  o.rejects_path = dir + "/rejects-" + std::to_string(csv.size());
  long long rows = 0;
  auto send = [&](const std::vector<mktows::Lead> &leads) {
    rows += static_cast<long long>(leads.size());
    std::vector<mktows::SyncResult> out(leads.size());
    for (auto &o : out) {
      o.status = mktows::SyncStatus::created;
      o.lead_id = static_cast<int>(rows);
    }
    return out;
  };
  g_peak.store(g_live.load());
  long long base = g_live.load();
  mktows_cli::run_batch_sync(o, send);
  return g_peak.load() - base;
}

}  // namespace

BOOST_AUTO_TEST_CASE(peak_heap_does_not_grow_with_the_file) {
  mktows_test::TempDir dir;
  std::string small = dir.path() + "/small.csv", large = dir.path() + "/large-file.csv";
  write_csv(small, 3000);
  write_csv(large, 60000);  // about 4 MB
  long long peak_small = peak_for(small, dir.path());
  long long peak_large = peak_for(large, dir.path());
  BOOST_TEST_MESSAGE("peak live heap: " << peak_small << " bytes for 3000 rows, " << peak_large
                                        << " bytes for 60000 rows");
  BOOST_TEST(peak_small > 0);
  // The whole large file is about 4 MB; what is held at once is one batch.
  BOOST_TEST(peak_large < peak_small + 64 * 1024);
}
