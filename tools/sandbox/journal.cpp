// journal.cpp: encoding, replay and durable appends of lead records.
#include "journal.hpp"
#include "text_values.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace mktows_sandbox {

namespace {

// A lead's record: "L2" with its times; "L" (without them) is what earlier
// sandboxes wrote, still read.
const char kMagic[] = "L2";
const char kMagicUntimed[] = "L";

void put_field(std::string &out, const std::string &v) {
  out.push_back('\t');
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

// Splits on tabs and unescapes; false on a bad escape.
bool split_fields(const std::string &line, std::vector<std::string> &fields) {
  fields.clear();
  fields.emplace_back();
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\') {
      if (++i == line.size()) return false;
      switch (line[i]) {
        case '\\': fields.back().push_back('\\'); break;
        case 't': fields.back().push_back('\t'); break;
        case 'n': fields.back().push_back('\n'); break;
        case 'r': fields.back().push_back('\r'); break;
        default: return false;
      }
    } else {
      fields.back().push_back(c);
    }
  }
  return true;
}


}  // namespace

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

std::string Journal::encode(const Lead &lead) {
  std::string out(kMagic);
  put_field(out, std::to_string(lead.id));
  put_field(out, lead.partition);
  put_field(out, lead.email);
  put_field(out, lead.foreign_id);
  put_field(out, lead.foreign_type);
  put_field(out, lead.cookie);
  put_field(out, std::to_string(lead.created_at));
  put_field(out, std::to_string(lead.updated_at));
  put_field(out, std::to_string(lead.attributes.size()));
  for (const Attribute &a : lead.attributes) {
    put_field(out, a.name);
    put_field(out, a.value);
  }
  out.push_back('\n');
  return out;
}

bool Journal::decode(const std::string &line, Lead &out) {
  thread_local std::vector<std::string> f;
  if (!split_fields(line, f) || f.size() < 8 || (f[0] != kMagic && f[0] != kMagicUntimed)) return false;
  const bool timed = f[0] == kMagic;
  const std::size_t count_at = timed ? 9 : 7;  // the attribute count's field
  long long id = 0, n = 0, created = 0, updated = 0;
  if (f.size() <= count_at || !to_long(f[1], id) || id <= 0 || id > 2147483647 || !to_long(f[count_at], n) || n < 0)
    return false;
  if (timed && (!to_long(f[7], created) || !to_long(f[8], updated) || created < 0 || updated < 0)) return false;
  if (f.size() != count_at + 1 + 2 * static_cast<std::size_t>(n)) return false;
  out = Lead();
  out.created_at = created;
  out.updated_at = updated;
  out.id = static_cast<int>(id);
  out.partition = std::move(f[2]);
  out.email = std::move(f[3]);
  out.foreign_id = std::move(f[4]);
  out.foreign_type = std::move(f[5]);
  out.cookie = std::move(f[6]);
  out.attributes.reserve(static_cast<std::size_t>(n));
  for (std::size_t i = count_at + 1; i < f.size(); i += 2)
    out.attributes.push_back(Attribute{std::move(f[i]), std::move(f[i + 1])});
  return true;
}

void Journal::open(const std::string &dir, const std::function<void(Lead &&)> &apply, const OtherRecord &other) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw JournalError("data directory " + dir + ": " + std::strerror(errno));
  path_ = dir + "/leads.journal";
  off_t good_end = 0;
  {
    std::ifstream in(path_, std::ios::binary);
    if (in) {
      std::string line;
      Lead lead;
      std::vector<std::string> fields;
      long long number = 0;
      while (std::getline(in, line)) {
        ++number;
        bool complete = !in.eof();  // getline hit a newline
        bool is_lead = line.compare(0, 2, "L\t") == 0 || line.compare(0, 3, "L2\t") == 0;
        bool ok = complete && (is_lead ? decode(line, lead)
                                       : other && split_fields(line, fields) && fields.size() > 1 && other(fields));
        if (!ok) {
          // A torn tail is a last line without its newline: a record ends
          // with its newline, so a write cut short never has one. A complete
          // line the replay refuses is corrupt wherever it is (dropping it
          // would lose an acknowledged write).
          if (!complete && in.peek() == std::char_traits<char>::eof()) break;
          throw JournalError(path_ + ": corrupt record at line " + std::to_string(number));
        }
        if (is_lead) apply(std::move(lead));
        good_end += static_cast<off_t>(line.size() + 1);
      }
    }
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw JournalError(path_ + ": " + std::strerror(errno));
  if (::ftruncate(fd_, good_end) != 0 || ::lseek(fd_, good_end, SEEK_SET) != good_end)
    throw JournalError(path_ + ": " + std::strerror(errno));
  // The directory entry must be durable too, or a new journal can vanish.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

std::uint64_t Journal::append(const Lead &lead) {
  std::lock_guard<std::mutex> lock(buffer_mutex_);
  if (fd_ >= 0) pending_ += encode(lead);
  return ++appended_;
}

std::uint64_t Journal::append(const std::vector<std::string> &fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i == 0) line = fields[0];
    else put_field(line, fields[i]);
  }
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(buffer_mutex_);
  if (fd_ >= 0) pending_ += line;
  return ++appended_;
}

std::uint64_t Journal::last_ticket() {
  std::lock_guard<std::mutex> lock(buffer_mutex_);
  return appended_;
}

void Journal::discard() {
  std::lock_guard<std::mutex> lock(buffer_mutex_);
  pending_.clear();
}

void Journal::wait_durable(std::uint64_t ticket) {
  if (fd_ < 0) return;
  std::unique_lock<std::mutex> lock(sync_mutex_);
  while (synced_ < ticket) {
    if (broken_) throw JournalError(path_ + ": an earlier write failed; refusing further writes");
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    syncing_ = true;
    std::string batch;
    std::uint64_t upto;
    {
      std::lock_guard<std::mutex> buffer(buffer_mutex_);
      batch.swap(pending_);
      upto = appended_;
    }
    lock.unlock();
    std::string error;
    const char *p = batch.data();
    std::size_t left = batch.size();
    while (left > 0 && error.empty()) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) error = std::string("write failed: ") + std::strerror(errno);
      else {
        p += n;
        left -= static_cast<std::size_t>(n);
      }
    }
    if (error.empty() && ::fdatasync(fd_) != 0) error = std::string("fdatasync failed: ") + std::strerror(errno);
    lock.lock();
    syncing_ = false;
    if (error.empty()) synced_ = upto;
    else broken_ = true;
    synced_cv_.notify_all();
    if (!error.empty()) throw JournalError(path_ + ": " + error);
  }
}

}  // namespace mktows_sandbox
