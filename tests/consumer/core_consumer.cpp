// core_consumer.cpp: a user's program that links mktows::core alone from an
// installed package: the client's values and rules with no gSOAP at all.
#include <mktows/fault_codes.hpp>
#include <mktows/limits.hpp>
#include <mktows/validation.hpp>

#ifdef GSOAP_VERSION
#error "mktows::core brought gSOAP along"
#endif

#include <iostream>

int main() {
  mktows::Error e = mktows::validate(mktows::Lead().attribute("FirstName", "George"));
  if (e.rule != mktows::ValidationRule::lead_key_required) return 2;
  if (!mktows::validate(mktows::Lead().email("george@jungle.com")).ok()) return 3;
  std::cout << "core_consumer: " << mktows::fault_string(mktows::fault_code::lead_not_found) << ", batches of "
            << mktows::kMaxBatch << "\n";
  return 0;
}
