// args.cpp: option parsing. Secrets get a dedicated refusal because a value
// typed on a command line lands in shell history and in /proc/<pid>/cmdline.
#include "args.hpp"

#include <cerrno>
#include <cstdlib>

namespace mktows_cli {

namespace {

bool secret_option(const std::string &name) {
  static const char *const names[] = {"encryption-key", "key", "secret", "secret-key", "password",
                                      "encryption_key", "mktows-encryption-key"};
  for (const char *n : names)
    if (name == n) return true;
  return false;
}

}  // namespace

std::string ParsedArgs::get(const std::string &name, const std::string &fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string> &ParsedArgs::all(const std::string &name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

ParsedArgs parse_args(const std::vector<std::string> &args, const std::vector<OptionSpec> &specs) {
  ParsedArgs out;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    if (options_done || a.size() < 2 || a[0] != '-' || a == "-") {
      out.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h") {
      out.values_["help"];
      continue;
    }
    if (a.compare(0, 2, "--") != 0) throw UsageError("unknown option " + a);
    std::string name = a.substr(2), value;
    bool inline_value = false;
    std::size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      inline_value = true;
    }
    if (secret_option(name))
      throw UsageError("--" + name +
                       ": the encryption key is never taken from the command line; use --secret-file FILE, "
                       "MKTOWS_ENCRYPTION_KEY or a config file");
    const OptionSpec *spec = nullptr;
    for (const OptionSpec &s : specs)
      if (s.name == name) spec = &s;
    if (!spec) throw UsageError("unknown option --" + name);
    if (spec->takes_value) {
      if (!inline_value) {
        if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
        value = args[++i];
      }
    } else if (inline_value) {
      throw UsageError("--" + name + " takes no value");
    }
    std::vector<std::string> &slot = out.values_[name];
    if (!slot.empty() && !spec->repeatable) throw UsageError("--" + name + " is given twice");
    slot.push_back(value);
  }
  return out;
}

long parse_number(const std::string &name, const std::string &value, long min, long max) {
  errno = 0;
  char *end = nullptr;
  long n = std::strtol(value.c_str(), &end, 10);
  if (errno || value.empty() || *end || n < min || n > max)
    throw UsageError("--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + value + "'");
  return n;
}

}  // namespace mktows_cli
