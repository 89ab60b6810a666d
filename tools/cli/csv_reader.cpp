// csv_reader.cpp: RFC 4180 parsing as a small state machine over a streambuf.
#include "csv_reader.hpp"

namespace mktows_cli {

CsvError::CsvError(std::uint64_t line, const std::string &what)
    : std::runtime_error("line " + std::to_string(line) + ": " + what), line_(line) {}

CsvReader::CsvReader(std::istream &in, std::uint64_t start_offset, std::uint64_t start_line,
                     std::size_t max_record_bytes)
    : buf_(in.rdbuf()), offset_(start_offset), line_(start_line), max_record_bytes_(max_record_bytes) {
  // Spreadsheet exports often begin with a UTF-8 byte order mark; it is not
  // part of the first column's name.
  if (start_offset == 0 && peek() == 0xEF) {
    get();
    if (get() != 0xBB || get() != 0xBF) throw CsvError(1, "invalid byte order mark");
  }
}

int CsvReader::get() {
  int c = buf_->sbumpc();
  if (c != std::char_traits<char>::eof()) {
    ++offset_;
    c = static_cast<unsigned char>(c);
  }
  return c;
}

int CsvReader::peek() {
  int c = buf_->sgetc();
  return c == std::char_traits<char>::eof() ? c : static_cast<unsigned char>(c);
}

bool CsvReader::next(std::vector<std::string> &fields) {
  const int eof = std::char_traits<char>::eof();
  fields.clear();
  // Skip blank lines between records.
  for (;;) {
    int c = peek();
    if (c == eof) return false;
    if (c == '\r' || c == '\n') {
      get();
      if (c == '\n') ++line_;
      continue;
    }
    break;
  }
  record_offset_ = offset_;
  record_line_ = line_;
  std::size_t bytes = 0;
  std::string field;
  for (;;) {
    int c = get();
    if (c == '"') {
      if (!field.empty()) throw CsvError(line_, "a quote inside an unquoted field");
      // Quoted field: anything up to the closing quote, "" is one quote.
      for (;;) {
        c = get();
        if (c == eof) throw CsvError(record_line_, "a quoted field is not closed before the end of the file");
        if (c == '"') {
          if (peek() == '"') {
            get();
          } else {
            break;
          }
        } else if (c == '\n') {
          ++line_;
        }
        field.push_back(static_cast<char>(c));
        if (++bytes > max_record_bytes_)
          throw CsvError(record_line_, "record longer than " + std::to_string(max_record_bytes_) + " bytes");
      }
      c = peek();
      if (c != ',' && c != '\r' && c != '\n' && c != eof)
        throw CsvError(line_, "unexpected character after a closing quote");
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      continue;
    }
    if (c == '\r') {
      if (peek() == '\n') get();
      c = '\n';
    }
    if (c == '\n' || c == eof) {
      if (c == '\n') ++line_;
      fields.push_back(std::move(field));
      return true;
    }
    field.push_back(static_cast<char>(c));
    if (++bytes > max_record_bytes_)
      throw CsvError(record_line_, "record longer than " + std::to_string(max_record_bytes_) + " bytes");
  }
}

void write_csv_record(std::ostream &out, const std::vector<std::string> &fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    const std::string &f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out << f;
      continue;
    }
    out << '"';
    for (char ch : f) {
      if (ch == '"') out << '"';
      out << ch;
    }
    out << '"';
  }
  out << "\r\n";
}

}  // namespace mktows_cli
