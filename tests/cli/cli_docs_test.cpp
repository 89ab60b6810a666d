// cli_docs_test: docs/CLI.md cannot fall behind the program unnoticed. Its
// synopsis names every command `mktows --help` lists, in the same order,
// and its count of them is the number listed.
#define BOOST_TEST_MODULE cli_docs
#include <boost/test/unit_test.hpp>

#include "cli_process.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace {

// The commands of `mktows --help`: the lines "  <name>  <what>" after "commands:".
std::vector<std::string> help_commands(const std::string &help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "commands:") {
      inside = true;
    } else if (inside) {
      if (line.empty()) break;
      std::istringstream words(line);
      std::string name;
      words >> name;
      out.push_back(name);
    }
  }
  return out;
}

// The commands of CLI.md's synopsis: the first ```sh block, a line per
// command starting "mktows <name>" (continuation lines are indented).
std::vector<std::string> synopsis_commands(const std::string &doc) {
  std::vector<std::string> out;
  std::size_t start = doc.find("```sh\n");
  BOOST_REQUIRE(start != std::string::npos);
  std::size_t end = doc.find("```", start + 6);
  std::istringstream in(doc.substr(start + 6, end - start - 6));
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, 7, "mktows ") == 0) {
      std::istringstream words(line.substr(7));
      std::string name;
      words >> name;
      out.push_back(name);
    }
  return out;
}

std::string number_word(std::size_t n) {
  static const char *const words[] = {"zero", "one", "two",   "three",  "four", "five",  "six",
                                      "seven", "eight", "nine", "ten", "eleven", "twelve"};
  return n < sizeof words / sizeof words[0] ? words[n] : std::to_string(n);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_synopsis_names_every_command_of_the_help) {
  mktows_test::TempDir dir;
  mktows_test::CliResult r = mktows_test::run_cli({"--help"}, {}, dir.path());
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  std::vector<std::string> commands = help_commands(r.out);
  BOOST_TEST(commands.size() >= 6u, r.out);
  std::string doc = mktows_test::read_file(std::string(mktows_test::paths::docs_dir) + "/CLI.md");
  BOOST_TEST(synopsis_commands(doc) == commands, boost::test_tools::per_element());
  BOOST_TEST(doc.find("One program, " + number_word(commands.size()) + " subcommands:") != std::string::npos,
             "docs/CLI.md does not say \"One program, " << number_word(commands.size()) << " subcommands:\"");
}

// The readers find what they must: on text that lacks a command they differ.
BOOST_AUTO_TEST_CASE(the_readers_see_a_missing_command) {
  std::string help = "usage\n\ncommands:\n  sync-lead    one\n  bridge       two\n\nmore\n";
  std::string doc = "# x\n\n```sh\nmktows sync-lead [--id N]\n                  [--json]\n```\n\n```sh\nmktows bridge\n```\n";
  BOOST_TEST(help_commands(help) == (std::vector<std::string>{"sync-lead", "bridge"}), boost::test_tools::per_element());
  BOOST_TEST(synopsis_commands(doc) == std::vector<std::string>{"sync-lead"}, boost::test_tools::per_element());
}
