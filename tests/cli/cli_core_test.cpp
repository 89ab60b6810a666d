// cli_core_test: the parts of the mktows command that need no server: CSV
// parsing, lead columns, the journal, settings and file permissions, option
// parsing, progress text, and the batch engine's resume logic with an
// in-process sender.
#define BOOST_TEST_MODULE cli_core
#include <boost/test/unit_test.hpp>

#include "args.hpp"
#include "batch_sync.hpp"
#include "csv_reader.hpp"
#include "journal.hpp"
#include "lead_columns.hpp"
#include "progress.hpp"
#include "settings.hpp"

#include "support/temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>

using namespace mktows_cli;
using mktows_test::TempDir;
using mktows_test::write_text;

namespace {

std::vector<std::vector<std::string>> parse_all(const std::string &text) {
  std::istringstream in(text);
  CsvReader r(in);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> f;
  while (r.next(f)) out.push_back(f);
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(rfc4180_quoting_crlf_and_embedded_line_breaks) {
  Rows rows = parse_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,,\"\"\r\n");
  BOOST_REQUIRE_EQUAL(rows.size(), 3u);
  BOOST_TEST(rows[0] == (std::vector<std::string>{"a", "b", "c"}));
  BOOST_TEST(rows[1] == (std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"}));
  BOOST_TEST(rows[2] == (std::vector<std::string>{"plain", "", ""}));
}

BOOST_AUTO_TEST_CASE(lf_endings_no_final_newline_blank_lines_and_bom) {
  Rows rows = parse_all("\xEF\xBB\xBFId,Email\n\n1,a@b.c\n2,d@e.f");
  BOOST_REQUIRE_EQUAL(rows.size(), 3u);
  BOOST_TEST(rows[0][0] == "Id");
  BOOST_TEST(rows[2] == (std::vector<std::string>{"2", "d@e.f"}));
}

BOOST_AUTO_TEST_CASE(malformed_input_names_the_line) {
  try {
    parse_all("a,b\n1,\"open\n2,3\n");
    BOOST_FAIL("an unclosed quote was accepted");
  } catch (const CsvError &e) {
    BOOST_TEST(e.line() == 2u);
    BOOST_TEST(std::string(e.what()).find("not closed") != std::string::npos);
  }
  BOOST_CHECK_THROW(parse_all("a,b\n1,x\"y\n"), CsvError);
  BOOST_CHECK_THROW(parse_all("a,b\n\"x\"y,1\n"), CsvError);
}

BOOST_AUTO_TEST_CASE(a_record_larger_than_the_cap_is_refused_not_buffered) {
  std::string big = "a\n\"" + std::string(5000, 'x');  // a runaway quote
  std::istringstream in(big);
  CsvReader r(in, 0, 1, 1024);
  std::vector<std::string> f;
  BOOST_TEST(r.next(f));
  BOOST_CHECK_THROW(r.next(f), CsvError);
}

BOOST_AUTO_TEST_CASE(offsets_allow_resuming_by_seek) {
  std::string text = "h1,h2\r\n\"a\nb\",1\r\n\"c\",2\r\nd,3\r\n";
  std::istringstream in(text);
  CsvReader r(in);
  std::vector<std::string> f;
  r.next(f);
  r.next(f);
  std::uint64_t after_second = r.offset(), line = r.line();
  BOOST_TEST(line == 4u);
  std::istringstream again(text);
  again.seekg(static_cast<std::streamoff>(after_second));
  CsvReader resumed(again, after_second, line);
  BOOST_REQUIRE(resumed.next(f));
  BOOST_TEST(f == (std::vector<std::string>{"c", "2"}));
  BOOST_TEST(resumed.record_line() == 4u);
}

BOOST_AUTO_TEST_CASE(writer_round_trips_through_the_reader) {
  std::vector<std::string> fields{"plain", "with,comma", "with \"quote\"", "two\nlines", ""};
  std::ostringstream out;
  write_csv_record(out, fields);
  BOOST_TEST(out.str() == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\r\n");
  Rows rows = parse_all(out.str());
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0] == fields);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(columns)

BOOST_AUTO_TEST_CASE(keys_and_attributes_in_column_order) {
  LeadColumns c({"id", "EMAIL", "ForeignSysPersonId", "ForeignSysType", "FirstName", "LastName"});
  mktows::Lead lead;
  std::string error;
  BOOST_REQUIRE(c.to_lead({"7", "t@t.com", "X1", "SFDC", "George", "of the Jungle"}, lead, error));
  BOOST_TEST(lead.has_id());
  BOOST_TEST(lead.id() == 7);
  BOOST_TEST(lead.email() == "t@t.com");
  BOOST_TEST(lead.foreign_id() == "X1");
  BOOST_TEST((lead.foreign_system() == mktows::ForeignSystem::sfdc));
  BOOST_REQUIRE_EQUAL(lead.attributes().size(), 2u);
  BOOST_TEST(lead.attributes()[1].name == "LastName");
  BOOST_TEST(lead.attributes()[1].value == "of the Jungle");
  // Empty cells are not sent.
  BOOST_REQUIRE(c.to_lead({"", "t@t.com", "", "", "", "Jungle"}, lead, error));
  BOOST_TEST(!lead.has_id());
  BOOST_TEST(!lead.has_foreign_id());
  BOOST_REQUIRE_EQUAL(lead.attributes().size(), 1u);
  // A type without an id is checked but not sent.
  BOOST_REQUIRE(c.to_lead({"", "t@t.com", "", "NETSUITE", "", ""}, lead, error));
  BOOST_TEST((lead.foreign_system() == mktows::ForeignSystem::none));
}

BOOST_AUTO_TEST_CASE(each_row_rule_is_named) {
  LeadColumns c({"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "City"});
  mktows::Lead lead;
  std::string error;
  // The client's rules (mktows::validate), its messages.
  BOOST_TEST(!c.to_lead({"", "", "", "", "Paris"}, lead, error));
  BOOST_TEST(error.find("lead_key_required: a lead needs at least one of Id, Email or ForeignSysPersonId") == 0u);
  BOOST_TEST(!c.to_lead({"", "", "F1", "", ""}, lead, error));
  BOOST_TEST(error.find("foreign_type_required: ForeignSysType is required with ForeignSysPersonId") == 0u);
  BOOST_TEST(!c.to_lead({"", "", "F1", "ORACLE", ""}, lead, error));
  BOOST_TEST(error == "ForeignSysType 'ORACLE' is not one of CUSTOM, SFDC, NETSUITE");
  BOOST_TEST(!c.to_lead({"12x", "a@b.c", "", "", ""}, lead, error));
  BOOST_TEST(error.find("positive integer") != std::string::npos);
  BOOST_TEST(!c.to_lead({"-1", "a@b.c", "", "", ""}, lead, error));
  BOOST_TEST(!c.to_lead({"1", "a@b.c"}, lead, error));
  BOOST_TEST(error.find("2 fields") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_headers_are_refused) {
  BOOST_CHECK_THROW(LeadColumns({"FirstName", "LastName"}), HeaderError);
  BOOST_CHECK_THROW(LeadColumns({"Email", ""}), HeaderError);
  BOOST_CHECK_THROW(LeadColumns({"Email", "City", "City"}), HeaderError);
  BOOST_CHECK_THROW(LeadColumns({"Email", "email"}), HeaderError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(journal)

BOOST_AUTO_TEST_CASE(acknowledgements_survive_reopening_and_a_pending_batch_is_reported) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  {
    Journal j(path, "fp");
    BOOST_TEST(!j.resumed());
    j.begin_batch(0, 10, 3);
    JournalPoint p;
    p.rows = 3;
    p.offset = 40;
    p.line = 5;
    p.created = 2;
    p.failed = 1;
    p.rejects_bytes = 77;
    j.acknowledge(p);
    j.begin_batch(3, 40, 3);  // then "killed"
  }
  Journal j(path, "fp");
  BOOST_TEST(j.resumed());
  BOOST_TEST(j.unacknowledged_batch());
  BOOST_TEST(!j.finished());
  BOOST_TEST(j.acknowledged().rows == 3u);
  BOOST_TEST(j.acknowledged().offset == 40u);
  BOOST_TEST(j.acknowledged().line == 5u);
  BOOST_TEST(j.acknowledged().created == 2u);
  BOOST_TEST(j.acknowledged().failed == 1u);
  BOOST_TEST(j.acknowledged().rejects_bytes == 77u);
}

BOOST_AUTO_TEST_CASE(a_torn_last_line_is_dropped_and_the_file_repaired) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  {
    Journal j(path, "fp");
    JournalPoint p;
    p.rows = 5;
    j.acknowledge(p);
  }
  std::string whole = mktows_test::read_text(path);
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << "A 10 99 4 9 0 0 0 #dead";  // no newline: a write cut short
  }
  {
    Journal j(path, "fp");
    BOOST_TEST(j.acknowledged().rows == 5u);
  }
  BOOST_TEST(mktows_test::read_text(path) == whole);
  // A complete last line with a wrong checksum (a crash of the machine) is dropped too.
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << "A 10 99 4 9 0 0 0 #00000000\n";
  }
  Journal j(path, "fp");
  BOOST_TEST(j.acknowledged().rows == 5u);
}

BOOST_AUTO_TEST_CASE(damage_before_the_end_or_another_file_is_refused) {
  TempDir dir;
  std::string path = dir.path() + "/j";
  {
    Journal j(path, "fp");
    JournalPoint p;
    p.rows = 5;
    j.acknowledge(p);
    p.rows = 6;
    j.acknowledge(p);
  }
  BOOST_CHECK_THROW(Journal(path, "other"), JournalError);
  std::string text = mktows_test::read_text(path);
  std::size_t second = text.find("A 5");
  BOOST_REQUIRE(second != std::string::npos);
  text[second + 2] = '9';
  write_text(path, text);
  BOOST_CHECK_THROW(Journal(path, "fp"), JournalError);
  write_text(path, "not a journal #00000000\n");
  BOOST_CHECK_THROW(Journal(path, "fp"), JournalError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(settings)

struct EnvGuard {
  EnvGuard() {
    for (const char *n : names) ::unsetenv(n);
  }
  ~EnvGuard() {
    for (const char *n : names) ::unsetenv(n);
  }
  static constexpr const char *names[] = {"MKTOWS_ENDPOINT", "MKTOWS_USER_ID", "MKTOWS_ENCRYPTION_KEY",
                                          "MKTOWS_WORKSPACE", "MKTOWS_CONFIG"};
};

const std::vector<OptionSpec> kConn = {{"config", true, false},     {"secret-file", true, false},
                                       {"endpoint", true, false},   {"user-id", true, false},
                                       {"workspace", true, false},  {"insecure", false, false}};

BOOST_AUTO_TEST_CASE(config_file_then_environment_then_command_line) {
  EnvGuard env;
  TempDir dir;
  std::string cfg = dir.path() + "/c.json";
  write_text(cfg, R"({"endpoint":"http://127.0.0.1:1/soap/mktows/2_2","user_id":"u1",
                      "encryption_key":"k1","workspace":"W","receive_timeout_s":5})",
             0600);
  Settings s = load_settings(parse_args({"--config", cfg}, kConn));
  BOOST_TEST(s.endpoint == "http://127.0.0.1:1/soap/mktows/2_2");
  BOOST_TEST(s.user_id == "u1");
  BOOST_TEST(s.encryption_key == "k1");
  BOOST_TEST(s.workspace == "W");
  BOOST_TEST(s.receive_timeout_s == 5);
  ::setenv("MKTOWS_USER_ID", "u2", 1);
  ::setenv("MKTOWS_ENCRYPTION_KEY", "k2", 1);
  s = load_settings(parse_args({"--config", cfg}, kConn));
  BOOST_TEST(s.user_id == "u2");
  BOOST_TEST(s.encryption_key == "k2");
  std::string secret = dir.path() + "/key";
  write_text(secret, "k3\n", 0400);
  s = load_settings(parse_args({"--config", cfg, "--user-id", "u3", "--secret-file", secret}, kConn));
  BOOST_TEST(s.user_id == "u3");
  BOOST_TEST(s.encryption_key == "k3");
}

BOOST_AUTO_TEST_CASE(files_others_may_read_are_refused) {
  EnvGuard env;
  TempDir dir;
  std::string cfg = dir.path() + "/c.json";
  for (mode_t mode : {0640, 0604, 0620, 0601, 0660}) {
    write_text(cfg, R"({"endpoint":"e","user_id":"u","encryption_key":"topsecret"})", mode);
    try {
      load_settings(parse_args({"--config", cfg}, kConn));
      BOOST_FAIL("mode accepted");
    } catch (const ConfigError &e) {
      BOOST_TEST(std::string(e.what()).find("refusing") != std::string::npos);
      BOOST_TEST(std::string(e.what()).find("topsecret") == std::string::npos);
    }
  }
  ::setenv("MKTOWS_ENDPOINT", "e", 1);
  ::setenv("MKTOWS_USER_ID", "u", 1);
  std::string secret = dir.path() + "/key";
  write_text(secret, "topsecret", 0644);
  BOOST_CHECK_THROW(load_settings(parse_args({"--secret-file", secret}, kConn)), ConfigError);
  write_text(secret, "\n", 0600);
  BOOST_CHECK_THROW(load_settings(parse_args({"--secret-file", secret}, kConn)), ConfigError);
  BOOST_CHECK_THROW(load_settings(parse_args({"--secret-file", dir.path()}, kConn)), ConfigError);
}

BOOST_AUTO_TEST_CASE(missing_settings_are_named_and_bad_json_is_not_echoed) {
  EnvGuard env;
  try {
    load_settings(parse_args({}, kConn));
    BOOST_FAIL("no settings accepted");
  } catch (const ConfigError &e) {
    std::string m = e.what();
    BOOST_TEST(m.find("MKTOWS_ENDPOINT") != std::string::npos);
    BOOST_TEST(m.find("MKTOWS_ENCRYPTION_KEY") != std::string::npos);
  }
  TempDir dir;
  std::string cfg = dir.path() + "/c.json";
  write_text(cfg, R"({"encryption_key":"topsecret",)", 0600);
  try {
    load_settings(parse_args({"--config", cfg}, kConn));
    BOOST_FAIL("bad JSON accepted");
  } catch (const ConfigError &e) {
    BOOST_TEST(std::string(e.what()).find("topsecret") == std::string::npos);
  }
  write_text(cfg, R"({"encryption-key":"x"})", 0600);
  BOOST_CHECK_THROW(load_settings(parse_args({"--config", cfg}, kConn)), ConfigError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(options)

BOOST_AUTO_TEST_CASE(values_flags_repeats_and_errors) {
  std::vector<OptionSpec> specs = {{"email", true, false}, {"attr", true, true}, {"json", false, false}};
  ParsedArgs a = parse_args({"--email=t@t.com", "--attr", "A=1", "--attr", "B=2", "--json", "file", "--", "--x"}, specs);
  BOOST_TEST(a.get("email") == "t@t.com");
  BOOST_TEST(a.all("attr") == (std::vector<std::string>{"A=1", "B=2"}));
  BOOST_TEST(a.has("json"));
  BOOST_TEST(a.positional() == (std::vector<std::string>{"file", "--x"}));
  BOOST_CHECK_THROW(parse_args({"--nope"}, specs), UsageError);
  BOOST_CHECK_THROW(parse_args({"--email"}, specs), UsageError);
  BOOST_CHECK_THROW(parse_args({"--email", "a", "--email", "b"}, specs), UsageError);
  BOOST_CHECK_THROW(parse_args({"--json=1"}, specs), UsageError);
  BOOST_CHECK_THROW(parse_number("batch", "301", 1, 300), UsageError);
  BOOST_TEST(parse_number("batch", "300", 1, 300) == 300);
}

BOOST_AUTO_TEST_CASE(a_secret_option_is_refused_without_echoing_it) {
  for (const char *opt : {"--encryption-key", "--key", "--secret", "--password"}) {
    try {
      parse_args({opt, "hunter2"}, {});
      BOOST_FAIL("secret option accepted");
    } catch (const UsageError &e) {
      BOOST_TEST(std::string(e.what()).find("--secret-file") != std::string::npos);
      BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
    }
  }
  try {
    parse_args({"--encryption-key=hunter2"}, {});
    BOOST_FAIL("secret option accepted");
  } catch (const UsageError &e) {
    BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(progress_text) {
  BOOST_TEST(Progress::format(1200, 500, 1000, 850.4, 12, 10) == "[#####.....]  50% 1200 rows, 850 rows/s, 0:12 left");
  BOOST_TEST(Progress::format(7, 10, 0, 3, -1, 0) == "7 rows, 3 rows/s");
  BOOST_TEST(Progress::format(7, 10, 20, 3, 3725, 0) == " 50% 7 rows, 3 rows/s, 1:02:05 left");
}
