// The facet-counting pass for the query shape most searches have — one word, or words joined by
// OR / SYNONYM (aliases, prefix completions) — without Xapian's matcher: the QueryBuilder says
// when a query is such a union (BuiltQuery::union_terms), and count_term_union() marks the terms'
// Xapian posting lists in a bitmap over document ids, applies the facet filter from memory and
// feeds each match to the counter. Xapian's matcher visits the same documents through its general
// machinery at a higher cost per match (measured in docs/decisions/0001-stems-as-xapian-terms.md).
// For other shapes (phrases, AND, match-all) the caller counts with Xapian::Enquire; both give
// the same set.
//
// sample_term_union() bounds the cost for a broad union (docs/decisions/0016-bounded-facet-counts.md):
// the document ids 1..lastdocid are cut into equal slices, limit / kSampleRun of them (at least
// kMinSampleSlices), and only the first kSampleRun matches of each slice are read
// (PostingIterator::skip_to to each slice's start); a slice read to its end counts exactly, a cut
// one is scaled to its id span by the density (taken - 1) / (ids read - 1). Many short runs,
// because a corpus's documents are clustered by topic in id order. Counts and total are then
// estimates, said by `exact`; when the estimate is within the limit (a facet filter leaves few of
// many postings) the union is counted exactly after all.
// Reads `db` only; not thread-safe beyond Xapian's own rules (one Database per thread). Throws
// what Xapian throws (Xapian::Error) on a damaged index.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "facet_column.h"

namespace pep {

// Feeds every document of `db` holding any of `terms` and passing `filter` to `counter`; returns
// how many.
Xapian::doccount count_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                                  const FacetColumn::Filter& filter, FacetColumn::Counter& counter);

struct MatchCount {
  Xapian::doccount matches = 0;  // exact, or the estimate when !exact
  bool exact = true;
};

inline constexpr Xapian::doccount kSampleRun = 4;
inline constexpr Xapian::doccount kMinSampleSlices = 16;

// count_term_union when the terms' frequencies add up to at most `limit` (or limit is 0), else the
// sample described above, its counts scaled into `counter`.
MatchCount sample_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                             const FacetColumn::Filter& filter, FacetColumn::Counter& counter, Xapian::doccount limit);

}  // namespace pep
