// http_collector.cpp: HTTP/1.x request framing (RFC 9112), incremental.
#include "http_collector.hpp"

#include <cstring>

namespace mktows_front {

namespace {

// RFC 9110 5.6.2 token characters (method and header names).
bool is_tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string trim(const std::string &s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

const std::size_t kMaxChunkLine = 1024;  // a chunk size and its extensions
const std::size_t kMaxHeaders = 100;

}  // namespace

bool RequestCollector::started() {
  if (state_ != State::kHead) return true;
  skip_blank_lines();
  return pos_ < buffer_.size();
}

RequestCollector::Progress RequestCollector::refuse(int status, const char *why) {
  refusal_ = status;
  reason_ = why;
  return Progress::kRefused;
}

// Blank lines before a request are ignored (RFC 9112 2.2); so is the
// whitespace some clients send after a body, past its Content-Length.
void RequestCollector::skip_blank_lines() {
  while (pos_ < buffer_.size() && (buffer_[pos_] == '\r' || buffer_[pos_] == '\n' || is_blank(buffer_[pos_]))) ++pos_;
  if (scan_ < pos_) scan_ = pos_;
}

std::size_t RequestCollector::line_end(std::size_t from) const {
  std::size_t nl = buffer_.find('\n', from);
  return nl == std::string::npos ? nl : nl + 1;
}

RequestCollector::Progress RequestCollector::advance() {
  if (refusal_) return Progress::kRefused;
  if (state_ == State::kHead) {
    skip_blank_lines();
    // The head ends with an empty line: "\n\n" or "\n\r\n".
    std::size_t end = std::string::npos;
    std::size_t at = scan_;
    while (true) {
      std::size_t nl = buffer_.find('\n', at);
      if (nl == std::string::npos) break;
      std::size_t next = nl + 1;
      if (next < buffer_.size() && buffer_[next] == '\n') {
        end = next + 1;
        break;
      }
      if (next + 1 < buffer_.size() && buffer_[next] == '\r' && buffer_[next + 1] == '\n') {
        end = next + 2;
        break;
      }
      if (next >= buffer_.size() || (buffer_[next] == '\r' && next + 1 >= buffer_.size())) {
        at = nl;  // the empty line may still come: look here again
        break;
      }
      at = next;
    }
    if (end == std::string::npos) {
      scan_ = at;
      if (buffer_.size() - pos_ > limits_.max_header_bytes) return refuse(431, "request head too large");
      return Progress::kNeedMore;
    }
    if (end - pos_ > limits_.max_header_bytes) return refuse(431, "request head too large");
    Progress p = parse_head(end);
    if (p != Progress::kNeedMore) return p;
  }
  while (true) {
    std::size_t avail = buffer_.size() - pos_;
    switch (state_) {
      case State::kHead:
        return Progress::kNeedMore;  // not reached: the head was parsed above
      case State::kBody:
      case State::kChunkData: {
        std::size_t n = avail < remaining_ ? avail : static_cast<std::size_t>(remaining_);
        request_.body.append(buffer_, pos_, n);
        pos_ += n;
        remaining_ -= n;
        if (remaining_) {
          // All input is in the body now: drop it from the buffer, so a big
          // body is held once.
          buffer_.erase(0, pos_);
          pos_ = scan_ = 0;
          return Progress::kNeedMore;
        }
        state_ = state_ == State::kBody ? State::kDone : State::kChunkEnd;
        break;
      }
      case State::kChunkEnd: {
        if (avail < 1 || (buffer_[pos_] == '\r' && avail < 2)) return Progress::kNeedMore;
        if (buffer_[pos_] == '\n') pos_ += 1;
        else if (buffer_[pos_] == '\r' && buffer_[pos_ + 1] == '\n') pos_ += 2;
        else return refuse(400, "chunk data longer than its size");
        state_ = State::kChunkSize;
        break;
      }
      case State::kChunkSize: {
        std::size_t end = line_end(pos_);
        if (end == std::string::npos) {
          if (avail > kMaxChunkLine) return refuse(400, "chunk size line too long");
          return Progress::kNeedMore;
        }
        if (end - pos_ > kMaxChunkLine) return refuse(400, "chunk size line too long");
        unsigned long long size = 0;
        std::size_t i = pos_, digits = 0;
        for (; i < end; ++i) {
          char c = buffer_[i];
          int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
          if (v < 0) break;
          if (++digits > 15) return refuse(413, "chunk size too large");
          size = size * 16 + static_cast<unsigned>(v);
        }
        while (i < end && is_blank(buffer_[i])) ++i;
        bool line_ok = i < end && (buffer_[i] == ';' || buffer_[i] == '\n' || (buffer_[i] == '\r' && i + 2 == end));
        if (!digits || !line_ok) return refuse(400, "bad chunk size");
        pos_ = end;
        if (size == 0) {
          state_ = State::kTrailers;
          scan_ = pos_;
          break;
        }
        if (size > max_body_ || request_.body.size() + size > max_body_)
          return refuse(413, "chunked body too large");
        remaining_ = size;
        state_ = State::kChunkData;
        break;
      }
      case State::kTrailers: {
        // Trailer fields are read and ignored, up to an empty line.
        while (true) {
          std::size_t end = line_end(pos_);
          if (end == std::string::npos) {
            // The bound counts the trailer lines, not the empty line that
            // ends them: a lone CR held may be its start.
            std::size_t held = buffer_.size() - scan_;
            if (buffer_.size() - pos_ == 1 && buffer_[pos_] == '\r') --held;
            if (held > limits_.max_header_bytes) return refuse(431, "chunk trailers too large");
            return Progress::kNeedMore;
          }
          bool empty = end - pos_ == 1 || (end - pos_ == 2 && buffer_[pos_] == '\r');
          pos_ = end;
          if (empty) break;
          if (pos_ - scan_ > limits_.max_header_bytes) return refuse(431, "chunk trailers too large");
        }
        state_ = State::kDone;
        break;
      }
      case State::kDone:
        return Progress::kComplete;
    }
  }
}

RequestCollector::Progress RequestCollector::parse_head(std::size_t end) {
  // Lines of the head, without their line endings; the empty last one dropped.
  std::size_t at = pos_;
  bool first = true;
  while (at < end) {
    std::size_t nl = buffer_.find('\n', at);
    std::size_t stop = nl > at && buffer_[nl - 1] == '\r' ? nl - 1 : nl;
    std::string line = buffer_.substr(at, stop - at);
    at = nl + 1;
    if (line.empty()) break;
    for (char c : line)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return refuse(400, "control character in the head");
    if (first) {
      first = false;
      std::size_t sp1 = line.find(' ');
      std::size_t sp2 = sp1 == std::string::npos ? sp1 : line.find(' ', sp1 + 1);
      if (sp1 == std::string::npos || sp2 == std::string::npos || sp1 == 0 || sp2 == sp1 + 1 ||
          line.find(' ', sp2 + 1) != std::string::npos)
        return refuse(400, "bad request line");
      request_.method = line.substr(0, sp1);
      request_.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
      std::string version = line.substr(sp2 + 1);
      for (char c : request_.method)
        if (!is_tchar(static_cast<unsigned char>(c))) return refuse(400, "bad method");
      for (char c : request_.target)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) return refuse(400, "bad target");
      if (version.size() != 8 || version.compare(0, 5, "HTTP/") != 0 || version[6] != '.' || version[5] < '0' ||
          version[5] > '9' || version[7] < '0' || version[7] > '9')
        return refuse(400, "bad HTTP version");
      if (version[5] != '1') return refuse(505, "HTTP version not supported");
      request_.minor_version = version[7] - '0';
      continue;
    }
    if (is_blank(line[0])) return refuse(400, "folded header line");
    std::size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return refuse(400, "bad header line");
    std::string name = line.substr(0, colon);
    for (char c : name)
      if (!is_tchar(static_cast<unsigned char>(c))) return refuse(400, "bad header name");
    if (request_.headers.size() >= kMaxHeaders) return refuse(431, "too many headers");
    request_.headers.emplace_back(name, trim(line.substr(colon + 1)));
  }
  pos_ = end;
  scan_ = end;

  bool chunked = false, has_length = false;
  unsigned long long length = 0;
  for (const auto &h : request_.headers) {
    if (http_iequals(h.first, "transfer-encoding")) {
      // Only "chunked" is understood; any other coding is refused rather
      // than guessed at (RFC 9112 6.1).
      if (chunked || !http_iequals(h.second, "chunked")) return refuse(501, "unsupported transfer coding");
      chunked = true;
    } else if (http_iequals(h.first, "content-length")) {
      const std::string &v = h.second;
      if (v.empty()) return refuse(400, "empty Content-Length");
      unsigned long long n = 0;
      for (char c : v) {
        if (c < '0' || c > '9') return refuse(400, "bad Content-Length");
        if (n > limits_.max_body_bytes) break;  // already too large (no limit is larger); no overflow
        n = n * 10 + static_cast<unsigned>(c - '0');
      }
      if (has_length && n != length) return refuse(400, "conflicting Content-Length");
      has_length = true;
      length = n;
    } else if (http_iequals(h.first, "expect")) {
      if (!http_iequals(h.second, "100-continue")) return refuse(417, "unsupported expectation");
      expect_continue_ = request_.minor_version >= 1;
    }
  }
  // Both would let two parsers disagree on where the body ends.
  if (chunked && has_length) return refuse(400, "Content-Length with Transfer-Encoding");
  max_body_ = body_limit_for(routes_, request_.target, limits_.max_body_bytes);
  if (has_length && length > max_body_) return refuse(413, "Content-Length too large");
  if (chunked) {
    state_ = State::kChunkSize;
  } else if (length) {
    state_ = State::kBody;
    remaining_ = length;
  } else {
    state_ = State::kDone;  // no body (RFC 9112 6.3: a request without framing has none)
    expect_continue_ = false;
  }
  if (expect_continue_ && state_ != State::kDone && buffer_.size() > pos_) expect_continue_ = false;  // the body is coming anyway
  return Progress::kNeedMore;
}

HttpRequest RequestCollector::take() {
  HttpRequest r = std::move(request_);
  request_ = HttpRequest();
  buffer_.erase(0, pos_);
  // A big request's buffer is not kept for the next one.
  if (buffer_.capacity() > (64u << 10) && buffer_.size() < (16u << 10)) buffer_.shrink_to_fit();
  pos_ = scan_ = 0;
  state_ = State::kHead;
  remaining_ = 0;
  expect_continue_ = false;
  return r;
}

}  // namespace mktows_front
