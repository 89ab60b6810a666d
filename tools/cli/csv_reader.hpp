// csv_reader.hpp: a streaming RFC 4180 reader and the matching writer.
//
// One record at a time from a stream buffer, so memory stays bounded by the
// largest record (itself capped) however long the file is. Byte offsets of
// record boundaries are tracked so a journal can resume a file by seeking.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {

// A malformed file: the message names the physical line of the record.
class CsvError : public std::runtime_error {
 public:
  CsvError(std::uint64_t line, const std::string &what);
  std::uint64_t line() const { return line_; }

 private:
  std::uint64_t line_;
};

class CsvReader {
 public:
  // `start_offset` is where the stream is positioned (for resumed reads), so
  // offsets stay absolute; `start_line` likewise keeps error lines absolute.
  explicit CsvReader(std::istream &in, std::uint64_t start_offset = 0, std::uint64_t start_line = 1,
                     std::size_t max_record_bytes = 1u << 20);

  // Reads the next record; false at the end of the input. Blank lines are
  // skipped (a trailing newline is common, an empty record never meaningful).
  bool next(std::vector<std::string> &fields);

  std::uint64_t record_offset() const { return record_offset_; }  // start of the last record
  std::uint64_t offset() const { return offset_; }                // just after it
  std::uint64_t record_line() const { return record_line_; }
  std::uint64_t line() const { return line_; }

 private:
  int get();
  int peek();

  std::streambuf *buf_;
  std::uint64_t offset_;
  std::uint64_t line_;
  std::uint64_t record_offset_ = 0;
  std::uint64_t record_line_ = 0;
  std::size_t max_record_bytes_;
};

// Writes one record, quoting a field only when it needs it, CRLF-terminated
// as RFC 4180 says.
void write_csv_record(std::ostream &out, const std::vector<std::string> &fields);

}  // namespace mktows_cli
