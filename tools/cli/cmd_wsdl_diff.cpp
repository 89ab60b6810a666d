// cmd_wsdl_diff.cpp: `mktows wsdl-diff OLD NEW [--json]`: what changed
// between two mktows WSDL files, and whether mktows::Client's calls are
// unaffected. It reads files only; no server is called.
#include "cli_error.hpp"
#include "commands.hpp"
#include "wsdl_diff.hpp"
#include "wsdl_diff_report.hpp"

#include <cstdio>
#include <iostream>

namespace mktows_cli {

namespace {

const char kHelp[] =
    "usage: mktows wsdl-diff OLD.wsdl NEW.wsdl [--json]\n"
    "\n"
    "Compares two mktows WSDL 1.1 files: operations added, removed and changed (soapAction,\n"
    "body elements, headers), global elements and named types added and removed, and every\n"
    "member change of the types both have (added, removed, type, minOccurs/maxOccurs,\n"
    "nillable, order, extension base, enumeration values). Then says whether mktows::Client's\n"
    "calls (syncLead, syncMultipleLeads, getLead, their headers and every type they reach)\n"
    "are unaffected. --json prints one JSON object instead of the sections.\n"
    "The exit code is 0 whenever both files were compared, whatever changed; scripts read\n"
    "client_compatible from the JSON.\n"
    "\n";

ExitCode exit_code(wsdl::ReadError::Kind kind) {
  switch (kind) {
    case wsdl::ReadError::Kind::unreadable:
      return kExitWsdlUnreadable;
    case wsdl::ReadError::Kind::not_xml:
      return kExitWsdlNotXml;
    case wsdl::ReadError::Kind::not_wsdl:
      break;
  }
  return kExitWsdlNotWsdl;
}

wsdl::Definitions read(const std::string &path) {
  try {
    return wsdl::read_wsdl_file(path);
  } catch (const wsdl::ReadError &e) {
    throw CliError(exit_code(e.kind()), e.what());
  }
}

}  // namespace

int run_wsdl_diff(const std::vector<std::string> &args) {
  ParsedArgs a = parse_args(args, {{"json", false, false}, {"help", false, false}});
  if (a.has("help")) {
    std::printf("%s%s", kHelp, kExitCodeHelp);
    return kExitOk;
  }
  if (a.positional().size() != 2) throw UsageError("give two files: OLD.wsdl NEW.wsdl");
  wsdl::Definitions old_defs = read(a.positional()[0]);
  wsdl::Definitions new_defs = read(a.positional()[1]);
  wsdl::Diff diff = wsdl::compare(old_defs, new_defs);
  if (a.has("json")) std::cout << wsdl::diff_json(diff).dump() << "\n";
  else std::cout << wsdl::diff_text(diff);
  std::cout.flush();
  if (!std::cout) throw CliError(kExitInternal, "cannot write the report to stdout");
  return kExitOk;
}

}  // namespace mktows_cli
