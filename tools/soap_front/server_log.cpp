// server_log.cpp: writing the log lines. Each line is built whole and
// written with one fputs, so lines of concurrent calls do not interleave.
#include "server_log.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace mktows_front {

namespace {

LogFormat g_format = LogFormat::text;

// 2026-12-03T17:02:06.123Z
std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  long ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[96];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return out;
}

void write_json(nlohmann::json &j) {
  // Bytes that are not UTF-8 (a peer's answer in a --verbose line) are
  // replaced rather than thrown on.
  std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::fputs(line.c_str(), stderr);
}

}  // namespace

void set_log_format(LogFormat format) { g_format = format; }
LogFormat log_format() { return g_format; }

bool parse_log_format(const std::string &text, LogFormat &out) {
  if (text == "text") out = LogFormat::text;
  else if (text == "json") out = LogFormat::json;
  else return false;
  return true;
}

void log_line(const char *program, const std::string &message) {
  const CallRecord *call = current_call();
  if (g_format == LogFormat::json) {
    nlohmann::json j;
    j["time"] = utc_now();
    j["program"] = program;
    if (call) j["requestId"] = call->request_id;
    j["message"] = message;
    return write_json(j);
  }
  std::string line = std::string(program) + ": " + message;
  if (call) line += " (request " + call->request_id + ")";
  line += '\n';
  std::fputs(line.c_str(), stderr);
}

void log_call(const char *program, const CallRecord &call, bool verbose) {
  const char *outcome = call.fault_code ? "fault" : "success";
  if (g_format == LogFormat::json) {
    nlohmann::json j;
    j["time"] = utc_now();
    j["program"] = program;
    j["requestId"] = call.request_id;
    j["operation"] = call.operation ? nlohmann::json(call.operation) : nlohmann::json();
    j["soapUser"] = call.user_id.empty() ? nlohmann::json() : nlohmann::json(call.user_id);
    j["restCalls"] = call.rest_calls;
    j["outcome"] = outcome;
    j["faultCode"] = call.fault_code ? nlohmann::json(call.fault_code) : nlohmann::json();
    j["durationMs"] = static_cast<double>(static_cast<long long>(call.seconds * 1e6)) / 1e3;
    return write_json(j);
  }
  if (!verbose) return;
  char tail[96];
  std::snprintf(tail, sizeof tail, ", %d REST call%s, %.3f ms (request ", call.rest_calls,
                call.rest_calls == 1 ? "" : "s", call.seconds * 1e3);
  std::string line = std::string(program) + ": call " + (call.operation ? call.operation : "(no operation)") + ": " +
                     outcome + (call.fault_code ? " " + std::to_string(call.fault_code) : std::string()) + ", user " +
                     (call.user_id.empty() ? std::string("(not verified)") : call.user_id) + tail + call.request_id +
                     ")\n";
  std::fputs(line.c_str(), stderr);
}

}  // namespace mktows_front
