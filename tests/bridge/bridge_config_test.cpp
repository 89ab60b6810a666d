// bridge_config_test: the bridge's configuration rules that need no
// process: the SOAP users (several, from the file and the environment, one
// key per id), the demo pair's conditions, what counts as loopback, and
// the shared-quota Redis settings.
#define BOOST_TEST_MODULE bridge_config_test
#include <boost/test/unit_test.hpp>

#include "bridge_config.hpp"

#include <map>
#include <string>

using namespace mktows_bridge;

namespace {

std::map<std::string, std::string> g_env;

const char *fake_env(const char *name) {
  auto it = g_env.find(name);
  return it == g_env.end() ? nullptr : it->second.c_str();
}

void rest_env(const std::string &endpoint) {
  g_env = {{"MKTOWS_REST_ENDPOINT", endpoint},
           {"MKTOWS_REST_CLIENT_ID", "client"},
           {"MKTOWS_REST_CLIENT_SECRET", "Secret-of-the-client"}};
}

// The message of the ConfigError `f` throws ("" when it does not).
template <class F>
std::string refusal(F f) {
  try {
    f();
  } catch (const ConfigError &e) {
    return e.what();
  }
  return std::string();
}

const char kTwoUsers[] = R"({"users": [{"userId": "app_one_1", "encryptionKey": "Key-One-1234"},
                                      {"userId": "app_two_2", "encryptionKey": "Key-Two-5678"}]})";

}  // namespace

BOOST_AUTO_TEST_CASE(loopback_addresses) {
  BOOST_TEST(is_loopback_url("http://127.0.0.1:8080/rest"));
  BOOST_TEST(is_loopback_url("http://127.3.4.5/rest"));
  BOOST_TEST(is_loopback_url("https://localhost/rest"));
  BOOST_TEST(is_loopback_url("http://LOCALHOST:1/rest"));
  BOOST_TEST(is_loopback_url("http://[::1]:9/rest"));
  BOOST_TEST(is_loopback_url("http://user@127.0.0.1/rest"));
  BOOST_TEST(!is_loopback_url("https://123-ABC-456.mktorest.com/rest"));
  BOOST_TEST(!is_loopback_url("http://128.0.0.1/rest"));
  BOOST_TEST(!is_loopback_url("http://10.0.0.1/rest"));
  BOOST_TEST(!is_loopback_url("http://127.0.0.1.example.com/rest"));  // a name that begins like one
  BOOST_TEST(!is_loopback_url("http://localhost.example.com/rest"));
  BOOST_TEST(!is_loopback_url("http://127.0.0/rest"));
  BOOST_TEST(!is_loopback_url("http://127.0.0.256/rest"));
  BOOST_TEST(!is_loopback_url("http://127.0.0.1@evil.example.com/rest"));  // userinfo, then the real host
  BOOST_TEST(!is_loopback_url("http://[::2]/rest"));
  BOOST_TEST(!is_loopback_url("127.0.0.1"));
}

BOOST_AUTO_TEST_CASE(no_users_no_start) {
  rest_env("http://127.0.0.1:9/rest");
  std::string why = refusal([] { parse_bridge_config("", fake_env); });
  BOOST_TEST(why.find("no SOAP users configured") != std::string::npos, why);
  BOOST_TEST(why.find("mktows-sandbox-demo-key") == std::string::npos);
  // Only one half of the environment's pair: refused, not ignored.
  g_env["MKTOWS_USER_ID"] = "app_one_1";
  why = refusal([] { parse_bridge_config("", fake_env); });
  BOOST_TEST(why.find("MKTOWS_ENCRYPTION_KEY") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(the_demo_pair_only_by_flag_and_only_on_loopback) {
  rest_env("http://127.0.0.1:9/rest");
  BridgeConfig c = parse_bridge_config("", fake_env, true);
  BOOST_TEST(c.demo_user);
  BOOST_REQUIRE(c.users.size() == 1u);
  BOOST_TEST(c.users[0].user_id == mktows_front::kDemoUserId);

  rest_env("https://123-ABC-456.mktorest.com/rest");
  std::string why = refusal([] { parse_bridge_config("", fake_env, true); });
  BOOST_TEST(why.find("not a loopback address") != std::string::npos, why);
  // A loopback REST side whose identity service is not: refused too.
  rest_env("http://127.0.0.1:9/rest");
  g_env["MKTOWS_IDENTITY_ENDPOINT"] = "https://123-ABC-456.mktorest.com/identity";
  why = refusal([] { parse_bridge_config("", fake_env, true); });
  BOOST_TEST(why.find("not a loopback address") != std::string::npos, why);
  // Users configured: the flag adds nothing (refused rather than ignored).
  rest_env("http://127.0.0.1:9/rest");
  why = refusal([] { parse_bridge_config(kTwoUsers, fake_env, true); });
  BOOST_TEST(why.find("SOAP users are configured") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(several_users_from_the_file_and_the_environment) {
  rest_env("https://123-ABC-456.mktorest.com/rest");
  g_env["MKTOWS_USER_ID"] = "app_three_3";
  g_env["MKTOWS_ENCRYPTION_KEY"] = "Key-Three-9abc";
  BridgeConfig c = parse_bridge_config(kTwoUsers, fake_env);
  BOOST_TEST(!c.demo_user);
  BOOST_REQUIRE(c.users.size() == 3u);
  BOOST_TEST(c.users[0].user_id == "app_one_1");
  BOOST_TEST(c.users[1].encryption_key == "Key-Two-5678");
  BOOST_TEST(c.users[2].user_id == "app_three_3");
  // One id, two keys: refused, and the message names the id, not a key.
  g_env["MKTOWS_USER_ID"] = "app_two_2";
  std::string why = refusal([] { parse_bridge_config(kTwoUsers, fake_env); });
  BOOST_TEST(why.find("app_two_2 is configured twice") != std::string::npos, why);
  BOOST_TEST(why.find("Key-") == std::string::npos, why);
}

// --redis's settings (docs/BRIDGE.md, "Several bridges, one quota"): the
// file's redis.url and timeout, the environment winning, nothing without
// either, and wrong types or ranges refused.
BOOST_AUTO_TEST_CASE(redis_settings) {
  rest_env("https://123-ABC-456.mktorest.com/rest");
  BridgeConfig none = parse_bridge_config(kTwoUsers, fake_env);
  BOOST_TEST(none.redis_url.empty());
  BOOST_TEST(none.redis_timeout_ms == 1000);
  const std::string with = R"({"users": [{"userId": "app_one_1", "encryptionKey": "Key-One-1234"}],
      "redis": {"url": "redis://:pw@10.0.0.7:6380/1", "timeoutMilliseconds": 250}})";
  BridgeConfig file = parse_bridge_config(with, fake_env);
  BOOST_TEST(file.redis_url == "redis://:pw@10.0.0.7:6380/1");
  BOOST_TEST(file.redis_timeout_ms == 250);
  g_env["MKTOWS_REDIS_URL"] = "redis://10.0.0.8";
  BOOST_TEST(parse_bridge_config(with, fake_env).redis_url == "redis://10.0.0.8");
  g_env.erase("MKTOWS_REDIS_URL");
  BOOST_TEST(refusal([] { parse_bridge_config(R"({"redis": {"url": 6379}})", fake_env); }).find("redis.url must be a string") !=
             std::string::npos);
  BOOST_TEST(refusal([] { parse_bridge_config(R"({"redis": {"timeoutMilliseconds": 5}})", fake_env); })
                 .find("redis.timeoutMilliseconds must be an integer in [10, 60000]") != std::string::npos);
  BOOST_TEST(refusal([] { parse_bridge_config(R"({"redis": {"host": "h"}})", fake_env); }).find("unknown key \"host\"") !=
             std::string::npos);
}
