// private_file.cpp: the 0600 rule for files that may hold a secret.
#include "private_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mktows_tools {

std::string read_private_file(const std::string &path, const char *what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw PrivateFileError(std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw PrivateFileError(std::string("cannot stat ") + what + " " + path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw PrivateFileError(std::string(what) + " " + path + " is not a regular file");
  }
  if (st.st_mode & 077) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw PrivateFileError(std::string(what) + " " + path + " has mode " + mode +
                      ": group and others may access it; refusing it (chmod 600 " + path + ")");
  }
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      throw PrivateFileError(std::string("cannot read ") + what + " " + path);
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > (1u << 20)) {
      ::close(fd);
      throw PrivateFileError(std::string(what) + " " + path + " is larger than 1 MiB");
    }
  }
  ::close(fd);
  return text;
}

}  // namespace mktows_tools
