// rest_http.cpp: libcurl calls, the handle pool and the redacted log.
#include "rest_http.hpp"

#include "server_log.hpp"

#include <curl/curl.h>

#include <chrono>
#include <cstdio>

namespace mktows_bridge {

namespace {

size_t append_body(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

// Responses larger than this are not a lead API's: the call fails.
const std::size_t kMaxResponse = 16u << 20;

size_t append_bounded(char *data, size_t size, size_t n, void *out) {
  std::string *s = static_cast<std::string *>(out);
  if (s->size() + size * n > kMaxResponse) return 0;  // aborts the transfer
  return append_body(data, size, n, out);
}

// Bodies in the log: identity answers carry the token, so they are never
// printed; others are cut to a readable length.
std::string loggable(const std::string &url, const std::string &body) {
  if (url.find("/oauth/token") != std::string::npos) return "[token response redacted]";
  return body.size() > 600 ? body.substr(0, 600) + "..." : body;
}

}  // namespace

RestHttp::RestHttp(const HttpOptions &options) : options_(options) {}

RestHttp::~RestHttp() {
  for (void *h : idle_) curl_easy_cleanup(static_cast<CURL *>(h));
}

void *RestHttp::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      void *h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void RestHttp::release(void *handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(handle);
}

std::string RestHttp::escape(const std::string &value) {
  char *e = curl_easy_escape(nullptr, value.data(), static_cast<int>(value.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

std::string RestHttp::redact_url(const std::string &url) {
  std::string out = url;
  for (const char *name : {"client_secret=", "access_token="}) {
    std::size_t at = 0;
    while ((at = out.find(name, at)) != std::string::npos) {
      at += std::char_traits<char>::length(name);
      std::size_t end = out.find('&', at);
      out.replace(at, end == std::string::npos ? std::string::npos : end - at, "[redacted]");
    }
  }
  return out;
}

HttpResult RestHttp::call(const std::string &method, const std::string &url, const std::string &bearer,
                          const std::string &content_type, const std::string &body) {
  HttpResult r;
  CURL *h = static_cast<CURL *>(acquire());
  if (!h) {
    r.error = "cannot create a libcurl handle";
    return r;
  }
  curl_easy_reset(h);  // keeps the handle's connections and caches
  curl_slist *headers = nullptr;
  std::string auth = "Authorization: Bearer " + bearer;
  if (!bearer.empty()) headers = curl_slist_append(headers, auth.c_str());
  std::string type = "Content-Type: " + content_type;
  if (!content_type.empty()) headers = curl_slist_append(headers, type.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  // No "Expect: 100-continue" round trip before a body.
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip, as the vendor advises
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_bounded);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &r.body);
  if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
  } else {
    r.error = curl_easy_strerror(rc);
    r.body.clear();
  }
  curl_slist_free_all(headers);
  release(h);
  auto elapsed = std::chrono::steady_clock::now() - start;
  if (options_.observer) options_.observer(method, url, r.status, std::chrono::duration<double>(elapsed).count());
  if (options_.verbose) {
    long ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
    std::string line = "REST " + method + " " + redact_url(url);
    if (!bearer.empty()) line += " (Authorization: Bearer [redacted])";
    if (!body.empty()) line += " " + loggable(url, body);
    if (r.status) line += " -> " + std::to_string(r.status) + " " + loggable(url, r.body);
    else line += " -> failed: " + r.error;
    line += " (" + std::to_string(ms) + " ms)";
    mktows_front::log_line("mktows-bridge", line);
  }
  return r;
}

}  // namespace mktows_bridge
