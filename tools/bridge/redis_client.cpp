// redis_client.cpp: URL parsing, the pool, and hiredis replies turned into
// RedisReply.
#include "redis_client.hpp"

#include <hiredis/hiredis.h>
#include <openssl/evp.h>

#include <sys/time.h>

namespace mktows_bridge {

namespace {

timeval as_timeval(int ms) {
  timeval tv;
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  return tv;
}

std::string sha1_hex(const std::string &text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), digest, &n, EVP_sha1(), nullptr);
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

RedisReply convert(const redisReply *r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::kString;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::kStatus;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::kArray;
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

bool all_digits(const std::string &s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// A URL's user or password: %XX is the byte XX (a password may hold '@').
std::string unescape(const std::string &s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1, lo = hi >= 0 ? hex_digit(s[i + 2]) : -1;
    if (lo < 0) throw RedisError("the Redis URL's user or password has a bad %-escape");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace

RedisUrl RedisUrl::parse(const std::string &url) {
  const std::string scheme = "redis://";
  if (url.compare(0, scheme.size(), scheme) != 0) throw RedisError("the Redis URL must start with redis://");
  std::string rest = url.substr(scheme.size());
  RedisUrl u;
  std::size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    if (!db.empty()) {
      if (!all_digits(db) || db.size() > 4) throw RedisError("the Redis URL's database must be a number");
      u.db = std::stoi(db);
    }
  }
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    std::string info = authority.substr(0, at);
    authority.erase(0, at + 1);
    std::size_t colon = info.find(':');
    u.user = unescape(info.substr(0, colon));
    if (colon != std::string::npos) u.password = unescape(info.substr(colon + 1));
  }
  std::size_t colon = authority.rfind(':');
  if (!authority.empty() && authority[0] == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) throw RedisError("the Redis URL's host is not closed by ]");
    u.host = authority.substr(1, close - 1);
    colon = authority.find(':', close);
  } else {
    u.host = authority.substr(0, colon);
  }
  if (colon != std::string::npos) {
    std::string port = authority.substr(colon + 1);
    if (!all_digits(port) || port.size() > 5 || std::stoi(port) < 1 || std::stoi(port) > 65535)
      throw RedisError("the Redis URL's port must be a number in [1, 65535]");
    u.port = std::stoi(port);
  }
  if (u.host.empty()) throw RedisError("the Redis URL names no host");
  return u;
}

std::string RedisUrl::display() const {
  std::string out = "redis://";
  if (!user.empty() || !password.empty()) out += user + (password.empty() ? "" : ":[redacted]") + "@";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  out += ":" + std::to_string(port);
  if (db) out += "/" + std::to_string(db);
  return out;
}

struct RedisClient::Connection {
  redisContext *context = nullptr;
  ~Connection() {
    if (context) redisFree(context);
  }
};

RedisClient::RedisClient(const RedisUrl &url, const Options &options) : url_(url), options_(options) {}

RedisClient::~RedisClient() {
  for (Connection *c : idle_) delete c;
}

unsigned long RedisClient::connects() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connects_;
}

namespace {

// One command on `c`; throws RedisError, `dead` set when the connection is
// no longer usable.
RedisReply run(redisContext *c, const std::vector<std::string> &args, bool &dead) {
  std::vector<const char *> argv;
  std::vector<std::size_t> lens;
  for (const std::string &a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  void *raw = redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data());
  if (!raw) {
    dead = true;
    throw RedisError(std::string("Redis unreachable: ") + (c->err ? c->errstr : "no reply"));
  }
  redisReply *r = static_cast<redisReply *>(raw);
  if (r->type == REDIS_REPLY_ERROR) {
    std::string why(r->str, r->len);
    freeReplyObject(r);
    throw RedisError("Redis refused " + args[0] + ": " + why);
  }
  RedisReply out = convert(r);
  freeReplyObject(r);
  return out;
}

}  // namespace

RedisClient::Connection *RedisClient::connect() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::chrono::steady_clock::now() < retry_at_) throw RedisError(last_failure_ + " (retrying shortly)");
  }
  Connection *c = new Connection;
  std::string why;
  timeval tv = as_timeval(options_.connect_timeout_ms);
  c->context = redisConnectWithTimeout(url_.host.c_str(), url_.port, tv);
  if (!c->context || c->context->err) {
    why = std::string("Redis unreachable at ") + url_.display() + ": " +
          (c->context ? c->context->errstr : "cannot allocate a context");
  } else {
    redisSetTimeout(c->context, as_timeval(options_.command_timeout_ms));
    try {
      bool dead = false;
      if (!url_.password.empty()) {
        if (url_.user.empty()) run(c->context, {"AUTH", url_.password}, dead);
        else run(c->context, {"AUTH", url_.user, url_.password}, dead);
      }
      if (url_.db) run(c->context, {"SELECT", std::to_string(url_.db)}, dead);
    } catch (const RedisError &e) {
      why = e.what();  // AUTH's refusal names no password
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!why.empty()) {
    delete c;
    last_failure_ = why;
    retry_at_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    throw RedisError(why);
  }
  ++connects_;
  return c;
}

RedisClient::Connection *RedisClient::take() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      Connection *c = idle_.back();
      idle_.pop_back();
      return c;
    }
  }
  return connect();
}

void RedisClient::give_back(Connection *c) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(c);
}

RedisReply RedisClient::command(const std::vector<std::string> &args) {
  Connection *c = take();
  bool dead = false;
  try {
    RedisReply r = run(c->context, args, dead);
    give_back(c);
    return r;
  } catch (const RedisError &) {
    if (dead) delete c;
    else give_back(c);
    throw;
  }
}

RedisReply RedisClient::script(const std::string &lua, const std::vector<std::string> &keys,
                               const std::vector<std::string> &args) {
  std::string sha;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = shas_.find(lua);
    if (it == shas_.end()) it = shas_.emplace(lua, sha1_hex(lua)).first;
    sha = it->second;
  }
  std::vector<std::string> argv = {"EVALSHA", sha, std::to_string(keys.size())};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  try {
    return command(argv);
  } catch (const RedisError &e) {
    if (std::string(e.what()).find("NOSCRIPT") == std::string::npos) throw;
  }
  command({"SCRIPT", "LOAD", lua});
  return command(argv);
}

std::string redis_key_prefix(const std::string &rest_endpoint) {
  std::size_t scheme = rest_endpoint.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::string host = rest_endpoint.substr(start, rest_endpoint.find('/', start) - start);
  // A hash tag ends at the first '}': no brace from the host.
  for (char &ch : host)
    if (ch == '{' || ch == '}') ch = '_';
  return "mktows-bridge:{" + host + "}:";
}

}  // namespace mktows_bridge
