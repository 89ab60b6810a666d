// rest_face.cpp: routing, the response envelope, the identity service, the
// token check and the limits of the REST face. The lead rules are in
// rest_leads.cpp.
#include "rest_face.hpp"

#include "rest_error.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <strings.h>

namespace mktows_sandbox {

using nlohmann::json;
namespace rc = rest_code;

namespace {

typedef std::vector<std::pair<std::string, std::string>> Params;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding (a bad escape stays as it is).
std::string url_decode(const std::string &s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Params parse_params(const std::string &s) {
  Params out;
  std::size_t at = 0;
  while (at < s.size()) {
    std::size_t amp = s.find('&', at);
    if (amp == std::string::npos) amp = s.size();
    std::string pair = s.substr(at, amp - at);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      out.emplace_back(url_decode(pair.substr(0, eq)),
                       eq == std::string::npos ? std::string() : url_decode(pair.substr(eq + 1)));
    }
    at = amp + 1;
  }
  return out;
}

std::string param(const Params &p, const std::string &name) {
  for (const auto &kv : p)
    if (kv.first == name) return kv.second;
  return std::string();
}

std::string header(const HttpRequest &r, const char *name) {
  for (const auto &kv : r.headers)
    if (strcasecmp(kv.first.c_str(), name) == 0) return kv.second;
  return std::string();
}

// The media type without parameters, lower-cased.
std::string media_type(const std::string &content_type) {
  std::string m = content_type.substr(0, content_type.find(';'));
  while (!m.empty() && (m.back() == ' ' || m.back() == '\t')) m.pop_back();
  return ascii_lower(m);
}

HttpResponse json_response(int status, const json &body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json;charset=UTF-8";
  r.body = body.dump();
  return r;
}

HttpResponse plain(int status, const std::string &text) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = text + "\n";
  return r;
}

// The path's id between `prefix` and `suffix` ("/rest/v1/lead/" 42 ".json").
bool path_id(const std::string &path, const std::string &prefix, const std::string &suffix, int &id) {
  if (path.size() <= prefix.size() + suffix.size() || path.compare(0, prefix.size(), prefix) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  std::string digits = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  if (digits.empty() || digits.size() > 10) return false;
  long long v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v <= 0 || v > 2147483647) return false;
  id = static_cast<int>(v);
  return true;
}

}  // namespace

RestFace::RestFace(LeadService &leads, Limiter &limiter, bool verbose)
    : limiter_(limiter), verbose_(verbose), tokens_(leads.config().rest), rest_leads_(leads),
      rest_activities_(leads), rest_assets_(leads.config().world, static_cast<std::int64_t>(std::time(nullptr))) {}

bool RestFace::serves(const std::string &target) const {
  return target.compare(0, 6, "/rest/") == 0 || target.compare(0, 10, "/identity/") == 0 ||
         (rest_lists_ && target.compare(0, 6, "/bulk/") == 0);
}

std::string RestFace::request_id() {
  char buf[48];
  unsigned long n = ++requests_;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  std::snprintf(buf, sizeof buf, "%lx#%llx", n & 0xffff,
                static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()));
  return buf;
}

HttpResponse RestFace::handle(const HttpRequest &request) {
  if (request.target.size() > kMaxTarget || request.body.size() > kMaxBody) {
    HttpResponse r = request.target.size() > kMaxTarget ? plain(414, "Request-URI Too Long")
                                                         : plain(413, "Request Entity Too Large");
    r.close = true;  // as the vendor's front end does
    return r;
  }
  std::size_t q = request.target.find('?');
  std::string path = request.target.substr(0, q);
  std::string query = q == std::string::npos ? std::string() : request.target.substr(q + 1);
  HttpResponse r = path.compare(0, 10, "/identity/") == 0 ? identity(request, path, query)
                                                           : rest(request, path, query);
  // The query is not logged: the identity call carries the secret there.
  if (verbose_) std::fprintf(stderr, "mktows-sandbox: rest %s %s -> %d\n", request.method.c_str(), path.c_str(), r.status);
  return r;
}

HttpResponse RestFace::identity(const HttpRequest &request, const std::string &path, const std::string &query) {
  if (path != "/identity/oauth/token") return plain(404, "Not Found");
  if (request.method != "GET" && request.method != "POST") return plain(405, "Method Not Allowed");
  ++identity_calls_;
  Params p = parse_params(query);
  // The documented place is the query string; a form body is taken too
  // (undocumented, but OAuth clients send one).
  if (request.method == "POST" && media_type(header(request, "Content-Type")) == "application/x-www-form-urlencoded") {
    Params form = parse_params(request.body);
    p.insert(p.end(), form.begin(), form.end());
  }
  if (param(p, "grant_type") != "client_credentials") {
    if (verbose_) std::fprintf(stderr, "mktows-sandbox: rest identity call: unsupported grant_type\n");
    return json_response(400, json{{"error", "unsupported_grant_type"},
                                   {"error_description", "Unsupported grant type"}});
  }
  RestTokens::Issued issued;
  if (!tokens_.issue(param(p, "client_id"), param(p, "client_secret"), RestTokens::Clock::now(), issued)) {
    if (verbose_) std::fprintf(stderr, "mktows-sandbox: rest identity call: bad client credentials\n");
    return json_response(401, json{{"error", "invalid_client"}, {"error_description", "Bad client credentials"}});
  }
  if (verbose_)
    std::fprintf(stderr, "mktows-sandbox: rest identity call: token %s (expires_in %lld)\n",
                 issued.minted ? "minted" : "returned again", issued.expires_in);
  return json_response(200, json{{"access_token", issued.access_token},
                                 {"token_type", "bearer"},
                                 {"expires_in", issued.expires_in},
                                 {"scope", "mktows-sandbox@example.com"}});
}

HttpResponse RestFace::rest(const HttpRequest &request, const std::string &path, const std::string &query) {
  json body{{"requestId", request_id()}};
  try {
    // The token: header only (the access_token parameter was withdrawn on
    // 31 Aug 2026). None at all is 603, as the vendor answers now.
    std::string auth = header(request, "Authorization");
    if (auth.size() < 7 || strncasecmp(auth.c_str(), "Bearer ", 7) != 0) throw RestError(rc::kAccessDenied);
    std::string token = auth.substr(7);
    while (!token.empty() && token.front() == ' ') token.erase(0, 1);
    RestTokens::Status status = tokens_.check(token, RestTokens::Clock::now());
    if (status == RestTokens::kInvalid) throw RestError(rc::kTokenInvalid);
    if (status == RestTokens::kExpired) throw RestError(rc::kTokenExpired);

    Limiter::InFlight in_flight(limiter_);
    try {
      auto now = std::chrono::system_clock::now();
      long long day = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
      limiter_.admit(std::chrono::steady_clock::now(), day);
    } catch (const ServiceError &e) {
      throw RestError(e.code() == fault_code::concurrency_limit_exceeded ? rc::kConcurrentLimit
                      : e.code() == fault_code::rate_limit_exceeded      ? rc::kRateLimit
                                                            : rc::kDailyQuota);
    }

    Params q = parse_params(query);
    const std::string &method = request.method;
    std::string type = media_type(header(request, "Content-Type"));
    if (rest_lists_ && RestLists::owns(path)) {
      // The long-URI form (POST ?_method=GET): the query in a form body.
      if (method == "POST" && param(q, "_method") == "GET" && type == "application/x-www-form-urlencoded") {
        Params form = parse_params(request.body);
        q.insert(q.end(), form.begin(), form.end());
      }
      rest_lists_->handle(request, path, q, body);
      return json_response(200, body);
    }
    if (rest_objects_ && RestObjects::owns(path)) {
      if (method == "POST" && param(q, "_method") == "GET" && type == "application/x-www-form-urlencoded") {
        Params form = parse_params(request.body);
        q.insert(q.end(), form.begin(), form.end());
      }
      rest_objects_->handle(method, path, q, type, request.body, body);
      return json_response(200, body);
    }
    if (rest_programs_ && RestPrograms::owns(path)) {
      // The asset API takes its writes as a form body.
      if (method == "POST" && type == "application/x-www-form-urlencoded") {
        Params form = parse_params(request.body);
        q.insert(q.end(), form.begin(), form.end());
      }
      rest_programs_->handle(method, path, q, body);
      return json_response(200, body);
    }
    int id = 0;
    json result;
    if (path == "/rest/v1/leads.json") {
      bool get = method == "GET";
      Params p = q;
      if (method == "POST" && param(q, "_method") == "GET") {
        // The long-URI form: the query string in a form body.
        if (type != "application/x-www-form-urlencoded") throw RestError(rc::kInvalidContentType);
        Params form = parse_params(request.body);
        p.insert(p.end(), form.begin(), form.end());
        get = true;
      }
      if (get) {
        bool more = false;
        std::string next;
        result = rest_leads_.filter(param(p, "filterType"), param(p, "filterValues"), param(p, "fields"),
                                    param(p, "batchSize"), param(p, "nextPageToken"), more, next);
        body["success"] = true;
        body["result"] = result;
        body["moreResult"] = more;
        if (more) body["nextPageToken"] = next;
        return json_response(200, body);
      }
      if (method != "POST") throw RestError(rc::kMethodNotSupported);
      if (type != "application/json") throw RestError(rc::kInvalidContentType);
      json in = json::parse(request.body, nullptr, false);
      if (in.is_discarded()) throw RestError(rc::kInvalidJson);
      result = rest_leads_.sync(in);
    } else if (path_id(path, "/rest/v1/lead/", ".json", id)) {
      if (method != "GET") throw RestError(rc::kMethodNotSupported);
      result = rest_leads_.by_id(id, param(q, "fields"));
    } else if (path == "/rest/v1/leads/describe.json") {
      if (method != "GET") throw RestError(rc::kMethodNotSupported);
      result = rest_leads_.describe();
    } else if (path == "/rest/v1/leads/partitions.json") {
      if (method != "GET") throw RestError(rc::kMethodNotSupported);
      result = rest_leads_.partitions();
    } else if (path_id(path, "/rest/v1/leads/", "/merge.json", id)) {
      if (method != "POST") throw RestError(rc::kMethodNotSupported);
      rest_leads_.merge(id, param(q, "leadId"), param(q, "leadIds"));
      body["success"] = true;  // no result, as the vendor answers
      return json_response(200, body);
    } else if (path_id(path, "/rest/v1/leads/", "/associate.json", id)) {
      if (method != "POST") throw RestError(rc::kMethodNotSupported);
      rest_leads_.associate(id, param(q, "cookie"));
      body["success"] = true;  // ResponseWithoutResult
      return json_response(200, body);
    } else if (rest_campaigns_ && RestCampaigns::serves(path)) {
      rest_campaigns_->handle(method, path, q, type, request.body, body);
      return json_response(200, body);
    } else if (rest_custom_objects_ && RestCustomObjects::serves(path)) {
      rest_custom_objects_->handle(method, path, q, type, request.body, body);
      return json_response(200, body);
    } else if (RestAssets::serves(path)) {
      if (method != "GET") throw RestError(rc::kMethodNotSupported);
      rest_assets_.get(path, q, body);
      return json_response(200, body);
    } else if (RestActivities::serves(path)) {
      if (method != "GET") throw RestError(rc::kMethodNotSupported);
      rest_activities_.get(path, q, body);
      return json_response(200, body);
    } else {
      throw RestError(rc::kNotFound);
    }
    body["success"] = true;
    body["result"] = result;
  } catch (const RestError &e) {
    body["success"] = false;
    body["errors"] = json::array({{{"code", std::to_string(e.code())}, {"message", e.what()}}});
  } catch (const ServiceError &e) {
    // The store could not make a write durable.
    body["success"] = false;
    body["errors"] = json::array({{{"code", "611"}, {"message", "System error"}}});
    if (verbose_) std::fprintf(stderr, "mktows-sandbox: rest: %s\n", e.what());
  } catch (const std::exception &e) {
    body["success"] = false;
    body["errors"] = json::array({{{"code", "611"}, {"message", "System error"}}});
    if (verbose_) std::fprintf(stderr, "mktows-sandbox: rest: %s\n", e.what());
  }
  // Request-level errors travel with HTTP 200, as the vendor's do.
  return json_response(200, body);
}

}  // namespace mktows_sandbox
