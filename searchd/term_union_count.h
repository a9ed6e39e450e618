// The facet-counting pass for the query shape most searches have — one term, or terms joined by
// OR / SYNONYM (possibly weight-scaled) — without Xapian's matcher: union_terms() recognises the
// shape once per search, count_term_union() marks the terms' posting lists in a bitmap over
// document ids, applies the facet filter from memory and feeds each match to the counter.
// Xapian's matcher visits the same documents through its general machinery at several times the
// cost per match (docs/benchmark.md). For other shapes (phrases, AND, match-all) union_terms()
// returns nullopt and the caller counts with Xapian::Enquire; both give the same set.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "facet_column.h"

namespace pep {

// The terms of `query` if it is made only of terms, OR, SYNONYM and weight scaling.
std::optional<std::vector<std::string>> union_terms(const Xapian::Query& query);

// Feeds every document holding any of `terms` and passing `filter` to `counter`; returns how many.
Xapian::doccount count_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                                  const FacetColumn::Filter& filter, FacetColumn::Counter& counter);

}  // namespace pep
