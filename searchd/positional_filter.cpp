#include "positional_filter.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace pep {

bool positions_match(const std::vector<std::vector<uint32_t>>& at, uint32_t window, bool ordered) {
  if (at.empty()) return true;
  for (const auto& a : at)
    if (a.empty()) return false;

  if (ordered) {
    // From each position of the first term, take every next term at its first position after the
    // previous one (the earliest end for that start); the phrase holds if the span fits the window.
    for (uint32_t base : at[0]) {
      uint32_t pos = base;
      bool fits = true;
      for (size_t i = 1; i < at.size() && fits; ++i) {
        const auto next = std::upper_bound(at[i].begin(), at[i].end(), pos);
        if (next == at[i].end()) return false;  // a later start cannot do better
        pos = *next;
        fits = pos - base < window;
      }
      if (fits) return true;
    }
    return false;
  }
  // Not ordered: some run of `window` positions, starting at a position of one of the terms,
  // that holds a position of every term.
  for (const auto& starts : at)
    for (uint32_t start : starts) {
      bool all = true;
      for (const auto& a : at) {
        const auto it = std::lower_bound(a.begin(), a.end(), start);
        if (it == a.end() || *it - start >= window) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
  return false;
}

namespace {

// The documents holding all the terms (a leapfrog over their posting lists, rarest first) whose
// positions pass positions_match(). Weight 0: it filters the AND that carries the weights.
class PositionalFilter : public Xapian::PostingSource {
 public:
  PositionalFilter(PositionStore& store, std::vector<std::string> terms, Xapian::termcount window, bool ordered)
      : store_(store), terms_(std::move(terms)), window_(window), ordered_(ordered), decided_(std::make_shared<Decisions>()) {
    for (const auto& t : terms_) keys_.push_back(position_term_key(t));
  }

  // Xapian runs a clone per pass; the clones of one query share what was decided, so the
  // counting pass does not read the positions the ranked pass already checked.
  PostingSource* clone() const override {
    auto* c = new PositionalFilter(store_, terms_, window_, ordered_);
    c->decided_ = decided_;
    return c;
  }

  void init(const Xapian::Database& db) override {
    lists_.clear();
    ended_ = false;
    on_match_ = false;
    current_ = 0;
    Xapian::doccount rarest = db.get_doccount();
    std::vector<std::pair<Xapian::doccount, std::string>> by_freq;
    for (const auto& t : terms_) by_freq.emplace_back(db.get_termfreq(t), t);
    std::sort(by_freq.begin(), by_freq.end());
    for (const auto& [freq, term] : by_freq) {
      rarest = std::min(rarest, freq);
      lists_.push_back(db.postlist_begin(term));
    }
    if (terms_.empty() || rarest == 0) ended_ = true;
    max_ = rarest;
    est_ = rarest / 3;  // as Xapian estimates a phrase
  }

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return est_; }
  Xapian::doccount get_termfreq_max() const override { return max_; }

  void next(double) override { seek(current_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (on_match_ && did <= current_) return;
    seek(std::max<Xapian::docid>(did, current_ + 1));  // not on a match: current_ is known not to be one
  }
  // Whether `did` matches, without a search past it. On false the source is between documents:
  // the next next() or skip_to() starts after did.
  bool check(Xapian::docid did, double) override {
    if (did <= current_) return on_match_ && did == current_;
    current_ = did;
    on_match_ = false;
    for (auto& it : lists_) {
      it.skip_to(did);
      if (it == Xapian::PostingIterator()) {
        ended_ = true;
        return true;  // positioned at the end, as skip_to would be
      }
      if (*it != did) return false;
    }
    return on_match_ = passes(did);
  }
  bool at_end() const override { return ended_; }
  Xapian::docid get_docid() const override { return current_; }
  std::string get_description() const override { return "PositionalFilter(" + std::to_string(terms_.size()) + " terms)"; }

 private:
  // Moves to the first document >= target that holds every term and passes the position check.
  void seek(Xapian::docid target) {
    while (!ended_) {
      Xapian::docid candidate = target;
      if (!align(candidate)) {
        ended_ = true;
        return;
      }
      current_ = candidate;
      if ((on_match_ = passes(candidate))) return;
      target = candidate + 1;
    }
  }

  // Moves every list to the first document >= candidate that all of them hold (a leapfrog,
  // rarest list first), and sets candidate to it; false when a list ends first.
  bool align(Xapian::docid& candidate) {
    for (bool moved = true; moved;) {
      moved = false;
      for (auto& it : lists_) {
        it.skip_to(candidate);
        if (it == Xapian::PostingIterator()) return false;
        if (*it > candidate) {
          candidate = *it;
          moved = true;
        }
      }
    }
    return true;
  }

  bool passes(Xapian::docid did) {
    const auto [it, fresh] = decided_->try_emplace(did, false);
    if (fresh) it->second = store_.find(did, keys_, at_) && positions_match(at_, window_, ordered_);
    return it->second;
  }

  // By document: sized by the candidates checked, not by the index (a vector per docid cost a
  // clear of lastdocid bytes per phrase per search, for alias groups once per alias).
  using Decisions = std::unordered_map<Xapian::docid, bool>;

  PositionStore& store_;
  std::vector<std::string> terms_;
  std::vector<uint32_t> keys_;
  Xapian::termcount window_;
  bool ordered_;
  std::vector<Xapian::PostingIterator> lists_;  // rarest term first
  std::vector<std::vector<uint32_t>> at_;  // positions of each term in the document checked
  Xapian::docid current_ = 0;
  bool on_match_ = false;  // current_ holds every term and passed the check
  bool ended_ = false;
  Xapian::doccount est_ = 0, max_ = 0;
  std::shared_ptr<Decisions> decided_;
};

}  // namespace

Xapian::Query positional_filter(PositionStore& store, const std::vector<std::string>& terms, Xapian::termcount window, bool ordered) {
  return Xapian::Query((new PositionalFilter(store, terms, window, ordered))->release());
}

Xapian::Query positional_query(PositionStore& store, const std::vector<std::string>& terms, Xapian::termcount window, bool ordered) {
  const Xapian::Query all(Xapian::Query::OP_AND, terms.begin(), terms.end());
  if (terms.size() < 2) return all;
  return Xapian::Query(Xapian::Query::OP_FILTER, all, positional_filter(store, terms, window, ordered));
}

}  // namespace pep
