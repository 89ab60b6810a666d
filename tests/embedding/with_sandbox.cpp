// with_sandbox: runs a program against a fresh sandbox, the way a user runs
// the README's examples after `mktows sandbox` printed its endpoint:
//   with_sandbox PROGRAM     PROGRAM with MKTOWS_ENDPOINT, MKTOWS_USER_ID and
//                            MKTOWS_ENCRYPTION_KEY set to the sandbox's
// Exits with the program's status; the program's output passes through.
#include "support/sandbox_process.hpp"

#include <chrono>
#include <cstdio>
#include <sys/wait.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: with_sandbox PROGRAM\n");
    return 2;
  }
  mktows_test::SandboxProcess sandbox;
  mktows_test::ChildProcess program({argv[1]},
                                    {{"MKTOWS_ENDPOINT", sandbox.endpoint()},
                                     {"MKTOWS_USER_ID", mktows_test::kDemoUserId},
                                     {"MKTOWS_ENCRYPTION_KEY", mktows_test::kDemoEncryptionKey}});
  int status = program.wait(std::chrono::seconds(120));
  if (program.timed_out()) {
    std::fprintf(stderr, "with_sandbox: %s ran for more than 120 s\n", argv[1]);
    return 3;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
