// The facet-counting pass for the query shape most searches have — one word, or words joined by
// OR / SYNONYM (aliases, prefix completions) — without Xapian's matcher: the QueryBuilder says
// when a query is such a union (BuiltQuery::union_terms), and count_term_union() marks the terms'
// Xapian posting lists in a bitmap over document ids, applies the facet filter from memory and
// feeds each match to the counter. Xapian's matcher visits the same documents through its general
// machinery at a higher cost per match (measured in docs/decisions/0001-stems-as-xapian-terms.md).
// For other shapes (phrases, AND, match-all) the caller counts with Xapian::Enquire; both give
// the same set. Reads `db` only; not thread-safe beyond Xapian's own rules (one Database per thread).
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

}  // namespace pep
