// exit_codes.hpp: the documented exit status of every mktows subcommand
// (docs/CLI.md lists them; scripts branch on them, so they never change).
#pragma once

namespace mktows_cli {

enum ExitCode {
  kExitOk = 0,
  kExitInternal = 1,        // a bug or an unexpected system failure
  kExitUsage = 2,           // bad command line
  kExitValidation = 3,      // a lead breaks a rule; nothing was sent
  kExitAuthentication = 4,  // fault 20014 (or 20013): credentials refused
  kExitTransport = 5,       // connect, timeout, TLS, HTTP: no SOAP answer
  kExitFailed = 6,          // the call worked but a lead, rows of a batch, a list change, a campaign run or a merge FAILED
  kExitServiceFault = 7,    // any other mktows fault (limits, bad parameter, ...)
  kExitConfiguration = 8,   // settings missing, or a config/secret file refused
  kExitNotFound = 9,        // get-lead, activity: no lead matches the key; list check: not a member
  kExitJournal = 10,        // sync-leads, get-leads, activity: input file or journal unusable
  kExitWsdlUnreadable = 11, // wsdl-diff: a file is missing, unreadable or too large
  kExitWsdlNotXml = 12,     // wsdl-diff: a file is not well-formed XML
  kExitWsdlNotWsdl = 13,    // wsdl-diff: an XML file that is not a WSDL 1.1 definitions document
};

}  // namespace mktows_cli
