#include "term_union_count.h"

#include "posting_list.h"

namespace pep {

Xapian::doccount count_term_union(const StemPostings& postings, Xapian::docid last_docid, const std::vector<std::string>& terms,
                                  const FacetColumn::Filter& filter, FacetColumn::Counter& counter) {
  Xapian::doccount n = 0;
  auto take = [&](Xapian::docid did) {
    if (!filter.accepts(did)) return;
    counter.add(did);
    ++n;
  };
  if (terms.size() == 1) {  // one posting list is already a set in docid order
    const std::string bytes = postings.read(postings.find(terms[0]));
    for (PostingCursor c(bytes); c.next();) take(c.docid());
    return n;
  }
  std::vector<uint64_t> marked(static_cast<size_t>(last_docid) / 64 + 1, 0);
  for (const auto& t : terms) {
    const std::string bytes = postings.read(postings.find(t));
    for (PostingCursor c(bytes); c.next();) {
      const Xapian::docid did = c.docid();
      if (did > last_docid) break;  // a list from another index than `last_docid`'s: nothing to count
      marked[did / 64] |= uint64_t{1} << (did % 64);
    }
  }
  for (size_t w = 0; w < marked.size(); ++w)
    for (uint64_t bits = marked[w]; bits != 0; bits &= bits - 1)
      take(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
  return n;
}

}  // namespace pep
