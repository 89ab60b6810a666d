// activity_service.cpp: the sandbox's getLeadActivity and getLeadChanges.
#include "activity_service.hpp"

#include <mktows/limits.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace mktows_sandbox {

namespace {

const std::size_t kMacHex = 16;  // 64 bits of the HMAC: forging one is guesswork

// How often a read looks the key up again when a merge removed one of the
// leads it named between the look-up and the read (bounded: a request
// never waits on other writers for long).
const int kResolveAttempts = 3;

std::string window_text(const StreamPositionData &w) {
  return (w.has_oldest ? std::to_string(w.oldest) : std::string("-")) + "\n" +
         (w.has_latest ? std::to_string(w.latest) : std::string("-"));
}

bool in_window(const Activity &a, bool has_oldest, std::int64_t oldest, bool has_latest, std::int64_t latest) {
  return (!has_oldest || a.at >= oldest) && (!has_latest || a.at <= latest);
}

ActivityRecordData to_data(const Activity &a) {
  ActivityRecordData d;
  d.id = a.id;
  d.at = a.at;
  d.type = a.info().display;
  d.asset = a.asset;
  d.campaign = a.campaign;
  d.lead_id = a.lead_id;
  d.attributes = a.attributes;
  return d;
}

// The page size a call asked for, capped at `cap` (the documented rule);
// none: the cap. Zero or less asks for nothing sensible: 20110.
int batch_of(bool has, int batch, int cap) {
  if (!has) return cap;
  if (batch <= 0) throw ServiceError::told(fault_code::bad_parameter, "batchSize must be positive");
  return std::min(batch, cap);
}

// The window of a position: what the caller gave, echoed in every position
// handed back (the mac covers it).
StreamPositionData window_of(const StreamPositionData &p) {
  StreamPositionData w;
  w.has_oldest = p.has_oldest;
  w.oldest = p.oldest;
  w.has_latest = p.has_latest;
  w.latest = p.latest;
  return w;
}

}  // namespace

ActivityService::ActivityService(LeadService &leads) : leads_(leads) {
  if (RAND_bytes(key_, sizeof key_) != 1) throw std::runtime_error("no random bytes for the stream position key");
}

std::vector<bool> ActivityService::wanted_types(const ActivityTypeFilterData &filter) {
  if (!filter.include.empty() && !filter.exclude.empty())
    throw ServiceError::told(fault_code::bad_parameter, "includeTypes and excludeTypes may not both be given");
  const std::vector<std::string> &named = filter.include.empty() ? filter.exclude : filter.include;
  std::vector<bool> listed(mktows::kActivityTypeCount, false);
  for (const std::string &name : named) {
    std::size_t t;
    if (!activity_type_of(name, t)) throw ServiceError(fault_code::activity_key_bad, "activity type not in 2_2's enumeration");
    listed[t] = true;
  }
  if (filter.include.empty()) listed.flip();  // exclude, or no filter at all
  return listed;
}

std::string ActivityService::mac(const std::string &text) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key_, sizeof key_, reinterpret_cast<const unsigned char *>(text.data()), text.size(), out,
            &len))
    throw std::runtime_error("HMAC failed");
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (std::size_t i = 0; i < kMacHex / 2; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

std::string ActivityService::offset(char op, const std::string &context, bool end, long long n,
                                    const StreamPositionData &window) const {
  std::string body = std::string(end ? "END:" : "ID:") + std::to_string(n);
  return body + ":" + mac(std::string(1, op) + "\n" + context + "\n" + body + "\n" + window_text(window));
}

void ActivityService::read_offset(char op, const std::string &context, const StreamPositionData &p, bool &end,
                                  long long &n) const {
  const std::string &s = p.offset;
  std::size_t first = s.find(':');
  std::size_t last = s.rfind(':');
  bool ok = first != std::string::npos && last != first && s.size() - last - 1 == kMacHex;
  std::string tag = ok ? s.substr(0, first) : std::string();
  std::string digits = ok ? s.substr(first + 1, last - first - 1) : std::string();
  ok = ok && (tag == "ID" || tag == "END") && !digits.empty() && digits.size() <= 18 &&
       digits.find_first_not_of("0123456789") == std::string::npos;
  if (ok) {
    std::string expected = mac(std::string(1, op) + "\n" + context + "\n" + tag + ":" + digits + "\n" + window_text(p));
    ok = CRYPTO_memcmp(expected.data(), s.data() + last + 1, kMacHex) == 0;
  }
  if (!ok) throw ServiceError::told(fault_code::bad_stream_position, "the position was not handed out by this sandbox for this call");
  end = tag == "END";
  n = std::strtoll(digits.c_str(), nullptr, 10);
}

std::vector<int> ActivityService::lead_ids(const std::string &key_type, const std::string &key_value) {
  std::vector<int> ids;
  for (const Lead &l : leads_.get_leads(key_type, key_value)) ids.push_back(l.id);
  return ids;
}

ActivityPage ActivityService::lead_activity(const LeadActivityRequest &request) {
  const std::vector<bool> wanted = wanted_types(request.filter);
  const int batch = batch_of(request.has_batch, request.batch, mktows::kMaxLeadActivityBatch);
  const StreamPositionData window = request.has_position ? window_of(request.position) : StreamPositionData();
  // The key itself, not the leads it names now, binds a position: a merge
  // between two pages changes which leads an EMAIL names, not the stream.
  const std::string context = request.key_type + "\n" + request.key_value;
  bool from_offset = request.has_position && request.position.has_offset;
  bool at_end = false;
  long long bound = 0;  // records older than (id below) this one are left
  if (from_offset) read_offset('A', context, request.position, at_end, bound);
  if (at_end) throw ServiceError::told(fault_code::stream_at_end, "the position is at the end of the stream");

  ActivityPage page;
  for (int attempt = 1;; ++attempt) {
    std::vector<int> ids = lead_ids(request.key_type, request.key_value);
    bool stale = false;
    page = ActivityPage();
    leads_.read([&](const LeadStore &store, const ActivityLog &log) {
      std::vector<std::size_t> at;  // positions in the log, ascending
      for (int id : ids) {
        if (!store.by_id(id)) {
          stale = true;  // merged away since the look-up
          continue;
        }
        if (const std::vector<std::size_t> *own = log.of_lead(id)) at.insert(at.end(), own->begin(), own->end());
      }
      if (stale && attempt < kResolveAttempts) return;
      if (ids.size() > 1) std::sort(at.begin(), at.end());
      const std::vector<Activity> &all = log.all();
      long long top = from_offset ? bound : log.last_id() + 1;
      // Newest first: from the last record below `top` down.
      auto below = std::lower_bound(at.begin(), at.end(), top,
                                    [&](std::size_t i, long long id) { return all[i].id < id; });
      for (auto it = below; it != at.begin();) {
        const Activity &a = all[*--it];
        if (!wanted[a.type] || !in_window(a, window.has_oldest, window.oldest, window.has_latest, window.latest))
          continue;
        if (static_cast<int>(page.records.size()) < batch)
          page.records.push_back(to_data(a));
        else
          ++page.remaining;
      }
      page.next = window;
      long long n = page.records.empty() ? top : page.records.back().id;
      if (!page.records.empty()) {
        page.next.has_activity = true;
        page.next.activity = page.records.back().at;
      }
      page.next.has_offset = true;
      page.next.offset = offset('A', context, page.remaining == 0, n, window);
    });
    if (!stale || attempt >= kResolveAttempts) break;
  }
  return page;
}

ActivityPage ActivityService::lead_changes(const LeadChangesRequest &request) {
  using Selector = LeadChangesRequest::Selector;
  if (!request.has_position)
    throw ServiceError::told(fault_code::parameter_required, "startPosition is required");
  const StreamPositionData &p = request.position;
  if (!p.has_oldest && !p.has_latest && !p.has_offset)
    throw ServiceError::told(fault_code::parameter_required,
                             "startPosition needs oldestCreatedAt, latestCreatedAt or offset");
  const std::vector<bool> wanted = wanted_types(request.filter);
  const int batch = batch_of(request.has_batch, request.batch, mktows::kMaxLeadChangesBatch);
  const StreamPositionData window = window_of(p);
  bool has_oldest = window.has_oldest, has_latest = window.has_latest;
  std::int64_t oldest = window.oldest, latest = window.latest;
  bool keyed = false, listed = false;
  switch (request.selector) {
    case Selector::none: break;
    case Selector::keys:
      if (request.keys.size() > mktows::kMaxLeadChangesKeys)
        throw ServiceError::told(fault_code::bad_parameter,
                                 "more than " + std::to_string(mktows::kMaxLeadChangesKeys) + " keys in leadSelector");
      if (request.keys.empty()) throw ServiceError(fault_code::lead_key_required, "LeadKeySelector without keyValues");
      keyed = true;
      break;
    case Selector::static_list:
      // The list's members when each page is read (docs/SANDBOX.md).
      listed = true;
      break;
    case Selector::last_update:
      // The selector's times bound the same window as the position's
      // (oldestUpdatedAt ~ oldestCreatedAt, latestUpdatedAt ~
      // latestCreatedAt): both apply.
      oldest = has_oldest ? std::max(oldest, request.oldest_updated) : request.oldest_updated;
      has_oldest = true;
      if (request.has_latest_updated) {
        latest = has_latest ? std::min(latest, request.latest_updated) : request.latest_updated;
        has_latest = true;
      }
      break;
    case Selector::other:
      throw ServiceError(fault_code::request_not_understood, "leadSelector without a known xsi:type");
  }
  bool end = false;
  long long after = 0;  // records newer than (id above) this one are left
  if (p.has_offset) read_offset('C', std::string(), p, end, after);

  ActivityPage page;
  for (int attempt = 1;; ++attempt) {
    std::vector<int> ids;
    if (keyed) {
      for (const std::string &k : request.keys) {
        try {
          std::vector<int> more = lead_ids(request.key_type, k);
          ids.insert(ids.end(), more.begin(), more.end());
        } catch (const ServiceError &e) {
          // A key that matches no lead adds no records; a bad key type or
          // an empty key is the whole selector's fault.
          if (e.code() != fault_code::lead_not_found) throw;
        }
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    bool stale = false;
    page = ActivityPage();
    leads_.read([&](const LeadStore &store, const ActivityLog &log) {
      for (int id : ids)
        if (!store.by_id(id)) stale = true;
      if (stale && attempt < kResolveAttempts) return;
      if (listed) {
        ids = leads_.static_list_members_locked(request.has_list_id, request.list_id, request.list_name);
        std::sort(ids.begin(), ids.end());
      }
      const std::vector<Activity> &all = log.all();
      auto from = std::upper_bound(all.begin(), all.end(), after,
                                   [](long long id, const Activity &a) { return id < a.id; });
      for (auto it = from; it != all.end(); ++it) {
        const Activity &a = *it;
        if (!wanted[a.type] || !in_window(a, has_oldest, oldest, has_latest, latest)) continue;
        if ((keyed || listed) && !std::binary_search(ids.begin(), ids.end(), a.lead_id)) continue;
        if (static_cast<int>(page.records.size()) < batch)
          page.records.push_back(to_data(a));
        else
          ++page.remaining;
      }
      page.next = window;
      long long n = page.records.empty() ? after : page.records.back().id;
      if (!page.records.empty()) {
        page.next.has_activity = true;
        page.next.activity = page.records.back().at;
      } else if (p.has_activity) {
        page.next.has_activity = true;
        page.next.activity = p.activity;
      }
      page.next.has_offset = true;
      page.next.offset = offset('C', std::string(), false, n, window);
    });
    if (!stale || attempt >= kResolveAttempts) break;
  }
  return page;
}

}  // namespace mktows_sandbox
