// state_store.cpp: the file home of the bridge's state.
#include "state_store.hpp"

#include "private_file.hpp"
#include "service_error.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_bridge {

using mktows_front::ServiceError;
using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &what) {
  throw ServiceError(mktows::fault_code::api_failure, "bridge state: " + what);
}

long long now() { return static_cast<long long>(std::time(nullptr)); }

}  // namespace

FileStateStore::FileStateStore(const std::string &directory) : directory_(directory) {
  while (directory_.size() > 1 && directory_.back() == '/') directory_.pop_back();
}

std::map<std::string, FileStateStore::Value> FileStateStore::load() const {
  std::map<std::string, Value> all;
  struct stat st;
  if (::stat(path().c_str(), &st) != 0) {
    if (errno == ENOENT) return all;  // nothing kept yet
    fail("cannot read " + path() + ": " + std::strerror(errno));
  }
  std::string text;
  try {
    text = mktows_tools::read_private_file(path(), "bridge state");
  } catch (const mktows_tools::PrivateFileError &e) {
    fail(e.what());
  }
  json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("entries") || !j["entries"].is_object()) fail(path() + " is not the bridge's state");
  long long t = now();
  for (auto it = j["entries"].begin(); it != j["entries"].end(); ++it) {
    const json &e = *it;
    if (!e.is_object() || !e.contains("v") || !e["v"].is_string()) fail(path() + " is not the bridge's state");
    Value v{e["v"].get<std::string>(), e.value("exp", 0LL)};
    if (v.expires && v.expires <= t) continue;  // expired: dropped at the next write
    all[it.key()] = v;
  }
  return all;
}

void FileStateStore::save(const std::map<std::string, Value> &all) const {
  if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST)
    fail("cannot create " + directory_ + ": " + std::strerror(errno));
  json entries = json::object();
  for (const auto &kv : all) {
    json e{{"v", kv.second.text}};
    if (kv.second.expires) e["exp"] = kv.second.expires;
    entries[kv.first] = e;
  }
  std::string text = json{{"entries", entries}}.dump();
  std::string tmp = path() + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot write " + tmp + ": " + std::strerror(errno));
  // The mode is the file's own, whatever the umask was.
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path().c_str()) != 0) {
    if (ok) saved = errno;
    ::unlink(tmp.c_str());
    fail("cannot write " + path() + ": " + std::strerror(saved));
  }
}

bool FileStateStore::get(const std::string &key, std::string &value) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, Value> all = load();
  auto it = all.find(key);
  if (it == all.end()) return false;
  value = it->second.text;
  return true;
}

void FileStateStore::put(const std::string &key, const std::string &value, long long ttl_seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, Value> all = load();
  all[key] = Value{value, ttl_seconds > 0 ? now() + ttl_seconds : 0};
  save(all);
}

std::string FileStateStore::get_or_put(const std::string &key, const std::function<std::string()> &make) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, Value> all = load();
  auto it = all.find(key);
  if (it != all.end()) return it->second.text;
  std::string v = make();
  all[key] = Value{v, 0};
  save(all);
  return v;
}

}  // namespace mktows_bridge
