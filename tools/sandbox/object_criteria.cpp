// object_criteria.cpp: the comparisons of getMObjects' criteria.
#include "object_criteria.hpp"

#include "config.hpp"

#include <cstdlib>

namespace mktows_sandbox {

using mktows_front::MObjComparison;

namespace {

// <0, 0, >0 as a is before, equal to, after b in the type's order.
int order(ValueKind kind, const std::string &a, const std::string &b) {
  switch (kind) {
    case ValueKind::integer:
    case ValueKind::datetime: {
      long long x = std::strtoll(a.c_str(), nullptr, 10), y = std::strtoll(b.c_str(), nullptr, 10);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case ValueKind::currency: {
      double x = std::strtod(a.c_str(), nullptr), y = std::strtod(b.c_str(), nullptr);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case ValueKind::date:  // YYYY-MM-DD sorts as text
    case ValueKind::boolean:
      return a.compare(b);
    case ValueKind::string:
    case ValueKind::text:
    case ValueKind::array: {
      std::string x = mktows_front::ascii_lower(a), y = mktows_front::ascii_lower(b);
      return x.compare(y);
    }
  }
  return a.compare(b);
}

}  // namespace

bool make_criterion(ValueKind kind, MObjComparison comparison, const std::string &value, Criterion &out,
                    std::string &why) {
  if (kind == ValueKind::boolean && comparison != MObjComparison::eq && comparison != MObjComparison::ne) {
    why = "a boolean compares with EQ or NE only";
    return false;
  }
  out.kind = kind;
  out.comparison = comparison;
  // Text compares as sent, whatever its length.
  return normalise_value(kind, 0, value, out.value, why);
}

bool meets(const Criterion &c, const std::string *stored) {
  if (!stored || stored->empty()) return c.comparison == MObjComparison::ne;
  int o = order(c.kind, *stored, c.value);
  switch (c.comparison) {
    case MObjComparison::eq: return o == 0;
    case MObjComparison::ne: return o != 0;
    case MObjComparison::lt: return o < 0;
    case MObjComparison::le: return o <= 0;
    case MObjComparison::gt: return o > 0;
    case MObjComparison::ge: return o >= 0;
  }
  return false;
}

}  // namespace mktows_sandbox
