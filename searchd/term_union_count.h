// count_term_union: the facet-counting pass for the query shape most searches have — one term,
// or terms joined by OR / SYNONYM (possibly weight-scaled) — without Xapian's matcher: it marks
// the terms' posting lists in a bitmap over document ids, applies the facet filter from memory,
// and feeds each match to the counter. Xapian's matcher visits the same documents through its
// general machinery at several times the cost per match (docs/benchmark.md).
//
// Returns the number of matches, or nullopt when `query` has another shape (phrases, AND, ...):
// the caller then counts with Xapian::Enquire. Both give the same set for the shapes accepted.
#pragma once

#include <xapian.h>

#include <optional>

#include "facet_column.h"

namespace pep {

std::optional<Xapian::doccount> count_term_union(const Xapian::Database& db, const Xapian::Query& query,
                                                 const FacetColumn::Filter& filter, FacetColumn::Counter& counter);

}  // namespace pep
