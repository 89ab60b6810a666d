// args.hpp: a small GNU-style option parser for the subcommands
// (--name value, --name=value, flags, repeatable options, "--").
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace mktows_cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // without the leading dashes
  bool takes_value;
  bool repeatable;
};

class ParsedArgs {
 public:
  bool has(const std::string &name) const { return values_.count(name) != 0; }
  std::string get(const std::string &name, const std::string &fallback = std::string()) const;
  const std::vector<std::string> &all(const std::string &name) const;
  const std::vector<std::string> &positional() const { return positional_; }

 private:
  friend ParsedArgs parse_args(const std::vector<std::string> &, const std::vector<OptionSpec> &);
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Throws UsageError for an unknown option, a missing value or a repeated
// single option. A secret-looking option is refused with a message that
// never repeats its value.
ParsedArgs parse_args(const std::vector<std::string> &args, const std::vector<OptionSpec> &specs);

// Parses a whole number within [min, max] for option `name`.
long parse_number(const std::string &name, const std::string &value, long min, long max);

}  // namespace mktows_cli
