// temp_dir.hpp: a scratch directory per test, removed with its files at
// scope exit, and file writes with explicit modes (the CLI's permission
// checks depend on them).
#pragma once

#include "support/files.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace mktows_test {

inline void write_text(const std::string &path, const std::string &text, mode_t mode = 0600) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << text;
  }
  if (::chmod(path.c_str(), mode) != 0) throw std::runtime_error("cannot chmod " + path);
}

inline std::string read_text(const std::string &path) { return read_file(path); }

class TempDir {
 public:
  TempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string templ = std::string(base && *base ? base : "/tmp") + "/mktows-test-XXXXXX";
    if (!::mkdtemp(&templ[0])) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() { remove_tree(path_); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return path_; }

  // Writes `name` (relative to the folder) and returns its full path.
  std::string write(const std::string &name, const std::string &content, mode_t mode = 0600) const {
    std::string p = path_ + "/" + name;
    write_text(p, content, mode);
    return p;
  }

 private:
  static void remove_tree(const std::string &p) {
    if (DIR *d = ::opendir(p.c_str())) {
      while (dirent *e = ::readdir(d)) {
        std::string n = e->d_name;
        if (n == "." || n == "..") continue;
        std::string child = p + "/" + n;
        struct stat st;
        if (::lstat(child.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(child);
        else ::unlink(child.c_str());
      }
      ::closedir(d);
    }
    ::rmdir(p.c_str());
  }
  std::string path_;
};

}  // namespace mktows_test
