// The one JSON encoding of a SearchResponse, shared by `pepsearch --json` and searchd's
// /api/search. Field names are a contract (issue #2); add fields, never rename or drop them.
// Grouped by source (issue #27), the response adds "group": "source" and "total_groups", and
// each result "sub_results" (results of the same shape) and "sub_total"; otherwise it is as before.
#pragma once

#include <nlohmann/json.hpp>

#include "search_types.h"

namespace pep {

// A result's "text" (and a snippet made from it) holds at most this many bytes, cut at a UTF-8
// character and marked "text_truncated": true, so one answer stays bounded whatever the corpus
// holds; /api/search?full_text=1 and pepsearch --full-text ask for the whole text (0: no cap).
constexpr size_t kMaxResultTextBytes = 4096;

nlohmann::json response_json(const SearchResponse& response, size_t max_text_bytes = kMaxResultTextBytes);

}  // namespace pep
