// csv_journal_fuzz: bytes -> the CSV reader or the journal's replay, the
// two parsers `mktows sync-leads` runs on files it did not write itself
// (or wrote before a crash).
//
// Input: one selector byte, then the file. Even selector: a CSV file. It is
// read record by record (as sync-leads reads it: header, LeadColumns, each
// row to a lead), and checked against the properties a resumed run relies
// on:
//   - offsets only grow and never pass the end of the input;
//   - a reader started at a record's end offset (what the journal records)
//     reads the same next record, or fails the same way, as the reader that
//     went through the file from its start;
//   - a record written by write_csv_record reads back as the same fields.
// Odd selector: a journal. It is replayed (the sandbox of a kill: any
// bytes); when the replay accepts it, a batch is appended and acknowledged
// and the journal replayed again, which must then give exactly that point.
// Any violation aborts (a crash for libFuzzer); typed errors (CsvError,
// HeaderError, JournalError) are the expected outcome of bad input.
#include "csv_reader.hpp"
#include "journal.hpp"
#include "lead_columns.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using mktows_cli::CsvError;
using mktows_cli::CsvReader;

const std::size_t kMaxRecord = 4096;  // small, so the record limit itself is reached
const char kFingerprint[] = "0123456789abcdef";

void check(bool ok) {
  if (!ok) std::abort();
}

// The next record from `r`: true with fields, false at the end; a CsvError's
// text in `error` when it failed.
bool next_of(CsvReader &r, std::vector<std::string> &fields, std::string &error) {
  error.clear();
  try {
    return r.next(fields);
  } catch (const CsvError &e) {
    error = e.what();
    return false;
  }
}

void fuzz_csv(const std::string &input) {
  std::istringstream in(input);
  std::vector<std::string> header, fields, resumed_fields, back;
  std::string error, resumed_error;
  CsvReader *reader = nullptr;
  try {
    reader = new CsvReader(in, 0, 1, kMaxRecord);
  } catch (const CsvError &) {
    return;  // a broken byte order mark
  }
  bool have_header = next_of(*reader, header, error);
  mktows_cli::LeadColumns *columns = nullptr;
  if (have_header) {
    try {
      columns = new mktows_cli::LeadColumns(header);
    } catch (const mktows_cli::HeaderError &) {
    }
  }
  std::uint64_t last = reader->offset();
  for (int records = 0; have_header && records < 200; ++records) {
    const std::uint64_t at = reader->offset(), line = reader->line();
    // A run resumed here: the same stream seeked, as batch_sync does it.
    std::istringstream again(input);
    again.seekg(static_cast<std::streamoff>(at));
    check(static_cast<bool>(again));
    CsvReader resumed(again, at, line, kMaxRecord);
    bool more = next_of(*reader, fields, error);
    bool resumed_more = next_of(resumed, resumed_fields, resumed_error);
    check(more == resumed_more);
    check(error == resumed_error);
    if (!more) break;
    check(fields == resumed_fields);
    check(reader->offset() == resumed.offset() && reader->line() == resumed.line());
    check(reader->offset() > last && reader->offset() <= input.size());
    check(reader->record_offset() >= at && reader->record_offset() < reader->offset());
    last = reader->offset();

    // Written and read back (after a first record, so the copy never starts
    // where a byte order mark would be looked for).
    if (!(fields.size() == 1 && fields[0].empty())) {  // an empty record is a blank line: skipped
      std::ostringstream out;
      out << "x\r\n";
      mktows_cli::write_csv_record(out, fields);
      std::istringstream copy(out.str());
      CsvReader reread(copy, 0, 1, kMaxRecord + 16);
      std::string copy_error;
      check(next_of(reread, back, copy_error));
      check(next_of(reread, back, copy_error));
      check(copy_error.empty() && back == fields);
    }
    if (columns) {
      mktows::Lead lead;
      std::string why;
      check(columns->to_lead(fields, lead, why) == why.empty());  // a refused row always says why
    }
  }
  delete columns;
  delete reader;
}

std::string temp_journal() {
  static std::string path;
  if (path.empty()) {
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    path = std::string(dir) + "/mktows-fuzz-journal-" + std::to_string(::getpid());
  }
  return path;
}

void fuzz_journal(const std::string &input) {
  const std::string path = temp_journal();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(input.data(), static_cast<std::streamsize>(input.size()));
    check(static_cast<bool>(out));
  }
  mktows_cli::JournalPoint expected;
  try {
    mktows_cli::Journal journal(path, kFingerprint);
    const mktows_cli::JournalPoint &p = journal.acknowledged();
    // Go on from where it stands: one more batch, acknowledged.
    expected = p;
    expected.rows += 3;
    expected.offset += 100;
    expected.line += 3;
    expected.created += 2;
    expected.failed += 1;
    journal.begin_batch(p.rows, p.offset, 3);
    journal.acknowledge(expected);
  } catch (const mktows_cli::JournalError &) {
    std::remove(path.c_str());
    return;  // refused: damaged, another file's, not a journal
  }
  // What was repaired and appended replays to exactly that point.
  mktows_cli::Journal replay(path, kFingerprint);
  const mktows_cli::JournalPoint &q = replay.acknowledged();
  check(replay.resumed() && !replay.unacknowledged_batch());
  check(q.rows == expected.rows && q.offset == expected.offset && q.line == expected.line &&
        q.created == expected.created && q.updated == expected.updated && q.failed == expected.failed &&
        q.rejects_bytes == expected.rejects_bytes);
  std::remove(path.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  std::string input(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (data[0] & 1)
    fuzz_journal(input);
  else
    fuzz_csv(input);
  return 0;
}
