// batch_sync.cpp: the order of effects is what makes a killed run safe:
//   journal B (fsync) -> send -> rejects rows (fsync) -> journal A (fsync) -> output.
// On restart the rejects file is cut back to the size the last A recorded, so
// rows of an unacknowledged batch are never listed twice either.
#include "batch_sync.hpp"

#include "csv_reader.hpp"
#include "progress.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_cli {

namespace {

// The rejects file: the input's header plus an "error" column.
class RejectsFile {
 public:
  RejectsFile(const std::string &path, std::uint64_t keep_bytes, const std::vector<std::string> &header,
              bool durable)
      : path_(path), durable_(durable) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw InputError("cannot open rejects file " + path + ": " + std::strerror(errno));
    struct stat st;
    if (::fstat(fd_, &st) != 0 || static_cast<std::uint64_t>(st.st_size) < keep_bytes) {
      ::close(fd_);
      throw InputError("rejects file " + path + " is shorter than the journal records; it was changed");
    }
    if (::ftruncate(fd_, static_cast<off_t>(keep_bytes)) != 0 ||
        ::lseek(fd_, static_cast<off_t>(keep_bytes), SEEK_SET) < 0) {
      ::close(fd_);
      throw InputError("cannot reset rejects file " + path + ": " + std::strerror(errno));
    }
    size_ = keep_bytes;
    if (size_ == 0) {
      std::vector<std::string> h = header;
      h.push_back("error");
      add(h);
      flush();
    }
  }
  ~RejectsFile() { ::close(fd_); }

  void add(const std::vector<std::string> &fields) { write_csv_record(pending_, fields); }

  // Writes what was added, durably when journaling; returns the new size.
  std::uint64_t flush() {
    std::string data = pending_.str();
    pending_.str(std::string());
    const char *p = data.data();
    std::size_t left = data.size();
    while (left) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw InputError("cannot write rejects file " + path_ + ": " + std::strerror(errno));
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (durable_ && !data.empty() && ::fsync(fd_) != 0)
      throw InputError("cannot sync rejects file " + path_ + ": " + std::strerror(errno));
    size_ += data.size();
    return size_;
  }

 private:
  std::string path_;
  bool durable_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::ostringstream pending_;
};

std::string join_header(const std::vector<std::string> &fields) {
  std::string s;
  for (const std::string &f : fields) {
    s += f;
    s += '\x1f';  // a separator no CSV header contains by accident
  }
  return s;
}

struct PendingRow {
  std::uint64_t row;
  std::vector<std::string> fields;
  bool valid;
  std::string error;  // when not valid
};

}  // namespace

BatchSyncSummary run_batch_sync(const BatchSyncOptions &o, const SendBatch &send) {
  if (o.batch < 1 || o.batch > mktows::kMaxBatch)
    throw InputError("the batch size must be from 1 to " + std::to_string(mktows::kMaxBatch));
  std::ifstream in(o.csv_path, std::ios::binary);
  if (!in) throw InputError("cannot open " + o.csv_path + ": " + std::strerror(errno));
  struct stat st;
  std::uint64_t total_bytes = 0;
  if (::stat(o.csv_path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total_bytes = static_cast<std::uint64_t>(st.st_size);

  std::vector<std::string> header;
  std::unique_ptr<CsvReader> reader;
  try {
    reader.reset(new CsvReader(in));
    if (!reader->next(header)) throw InputError(o.csv_path + " is empty: it needs a header row");
  } catch (const CsvError &e) {
    throw InputError(o.csv_path + ": " + e.what());
  }
  LeadColumns columns = [&] {
    try {
      return LeadColumns(header);
    } catch (const HeaderError &e) {
      throw InputError(o.csv_path + ": " + e.what());
    }
  }();

  BatchSyncSummary summary;
  JournalPoint point;
  point.offset = reader->offset();
  point.line = reader->line();
  std::unique_ptr<Journal> journal;
  if (!o.journal_path.empty()) {
    journal.reset(new Journal(o.journal_path, header_fingerprint(join_header(header))));
    summary.resent_unacknowledged = journal->unacknowledged_batch();
    if (journal->resumed()) {
      point = journal->acknowledged();
      summary.rows_resumed = point.rows;
    }
    if (journal->finished()) {
      summary.already_finished = true;
      summary.totals = point;
      return summary;
    }
  }
  if (summary.rows_resumed > 0) {
    if (point.offset > total_bytes && total_bytes > 0)
      throw InputError(o.csv_path + " is shorter than the journal records; it was changed");
    in.clear();
    in.seekg(static_cast<std::streamoff>(point.offset));
    if (!in) throw InputError("cannot seek in " + o.csv_path);
    reader.reset(new CsvReader(in, point.offset, point.line));
  }

  std::unique_ptr<RejectsFile> rejects;
  if (!o.rejects_path.empty())
    rejects.reset(new RejectsFile(o.rejects_path, summary.rows_resumed > 0 ? point.rejects_bytes : 0, header,
                                  journal != nullptr));
  std::unique_ptr<Progress> progress;
  if (o.progress)
    progress.reset(new Progress(o.progress, o.progress_terminal, total_bytes, point.rows, point.offset,
                                o.progress_interval_s));

  std::vector<PendingRow> rows;
  std::vector<mktows::Lead> leads;
  std::vector<std::size_t> lead_row;  // index into rows of each lead sent
  std::vector<std::string> fields;
  bool more = true;
  while (more) {
    rows.clear();
    leads.clear();
    lead_row.clear();
    std::uint64_t batch_offset = point.offset;
    while (rows.size() < o.batch) {
      try {
        if (!reader->next(fields)) {
          more = false;
          break;
        }
      } catch (const CsvError &e) {
        throw InputError(o.csv_path + ": " + e.what());
      }
      PendingRow r{point.rows + rows.size(), fields, false, std::string()};
      mktows::Lead lead;
      if (columns.to_lead(fields, lead, r.error)) {
        r.valid = true;
        lead_row.push_back(rows.size());
        leads.push_back(std::move(lead));
      }
      rows.push_back(std::move(r));
    }
    if (rows.empty()) break;

    if (journal) journal->begin_batch(point.rows, batch_offset, rows.size());
    std::vector<mktows::SyncResult> outcomes(rows.size());  // failed until answered
    for (std::size_t i = 0; i < rows.size(); ++i) outcomes[i].error = rows[i].error;
    if (!leads.empty()) {
      std::vector<mktows::SyncResult> sent = send(leads);
      if (sent.size() != leads.size())
        throw std::runtime_error("the server answered " + std::to_string(sent.size()) + " statuses for " +
                                 std::to_string(leads.size()) + " leads");
      for (std::size_t i = 0; i < sent.size(); ++i) outcomes[lead_row[i]] = std::move(sent[i]);
    }

    for (std::size_t i = 0; i < rows.size(); ++i) {
      const mktows::SyncResult &out = outcomes[i];
      if (out.status == mktows::SyncStatus::created) ++point.created;
      else if (out.status == mktows::SyncStatus::updated) ++point.updated;
      else {
        ++point.failed;
        if (rejects) {
          std::vector<std::string> rejected = rows[i].fields;
          rejected.push_back(out.error.empty() ? mktows::to_string(mktows::SyncStatus::failed) : out.error);
          rejects->add(rejected);
        }
      }
    }
    if (rejects) point.rejects_bytes = rejects->flush();
    point.rows += rows.size();
    point.offset = reader->offset();
    point.line = reader->line();
    if (journal) journal->acknowledge(point);
    summary.rows_this_run += rows.size();

    if (o.json) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const mktows::SyncResult &out = outcomes[i];
        nlohmann::json j;
        j["row"] = rows[i].row + 1;  // 1-based data row, as a spreadsheet user counts
        j["leadId"] = out.lead_id ? nlohmann::json(out.lead_id) : nlohmann::json();
        j["status"] = mktows::to_string(out.status);
        if (out.status == mktows::SyncStatus::failed) j["error"] = out.error;
        *o.json << j.dump() << '\n';
      }
      o.json->flush();
    }
    if (progress) progress->update(point.rows, point.offset);
  }
  if (journal) journal->finish();
  if (progress) progress->finish(point.rows, point.offset);
  summary.totals = point;
  return summary;
}

}  // namespace mktows_cli
