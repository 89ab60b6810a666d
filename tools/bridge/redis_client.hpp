// redis_client.hpp: the bridge's connection to the Redis that several
// bridges share (docs/BRIDGE.md, "Several bridges, one quota (Redis)"),
// on hiredis. A small pool of blocking connections, one per worker using
// it at a time; every wait is bounded: the connect and each command have
// a timeout. A connection that failed is dropped and the next command
// connects anew (after a short pause when connecting failed, so workers do
// not hammer a Redis that is down). The password, when the URL has one, is
// used for AUTH and appears in nothing the bridge prints.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

struct redisContext;

namespace mktows_bridge {

// Redis cannot be reached, timed out, or refused a command. The message
// never carries the password.
class RedisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// redis://[[user]:password@]host[:port][/db]. Throws RedisError (naming no
// password) when `url` is not one.
struct RedisUrl {
  std::string host;
  int port = 6379;
  int db = 0;
  std::string user, password;

  static RedisUrl parse(const std::string &url);
  // The URL to print: the password replaced by "[redacted]".
  std::string display() const;
};

struct RedisReply {
  enum Type { kNil, kString, kInteger, kArray, kStatus } type = kNil;
  std::string text;  // kString, kStatus
  long long integer = 0;
  std::vector<RedisReply> elements;
};

class RedisClient {
 public:
  struct Options {
    int connect_timeout_ms = 1000;
    int command_timeout_ms = 1000;
  };
  RedisClient(const RedisUrl &url, const Options &options);
  ~RedisClient();
  RedisClient(const RedisClient &) = delete;
  RedisClient &operator=(const RedisClient &) = delete;

  // One command; throws RedisError. An error reply is thrown too.
  RedisReply command(const std::vector<std::string> &args);
  // A Lua script, by its SHA1 (EVALSHA), loaded first when the server does
  // not know it (a restarted Redis has forgotten every script).
  RedisReply script(const std::string &lua, const std::vector<std::string> &keys, const std::vector<std::string> &args);
  // How many connections were made (a restart of Redis shows as more).
  unsigned long connects() const;
  const RedisUrl &url() const { return url_; }

 private:
  struct Connection;
  Connection *take();
  void give_back(Connection *c);
  Connection *connect();

  RedisUrl url_;
  Options options_;
  std::map<std::string, std::string> shas_;  // script text -> its SHA1
  mutable std::mutex mutex_;
  std::vector<Connection *> idle_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::string last_failure_;
  unsigned long connects_ = 0;
};

// The prefix of every key the bridges in front of one REST instance share
// (its endpoint's host): one Redis may serve bridges of several instances.
// The braces are a Redis Cluster hash tag: all the keys in one slot, as
// the scripts need.
std::string redis_key_prefix(const std::string &rest_endpoint);

}  // namespace mktows_bridge
