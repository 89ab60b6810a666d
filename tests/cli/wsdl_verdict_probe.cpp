// wsdl_verdict_probe: mktows::Client's three calls, compiled against the
// bindings of one WSDL and run against a sandbox (the service as it is), as
// the judge of wsdl-diff's verdict (tests/wsdl_verdict.cmake): a WSDL is
// compatible with another exactly when this program builds against it,
// passes, and prints what it prints built against the other. It prints each
// request's body as sent (the timestamp masked, the signature redacted by
// the client) and each answer as the client read it.
//
//   wsdl_verdict_probe <mktows-sandbox>
//
// Deliberately plain (no Boost.Test, no test-paths library): the verdict
// build compiles it once per WSDL with only the client's headers.
#include <mktows/mktows.hpp>

#include "support/child_process.hpp"

#include <csignal>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string masked(std::string body) {
  static const std::string open = "<requestTimestamp>", close = "</requestTimestamp>";
  std::size_t a = body.find(open);
  std::size_t b = a == std::string::npos ? a : body.find(close, a);
  if (b != std::string::npos) body.replace(a + open.size(), b - a - open.size(), "[time]");
  return body;
}

std::string describe(const mktows::Lead &l) {
  std::ostringstream s;
  s << "lead id=" << (l.has_id() ? std::to_string(l.id()) : "-") << " email=" << l.email()
    << " foreign=" << l.foreign_id() << "/" << mktows::to_string(l.foreign_system());
  for (const mktows::Attribute &a : l.attributes()) s << " " << a.name << "=" << a.value << ":" << a.type;
  return s.str();
}

std::string describe(const mktows::SyncResult &r) {
  std::string s = std::to_string(r.lead_id) + " " + mktows::to_string(r.status);
  if (!r.error.empty()) s += " error=" + r.error;
  if (r.has_lead) s += " with " + describe(r.lead);
  return s;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: wsdl_verdict_probe <mktows-sandbox>\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  mktows_test::ChildProcess sandbox({argv[1], "--port", "0"}, {}, mktows_test::Output::pipe());
  std::string line;
  const std::string prefix = "listening on ";
  if (!sandbox.read_line(std::chrono::seconds(30), line) || line.compare(0, prefix.size(), prefix) != 0) {
    std::cerr << "wsdl_verdict_probe: the sandbox did not start: " << line << "\n";
    return 1;
  }
  sandbox.close_output();

  std::vector<std::string> requests;
  mktows::ClientOptions o;
  o.endpoint = line.substr(prefix.size());
  o.user_id = "bigcorp1_461839624B16E06BA2D663";  // the sandbox's demo pair
  o.encryption_key = "mktows-sandbox-demo-key";
  o.workspace = "Default";  // the context header goes where the binding declares it
  o.retry.max_attempts = 1;
  o.trace = [&requests](mktows::TraceDirection d, const std::string &text) {
    if (d != mktows::TraceDirection::request) return;
    std::size_t body = text.find("\r\n\r\n");
    requests.push_back(masked(body == std::string::npos ? text : text.substr(body + 4)));
  };
  mktows::Client client(o);

  std::vector<std::string> answers;
  bool ok = true;
  auto expect = [&ok](bool good, const std::string &what) {
    if (!good) {
      std::cerr << "wsdl_verdict_probe: " << what << "\n";
      ok = false;
    }
  };

  mktows::Lead ada = mktows::Lead().email("ada@example.com").attribute("FirstName", "Ada").attribute(
      "LastName", "Lovelace", "string");
  auto first = client.sync_lead(ada, mktows::CallOptions().return_lead(true));
  expect(first && first->status == mktows::SyncStatus::created, "syncLead: " + (first ? describe(*first) : first.error().describe()));
  answers.push_back(first ? describe(*first) : first.error().describe());

  auto again = client.sync_lead(ada, mktows::CallOptions().marketo_cookie("id:123-ABC-456&token:_mch-x"));
  expect(again && again->status == mktows::SyncStatus::updated, "syncLead again");
  answers.push_back(again ? describe(*again) : again.error().describe());

  auto foreign = client.sync_lead(mktows::Lead().foreign_id("F-7", mktows::ForeignSystem::sfdc).email("f@example.com"));
  expect(foreign && foreign->status == mktows::SyncStatus::created, "syncLead by ForeignSysPersonId");
  answers.push_back(foreign ? describe(*foreign) : foreign.error().describe());

  std::vector<mktows::Lead> batch = {mktows::Lead().email("b1@example.com").attribute("Company", "B1"),
                                     mktows::Lead().email("ada@example.com")};
  auto many = client.sync_multiple_leads(batch, true);
  expect(many && many->size() == 2, "syncMultipleLeads");
  if (many)
    for (const mktows::SyncResult &r : *many) answers.push_back(describe(r));
  else
    answers.push_back(many.error().describe());

  auto got = client.get_lead(mktows::LeadKey::by_email("ada@example.com"));
  expect(got && got->size() == 1 && got->front().find("FirstName"), "getLead");
  if (got)
    for (const mktows::Lead &l : *got) answers.push_back(describe(l));
  else
    answers.push_back(got.error().describe());

  auto none = client.get_lead(mktows::LeadKey::by_email("nobody@example.com"));
  expect(!none && none.error().kind == mktows::ErrorKind::fault &&
             none.error().code == mktows::fault_code::lead_not_found,
         "getLead of no lead: " + (none ? std::string("found") : none.error().describe()));
  answers.push_back(none ? "found" : none.error().describe());

  sandbox.stop(SIGTERM, std::chrono::seconds(20));
  for (std::size_t i = 0; i < requests.size(); ++i) std::cout << "request " << i << ": " << requests[i] << "\n";
  for (std::size_t i = 0; i < answers.size(); ++i) std::cout << "answer " << i << ": " << answers[i] << "\n";
  return ok ? 0 : 1;
}
