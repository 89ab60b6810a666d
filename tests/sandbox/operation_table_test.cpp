// The one table of operations (mktows/operations.hpp) against what it
// states facts about: the WSDL this build's bindings came from (every
// operation it declares has a row with the same soapAction, message
// elements and context-header flag), the generated bindings' own flags, the
// client's idempotency, the front end's handlers; and the front end's use of
// it: an operation without a handler, or of a domain the server does not
// serve, is refused with 20019 before it is parsed, and the log line names
// the program, the operation, the code and the key type, never a value.
//
// The suite also runs in the vendor-WSDL build (tests/vendor_wsdl_build.cmake),
// so the table is checked against the vendor-shaped fixture too.
#define BOOST_TEST_MODULE operation_table_test
#include <boost/test/unit_test.hpp>

#include "lead_requests.hpp"
#include "soap_handler.hpp"
#include "support/files.hpp"
#include "support/sandbox_process.hpp"
#include "support/temp_dir.hpp"
#include "support/wsdl_operations.hpp"
#include "support/test_paths.hpp"

#include <mktows/idempotency.hpp>
#include <mktows/operations.hpp>
#include <mktows/wire.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>

using namespace sandbox_test;
using mktows::Operation;

namespace {

const char kUser[] = "table7_0A1B2C3D4E5F60718293A4";
const char kKey[] = "table-Key-never-in-a-log-5c1e";

using mktows_test::read_wsdl_operations;
using mktows_test::WsdlOperation;

std::string params_element(const char *name) {
  std::string n = name;
  n[0] = static_cast<char>(n[0] - 'a' + 'A');
  return "params" + n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_has_the_23_operations_of_2_2_once_each) {
  BOOST_TEST(mktows::kOperationCount == 23u);
  std::set<std::string> names;
  for (std::size_t i = 0; i < mktows::kOperationCount; ++i) {
    const mktows::OperationInfo &o = mktows::kOperations[i];
    BOOST_TEST(static_cast<std::size_t>(o.op) == i);  // info(op) indexes the table
    BOOST_TEST(names.insert(o.name).second, o.name << " twice");
    BOOST_TEST(mktows::find_operation(o.name, std::strlen(o.name)) == &o);
  }
  // 2_2 declares the context header on syncLead only (mktows-interface.md).
  for (const mktows::OperationInfo &o : mktows::kOperations) BOOST_TEST(o.context_header == (o.op == Operation::sync_lead));
  BOOST_TEST(mktows::find_operation("getLeads", 8) == nullptr);
}

BOOST_AUTO_TEST_CASE(every_operation_the_built_wsdl_declares_is_in_the_table_as_the_wsdl_says) {
  std::map<std::string, WsdlOperation> ops = read_wsdl_operations(mktows_test::paths::built_wsdl);
  BOOST_TEST_MESSAGE("the built WSDL declares " << ops.size() << " operations");
  BOOST_REQUIRE(!ops.empty());
  for (const auto &w : ops) {
    const mktows::OperationInfo *row = mktows::find_operation(w.first.data(), w.first.size());
    BOOST_TEST_REQUIRE(row != nullptr, w.first << " is not in mktows/operations.hpp");
    BOOST_TEST(w.second.soap_action == std::string(mktows::kMktowsNamespace) + row->name, w.first);
    BOOST_TEST(w.second.input_element == params_element(row->name), w.first);
    BOOST_TEST(w.second.output_element == "success" + params_element(row->name).substr(6), w.first);
    BOOST_TEST(w.second.context_header == row->context_header, w.first);
  }
  // The generated bindings read the same flag from the same WSDL; the three
  // operations every mktows WSDL has, by their generated names.
  namespace declared = mktows::wire::context_header_declared;
  BOOST_TEST(declared::syncLead == mktows::info(Operation::sync_lead).context_header);
  BOOST_TEST(declared::syncMultipleLeads == mktows::info(Operation::sync_multiple_leads).context_header);
  BOOST_TEST(declared::getLead == mktows::info(Operation::get_lead).context_header);
}

BOOST_AUTO_TEST_CASE(the_client_idempotency_is_the_table_column) {
  for (const mktows::OperationInfo &o : mktows::kOperations) {
    for (bool keyed : {false, true}) {
      bool expect = o.idempotency == mktows::Idempotency::read || o.idempotency == mktows::Idempotency::always ||
                    (o.idempotency == mktows::Idempotency::when_keyed && keyed);
      BOOST_TEST(mktows::is_idempotent(o.op, keyed) == expect, o.name << " keyed=" << keyed);
      // An attempt that cannot have been applied is resent whatever the row.
      BOOST_TEST(mktows::may_resend(o.op, keyed, false));
      BOOST_TEST(mktows::may_resend(o.op, keyed, true) == expect);
    }
  }
  // The facts behind the column (operations.hpp says why).
  BOOST_TEST(mktows::is_idempotent(Operation::sync_multiple_leads, true));
  BOOST_TEST(!mktows::is_idempotent(Operation::sync_multiple_leads, false));
  BOOST_TEST(!mktows::is_idempotent(Operation::request_campaign, true));
  BOOST_TEST(!mktows::is_idempotent(Operation::schedule_campaign, true));
  BOOST_TEST(!mktows::is_idempotent(Operation::import_to_list, true));
  BOOST_TEST(mktows::is_idempotent(Operation::get_multiple_leads, false));
  BOOST_TEST(mktows::is_idempotent(Operation::list_operation, false));
}

BOOST_AUTO_TEST_CASE(the_front_end_answers_only_rows_of_the_table_once_each) {
  std::set<Operation> seen;
  for (Operation op : mktows_front::SoapHandler::kAnswered) {
    BOOST_TEST(seen.insert(op).second, mktows::to_string(op) << " twice");
    BOOST_TEST(mktows_front::SoapHandler::answers(op));
  }
  for (const mktows::OperationInfo &o : mktows::kOperations)
    BOOST_TEST(mktows_front::SoapHandler::answers(o.op) == (seen.count(o.op) == 1), o.name);
}

BOOST_AUTO_TEST_CASE(an_operation_without_a_handler_is_refused_from_the_table_and_the_log_names_it) {
  mktows_test::TempDir dir;
  const std::string log = dir.path() + "/sandbox.log";
  {
    // A configured user: the demo pair's key is printed at start by design.
    mktows_test::SandboxProcess sandbox({"--verbose"}, {{"MKTOWS_USER_ID", kUser}, {"MKTOWS_ENCRYPTION_KEY", kKey}}, log);
    const std::string auth = auth_header(kUser, kKey);
    const std::string path = path_of(sandbox.endpoint());
    // Every operation of the table the front end has no handler for: the
    // vendor's 20019, whether or not the built WSDL declares it (the
    // parameters are not even parsed: an empty element is enough).
    for (const mktows::OperationInfo &o : mktows::kOperations) {
      if (mktows_front::SoapHandler::answers(o.op)) continue;
      std::string element = params_element(o.name);
      Connection c(sandbox.port());
      HttpResponse r = c.post(path, envelope(auth, "<ns1:" + element + "/>"), action(o.name));
      BOOST_TEST(r.status == 500, o.name);
      BOOST_TEST(fault_code(r.body) == 20019, o.name);
      BOOST_TEST(r.body.find("<faultstring>20019 - Unsupported Operation</faultstring>") != std::string::npos, o.name);
    }
    // A call that names a key type and fails: its key type is logged, its
    // value never.
    Connection c(sandbox.port());
    HttpResponse r = c.post(path,
                            envelope(auth, "<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType>"
                                           "<keyValue>nobody.here@example.com</keyValue></leadKey></ns1:paramsGetLead>"),
                            action("getLead"));
    BOOST_TEST(fault_code(r.body) == 20103);
    // Not an operation of 2_2 at all.
    Connection c2(sandbox.port());
    r = c2.post(path, envelope(auth, "<ns1:paramsGetEverything/>"), "");
    BOOST_TEST(fault_code(r.body) == 20019);
  }
  const std::string text = mktows_test::read_file(log);
  BOOST_TEST_MESSAGE(text);
  for (const mktows::OperationInfo &o : mktows::kOperations) {
    if (mktows_front::SoapHandler::answers(o.op)) continue;
    BOOST_TEST(text.find(std::string("mktows-sandbox: ") + o.name + " fault 20019 (" + o.name +
                         " is not served") != std::string::npos,
               o.name);
  }
  BOOST_TEST(text.find("mktows-sandbox: getLead fault 20103, key type EMAIL (") != std::string::npos);
  BOOST_TEST(text.find("nobody.here@example.com") == std::string::npos);
  BOOST_TEST(text.find("mktows-sandbox: (no operation) fault 20019 (getEverything is not an operation of mktows 2_2)") !=
             std::string::npos);
  BOOST_TEST(text.find(kKey) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_operation_of_a_domain_the_backends_do_not_serve_is_refused_from_the_table) {
  // The front end alone, in process, over backends that serve no domain (a
  // server that has not wired its leads backend): a signed syncLead, which
  // the front end has a handler for, is refused before it is parsed.
  mktows_front::UserConfig user{kUser, kKey};
  mktows_front::Limiter limiter{mktows_front::LimitsConfig()};
  mktows_front::Authenticator auth({user}, 900);
  const mktows_front::WsdlDocument wsdl(mktows_front::embedded_wsdl(), "the built-in WSDL");
  mktows_front::HandlerContext context;
  context.program = "table-test-server";
  context.limiter = &limiter;
  context.wsdl = &wsdl;
  std::unique_ptr<struct soap, void (*)(struct soap *)> soap(soap_new(), [](struct soap *s) { soap_free(s); });
  std::string call = envelope(auth_header(kUser, kKey),
                              "<ns1:paramsSyncLead><leadRecord><Email>t@t.com</Email></leadRecord>"
                              "<returnLead>false</returnLead></ns1:paramsSyncLead>");
  std::string soap_action = action("syncLead");
  {
    mktows_front::SoapHandler handler(soap.get(), context, auth);
    mktows_front::HttpResponse r = handler.serve_post(call, &soap_action);
    BOOST_TEST(r.status == 500);
    BOOST_TEST(fault_code(r.body) == 20019);
    handler.release();
  }
  // The same call once the domain is served reaches the backend.
  struct Leads : mktows_front::LeadsBackend {
    int calls = 0;
    mktows_front::SyncResult sync_lead(const mktows_front::SyncRequest &) override {
      ++calls;
      mktows_front::SyncResult r;
      r.lead_id = 7;
      r.created = true;
      return r;
    }
    std::vector<mktows_front::BatchResult> sync_multiple(const std::vector<mktows_front::LeadInput> &, bool,
                                                         const std::string &, bool) override {
      return {};
    }
    std::vector<mktows_front::Lead> get_leads(const std::string &, const std::string &) override { return {}; }
    mktows_front::MultipleLeadsPage get_multiple_leads(const mktows_front::MultipleLeadsRequest &) override {
      return {};
    }
    mktows_front::MergeResult merge_leads(const mktows_front::LeadKeyList &,
                                          const std::vector<mktows_front::LeadKeyList> &) override {
      return {};
    }
    std::string attribute_type(const std::string &) const override { return std::string(); }
  } leads;
  context.backends.leads = &leads;
  mktows_front::SoapHandler handler(soap.get(), context, auth);
  mktows_front::HttpResponse r = handler.serve_post(call, &soap_action);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(leads.calls == 1);
  BOOST_TEST(r.body.find("CREATED") != std::string::npos);
  handler.release();
}
