// with_sandbox: runs a program against a fresh sandbox, the way a user runs
// the README's examples after `mktows sandbox` printed its endpoint:
//   with_sandbox PROGRAM     PROGRAM with MKTOWS_ENDPOINT, MKTOWS_USER_ID and
//                            MKTOWS_ENCRYPTION_KEY set to the sandbox's
// Exits with the program's status; the program's output passes through.
#include "support/sandbox_process.hpp"

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: with_sandbox PROGRAM\n");
    return 2;
  }
  mktows_test::SandboxProcess sandbox;
  pid_t pid = fork();
  if (pid == 0) {
    setenv("MKTOWS_ENDPOINT", sandbox.endpoint().c_str(), 1);
    setenv("MKTOWS_USER_ID", mktows_test::kDemoUserId, 1);
    setenv("MKTOWS_ENCRYPTION_KEY", mktows_test::kDemoEncryptionKey, 1);
    execl(argv[1], argv[1], static_cast<char *>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return 3;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
