// http_collector.hpp: gathers the bytes of one connection into complete
// HTTP/1.x requests (head, then the body as Content-Length or the chunks
// say), without blocking: the serving loop appends whatever a read gave and
// asks whether a request is complete. Bad framing is refused with the
// status to answer; the connection is then closed.
#pragma once

#include "serving_config.hpp"
#include "http_message.hpp"
#include "http_routes.hpp"

#include <cstddef>
#include <string>

namespace mktows_front {

class RequestCollector {
 public:
  enum class Progress {
    kNeedMore,  // nothing complete yet: read again
    kComplete,  // take() gives the request
    kRefused,   // bad framing or a bound passed: answer refusal() and close
  };

  // `routes`: the server's own routes, whose targets may have a lower body
  // bound (body_limit_for); null: the server's limit for every target.
  explicit RequestCollector(const ServingLimits &limits, const HttpRoutes *routes = nullptr)
      : limits_(limits), routes_(routes), max_body_(limits.max_body_bytes) {}

  void append(const char *data, std::size_t n) { buffer_.append(data, n); }
  Progress advance();
  // The complete request; its bytes leave the buffer, which may hold the
  // beginning of the next one (pipelining).
  HttpRequest take();
  // Drops everything held (the connection is ending: nothing more of it
  // will be served).
  void discard() {
    std::string().swap(buffer_);
    request_ = HttpRequest();
    pos_ = scan_ = 0;
  }
  // After kRefused: the status to answer (400, 413, 431, 501, 505) and why.
  int refusal() const { return refusal_; }
  const char *refusal_reason() const { return reason_; }

  // True once the head of the current request is complete and it carried
  // "Expect: 100-continue"; cleared by continue_sent().
  bool wants_continue() const { return expect_continue_; }
  void continue_sent() { expect_continue_ = false; }

  // Some byte of a request that is not complete yet has arrived (blank
  // lines between requests do not count): the transfer timeout runs.
  bool started();
  // The head of the current request has been read (its body may still be
  // arriving).
  bool head_complete() const { return state_ != State::kHead; }
  // Bytes held: the unparsed input and the body decoded so far.
  std::size_t held() const { return buffer_.size() + request_.body.size(); }

 private:
  enum class State { kHead, kBody, kChunkSize, kChunkData, kChunkEnd, kTrailers, kDone };

  Progress refuse(int status, const char *why);
  Progress parse_head(std::size_t end);
  void skip_blank_lines();
  // The position just past the next line ending at or after `from`, or npos.
  std::size_t line_end(std::size_t from) const;

  const ServingLimits &limits_;
  const HttpRoutes *routes_;
  unsigned long long max_body_;  // of the current request
  std::string buffer_;
  std::size_t pos_ = 0;    // parsed up to here
  std::size_t scan_ = 0;   // the head's end has been looked for up to here
  State state_ = State::kHead;
  HttpRequest request_;
  unsigned long long remaining_ = 0;  // body bytes (Content-Length) or chunk bytes still due
  bool expect_continue_ = false;
  int refusal_ = 0;
  const char *reason_ = "";
};

}  // namespace mktows_front
