// read_journal.cpp: replaying and appending a read journal with fsync.
#include "read_journal.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_cli {

namespace {

const std::size_t kMaxLine = 8192;  // a position is far shorter; more is damage, not data

std::string sys_error(const std::string &what, const std::string &path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

ReadJournal::ReadJournal(const std::string &path, const std::string &fingerprint) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw JournalError(sys_error("cannot open journal", path));
  auto refuse = [&](const std::string &why) {
    ::close(fd_);
    fd_ = -1;
    throw JournalError(why);
  };
  // One line at a time: a read journal holds a line per page.
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      refuse(sys_error("cannot read journal", path));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  std::size_t pos = 0, good = 0;
  bool header = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // torn: no newline yet
    std::string line = text.substr(pos, nl - pos), body;
    bool last = nl + 1 == text.size();
    if (line.size() > kMaxLine || !journal_line_body(line, body)) {
      if (last && pos > 0) break;  // torn by a crash of the machine
      refuse(pos == 0 ? path + " is not a mktows read journal"
                      : "journal " + path + " is damaged at byte " + std::to_string(pos));
    }
    std::istringstream in(body);
    std::string tag;
    in >> tag;
    if (!header) {
      std::string version, fp;
      in >> version >> fp;
      if (tag != "mktows-read-journal" || version != "1") refuse(path + " is not a mktows read journal");
      if (fp != fingerprint) refuse("journal " + path + " was written for another query (other selector or fields)");
      header = true;
    } else if (tag == "P") {
      std::uint64_t p, r;
      if (!(in >> p >> r) || in.get() != ' ') refuse("journal " + path + " has a malformed page record");
      std::string rest;
      std::getline(in, rest);
      pages_ = p;
      records_ = r;
      position_ = rest;
    } else if (tag == "D") {
      std::uint64_t p, r;
      if (!(in >> p >> r)) refuse("journal " + path + " has a malformed end record");
      pages_ = p;
      records_ = r;
      finished_ = true;
    } else {
      refuse("journal " + path + " has an unknown record '" + tag + "'");
    }
    pos = good = nl + 1;
  }
  if (good != text.size()) {
    if (::ftruncate(fd_, static_cast<off_t>(good)) != 0 || ::fsync(fd_) != 0) refuse(sys_error("cannot repair journal", path));
  }
  if (::lseek(fd_, static_cast<off_t>(good), SEEK_SET) < 0) refuse(sys_error("cannot seek journal", path));
  if (!header) {
    append("mktows-read-journal 1 " + fingerprint);
    sync_parent_directory(path);
  }
}

ReadJournal::~ReadJournal() {
  if (fd_ >= 0) ::close(fd_);
}

void ReadJournal::append(const std::string &body) { append_journal_line(fd_, body, path_); }

void ReadJournal::page_done(std::uint64_t pages, std::uint64_t records, const std::string &position) {
  if (position.find('\n') != std::string::npos) throw JournalError("a position with a line break cannot be journaled");
  append("P " + std::to_string(pages) + " " + std::to_string(records) + " " + position);
  pages_ = pages;
  records_ = records;
  position_ = position;
}

void ReadJournal::finish(std::uint64_t pages, std::uint64_t records) {
  append("D " + std::to_string(pages) + " " + std::to_string(records));
  pages_ = pages;
  records_ = records;
  finished_ = true;
}

}  // namespace mktows_cli
