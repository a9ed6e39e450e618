#include "term_union_count.h"

#include <algorithm>
#include <cmath>

namespace pep {

Xapian::doccount count_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                                  const FacetColumn::Filter& filter, FacetColumn::Counter& counter) {
  Xapian::doccount n = 0;
  auto take = [&](Xapian::docid did) {
    if (!filter.accepts(did)) return;
    counter.add(did);
    ++n;
  };
  if (terms.size() == 1) {  // one posting list is already a set in docid order
    for (auto it = db.postlist_begin(terms[0]), end = db.postlist_end(terms[0]); it != end; ++it) take(*it);
    return n;
  }
  std::vector<uint64_t> marked(static_cast<size_t>(db.get_lastdocid()) / 64 + 1, 0);
  for (const auto& t : terms)
    for (auto it = db.postlist_begin(t), end = db.postlist_end(t); it != end; ++it) {
      const Xapian::docid did = *it;
      marked[did / 64] |= uint64_t{1} << (did % 64);
    }
  for (size_t w = 0; w < marked.size(); ++w)
    for (uint64_t bits = marked[w]; bits != 0; bits &= bits - 1)
      take(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
  return n;
}

}  // namespace pep

namespace pep {
namespace {

// The matches of the union in [lo, hi), at most `budget` of them, fed to `part`. Returns how many
// were taken and the last id examined (hi - 1 when the slice was read to its end).
std::pair<Xapian::doccount, Xapian::docid> read_slice(std::vector<Xapian::PostingIterator>& its,
                                                      const std::vector<Xapian::PostingIterator>& ends, Xapian::docid lo,
                                                      Xapian::docid hi, Xapian::doccount budget,
                                                      const FacetColumn::Filter& filter, FacetColumn::Counter& part) {
  for (size_t k = 0; k < its.size(); ++k)
    if (its[k] != ends[k]) its[k].skip_to(lo);
  Xapian::doccount taken = 0;
  while (true) {
    Xapian::docid next = hi;
    for (size_t k = 0; k < its.size(); ++k)
      if (its[k] != ends[k] && *its[k] < next) next = *its[k];
    if (next >= hi) return {taken, hi - 1};
    for (size_t k = 0; k < its.size(); ++k)
      if (its[k] != ends[k] && *its[k] == next) ++its[k];
    if (!filter.accepts(next)) continue;
    part.add(next);
    if (++taken == budget) return {taken, next};
  }
}

}  // namespace

MatchCount sample_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                             const FacetColumn::Filter& filter, FacetColumn::Counter& counter, Xapian::doccount limit) {
  Xapian::doccount bound = 0;  // the union holds at most the sum of its terms' frequencies
  for (const auto& t : terms) bound += db.get_termfreq(t);
  if (limit == 0 || bound <= limit) return {count_term_union(db, terms, filter, counter), true};
  std::vector<Xapian::PostingIterator> its, ends;
  for (const auto& t : terms) {
    its.push_back(db.postlist_begin(t));
    ends.push_back(db.postlist_end(t));
  }
  const uint64_t last = db.get_lastdocid();
  const uint64_t slices = std::max<uint64_t>(kMinSampleSlices, limit / kSampleRun);
  const auto budget = static_cast<Xapian::doccount>(std::max<uint64_t>(1, (limit + slices - 1) / slices));
  MatchCount out;
  FacetColumn::Counter sampled(counter.column());
  double total = 0;
  for (uint64_t s = 0; s < slices; ++s) {
    const auto lo = static_cast<Xapian::docid>(1 + last * s / slices);
    const auto hi = static_cast<Xapian::docid>(1 + last * (s + 1) / slices);
    if (lo >= hi) continue;
    FacetColumn::Counter part(counter.column());
    const auto [taken, reached] = read_slice(its, ends, lo, hi, budget, filter, part);
    // Cut short at the taken-th match, `read` ids in: (taken - 1) / (read - 1) estimates the
    // slice's density without the bias of taken / read (the run always ends on a match).
    const double read = static_cast<double>(reached + 1 - lo);
    const double density = taken > 1 && read > 1 ? (taken - 1) / (read - 1) : taken / read;
    const double scale = reached + 1 == hi ? 1.0 : density * static_cast<double>(hi - lo) / taken;
    out.exact = out.exact && reached + 1 == hi;
    sampled.add_scaled(part, scale);
    total += taken * scale;
  }
  out.matches = static_cast<Xapian::doccount>(std::llround(total));
  // A facet filter can leave few of many postings: a set the sample puts within the limit is
  // counted exactly after all.
  if (!out.exact && out.matches <= limit) return {count_term_union(db, terms, filter, counter), true};
  counter.add_scaled(sampled, 1.0);
  return out;
}

}  // namespace pep
