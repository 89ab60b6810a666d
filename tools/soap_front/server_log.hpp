// server_log.hpp: the servers' log on stderr, in one of two formats. Text
// (the default): "program: message", and " (request ID)" after it when the
// line is written while a SOAP call is served. JSON (--log-format json):
// one object a line, {"time", "program", "requestId", "message"} for those
// lines and, for every SOAP call that ends, its summary (log_call). Lines
// never hold a secret, a token or an attribute value: callers log names,
// codes and redacted URLs only.
#pragma once

#include "call_record.hpp"

#include <string>

namespace mktows_front {

enum class LogFormat { text, json };

// Set once, before the workers start.
void set_log_format(LogFormat format);
LogFormat log_format();
// "text" or "json"; false for anything else.
bool parse_log_format(const std::string &text, LogFormat &out);

// One line: `message` without its newline.
void log_line(const char *program, const std::string &message);

// The summary of a call that has ended: always in JSON; in text only when
// `verbose` (text logs stay as quiet as they were).
void log_call(const char *program, const CallRecord &call, bool verbose);

}  // namespace mktows_front
