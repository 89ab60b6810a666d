// journal.cpp: replaying and appending the sync-leads journal with fsync.
#include "journal.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_cli {

namespace {

std::uint32_t fnv32(const std::string &s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string sys_error(const std::string &what, const std::string &path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

std::string journal_line(const std::string &body) {
  char sum[16];
  std::snprintf(sum, sizeof sum, " #%08x\n", fnv32(body));
  return body + sum;
}

bool journal_line_body(const std::string &line, std::string &body) {
  std::size_t hash = line.rfind(" #");
  if (hash == std::string::npos || line.size() - hash != 10) return false;
  body = line.substr(0, hash);
  char sum[16];
  std::snprintf(sum, sizeof sum, "%08x", fnv32(body));
  return line.compare(hash + 2, 8, sum) == 0;
}

std::string header_fingerprint(const std::string &header_bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : header_bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char out[20];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

void sync_parent_directory(const std::string &path) {
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw JournalError(sys_error("cannot open directory", dir));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw JournalError(sys_error("cannot sync directory", dir));
}

Journal::Journal(const std::string &path, const std::string &fingerprint) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw JournalError(sys_error("cannot open journal", path));
  // Replay line by line, streamed: memory stays one line however long the
  // journal; `good` is where the last intact line ends.
  struct stat st;
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw JournalError(sys_error("cannot stat journal", path));
  }
  const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
  std::uint64_t pos = 0, good = 0;  // pos: where `line` starts
  bool header = false, stop = false;
  std::string line;
  char buf[65536];
  auto damaged = [&](const std::string &why) {
    ::close(fd_);
    throw JournalError(why);
  };
  while (!stop) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      damaged(sys_error("cannot read journal", path));
    }
    if (n == 0) break;  // a torn last line without its newline is dropped below
    for (ssize_t i = 0; i < n && !stop; ++i) {
      if (buf[i] != '\n') {
        line.push_back(buf[i]);
        if (line.size() > 4096) damaged("journal " + path + " is damaged at byte " + std::to_string(pos));
        continue;
      }
      std::uint64_t end = pos + line.size() + 1;
      std::string body;
      if (!journal_line_body(line, body)) {
        if (end == size && pos > 0) {  // torn by a crash of the machine: drop it too
          stop = true;
          break;
        }
        damaged(pos == 0 ? path + " is not a mktows journal"
                         : "journal " + path + " is damaged at byte " + std::to_string(pos));
      }
      std::istringstream in(body);
      std::string tag;
      in >> tag;
      if (!header) {
        std::string version, fp;
        in >> version >> fp;
        if (tag != "mktows-journal" || version != "1") damaged(path + " is not a mktows journal");
        if (fp != fingerprint) damaged("journal " + path + " was written for a file with another header");
        header = true;
      } else if (tag == "B") {
        pending_ = true;
      } else if (tag == "A") {
        JournalPoint p;
        if (!(in >> p.rows >> p.offset >> p.line >> p.created >> p.updated >> p.failed >> p.rejects_bytes))
          damaged("journal " + path + " has a malformed acknowledgement");
        point_ = p;
        pending_ = false;
        ++batches_;
      } else if (tag == "D") {
        finished_ = true;
      } else {
        damaged("journal " + path + " has an unknown record '" + tag + "'");
      }
      pos = good = end;
      line.clear();
    }
  }
  if (good != size) {
    if (::ftruncate(fd_, static_cast<off_t>(good)) != 0 || ::fsync(fd_) != 0) {
      ::close(fd_);
      throw JournalError(sys_error("cannot repair journal", path));
    }
  }
  if (::lseek(fd_, static_cast<off_t>(good), SEEK_SET) < 0) {
    ::close(fd_);
    throw JournalError(sys_error("cannot seek journal", path));
  }
  if (!header) {
    append("mktows-journal 1 " + fingerprint);
    sync_parent_directory(path);
  }
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void append_journal_line(int fd, const std::string &body, const std::string &path) {
  std::string line = journal_line(body);
  const char *p = line.data();
  std::size_t left = line.size();
  while (left) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw JournalError(sys_error("cannot write journal", path));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) throw JournalError(sys_error("cannot sync journal", path));
}

void Journal::append(const std::string &body) { append_journal_line(fd_, body, path_); }

void Journal::begin_batch(std::uint64_t first_row, std::uint64_t offset, std::uint64_t count) {
  append("B " + std::to_string(first_row) + " " + std::to_string(offset) + " " + std::to_string(count));
  pending_ = true;
}

void Journal::acknowledge(const JournalPoint &p) {
  append("A " + std::to_string(p.rows) + " " + std::to_string(p.offset) + " " + std::to_string(p.line) + " " +
         std::to_string(p.created) +
         " " + std::to_string(p.updated) + " " + std::to_string(p.failed) + " " +
         std::to_string(p.rejects_bytes));
  point_ = p;
  pending_ = false;
  ++batches_;
}

void Journal::finish() {
  append("D");
  finished_ = true;
}

}  // namespace mktows_cli
