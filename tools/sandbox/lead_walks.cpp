// lead_walks.cpp: walks, their LRU bound and their positions' MACs.
#include "lead_walks.hpp"

#include "front_types.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace mktows_sandbox {

LeadWalks::LeadWalks() {
  if (RAND_bytes(key_, sizeof key_) != 1) throw std::runtime_error("no random bytes for the stream positions' key");
}

std::string LeadWalks::mac(const std::string &text) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key_, sizeof key_, reinterpret_cast<const unsigned char *>(text.data()), text.size(), out, &n);
  // 12 bytes (96 bits) are plenty against guessing for a local server.
  std::string hex;
  char b[3];
  for (unsigned i = 0; i < 12 && i < n; ++i) {
    std::snprintf(b, sizeof b, "%02x", out[i]);
    hex += b;
  }
  return hex;
}

void LeadWalks::touch(std::uint64_t walk) {
  Open &o = open_.at(walk);
  recent_.splice(recent_.begin(), recent_, o.at);
}

LeadWalks::Cursor LeadWalks::start(std::vector<int> ids) {
  Cursor c;
  c.walk = next_++;
  c.ids = std::make_shared<const std::vector<int>>(std::move(ids));
  recent_.push_front(c.walk);
  open_[c.walk] = Open{c.ids, recent_.begin()};
  while (open_.size() > kMaxOpen) {
    open_.erase(recent_.back());
    recent_.pop_back();
  }
  return c;
}

std::string LeadWalks::position(std::uint64_t walk, std::size_t offset) const {
  std::string text = "w" + std::to_string(walk) + ":o" + std::to_string(offset);
  return text + ":" + mac(text);
}

LeadWalks::Cursor LeadWalks::resume(const std::string &position) {
  auto bad = [](const char *why) { return ServiceError::told(fault_code::bad_stream_position, why); };
  std::size_t last = position.rfind(':');
  if (last == std::string::npos || position.size() > 80) throw bad("streamPosition was not handed out by this sandbox");
  std::string text = position.substr(0, last);
  std::string got = position.substr(last + 1);
  std::string want = mac(text);
  if (got.size() != want.size() || CRYPTO_memcmp(got.data(), want.data(), want.size()) != 0)
    throw bad("streamPosition was not handed out by this sandbox");
  unsigned long long walk = 0, offset = 0;
  if (std::sscanf(text.c_str(), "w%llu:o%llu", &walk, &offset) != 2) throw bad("streamPosition is malformed");
  auto it = open_.find(walk);
  if (it == open_.end()) throw bad("streamPosition's walk has expired (at most 64 are kept)");
  Cursor c;
  c.walk = walk;
  c.ids = it->second.ids;
  c.offset = static_cast<std::size_t>(offset);
  if (c.offset > c.ids->size()) throw bad("streamPosition is past its walk's end");
  touch(walk);
  return c;
}

}  // namespace mktows_sandbox
