// PositionalFilter: phrase and proximity matching against the position store (position_store.h),
// which holds the index's positions instead of Xapian's position table.
//
// positional_query(store, terms, window, ordered) is a Xapian query for the documents that hold
// every one of `terms` (Z terms, in order) at positions p0 < p1 < ... with p_last - p0 < window
// (ordered: what OP_PHRASE with that window matches), or, not ordered, all of them within some
// `window` consecutive positions (like OP_NEAR). It is weighted as the AND of the terms (Xapian's
// BM25Weight); the position check only filters, walking the terms' Xapian posting lists and
// reading the candidates' positions from `store`, which must outlive every search that runs the
// query (the engine owns it) and is used from the engine's thread only.
//
// positions_match() is the check on one document, exposed for tests.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "position_store.h"

namespace pep {

Xapian::Query positional_query(PositionStore& store, const std::vector<std::string>& terms, Xapian::termcount window, bool ordered);

// The position check alone, as a boolean query to filter with (it matches the same documents as
// positional_query and has no weight). Xapian 1.4 cannot put it under OP_SYNONYM, which asks
// every subquery for term statistics: filter the synonym group with these instead.
Xapian::Query positional_filter(PositionStore& store, const std::vector<std::string>& terms, Xapian::termcount window, bool ordered);

// `at[i]` the positions of the i-th query term in one document, ascending (PositionStore::find).
bool positions_match(const std::vector<std::vector<uint32_t>>& at, uint32_t window, bool ordered);

}  // namespace pep
