// pager.hpp: a read that spans pages, walked by a for loop record by
// record while the pager fetches page after page with the stream position
// the service handed back. One page is held at a time (constant memory);
// each page is one call with the call's timeout and the RetryPolicy (reads
// are always resent).
//
//   auto leads = client.get_multiple_leads(mktows::LastUpdateAtSelector::between(from, to));
//   for (const mktows::Lead &lead : leads) export_row(lead);
//   if (!leads.ok()) std::cerr << leads.error() << '\n';
//   save(leads.position());   // a later pager resumes from here
//
// A failure ends the loop; error() says what it was, and position() is
// where a new pager can take up the walk (the page that failed is fetched
// again). The Client the pager came from must outlive it and must not be
// used by another call while the loop runs (a page is fetched between two
// records).
//
// Plain C++11 over an abstract page source: the source that speaks to the
// service lives in detail/ (lead_calls.hpp, activity_calls.hpp).
#ifndef MKTOWS_PAGER_HPP
#define MKTOWS_PAGER_HPP

#include "mktows/error.hpp"

#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace mktows {
namespace detail {

// Fetches the page at `from` into `records` (cleared first); sets `next`
// to the position after it and `more` to whether records remain.
template <class Record, class Position>
class PageSource {
 public:
  virtual ~PageSource() {}
  virtual Error fetch(const Position &from, std::vector<Record> &records, Position &next, bool &more) = 0;
};

}  // namespace detail

template <class Record, class Position>
class Pager {
 public:
  // A pager that fetches from `source`, starting at `start`; or, with
  // `refused` an error, one that yields nothing and reports it (a request
  // the client refused before sending).
  Pager(std::unique_ptr<detail::PageSource<Record, Position> > source, Position start)
      : source_(std::move(source)), start_(start), next_(std::move(start)) {}
  explicit Pager(const Error &refused) : error_(refused), done_(true) {}
  Pager(Pager &&) = default;
  Pager &operator=(Pager &&) = default;
  Pager(const Pager &) = delete;
  Pager &operator=(const Pager &) = delete;

  class iterator {
   public:
    typedef std::input_iterator_tag iterator_category;
    typedef Record value_type;
    typedef std::ptrdiff_t difference_type;
    typedef const Record *pointer;
    typedef const Record &reference;

    iterator() : pager_(nullptr) {}
    const Record &operator*() const { return pager_->page_[pager_->index_]; }
    const Record *operator->() const { return &pager_->page_[pager_->index_]; }
    iterator &operator++() {
      pager_->advance();
      if (pager_->exhausted()) pager_ = nullptr;
      return *this;
    }
    bool operator==(const iterator &o) const { return pager_ == o.pager_; }
    bool operator!=(const iterator &o) const { return pager_ != o.pager_; }

   private:
    friend class Pager;
    explicit iterator(Pager *p) : pager_(p) {}
    Pager *pager_;
  };

  // The first call fetches the first page; a pager is walked once.
  iterator begin() {
    if (!started_) {
      started_ = true;
      while (index_ >= page_.size() && !done_) fetch();
    }
    return exhausted() ? iterator() : iterator(this);
  }
  iterator end() { return iterator(); }

  bool ok() const { return error_.ok(); }
  const Error &error() const { return error_; }

  // Where a new pager takes the walk up: after the record in hand when it
  // is its page's last (at_page_end()) or the walk is over, else at the
  // start of the page in hand (its records before that one come again).
  const Position &position() const { return at_page_end() || exhausted() ? next_ : start_; }
  // The record in hand is the last of its page.
  bool at_page_end() const { return !page_.empty() && index_ + 1 == page_.size(); }
  // The walk has ended: every record yielded, or a failure.
  bool done() const { return exhausted(); }

  std::size_t pages() const { return pages_; }      // pages fetched
  // Records yielded so far, the one in hand included.
  std::size_t records() const { return before_ + (index_ < page_.size() ? index_ + 1 : page_.size()); }

 private:
  bool exhausted() const { return done_ && index_ >= page_.size(); }

  void advance() {
    if (index_ < page_.size()) ++index_;
    while (index_ >= page_.size() && !done_) fetch();
  }

  // Fetches the page at next_ (the page in hand is all yielded).
  void fetch() {
    before_ += page_.size();
    start_ = next_;
    Position after = next_;
    bool more = false;
    Error e = source_->fetch(start_, page_, after, more);
    index_ = 0;
    if (!e.ok()) {
      error_ = e;
      page_.clear();
      done_ = true;
      return;
    }
    ++pages_;
    next_ = std::move(after);
    if (!more) done_ = true;
  }

  std::unique_ptr<detail::PageSource<Record, Position> > source_;
  Position start_{};  // where the page in hand was fetched from
  Position next_{};   // where the next page is
  std::vector<Record> page_;
  std::size_t index_ = 0;
  Error error_;
  bool started_ = false;
  bool done_ = false;
  std::size_t pages_ = 0;
  std::size_t before_ = 0;  // records of the pages before the one in hand
};

}  // namespace mktows

#endif  // MKTOWS_PAGER_HPP
