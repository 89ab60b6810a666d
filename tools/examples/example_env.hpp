// example_env.hpp: the connection settings the examples read from the
// environment (MKTOWS_ENDPOINT, MKTOWS_USER_ID, MKTOWS_ENCRYPTION_KEY),
// as george_of_the_jungle does.
#ifndef MKTOWS_EXAMPLE_ENV_HPP
#define MKTOWS_EXAMPLE_ENV_HPP

#include <mktows/options.hpp>

#include <cstdlib>

namespace example {

inline const char *env(const char *name) {
  const char *v = std::getenv(name);
  return v && *v ? v : nullptr;
}

// False when a setting is missing.
inline bool options_from_env(mktows::ClientOptions &options) {
  const char *endpoint = env("MKTOWS_ENDPOINT");
  const char *user_id = env("MKTOWS_USER_ID");
  const char *key = env("MKTOWS_ENCRYPTION_KEY");
  if (!endpoint || !user_id || !key) return false;
  options.endpoint = endpoint;
  options.user_id = user_id;
  options.encryption_key = key;
  return true;
}

}  // namespace example

#endif  // MKTOWS_EXAMPLE_ENV_HPP
