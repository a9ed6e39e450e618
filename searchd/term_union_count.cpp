#include "term_union_count.h"

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
