// cli_commands_test: every subcommand of the `mktows` program, run as a
// process against `mktows sandbox`: success and error paths, exit codes,
// --json output, where settings come from, and that the key is never shown.
#define BOOST_TEST_MODULE cli_commands
#include <boost/test/unit_test.hpp>

#include "cli_process.hpp"
#include "cli_sandbox.hpp"
#include "support/temp_dir.hpp"

#include "../support/raw_http_server.hpp"
#include "support/test_paths.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <fstream>
#include <memory>
#include <sstream>

using namespace mktows_test;
using nlohmann::json;

namespace {

const char kUser[] = "cli_test_user_4711";
const char kKey[] = "cli-test-secret-7f3a9c41";

// One sandbox for the whole module, with credentials of its own.
struct World {
  TempDir dir;
  std::unique_ptr<CliSandbox> sandbox;
  int runs = 0;
  World() {
    sandbox.reset(new CliSandbox(dir.path(), {}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}}));
  }
  static World &get() {
    static World w;
    return w;
  }
  Env env() const {
    return {{"MKTOWS_ENDPOINT", sandbox->endpoint()}, {"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}};
  }
};

// Runs mktows; every output of every run is checked for the key.
CliResult run(const std::vector<std::string> &args, const Env &env) {
  World &w = World::get();
  std::string scratch = w.dir.path() + "/run" + std::to_string(++w.runs);
  ::mkdir(scratch.c_str(), 0700);
  CliResult r = run_cli(args, env, scratch);
  BOOST_TEST(r.out.find(kKey) == std::string::npos);
  BOOST_TEST(r.err.find(kKey) == std::string::npos);
  return r;
}

CliResult run(const std::vector<std::string> &args) { return run(args, World::get().env()); }

std::vector<json> json_lines(const std::string &text) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

Env with(Env env, const std::string &name, const std::string &value) {
  for (auto &kv : env)
    if (kv.first == name) {
      kv.second = value;
      return env;
    }
  env.emplace_back(name, value);
  return env;
}

Env without(Env env, const std::string &name) {
  Env out;
  for (auto &kv : env)
    if (kv.first != name) out.push_back(kv);
  return out;
}

std::string scratch_file(const std::string &name) { return World::get().dir.path() + "/" + name; }

}  // namespace

BOOST_AUTO_TEST_SUITE(help_and_usage)

BOOST_AUTO_TEST_CASE(help_on_the_program_and_on_each_command) {
  CliResult r = run({"--help"});
  BOOST_TEST(r.exit_code == 0);
  for (const char *c : {"sync-lead", "get-lead", "sync-leads", "sandbox", "exit codes"})
    BOOST_TEST(r.out.find(c) != std::string::npos, c);
  for (const char *c : {"sync-lead", "get-lead", "sync-leads"}) {
    r = run({c, "--help"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find(std::string("usage: mktows ") + c) != std::string::npos);
    BOOST_TEST(r.out.find("MKTOWS_ENCRYPTION_KEY") != std::string::npos);
    BOOST_TEST(r.out.find(" 4 authentication error") != std::string::npos);
  }
  r = run({"sandbox", "--help"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("usage: mktows sandbox") != std::string::npos);
  BOOST_TEST(r.out.find("--data DIR") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  BOOST_TEST(run({}).exit_code == 2);
  BOOST_TEST(run({"frobnicate"}).exit_code == 2);
  BOOST_TEST(run({"sync-lead", "--email", "a@b.c", "--colour", "red"}).exit_code == 2);
  BOOST_TEST(run({"sync-lead", "--id", "abc"}).exit_code == 2);
  BOOST_TEST(run({"sync-lead", "--email", "a@b.c", "--attr", "NoEquals"}).exit_code == 2);
  BOOST_TEST(run({"get-lead"}).exit_code == 2);
  BOOST_TEST(run({"get-lead", "--id", "1", "--email", "a@b.c"}).exit_code == 2);
  BOOST_TEST(run({"sync-leads"}).exit_code == 2);
  BOOST_TEST(run({"sync-leads", "a.csv", "--batch", "301"}).exit_code == 2);
  CliResult r = run({"sync-lead", "--email"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("needs a value") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sync_lead)

BOOST_AUTO_TEST_CASE(the_seed_example_created_then_updated) {
  std::vector<std::string> args = {"sync-lead", "--email", "george@jungle.test", "--attr", "FirstName=George",
                                   "--attr", "LastName=of the Jungle"};
  CliResult first = run(args);
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(first.out.compare(0, 13, "CREATED lead ") == 0);
  args.push_back("--json");
  CliResult second = run(args);
  BOOST_TEST(second.exit_code == 0);
  std::vector<json> j = json_lines(second.out);
  BOOST_REQUIRE_EQUAL(j.size(), 1u);
  BOOST_TEST(j[0]["status"] == "UPDATED");
  BOOST_TEST(std::to_string(j[0]["leadId"].get<int>()) == first.out.substr(13, first.out.find('\n') - 13));
  BOOST_TEST(j[0]["error"].is_null());
  BOOST_TEST(j[0]["leadRecord"].is_null());
}

BOOST_AUTO_TEST_CASE(return_lead_and_foreign_id) {
  CliResult r = run({"sync-lead", "--foreign-id", "ERP-77", "--foreign-type", "CUSTOM", "--email", "erp77@x.test",
                     "--attr", "City=Accra", "--return-lead", "--json"});
  BOOST_TEST(r.exit_code == 0);
  json j = json::parse(r.out);
  BOOST_TEST(j["status"] == "CREATED");
  BOOST_TEST(j["leadRecord"]["Id"] == j["leadId"]);
  BOOST_TEST(j["leadRecord"]["Email"] == "erp77@x.test");
  BOOST_TEST(j["leadRecord"]["ForeignSysPersonId"] == "ERP-77");
  BOOST_TEST(j["leadRecord"]["ForeignSysType"] == "CUSTOM");
  BOOST_TEST(j["leadRecord"]["attributes"]["City"] == "Accra");
  // By Id now, changing the City: the same lead.
  r = run({"sync-lead", "--id", std::to_string(j["leadId"].get<int>()), "--attr", "City=Kumasi", "--json"});
  BOOST_TEST(r.exit_code == 0);
  json k = json::parse(r.out);
  BOOST_TEST(k["status"] == "UPDATED");
  BOOST_TEST(k["leadId"] == j["leadId"]);
}

BOOST_AUTO_TEST_CASE(validation_errors_exit_3_before_any_connection) {
  // The endpoint is a closed port: exit 3, not 5, shows nothing was sent.
  Env env = with(World::get().env(), "MKTOWS_ENDPOINT", "http://127.0.0.1:1/soap/mktows/2_2");
  CliResult r = run({"sync-lead", "--attr", "FirstName=Nobody"}, env);
  BOOST_TEST(r.exit_code == 3);
  // The client's rules and messages (mktows::validate).
  BOOST_TEST(r.err.find("validation error: lead_key_required: a lead needs at least one of Id, Email or "
                        "ForeignSysPersonId") != std::string::npos);
  r = run({"sync-lead", "--foreign-id", "X1"}, env);
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find("foreign_type_required: ForeignSysType is required with ForeignSysPersonId") !=
             std::string::npos);
  r = run({"sync-lead", "--foreign-id", "X1", "--foreign-type", "ORACLE"}, env);
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find("ForeignSysType 'ORACLE' is not one of CUSTOM, SFDC, NETSUITE") != std::string::npos);
  r = run({"sync-lead", "--email", "a@b.c", "--attr", "=value"}, env);
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find("attribute_name_required: attribute #1 has an empty attrName") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(workspace_and_cookie) {
  // Workspaces are not enabled in the sandbox's default configuration, so the
  // context header must name Default; any other name is a bad parameter.
  CliResult r = run({"sync-lead", "--email", "ws@x.test", "--workspace", "Default"});
  BOOST_TEST(r.exit_code == 0);
  r = run({"sync-lead", "--email", "ws@x.test", "--workspace", "Elsewhere"});
  BOOST_TEST(r.exit_code == 7);
  BOOST_TEST(r.err.find("20110") != std::string::npos);
  r = run({"sync-lead", "--email", "cookie@x.test", "--cookie", "id:561-HYG-937&token:_mch-x-4711", "--json"});
  BOOST_TEST(r.exit_code == 0);
  int id = json::parse(r.out)["leadId"].get<int>();
  r = run({"get-lead", "--cookie", "id:561-HYG-937&token:_mch-x-4711", "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(json::parse(r.out)["leadId"] == id);
}

BOOST_AUTO_TEST_CASE(a_fault_for_one_lead_is_a_service_fault) {
  // The sandbox checks attribute names against its field schema (20105).
  CliResult r = run({"sync-lead", "--email", "schema@x.test", "--attr", "NoSuchField=1"});
  BOOST_TEST(r.exit_code == 7);
  BOOST_TEST(r.err.find("20105") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(get_lead)

BOOST_AUTO_TEST_CASE(by_id_and_by_email_text_and_json) {
  CliResult c = run({"sync-lead", "--email", "findme@x.test", "--attr", "FirstName=Fin", "--json"});
  BOOST_REQUIRE(c.exit_code == 0);
  int id = json::parse(c.out)["leadId"].get<int>();
  CliResult r = run({"get-lead", "--id", std::to_string(id), "--json"});
  BOOST_TEST(r.exit_code == 0);
  std::vector<json> j = json_lines(r.out);
  BOOST_REQUIRE_EQUAL(j.size(), 1u);
  BOOST_TEST(j[0]["leadId"] == id);
  BOOST_TEST(j[0]["status"] == "FOUND");
  BOOST_TEST(j[0]["leadRecord"]["Email"] == "findme@x.test");
  BOOST_TEST(j[0]["leadRecord"]["attributes"]["FirstName"] == "Fin");
  r = run({"get-lead", "--email", "findme@x.test"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("FOUND lead " + std::to_string(id)) == 0u);
  BOOST_TEST(r.out.find("FirstName: Fin") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_found_exits_9) {
  for (std::vector<std::string> key : {std::vector<std::string>{"--email", "nobody@x.test"},
                                       std::vector<std::string>{"--id", "999999"},
                                       std::vector<std::string>{"--cookie", "id:561-HYG-937&token:_mch-x-1"}}) {
    std::vector<std::string> args = {"get-lead"};
    args.insert(args.end(), key.begin(), key.end());
    args.push_back("--json");
    CliResult r = run(args);
    BOOST_TEST(r.exit_code == 9);
    json j = json::parse(r.out);
    BOOST_TEST(j["status"] == "NOT_FOUND");
    BOOST_TEST(j["leadId"].is_null());
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(settings_and_secrets)

BOOST_AUTO_TEST_CASE(wrong_key_is_an_authentication_error) {
  CliResult r = run({"get-lead", "--email", "a@b.c"}, with(World::get().env(), "MKTOWS_ENCRYPTION_KEY", "wrong-key-91"));
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("20014") != std::string::npos);
  BOOST_TEST(r.err.find("wrong-key-91") == std::string::npos);
  r = run({"sync-lead", "--email", "a@b.c"}, with(World::get().env(), "MKTOWS_USER_ID", "someone_else"));
  BOOST_TEST(r.exit_code == 4);
}

BOOST_AUTO_TEST_CASE(missing_settings_exit_8_and_name_the_variable) {
  CliResult r = run({"get-lead", "--email", "a@b.c"}, without(World::get().env(), "MKTOWS_ENCRYPTION_KEY"));
  BOOST_TEST(r.exit_code == 8);
  BOOST_TEST(r.err.find("MKTOWS_ENCRYPTION_KEY") != std::string::npos);
  r = run({"get-lead", "--email", "a@b.c"}, without(World::get().env(), "MKTOWS_ENDPOINT"));
  BOOST_TEST(r.exit_code == 8);
  BOOST_TEST(r.err.find("MKTOWS_ENDPOINT") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_key_is_refused_on_the_command_line) {
  Env env = without(World::get().env(), "MKTOWS_ENCRYPTION_KEY");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"sync-lead", "--email", "a@b.c", "--encryption-key", kKey},
        std::vector<std::string>{"get-lead", "--email", "a@b.c", std::string("--key=") + kKey},
        std::vector<std::string>{"sync-leads", "f.csv", "--secret", kKey}}) {
    CliResult r = run(args, env);  // run() checks that the key is not echoed
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("--secret-file") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(config_file_and_secret_file_must_be_private) {
  const World &w = World::get();
  std::string cfg = scratch_file("config.json");
  write_text(cfg,
             json{{"endpoint", w.sandbox->endpoint()}, {"user_id", kUser}, {"encryption_key", kKey}}.dump(), 0644);
  CliResult r = run({"get-lead", "--email", "findme-none@x.test", "--config", cfg}, {});
  BOOST_TEST(r.exit_code == 8);
  BOOST_TEST(r.err.find("refusing") != std::string::npos);
  ::chmod(cfg.c_str(), 0600);
  r = run({"get-lead", "--email", "cfg@x.test", "--config", cfg}, {});
  BOOST_TEST(r.exit_code == 9);  // reached the server and authenticated: nothing found
  r = run({"sync-lead", "--email", "cfg@x.test", "--json"}, {{"MKTOWS_CONFIG", cfg}});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(json::parse(r.out)["status"] == "CREATED");

  std::string secret = scratch_file("secret");
  write_text(secret, std::string(kKey) + "\n", 0640);
  Env env = without(w.env(), "MKTOWS_ENCRYPTION_KEY");
  r = run({"get-lead", "--email", "cfg@x.test", "--secret-file", secret}, env);
  BOOST_TEST(r.exit_code == 8);
  BOOST_TEST(r.err.find("0640") != std::string::npos);
  ::chmod(secret.c_str(), 0400);
  r = run({"get-lead", "--email", "cfg@x.test", "--secret-file", secret}, env);
  BOOST_TEST(r.exit_code == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(transport)

BOOST_AUTO_TEST_CASE(connection_refused_and_an_http_error_page_exit_5) {
  CliResult r = run({"get-lead", "--email", "a@b.c", "--attempts", "1"},
                    with(World::get().env(), "MKTOWS_ENDPOINT", "http://127.0.0.1:1/soap/mktows/2_2"));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("transport/connect") != std::string::npos);
  std::atomic<int> requests{0};
  RawHttpServer proxy([&](const RawRequest &, std::size_t) {
    ++requests;
    return RawReply::respond(http_response(502, "Bad Gateway", "text/html", "<html><body>502 Bad Gateway</body></html>"));
  });
  std::string endpoint = "http://127.0.0.1:" + std::to_string(proxy.port()) + "/soap/mktows/2_2";
  r = run({"sync-lead", "--email", "a@b.c", "--attempts", "1"}, with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("http 502") != std::string::npos);
  BOOST_TEST(requests.load() == 1);
  // A 502 is retryable: --attempts 2 sends the call twice (after a backoff).
  r = run({"sync-lead", "--email", "a@b.c", "--attempts", "2"}, with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("after 2 attempts") != std::string::npos);
  BOOST_TEST(requests.load() == 3);
}

// An address of the vendor's retired hosted service, through a loopback
// proxy on a closed port (the vendor's host is never resolved): the message
// says the service was retired and names the bridge.
BOOST_AUTO_TEST_CASE(the_retired_hosted_service_says_so) {
  int closed;
  {
    RawHttpServer gone([](const RawRequest &, std::size_t) { return RawReply::close(); });
    closed = gone.port();
  }
  Env env = with(World::get().env(), "MKTOWS_ENDPOINT", "https://123-ABC-456.mktoapi.com/soap/mktows/2_2");
  CliResult r = run({"sync-lead", "--email", "a@b.c", "--attempts", "1", "--proxy", "127.0.0.1:" + std::to_string(closed)},
                    env);
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("transport/connect") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("hosted SOAP API, which was retired on 2026-07-31") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("`mktows bridge`") != std::string::npos, r.err);
  // The same failure at another address: no such note.
  r = run({"sync-lead", "--email", "a@b.c", "--attempts", "1", "--proxy", "127.0.0.1:" + std::to_string(closed)},
          with(World::get().env(), "MKTOWS_ENDPOINT", "https://bridge.example.com/soap/mktows/2_2"));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("retired") == std::string::npos, r.err);
  BOOST_TEST(run({"get-lead", "--email", "a@b.c", "--proxy", "no-port"}, env).exit_code == 8);
}

BOOST_AUTO_TEST_CASE(a_limit_fault_is_a_service_fault) {
  RawHttpServer limited([](const RawRequest &, std::size_t) {
    return RawReply::respond(soap_response(mktows_fault_envelope(20015, "Request Limit Exceeded"), 500));
  });
  std::string endpoint = "http://127.0.0.1:" + std::to_string(limited.port()) + "/soap/mktows/2_2";
  CliResult r = run({"sync-lead", "--email", "a@b.c"}, with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  BOOST_TEST(r.exit_code == 7);
  BOOST_TEST(r.err.find("20015") != std::string::npos);
  BOOST_TEST(r.err.find("attempts") == std::string::npos);  // a quota fault is not retried
}

BOOST_AUTO_TEST_CASE(a_dripping_server_is_cut_off_by_the_call_timeout_exit_5) {
  // One byte every half second: the receive timeout (90 s) never fires.
  RawHttpServer drip([](const RawRequest &, std::size_t) {
    return RawReply::drip(soap_response(mktows_fault_envelope(20015, "Request Limit Exceeded"), 500),
                          std::chrono::milliseconds(500));
  });
  std::string endpoint = "http://127.0.0.1:" + std::to_string(drip.port()) + "/soap/mktows/2_2";
  auto t = std::chrono::steady_clock::now();
  CliResult r = run({"sync-lead", "--email", "a@b.c", "--attempts", "1", "--call-timeout", "1"},
                    with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  long long ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count();
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("transport/deadline") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("the service may have applied it") != std::string::npos, r.err);
  BOOST_TEST(ms < 1000 + 3000);  // the deadline, plus the process start, generously
  // The config key does the same; a bad value is a configuration error.
  std::string config = scratch_file("deadline.json");
  write_text(config, "{\"call_timeout_s\": 1}");
  ::chmod(config.c_str(), 0600);
  r = run({"sync-lead", "--email", "a@b.c", "--attempts", "1", "--config", config},
          with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  BOOST_TEST(r.exit_code == 5);
  BOOST_TEST(r.err.find("transport/deadline") != std::string::npos, r.err);
  write_text(config, "{\"call_timeout_s\": -1}");
  ::chmod(config.c_str(), 0600);
  r = run({"sync-lead", "--email", "a@b.c", "--config", config}, with(World::get().env(), "MKTOWS_ENDPOINT", endpoint));
  BOOST_TEST(r.exit_code == 8);
  BOOST_TEST(run({"sync-lead", "--email", "a@b.c", "--call-timeout", "soon"}).exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sync_leads)

BOOST_AUTO_TEST_CASE(a_row_that_is_not_utf8_is_rejected_and_the_run_goes_on) {
  std::string csv = scratch_file("latin.csv"), rejects = scratch_file("latin.rejects.csv");
  write_text(csv,
             "Email,FirstName\r\n"
             "utf8a@x.test,J\xc3\xbcrgen\r\n"
             "utf8b@x.test,\xff\xfe\r\n"  // FirstName: the bytes FF FE
             "utf8c@x.test,Nul\x01" "Control\r\n"
             "utf8d@x.test,Zo\xc3\xab\r\n");
  CliResult r = run({"sync-leads", csv, "--rejects", rejects, "--json", "--progress-every", "0"});
  BOOST_TEST(r.exit_code == 6);
  std::vector<json> lines = json_lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 5u);
  BOOST_TEST(lines[0]["status"] == "CREATED");
  BOOST_TEST(lines[1]["row"] == 2);
  BOOST_TEST(lines[1]["status"] == "FAILED");
  BOOST_TEST(lines[1]["error"].get<std::string>().find("FirstName is not UTF-8") == 0u, lines[1]["error"]);
  BOOST_TEST(lines[1]["error"].get<std::string>().find("0xFF at offset 0") != std::string::npos);
  BOOST_TEST(lines[2]["status"] == "FAILED");
  BOOST_TEST(lines[2]["error"].get<std::string>().find("0x01 at offset 3") != std::string::npos);
  BOOST_TEST(lines[3]["status"] == "CREATED");
  BOOST_TEST(lines[4]["summary"]["failed"] == 2);
  // Nothing of the bad rows reached the service; the good ones did, intact.
  BOOST_TEST(run({"get-lead", "--email", "utf8b@x.test"}).exit_code == 9);
  BOOST_TEST(run({"get-lead", "--email", "utf8c@x.test"}).exit_code == 9);
  CliResult g = run({"get-lead", "--email", "utf8a@x.test", "--json"});
  BOOST_TEST(json::parse(g.out)["leadRecord"]["attributes"]["FirstName"] == "J\xc3\xbcrgen");
  BOOST_TEST(read_text(rejects).find("utf8b@x.test,\xff\xfe,FirstName is not UTF-8") != std::string::npos);
  // sync-lead refuses it before connecting: a validation error.
  r = run({"sync-lead", "--email", "utf8e@x.test", "--attr", "FirstName=\xff\xfe"});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find("invalid_text") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(the_sample_file_with_json_and_summary) {
  CliResult r = run({"sync-leads", mktows_test::paths::sample_csv, "--batch", "7", "--json", "--progress-every", "0"});
  BOOST_TEST(r.exit_code == 0);
  std::vector<json> lines = json_lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 26u);  // 25 rows and the summary
  for (std::size_t i = 0; i < 25; ++i) {
    BOOST_TEST(lines[i]["row"] == i + 1);
    BOOST_TEST(lines[i]["leadId"].is_number_integer());
    BOOST_TEST((lines[i]["status"] == "CREATED" || lines[i]["status"] == "UPDATED"));
  }
  BOOST_TEST(lines[25]["summary"]["rows"] == 25);
  BOOST_TEST(lines[25]["summary"]["failed"] == 0);
  BOOST_TEST(lines[25]["summary"]["created"].get<int>() + lines[25]["summary"]["updated"].get<int>() == 25);
  // Not a terminal: plain progress lines, one per batch of 7.
  BOOST_TEST(r.err.find("progress: ") != std::string::npos);
  BOOST_TEST(r.err.find("100% 25 rows") != std::string::npos);
  // Quoted fields arrived whole.
  CliResult g = run({"get-lead", "--email", "lena.fischer@example.com", "--json"});
  BOOST_TEST(json::parse(g.out)["leadRecord"]["attributes"]["Company"] == "Fischer\nConsulting");
  g = run({"get-lead", "--email", "eli.cohen@example.com", "--json"});
  BOOST_TEST(json::parse(g.out)["leadRecord"]["attributes"]["Title"] == "Head of \"Growth\"");
}

BOOST_AUTO_TEST_CASE(failed_rows_go_to_the_rejects_file_and_exit_6) {
  std::string csv = scratch_file("mixed.csv"), rejects = scratch_file("mixed.rejects.csv");
  write_text(csv,
             "Email,FirstName,Id\r\n"
             "mixed1@x.test,One,\r\n"
             ",No key,\r\n"
             "mixed3@x.test,Three,\r\n"
             "mixed4@x.test,Four,987654\r\n");  // an Id that matches no lead
  CliResult r = run({"sync-leads", csv, "--rejects", rejects});
  BOOST_TEST(r.exit_code == 6);
  BOOST_TEST(r.out.find("rows 4: created 2, updated 0, failed 2") != std::string::npos);
  std::string text = read_text(rejects);
  BOOST_TEST(text.find("Email,FirstName,Id,error\r\n") == 0u);
  BOOST_TEST(text.find(",No key,,\"lead_key_required: a lead needs at least one of Id, Email or ForeignSysPersonId\"\r\n") !=
             std::string::npos);
  BOOST_TEST(text.find("mixed4@x.test,Four,987654,20103 - Lead Not Found\r\n") != std::string::npos);
  BOOST_TEST(text.find("mixed1@x.test") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_progress_bar_on_a_terminal) {
  // stderr on a pseudo-terminal: the bar is redrawn in place (\r, erase to
  // the end of the line) and ends with a newline.
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  BOOST_REQUIRE(master >= 0);
  BOOST_REQUIRE(::grantpt(master) == 0 && ::unlockpt(master) == 0);
  std::string slave = ::ptsname(master);
  std::string out = scratch_file("tty.out");
  std::vector<std::string> args = {mktows_test::paths::cli_bin, "sync-leads", mktows_test::paths::sample_csv, "--batch", "5"};
  ChildProcess child(args, World::get().env(), Output::file(out), Output::file(slave));
  std::string tty;
  char buf[4096];
  int status = 0;
  // Read until the child has exited; once the last slave descriptor is
  // closed, reading the master fails with EIO, so only data counts.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 20) > 0) {
      ssize_t n = ::read(master, buf, sizeof buf);
      if (n > 0) {
        tty.append(buf, static_cast<std::size_t>(n));
        continue;
      }
    }
    if (child.done()) {
      status = child.wait(std::chrono::seconds(0));
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      child.kill_hard();
      BOOST_FAIL("mktows sync-leads did not end on a terminal");
    }
    if (::poll(&p, 1, 0) > 0 && !(p.revents & POLLIN)) ::usleep(5000);  // hung up, child not yet reaped
  }
  for (;;) {  // what was written just before the exit
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) break;
    ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;
    tty.append(buf, static_cast<std::size_t>(n));
  }
  ::close(master);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(tty.find("\r[") != std::string::npos, tty);
  BOOST_TEST(tty.find("\x1b[K") != std::string::npos);
  BOOST_TEST(tty.find("] 100% 25 rows") != std::string::npos);
  BOOST_TEST(tty.find("progress: ") == std::string::npos);  // no plain lines on a terminal
  BOOST_TEST(read_text(out).find("rows 25: created") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_files_exit_10) {
  std::string csv = scratch_file("broken.csv");
  write_text(csv, "Email,FirstName\na@b.c,\"unclosed\n");
  CliResult r = run({"sync-leads", csv});
  BOOST_TEST(r.exit_code == 10);
  BOOST_TEST(r.err.find("line 2") != std::string::npos);
  BOOST_TEST(run({"sync-leads", scratch_file("does-not-exist.csv")}).exit_code == 10);
  write_text(csv, "FirstName,LastName\nA,B\n");
  r = run({"sync-leads", csv});
  BOOST_TEST(r.exit_code == 10);
  BOOST_TEST(r.err.find("key columns") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_authentication_error_stops_the_run_with_the_batch_unacknowledged) {
  std::string csv = scratch_file("auth.csv"), journal = scratch_file("auth.journal");
  write_text(csv, "Email\r\nauth1@x.test\r\nauth2@x.test\r\n");
  CliResult r = run({"sync-leads", csv, "--journal", journal},
                    with(World::get().env(), "MKTOWS_ENCRYPTION_KEY", "not-the-key"));
  BOOST_TEST(r.exit_code == 4);
  // The right key later: the same journal, the same rows, all created.
  r = run({"sync-leads", csv, "--journal", journal});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("rows 2: created 2, updated 0, failed 0") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
