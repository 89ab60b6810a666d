// bridge_soap.hpp: signed SOAP calls to a bridge and readers of their
// answers, for the domain suites; and a bridge in front of the scripted
// REST side (scripted_rest.hpp).
#pragma once

#include "bridge/bridge_setup.hpp"
#include "bridge/scripted_rest.hpp"
#include "sandbox/lead_requests.hpp"

#include <memory>
#include <string>
#include <vector>

namespace bridge_test {

const char kXsi[] = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

inline sandbox_test::HttpResponse soap(int port, const std::string &op, const std::string &body) {
  sandbox_test::Connection c(port);
  return c.post("/soap/mktows/2_2", sandbox_test::envelope(sandbox_test::auth_header(kUser, kKey), body),
                sandbox_test::action(op));
}

// A whole envelope written by the sandbox suites' helpers (signed with the
// demo user), signed again with the bridge's user and posted.
inline sandbox_test::HttpResponse soap_envelope(int port, const std::string &op, std::string envelope) {
  const std::string open = "<ns1:AuthenticationHeader>", close = "</ns1:AuthenticationHeader>";
  std::size_t from = envelope.find(open), to = envelope.find(close);
  if (from != std::string::npos && to != std::string::npos)
    envelope.replace(from, to + close.size() - from, sandbox_test::auth_header(kUser, kKey));
  sandbox_test::Connection c(port);
  return c.post("/soap/mktows/2_2", envelope, sandbox_test::action(op));
}

inline std::string detail_message(const std::string &body) {
  mktows_test::XmlNode b = mktows_test::envelope_part(body, "Body");
  const mktows_test::XmlNode *m = sandbox_test::find(b, "message");
  return m ? m->text : std::string();
}

inline std::string text_of(const std::string &body, const std::string &element) {
  mktows_test::XmlNode b = mktows_test::envelope_part(body, "Body");
  const mktows_test::XmlNode *m = sandbox_test::find(b, element);
  return m ? m->text : std::string("(none)");
}

inline std::vector<std::string> texts_of(const std::string &body, const std::string &element) {
  mktows_test::XmlNode b = mktows_test::envelope_part(body, "Body");
  std::vector<const mktows_test::XmlNode *> all;
  sandbox_test::find_all(b, element, all);
  std::vector<std::string> out;
  for (const mktows_test::XmlNode *n : all) out.push_back(n->text);
  return out;
}

inline std::string lead_keys(const std::vector<std::pair<std::string, std::string>> &keys) {
  std::string x;
  for (const auto &k : keys) x += "<leadKey><keyType>" + k.first + "</keyType><keyValue>" + k.second + "</keyValue></leadKey>";
  return x;
}

// The bridge in front of the scripted REST side.
struct ScriptedBridge {
  explicit ScriptedBridge(const std::string &config = "{}") : config_(config) { start(); }
  void start() {
    std::vector<std::string> args = {"--config", dir.write("bridge.json", config_), "--verbose"};
    ++starts_;
    bridge.reset(new mktows_test::SandboxProcess(args, Pair::bridge_env(rest.endpoint(), dir.path() + "/state"),
                                                 log_path(), mktows_test::paths::bridge_bin));
  }
  std::string log_path() const { return dir.path() + "/bridge" + std::to_string(starts_) + ".log"; }
  void restart() {
    bridge->stop();
    start();
  }
  int port() const { return bridge->port(); }
  std::string log() const { return mktows_test::read_file(log_path()); }

  mktows_test::TempDir dir;
  ScriptedRest rest;
  std::string config_;
  int starts_ = 0;
  std::unique_ptr<mktows_test::SandboxProcess> bridge;
};

}  // namespace bridge_test
